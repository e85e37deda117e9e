// Connections are built per incoming link, in link id order, so the output is sorted by
// (from_link, from_lane, to_link, to_lane) without a global sort, and the work is
// proportional to the number of connections (plus one pass to index links by junction).
//
// Lane sharing follows common road markings: with several lanes, right turns use the
// rightmost lane, left turns (and U-turns) the leftmost, straight the rest; with two lanes the
// outer lanes are shared with straight (lane 0 = straight+right, lane 1 = straight+left).
// Several targets of the same kind (a fork) split that kind's lanes from right to left, in
// proportion to their lanes, so connections leaving one link never cross each other, except
// on links too short to change lanes on, where every lane leads everywhere (crossing where
// it must; conflicts.cpp then makes them yield to each other). Roads joining into one with
// as many lanes as they bring keep to lanes of their own, side by side.
#include "network/connection_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <tuple>

namespace ut::network {
namespace {

constexpr double kStraightMax_rad = std::numbers::pi / 6.0;  // within +-30 degrees
constexpr double kBendMax_rad = std::numbers::pi / 4.0;      // the straightest, within +-45 degrees
constexpr double kUTurnMin_rad = 0.75 * std::numbers::pi;   // a reversal, not a sharp turn
constexpr double kTurnaroundMin_rad = 160.0 / 180.0 * std::numbers::pi;  // onto another link
constexpr std::array kTurns{Turn::Straight, Turn::Right, Turn::Left, Turn::UTurn};
constexpr std::array kClasses{VehicleClass::Car, VehicleClass::Bus, VehicleClass::Truck};

bool usable(const Link& l) { return l.shape.size() >= 2 && !l.lanes.empty() && l.lanes.size() <= 255; }

// The lane's end (or start) point exactly as lane_shape() would compute it: an offset point
// depends only on the adjacent segment, so offsetting the last (first) two points suffices.
double lane_offset_m(const Link& link, std::size_t lane) {
    double total = 0.0;
    for (const Lane& l : link.lanes) total += l.width_m;
    double offset = -total / 2.0;
    for (std::size_t i = 0; i < lane; ++i) offset += link.lanes[i].width_m;
    return offset + link.lanes[lane].width_m / 2.0;
}
Vec2 lane_end(const Link& link, std::size_t lane) {
    const std::span<const Vec2> tail(link.shape.data() + link.shape.size() - 2, 2);
    return offset_polyline(tail, lane_offset_m(link, lane)).back();
}
Vec2 lane_start(const Link& link, std::size_t lane) {
    return offset_polyline(std::span<const Vec2>(link.shape.data(), 2), lane_offset_m(link, lane)).front();
}
Vec2 unit(double heading) { return {std::cos(heading), std::sin(heading)}; }

// Quadratic Bezier through the intersection of the two lane directions; when the directions
// do not meet ahead of p0 and behind p2 (U-turns, odd geometry) a cubic with handles along
// both directions, which for a U-turn approximates a half circle.
Polyline curve(Vec2 p0, Vec2 d0, Vec2 p2, Vec2 d2, int points) {
    Polyline out;
    out.reserve(static_cast<std::size_t>(points));
    const double gap = distance(p0, p2);
    const double denom = cross(d0, d2);
    if (std::abs(denom) > 1e-6) {
        const double t = cross(p2 - p0, d2) / denom;
        const double back = -cross(p2 - p0, d0) / denom;  // control point lies this far behind p2
        if (t > 0.0 && back > 0.0 && t < 3.0 * gap && back < 3.0 * gap) {
            const Vec2 c = p0 + d0 * t;
            for (int i = 0; i < points; ++i) {
                const double u = i / static_cast<double>(points - 1);
                out.push_back(p0 * ((1 - u) * (1 - u)) + c * (2 * u * (1 - u)) + p2 * (u * u));
            }
            return out;
        }
    }
    const double handle = dot(d0, d2) < -0.5 ? gap * 2.0 / 3.0 : gap / 3.0;
    const Vec2 c1 = p0 + d0 * handle;
    const Vec2 c2 = p2 - d2 * handle;
    for (int i = 0; i < points; ++i) {
        const double u = i / static_cast<double>(points - 1);
        const double v = 1 - u;
        out.push_back(p0 * (v * v * v) + c1 * (3 * v * v * u) + c2 * (3 * v * u * u) + p2 * (u * u * u));
    }
    return out;
}

struct Target {
    LinkId link;
    Turn turn;
    double order;  // turn angle; U-turns sort last (leftmost)
};

struct Range {
    int lo = 0;
    int hi = -1;  // inclusive; empty when hi < lo
};

// Default lanes per turn kind for an n-lane approach, given which kinds exist.
std::array<Range, 4> default_ranges(int n, TurnMask present) {
    auto has = [&](Turn t) { return (present & turn_bit(t)) != 0; };
    const int last = n - 1;
    std::array<Range, 4> r{};
    auto set = [&](Turn t, int lo, int hi) { r[static_cast<std::size_t>(t)] = {lo, hi}; };
    const int kinds = int(has(Turn::Straight)) + int(has(Turn::Right)) + int(has(Turn::Left));
    if (kinds == 0) {
        if (has(Turn::UTurn)) set(Turn::UTurn, 0, last);
        return r;
    }
    if (has(Turn::UTurn)) set(Turn::UTurn, last, last);
    if (kinds == 1) {
        for (Turn t : {Turn::Straight, Turn::Right, Turn::Left})
            if (has(t)) set(t, 0, last);
    } else if (has(Turn::Straight)) {
        if (n <= 2) {
            set(Turn::Straight, 0, last);
            if (has(Turn::Right)) set(Turn::Right, 0, 0);
            if (has(Turn::Left)) set(Turn::Left, last, last);
        } else {
            if (has(Turn::Right)) set(Turn::Right, 0, 0);
            if (has(Turn::Left)) set(Turn::Left, last, last);
            set(Turn::Straight, has(Turn::Right) && n >= 4 ? 1 : 0, has(Turn::Left) ? last - 1 : last);
        }
    } else {  // right and left only (the stem of a T)
        const int split = std::max(1, n / 2);
        set(Turn::Right, 0, n == 1 ? 0 : split - 1);
        set(Turn::Left, n == 1 ? 0 : split, last);
    }
    return r;
}

// The outgoing lane accepting every class of `from_classes`, nearest to `wanted`; failing
// that, one accepting some of them; -1 when none does.
int compatible_lane(const Link& to, int wanted, ClassMask from_classes) {
    const int p = static_cast<int>(to.lanes.size());
    for (bool need_all : {true, false}) {
        for (int d = 0; d < p; ++d) {
            for (int cand : {wanted - d, wanted + d}) {
                if (cand < 0 || cand >= p) continue;
                const ClassMask common = from_classes & to.lanes[static_cast<std::size_t>(cand)].allowed_classes;
                if (need_all ? common == from_classes : common != 0) return cand;
            }
        }
    }
    return -1;
}

struct Builder {
    Network& net;
    const ConnectionOptions& options;
    int points;
    std::vector<std::uint32_t> out_begin;  // CSR: outgoing links per junction, in id order
    std::vector<LinkId> out_links;
    std::vector<Target> targets;
    std::vector<Target> u_turns;
    std::vector<Connection> result;
    std::vector<std::uint8_t> entered_by_choice;  // per link, find_entered_by_choice
    std::vector<std::uint8_t> merge_offset;       // per link, find_lane_adding_merges

    void index_outgoing() {
        out_begin.assign(net.junctions.size() + 1, 0);
        for (const Link& l : net.links)
            if (l.from.index() < net.junctions.size()) ++out_begin[l.from.index() + 1];
        for (std::size_t j = 0; j < net.junctions.size(); ++j) out_begin[j + 1] += out_begin[j];
        out_links.resize(out_begin.back());
        std::vector<std::uint32_t> fill(out_begin.begin(), out_begin.end() - 1);
        for (std::uint32_t i = 0; i < net.links.size(); ++i) {
            const JunctionId from = net.links[i].from;
            if (from.index() < net.junctions.size()) out_links[fill[from.index()]++] = LinkId{i};
        }
    }

    void collect_targets(LinkId in_id) {
        const Link& in = net.link(in_id);
        targets.clear();
        u_turns.clear();
        const std::size_t j = in.to.index();
        for (std::uint32_t k = out_begin[j]; k < out_begin[j + 1]; ++k) {
            const LinkId out_id = out_links[k];
            const Link& out = net.link(out_id);
            if (out_id == in_id || !usable(out)) continue;
            const Turn t = classify_turn(in, out);
            const double angle = turn_angle(end_heading(in.shape), start_heading(out.shape));
            (t == Turn::UTurn ? u_turns : targets).push_back({out_id, t, t == Turn::UTurn ? 10.0 : angle});
        }
        // Where a dual carriageway meets a road, the way back is the other carriageway, a
        // different link: without the exact reverse link, the link nearly opposite is the
        // turnaround (as SUMO's netconvert decides, at >= 160 degrees). As a left turn it
        // would take a left-turn lane from the real left turn.
        if (u_turns.empty()) {
            const auto sharpest = std::max_element(targets.begin(), targets.end(), [](const Target& a, const Target& b) {
                return std::abs(a.order) < std::abs(b.order);
            });
            if (sharpest != targets.end() && std::abs(sharpest->order) >= kTurnaroundMin_rad) {
                u_turns.push_back({sharpest->link, Turn::UTurn, 10.0});
                targets.erase(sharpest);
            }
        }
        // Where the road ahead bends (no target within 30 degrees), its continuation is still
        // straight on, up to 45 degrees as SUMO's netconvert has it: turn:lanes mark the lanes
        // onto it "through", and as a left or right turn it would share lanes with the turns.
        const auto straightest = std::min_element(targets.begin(), targets.end(), [](const Target& a, const Target& b) {
            return std::abs(a.order) < std::abs(b.order);
        });
        if (straightest != targets.end() && straightest->turn != Turn::Straight &&
            std::abs(straightest->order) < kBendMax_rad)
            straightest->turn = Turn::Straight;
        // U-turns only where the road ends: at a dead end, or where nothing else leads on.
        const bool dead_end = net.junctions[j].control == JunctionControl::DeadEnd || targets.empty();
        if (options.u_turns_at_dead_ends && dead_end) targets.insert(targets.end(), u_turns.begin(), u_turns.end());
        std::sort(targets.begin(), targets.end(), [](const Target& a, const Target& b) {
            return a.order != b.order ? a.order < b.order : a.link < b.link;
        });
    }

    void build_link(LinkId in_id) {
        Link& in = net.links[in_id.index()];
        collect_targets(in_id);
        const int n = static_cast<int>(in.lanes.size());
        for (Lane& lane : in.lanes)
            if (lane.marked_turns == kTurnsNotRecorded) lane.marked_turns = lane.allowed_turns;
        TurnMask present = 0;
        for (const Target& t : targets) present |= turn_bit(t.turn);

        // Which kinds each lane serves: its markings where it has them, else the default for
        // its position. Markings are exclusive (a movement no lane is marked for is not
        // allowed), but a lane whose markings match no road here (markings and geometry
        // disagree) takes its default rather than becoming a lane that leads nowhere.
        const std::array<Range, 4> defaults = default_ranges(n, present);
        std::vector<TurnMask> lane_kinds(static_cast<std::size_t>(n), 0);
        for (int i = 0; i < n; ++i) {
            const TurnMask marked = in.lanes[static_cast<std::size_t>(i)].marked_turns & present;
            TurnMask kinds = 0;
            if (in.lanes[static_cast<std::size_t>(i)].marked_turns != kAnyTurn && marked != 0) kinds = marked;
            else
                for (Turn t : kTurns)
                    if (defaults[static_cast<std::size_t>(t)].lo <= i && i <= defaults[static_cast<std::size_t>(t)].hi)
                        kinds |= turn_bit(t);
            lane_kinds[static_cast<std::size_t>(i)] = kinds;
        }

        std::vector<int> kind_lanes;
        std::vector<int> source_lanes;
        const std::size_t first_new = result.size();
        std::vector<TurnMask> got(static_cast<std::size_t>(n), 0);
        for (std::size_t a = 0; a < targets.size();) {
            std::size_t b = a;  // targets [a, b) share a kind, ordered right to left
            while (b < targets.size() && targets[b].turn == targets[a].turn) ++b;
            const Turn kind = targets[a].turn;
            kind_lanes.clear();
            for (int i = 0; i < n; ++i)
                if (lane_kinds[static_cast<std::size_t>(i)] & turn_bit(kind)) kind_lanes.push_back(i);
            const auto m = kind_lanes.size();
            const auto k = b - a;
            const std::vector<std::size_t> split = m >= k ? split_by_width(a, b, m) : std::vector<std::size_t>{};
            for (std::size_t t = 0; t < k && m > 0; ++t) {  // m == 0: the markings forbid this kind
                source_lanes.clear();
                if (m >= k) {
                    for (std::size_t i = split[t]; i < split[t + 1]; ++i) source_lanes.push_back(kind_lanes[i]);
                } else {
                    source_lanes.push_back(kind_lanes[t * m / k]);
                }
                add_class_coverage(in, targets[a + t], source_lanes);
                emit(in_id, targets[a + t], source_lanes, got);
            }
            a = b;
        }
        if (n >= 2 && in.length_m < options.min_lane_change_length_m) fan_out(in_id, first_new, got);
        if (net.junctions[in.to.index()].control != JunctionControl::TrafficSignals) fan_in(in_id, first_new, got);
        // Stable: of several connections from one lane to one link, the lane markings' one
        // stays first, and the engine takes the first that leads on along the route.
        std::stable_sort(result.begin() + static_cast<std::ptrdiff_t>(first_new), result.end(),
                         [](const Connection& x, const Connection& y) {
                             return std::tie(x.from_lane, x.to_link) < std::tie(y.from_lane, y.to_link);
                         });
        for (std::size_t i = 0; i < in.lanes.size(); ++i) {
            const TurnMask marked = in.lanes[i].marked_turns;
            in.lanes[i].allowed_turns = static_cast<TurnMask>((marked != kAnyTurn ? marked : 0) | got[i]);
        }
    }

    // Where m >= k lanes serve the k targets [a, b) of one kind (a fork), which of them each
    // takes: boundaries into those lanes, right to left, in proportion to the lanes of the
    // roads ahead and at least one each. A four-lane road forking into itself and a one-lane
    // ramp keeps three lanes on the road (Portland, SE Grand Avenue at the Morrison Bridge
    // ramp: split two and two, half the avenue's traffic had to change lanes on 31 m).
    std::vector<std::size_t> split_by_width(std::size_t a, std::size_t b, std::size_t m) const {
        const std::size_t k = b - a;
        std::size_t total = 0;
        for (std::size_t t = a; t < b; ++t) total += net.link(targets[t].link).lanes.size();
        std::vector<std::size_t> bound(k + 1, m);
        std::size_t before = 0;
        for (std::size_t t = 0; t < k; ++t) {
            // Equal widths give t * m / k, the even split.
            const std::size_t share = before * m / total;
            bound[t] = std::clamp(share, t == 0 ? 0 : bound[t - 1] + 1, m - (k - t));
            before += net.link(targets[a + t].link).lanes.size();
        }
        return bound;
    }

    // Every vehicle class that can use both links gets a way through, e.g. cars when the
    // right-turn lane is a bus lane: the nearest lane that allows the class joins in.
    void add_class_coverage(const Link& in, const Target& target, std::vector<int>& lanes) {
        const Link& out = net.link(target.link);
        const bool leftish = target.turn == Turn::Left || target.turn == Turn::UTurn;
        for (VehicleClass c : kClasses) {
            const ClassMask bit = class_bit(c);
            bool out_allows = false;
            for (const Lane& l : out.lanes) out_allows = out_allows || (l.allowed_classes & bit);
            if (!out_allows) continue;
            bool covered = false;
            for (int i : lanes) covered = covered || (in.lanes[static_cast<std::size_t>(i)].allowed_classes & bit);
            if (covered) continue;
            const int lo = lanes.empty() ? 0 : lanes.front();
            const int hi = lanes.empty() ? static_cast<int>(in.lanes.size()) - 1 : lanes.back();
            int best = -1;
            int best_d = 0;
            for (int i = 0; i < static_cast<int>(in.lanes.size()); ++i) {
                if (!(in.lanes[static_cast<std::size_t>(i)].allowed_classes & bit)) continue;
                const int d = i < lo ? lo - i : (i > hi ? i - hi : 0);
                if (best < 0 || d < best_d || (d == best_d && leftish)) {
                    best = i;
                    best_d = d;
                }
            }
            if (best >= 0 && std::find(lanes.begin(), lanes.end(), best) == lanes.end()) {
                lanes.insert(std::upper_bound(lanes.begin(), lanes.end(), best), best);
            }
        }
    }

    void emit(LinkId in_id, const Target& target, const std::vector<int>& lanes, std::vector<TurnMask>& got) {
        const Link& in = net.link(in_id);
        const Link& out = net.link(target.link);
        const int p = static_cast<int>(out.lanes.size());
        const int m = static_cast<int>(lanes.size());
        // Straight on keeps its lane where the road ahead has it; lanes further left (beside
        // a right-turn lane, or the left branch of a fork) shift right onto the lanes there
        // are, rather than all squeezing into its leftmost lane.
        const int shift = std::max(0, lanes.back() - (p - 1));
        for (int i = 0; i < m; ++i) {
            const int from = lanes[static_cast<std::size_t>(i)];
            int wanted = 0;
            switch (target.turn) {
                case Turn::Right: wanted = std::min(i, p - 1); break;
                case Turn::Straight:
                    wanted = m <= p ? std::max(0, from - shift) + merge_offset[in_id.index()] : std::min(i, p - 1);
                    break;
                case Turn::Left:
                case Turn::UTurn: wanted = std::max(0, p - m + i); break;
            }
            connect(in_id, from, target, compatible_lane(out, wanted, in.lanes[static_cast<std::size_t>(from)].allowed_classes), got);
        }
    }

    // Straight on into a link too short to be sure of changing lanes on in a queue, a lane may
    // also enter the other lanes of that link: drivers take the lane for their next turn as
    // they enter it, where the road widens into turn lanes or its lanes split up. (At a
    // signal these movements would cross each other's path within one green, so not there.)
    // Nearest lanes first, after the lane's own.
    void fan_in(LinkId in_id, std::size_t first, std::vector<TurnMask>& got) {
        const Link& in = net.link(in_id);
        const std::size_t end = result.size();
        for (const Target& target : targets) {
            const Link& out = net.link(target.link);
            const int p = static_cast<int>(out.lanes.size());
            if (target.turn != Turn::Straight || p < 2 || out.length_m >= options.lane_choice_length_m) continue;
            for (std::size_t k = first; k < end; ++k) {
                const Connection own = result[k];
                if (own.to_link != target.link) continue;
                const ClassMask classes = in.lanes[own.from_lane].allowed_classes;
                auto has = [&](int to) {
                    return std::any_of(result.begin() + static_cast<std::ptrdiff_t>(first), result.end(), [&](const Connection& c) {
                        return c.from_lane == own.from_lane && c.to_link == target.link && c.to_lane == to;
                    });
                };
                for (int d = 1; d < p; ++d)
                    for (int to : {own.to_lane - d, own.to_lane + d})
                        if (to >= 0 && to < p && (out.lanes[static_cast<std::size_t>(to)].allowed_classes & classes) == classes &&
                            !has(to))
                            connect(in_id, own.from_lane, target, to, got);
            }
        }
    }

    // Connections from the lanes of a short link that do not lead to a link its other lanes
    // lead to: each into the lane beside the one its nearest neighbouring lane uses (a lane
    // further left turns into a lane further left), so they run side by side with those.
    void fan_out(LinkId in_id, std::size_t first, std::vector<TurnMask>& got) {
        const Link& in = net.link(in_id);
        const int n = static_cast<int>(in.lanes.size());
        const std::size_t end = result.size();
        for (const Target& target : targets) {
            std::vector<int> to_lane(static_cast<std::size_t>(n), -1);  // per lane; the first if several
            for (std::size_t k = first; k < end; ++k)
                if (result[k].to_link == target.link && to_lane[result[k].from_lane] < 0)
                    to_lane[result[k].from_lane] = result[k].to_lane;
            if (std::all_of(to_lane.begin(), to_lane.end(), [](int t) { return t < 0; })) continue;
            const int p = static_cast<int>(net.link(target.link).lanes.size());
            for (int i = 0; i < n; ++i) {
                if (to_lane[static_cast<std::size_t>(i)] >= 0) continue;
                int nearest = -1;
                for (int k = 0; k < n; ++k)
                    if (to_lane[static_cast<std::size_t>(k)] >= 0 && (nearest < 0 || std::abs(k - i) < std::abs(nearest - i)))
                        nearest = k;
                const int wanted = std::clamp(to_lane[static_cast<std::size_t>(nearest)] + i - nearest, 0, p - 1);
                const int to = compatible_lane(net.link(target.link), wanted, in.lanes[static_cast<std::size_t>(i)].allowed_classes);
                // Where every vehicle chose its lane entering the link (fan_in), a lane that
                // would only merge into another's path is left out: both lanes feeding one
                // lane through the junction, each waiting for the other's vehicle to clear it,
                // halves what the turn carries.
                const bool merges = std::any_of(result.begin() + static_cast<std::ptrdiff_t>(first),
                                                result.begin() + static_cast<std::ptrdiff_t>(end), [&](const Connection& c) {
                                                    return c.to_link == target.link && c.to_lane == to;
                                                });
                if (!(merges && entered_by_choice[in_id.index()])) connect(in_id, i, target, to, got);
            }
        }
    }

    // Links every vehicle enters straight on at a junction without signals: they choose
    // their lane as they enter (fan_in), and need no lane leading everywhere.
    void find_entered_by_choice() {
        entered_by_choice.assign(net.links.size(), options.lane_choice_length_m > 0.0 ? 1 : 0);
        for (std::uint32_t i = 0; i < net.links.size(); ++i) {
            const Link& l = net.links[i];
            if (!usable(l) || l.to.index() >= net.junctions.size()) continue;
            collect_targets(LinkId{i});
            const bool signals = net.junctions[l.to.index()].control == JunctionControl::TrafficSignals;
            for (const Target& t : targets)
                if (signals || t.turn != Turn::Straight || net.link(t.link).length_m >= options.lane_choice_length_m)
                    entered_by_choice[t.link.index()] = 0;
        }
    }

    // Where roads join into one that has as many lanes as they bring together (a ramp whose
    // lane becomes a lane of the motorway, two carriageways joining), each goes on in lanes
    // of its own, side by side from right to left as they come in, so that neither has to
    // give way to the other. Straight on alone, each would start at the rightmost lane and
    // the two would merge into the same lanes, leaving the left ones to nobody (Portland:
    // Stadium Freeway, 2 lanes and a 1-lane ramp into 3, both into lanes 0-1).
    void find_lane_adding_merges() {
        merge_offset.assign(net.links.size(), 0);
        std::vector<std::vector<LinkId>> feeders(net.links.size());  // per link: links only going straight into it
        for (std::uint32_t i = 0; i < net.links.size(); ++i) {
            const Link& l = net.links[i];
            if (!usable(l) || l.to.index() >= net.junctions.size()) continue;
            collect_targets(LinkId{i});
            if (targets.size() == 1 && targets[0].turn == Turn::Straight) feeders[targets[0].link.index()].push_back(LinkId{i});
        }
        for (std::uint32_t o = 0; o < net.links.size(); ++o) {
            std::vector<LinkId>& in = feeders[o];
            if (in.size() < 2) continue;
            const Link& out = net.links[o];
            std::size_t lanes = 0;
            for (LinkId l : in) lanes += net.link(l).lanes.size();
            if (lanes > out.lanes.size()) continue;  // a real merge: lanes end
            // Right to left: by how far each arrives to the right of the road it joins.
            const Vec2 start = out.shape.front();
            const Vec2 ahead = unit(start_heading(out.shape));
            auto leftness = [&](LinkId l) { return cross(ahead, net.link(l).shape.back() - start); };
            std::sort(in.begin(), in.end(), [&](LinkId a, LinkId b) {
                const double la = leftness(a), lb = leftness(b);
                return la != lb ? la < lb : a < b;
            });
            std::size_t offset = 0;
            for (LinkId l : in) {
                merge_offset[l.index()] = static_cast<std::uint8_t>(offset);
                offset += net.link(l).lanes.size();
            }
        }
    }

    void connect(LinkId in_id, int from, const Target& target, int to, std::vector<TurnMask>& got) {
        if (to < 0) return;
        const Link& in = net.link(in_id);
        const Link& out = net.link(target.link);
        Connection c;
        c.from_link = in_id;
        c.from_lane = static_cast<std::uint8_t>(from);
        c.to_link = target.link;
        c.to_lane = static_cast<std::uint8_t>(to);
        c.turn = target.turn;
        const Vec2 p0 = lane_end(in, static_cast<std::size_t>(from));
        const Vec2 p2 = lane_start(out, static_cast<std::size_t>(to));
        c.shape = target.turn == Turn::Straight
                      ? Polyline{p0, p2}
                      : curve(p0, unit(end_heading(in.shape)), p2, unit(start_heading(out.shape)), points);
        c.length_m = std::max(0.5, polyline_length(c.shape));
        got[static_cast<std::size_t>(from)] |= turn_bit(target.turn);
        result.push_back(std::move(c));
    }
};

}  // namespace

Turn classify_turn(const Link& from, const Link& to) {
    const double angle = turn_angle(end_heading(from.shape), start_heading(to.shape));
    if (to.to == from.from && to.from == from.to && std::abs(angle) >= kUTurnMin_rad) return Turn::UTurn;
    if (std::abs(angle) <= kStraightMax_rad) return Turn::Straight;
    return angle > 0.0 ? Turn::Left : Turn::Right;
}

void build_connections(Network& net, const ConnectionOptions& options) {
    Builder b{net, options, std::max(3, static_cast<int>(options.connection_points)), {}, {}, {}, {}, {}, {}, {}};
    b.index_outgoing();
    b.find_entered_by_choice();
    b.find_lane_adding_merges();
    b.result.reserve(net.links.size() * 4);
    for (std::uint32_t i = 0; i < net.links.size(); ++i) {
        const Link& l = net.links[i];
        if (!usable(l) || l.to.index() >= net.junctions.size()) continue;
        b.build_link(LinkId{i});
    }
    net.connections = std::move(b.result);
}

}  // namespace ut::network
