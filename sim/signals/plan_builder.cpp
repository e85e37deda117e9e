// Stages are built per axis (an arm and the arm most opposite it, or a lone arm; an arm is
// the approaches from one direction), the most important road first, then checked against
// the junction's real conflicts: geometry from imported maps is irregular, and a plan that
// gives two crossing movements a protected green would be worse than a slower one.
#include "signals/plan_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "network/conflicts.hpp"

namespace ut::signals {
namespace {

using network::Turn;

constexpr double kOppositeMin_rad = 0.75 * std::numbers::pi;  // headings >= 135 degrees apart
constexpr double kSameArmMax_rad = std::numbers::pi / 6.0;     // headings <= 30 degrees apart
constexpr std::uint16_t kNoGroup = 0xffff;

const char* bound_name(double heading) {
    const double deg = std::fmod(heading * 180.0 / std::numbers::pi + 360.0, 360.0);
    if (deg < 45.0 || deg >= 315.0) return "eastbound";
    if (deg < 135.0) return "northbound";
    if (deg < 225.0) return "westbound";
    return "southbound";
}

struct Approach {
    LinkId link;
    double heading = 0.0;
    bool internal = false;  // comes from another junction of the crossing
    std::array<std::uint16_t, 4> group{kNoGroup, kNoGroup, kNoGroup, kNoGroup};  // by Turn
};

struct Axis {
    std::vector<std::size_t> approaches;  // of 1 arm, or of 2 opposite arms
    int arms = 1;
    std::size_t first_arm = 0;  // approaches[0, first_arm) are of the first arm
    std::tuple<int, std::size_t, LinkId> order;  // sort key: importance first
};

class Builder {
public:
    // `crossing`: the junctions signalled together with this one (derive_crossing_plans),
    // whose connections are all in `conns`; empty for a junction alone.
    Builder(const network::Network& net, JunctionId junction, std::span<const ConnectionId> conns,
            std::span<const JunctionId> crossing, const PlanBuilderOptions& options)
        : net_(net), conns_(conns), crossing_(crossing), options_(options) {
        plan_.junction = junction;
    }

    SignalPlan build() {
        make_groups();
        find_yields();
        const std::vector<Axis> axes = make_axes();
        for (const Axis& axis : axes) add_axis_stages(axis);
        separate_conflicts();
        add_internal_groups();
        merge_stages();
        return std::move(plan_);
    }

private:
    void make_groups() {
        for (ConnectionId id : conns_) {
            const network::Connection& c = net_.connection(id);
            auto it = std::find_if(approaches_.begin(), approaches_.end(),
                                   [&](const Approach& a) { return a.link == c.from_link; });
            if (it == approaches_.end()) {
                Approach a;  // (brace-initialising `group` would zero it)
                a.link = c.from_link;
                a.heading = end_heading(net_.link(c.from_link).shape);
                a.internal = std::find(crossing_.begin(), crossing_.end(), net_.link(c.from_link).from) != crossing_.end();
                approaches_.push_back(a);
                it = approaches_.end() - 1;
            }
            std::uint16_t& g = it->group[static_cast<std::size_t>(c.turn)];
            if (g == kNoGroup) {
                const network::Link& link = net_.link(c.from_link);
                const std::string label = link.name.empty() ? fmt::format("link {}", c.from_link.value) : link.name;
                g = static_cast<std::uint16_t>(plan_.groups.size());
                plan_.groups.push_back({fmt::format("{} {} {}", label, bound_name(it->heading), network::to_string(c.turn)), {}, false});
            }
            plan_.groups[g].connections.push_back(id);
        }
    }

    // Approaches from nearly the same direction are one arm: imported junctions often have
    // several links arriving side by side (a turn pocket mapped as its own way, a slip road, a
    // dual carriageway's links joined into one junction). As separate approaches each would
    // get a stage of its own, and the main road a fraction of the cycle.
    std::vector<std::vector<std::size_t>> make_arms() const {
        std::vector<std::vector<std::size_t>> arms;
        std::vector<double> heading;
        const bool any_external = std::any_of(approaches_.begin(), approaches_.end(), [](const Approach& a) { return !a.internal; });
        for (std::size_t a = 0; a < approaches_.size(); ++a) {
            if (approaches_[a].internal && any_external) continue;  // add_internal_groups
            std::size_t k = 0;
            while (k < arms.size() && std::abs(turn_angle(heading[k], approaches_[a].heading)) > kSameArmMax_rad) ++k;
            if (k == arms.size()) {
                arms.emplace_back();
                heading.push_back(approaches_[a].heading);
            }
            arms[k].push_back(a);
        }
        return arms;
    }

    std::vector<Axis> make_axes() const {
        const std::vector<std::vector<std::size_t>> arms = make_arms();
        const std::size_t n = arms.size();
        std::vector<int> partner(n, -1);
        // The most opposite arms pair up (a road through the junction), whatever else meets
        // there: a junction joined from several nodes, or several junctions signalled as one
        // crossing, is two roads crossing with slip roads and turn pockets around them, and
        // a stage per arm gave their main roads a fraction of cycles of up to 210 s.
        if (n >= 2) {
            std::vector<std::tuple<double, std::size_t, std::size_t>> candidates;
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = a + 1; b < n; ++b) {
                    const double apart = std::abs(turn_angle(approaches_[arms[a].front()].heading,
                                                             approaches_[arms[b].front()].heading));
                    if (apart >= kOppositeMin_rad) candidates.emplace_back(std::numbers::pi - apart, a, b);
                }
            std::sort(candidates.begin(), candidates.end());
            for (const auto& [off, a, b] : candidates) {
                if (partner[a] >= 0 || partner[b] >= 0) continue;
                partner[a] = static_cast<int>(b);
                partner[b] = static_cast<int>(a);
            }
        }
        std::vector<Axis> axes;
        for (std::size_t a = 0; a < n; ++a) {
            if (partner[a] >= 0 && static_cast<std::size_t>(partner[a]) < a) continue;
            Axis axis;
            axis.approaches = arms[a];
            axis.arms = 1;
            axis.first_arm = arms[a].size();
            if (partner[a] >= 0) {
                const auto& other = arms[static_cast<std::size_t>(partner[a])];
                axis.approaches.insert(axis.approaches.end(), other.begin(), other.end());
                axis.arms = 2;
            }
            int rank = 0;
            std::size_t lanes = 0;
            LinkId first = approaches_[axis.approaches.front()].link;
            for (std::size_t i : axis.approaches) {
                const network::Link& l = net_.link(approaches_[i].link);
                rank = std::max(rank, network::priority_rank(l.road_class));
                lanes += l.lanes.size();
                first = std::min(first, approaches_[i].link);
            }
            axis.order = {-rank, static_cast<std::size_t>(0) - lanes, first};
            axes.push_back(std::move(axis));
        }
        std::sort(axes.begin(), axes.end(), [](const Axis& x, const Axis& y) { return x.order < y.order; });
        return axes;
    }

    void add_stage(std::vector<std::uint16_t> groups, double green_s) {
        if (groups.empty()) return;
        Stage s;
        s.green_groups = std::move(groups);
        s.green_s = green_s;
        s.yellow_s = options_.yellow_s;
        s.all_red_s = options_.all_red_s;
        plan_.stages.push_back(std::move(s));
    }

    void add_axis_stages(const Axis& axis) {
        auto collect = [&](std::initializer_list<Turn> turns) {
            std::vector<std::uint16_t> out;
            for (Turn t : turns)
                for (std::size_t a : axis.approaches) {
                    const std::uint16_t g = approaches_[a].group[static_cast<std::size_t>(t)];
                    if (g != kNoGroup) out.push_back(g);
                }
            return out;
        };
        if (axis.arms == 1) {
            add_stage(collect({Turn::Straight, Turn::Right, Turn::Left, Turn::UTurn}), options_.green_through_s);
            return;
        }
        std::vector<std::uint16_t> through = collect({Turn::Straight, Turn::Right});
        std::vector<std::uint16_t> lefts;
        // An approach with nothing straight on (a turn pocket mapped as its own link, a road
        // that bends away) has its main movement among the lefts: it goes with the through
        // movements, as its own stage after them where it crosses them (separate_conflicts),
        // rather than with the short protected lefts.
        for (Turn t : {Turn::Left, Turn::UTurn})
            for (std::size_t a : axis.approaches) {
                const std::uint16_t g = approaches_[a].group[static_cast<std::size_t>(t)];
                if (g == kNoGroup) continue;
                const std::uint16_t straight = approaches_[a].group[static_cast<std::size_t>(Turn::Straight)];
                const bool shared = options_.permissive_shared_lefts && straight != kNoGroup && shares_a_lane(g, straight);
                if (shared) plan_.groups[g].permissive = true;
                (straight != kNoGroup && !shared ? lefts : through).push_back(g);
            }
        if (options_.protected_lefts) {
            add_stage(std::move(through), options_.green_through_s);
            // Where only one arm turns left (the main road of a T, one side of a one-way
            // pair), its left turn runs with its own through traffic while the other arm
            // stops (a lagging left): as long as a through stage, not a short left one.
            std::array<bool, 2> turning{false, false};
            for (std::size_t i = 0; i < axis.approaches.size(); ++i)
                for (Turn t : {Turn::Left, Turn::UTurn}) {
                    const std::uint16_t g = approaches_[axis.approaches[i]].group[static_cast<std::size_t>(t)];
                    turning[i < axis.first_arm ? 0 : 1] |= std::find(lefts.begin(), lefts.end(), g) != lefts.end();
                }
            if (turning[0] != turning[1]) {
                for (std::size_t i = 0; i < axis.approaches.size(); ++i)
                    if (turning[i < axis.first_arm ? 0 : 1])
                        for (Turn t : {Turn::Straight, Turn::Right})
                            if (const std::uint16_t g = approaches_[axis.approaches[i]].group[static_cast<std::size_t>(t)];
                                g != kNoGroup)
                                lefts.push_back(g);
                add_stage(std::move(lefts), options_.green_through_s);
                return;
            }
            add_stage(std::move(lefts), options_.green_left_s);
            return;
        }
        for (std::uint16_t g : lefts) plan_.groups[g].permissive = true;
        through.insert(through.end(), lefts.begin(), lefts.end());
        add_stage(std::move(through), options_.green_through_s);
    }

    // Who yields to whom among the groups, by the engine's rule at a signal
    // (network::yields_at_signal): yields_[g * n + k] bit 0: g crosses k and yields to it,
    // bit 1: g merges with k (into one lane) and yields to it.
    void find_yields() {
        const std::size_t g_count = plan_.groups.size();
        std::vector<std::uint16_t> group_of;
        yields_.assign(g_count * g_count, 0);
        auto local = [&](ConnectionId id) {
            return static_cast<std::size_t>(std::lower_bound(sorted_.begin(), sorted_.end(), id) - sorted_.begin());
        };
        sorted_.assign(conns_.begin(), conns_.end());
        std::sort(sorted_.begin(), sorted_.end());
        group_of.assign(sorted_.size(), kNoGroup);
        for (std::size_t g = 0; g < g_count; ++g)
            for (ConnectionId id : plan_.groups[g].connections) group_of[local(id)] = static_cast<std::uint16_t>(g);
        for (const network::Conflict& c : network::junction_conflicts(net_, sorted_)) {
            const bool a_yields = network::yields_at_signal(net_, c.a, c.b);
            const std::size_t y = group_of[local(a_yields ? c.a : c.b)];
            const std::size_t o = group_of[local(a_yields ? c.b : c.a)];
            yields_[y * g_count + o] |= c.kind == network::ConflictKind::Crossing ? 1 : 2;
        }
        for (std::size_t g = 0; g < g_count; ++g)
            if (yields_[g * g_count + g]) plan_.groups[g].permissive = true;
    }
    std::uint8_t yields(std::size_t g, std::size_t k) const { return yields_[g * plan_.groups.size() + k]; }
    bool turns_left(std::uint16_t g) const {
        const Turn t = net_.connection(plan_.groups[g].connections.front()).turn;
        return t == Turn::Left || t == Turn::UTurn;
    }

    // Makes every stage safe by the engine's rule (a movement green together with one it
    // conflicts with must be the one that yields, and shown permissive): a group crossing a
    // group of its stage where the one that yields is protected moves to a new stage right
    // after; where they only merge (into one lane), or are two left turns whose paths cross
    // (opposite lefts at a skewed crossing), the one that yields turns permissive instead,
    // as drivers do, rather than costing a stage. A group conflicting with itself (lanes
    // merging or crossing) is permissive (find_yields).
    void separate_conflicts() {
        auto& groups = plan_.groups;
        for (std::size_t s = 0; s < plan_.stages.size(); ++s) {
            std::vector<std::uint16_t> kept;
            std::vector<std::uint16_t> moved;
            for (std::uint16_t g : plan_.stages[s].green_groups) {
                bool clash = false;
                for (std::uint16_t k : kept)
                    clash = clash || (!(turns_left(g) && turns_left(k)) &&
                                      (((yields(g, k) & 1) && !groups[g].permissive) ||
                                       ((yields(k, g) & 1) && !groups[k].permissive)));
                if (clash) {
                    moved.push_back(g);
                    continue;
                }
                for (std::uint16_t k : kept) {
                    if (yields(g, k)) groups[g].permissive = true;
                    if (yields(k, g)) groups[k].permissive = true;
                }
                kept.push_back(g);
            }
            if (moved.empty()) continue;
            plan_.stages[s].green_groups = std::move(kept);
            Stage extra = plan_.stages[s];
            extra.green_groups = std::move(moved);
            plan_.stages.insert(plan_.stages.begin() + static_cast<std::ptrdiff_t>(s) + 1, std::move(extra));
        }
    }

    // Movements from a link between two junctions of the crossing go when the movements
    // onto that link do, in each of their stages where that is safe: vehicles let into the
    // crossing are let out of it (a green wave), and the few metres between its junctions
    // do not fill up. One that fits in none gets a stage of its own.
    void add_internal_groups() {
        const std::size_t g_count = plan_.groups.size();
        std::vector<std::vector<std::size_t>> stages_of(g_count);
        for (std::size_t s = 0; s < plan_.stages.size(); ++s)
            for (std::uint16_t g : plan_.stages[s].green_groups) stages_of[g].push_back(s);
        for (bool changed = true; changed;) {  // again for chains of links inside the crossing
            changed = false;
            for (const Approach& a : approaches_) {
                if (!a.internal) continue;
                for (std::uint16_t g : a.group) {
                    if (g == kNoGroup) continue;
                    for (std::size_t f = 0; f < g_count; ++f) {
                        if (!feeds(f, a.link)) continue;
                        for (std::size_t s : std::vector<std::size_t>(stages_of[f])) {
                            if (std::find(stages_of[g].begin(), stages_of[g].end(), s) != stages_of[g].end() ||
                                !fits(g, plan_.stages[s]))
                                continue;
                            plan_.stages[s].green_groups.push_back(g);
                            stages_of[g].push_back(s);
                            changed = true;
                        }
                    }
                }
            }
        }
        for (const Approach& a : approaches_)
            for (std::uint16_t g : a.group)
                if (a.internal && g != kNoGroup && stages_of[g].empty()) add_stage({g}, options_.green_through_s);
    }

    // A stage whose movements cross none of an earlier stage's joins it (they merge at most,
    // the one that yields permissive): irregular junctions otherwise keep a stage for each
    // movement separate_conflicts moved, and cycles of 200 s and more.
    void merge_stages() {
        auto crosses = [&](const Stage& a, const Stage& b) {
            for (std::uint16_t g : a.green_groups)
                for (std::uint16_t k : b.green_groups)
                    if ((yields(g, k) | yields(k, g)) & 1) return true;
            return false;
        };
        for (std::size_t s = plan_.stages.size(); s-- > 1;) {
            Stage& from = plan_.stages[s];
            for (std::size_t t = 0; t < s; ++t) {
                Stage& into = plan_.stages[t];
                if (crosses(from, into)) continue;
                for (std::uint16_t g : from.green_groups) {
                    if (std::find(into.green_groups.begin(), into.green_groups.end(), g) != into.green_groups.end()) continue;
                    for (std::uint16_t k : into.green_groups) {
                        if (yields(g, k)) plan_.groups[g].permissive = true;
                        if (yields(k, g)) plan_.groups[k].permissive = true;
                    }
                    into.green_groups.push_back(g);
                }
                into.green_s = std::max(into.green_s, from.green_s);
                plan_.stages.erase(plan_.stages.begin() + static_cast<std::ptrdiff_t>(s));
                break;
            }
        }
    }

    bool shares_a_lane(std::uint16_t g, std::uint16_t k) const {
        for (ConnectionId a : plan_.groups[g].connections)
            for (ConnectionId b : plan_.groups[k].connections)
                if (net_.connection(a).from_lane == net_.connection(b).from_lane) return true;
        return false;
    }

    bool feeds(std::size_t f, LinkId link) const {
        const auto& c = plan_.groups[f].connections;
        return std::any_of(c.begin(), c.end(), [&](ConnectionId id) { return net_.connection(id).to_link == link; });
    }

    // Whether group g may be green in stage s too: it yields (and becomes permissive) to
    // every group there it conflicts with.
    bool fits(std::uint16_t g, const Stage& s) {
        for (std::uint16_t k : s.green_groups)
            if (yields(k, g) && !plan_.groups[k].permissive) return false;
        for (std::uint16_t k : s.green_groups)
            if (yields(g, k)) plan_.groups[g].permissive = true;
        return true;
    }

    const network::Network& net_;
    std::span<const ConnectionId> conns_;
    std::span<const JunctionId> crossing_;
    const PlanBuilderOptions& options_;
    SignalPlan plan_;
    std::vector<Approach> approaches_;
    std::vector<ConnectionId> sorted_;
    std::vector<std::uint8_t> yields_;
};

SignalPlan plan_for(const network::Network& net, JunctionId junction, std::span<const ConnectionId> conns,
                    const PlanBuilderOptions& options, std::span<const JunctionId> crossing = {}) {
    if (junction.index() >= net.junctions.size())
        throw std::invalid_argument(fmt::format("junction {} does not exist (the network has {} junctions)",
                                                junction.value, net.junctions.size()));
    if (conns.empty()) {
        const auto& j = net.junction(junction);
        throw std::invalid_argument(fmt::format(
            "junction {}{}{}: no connection passes through it, so there is nothing to signal; build connections "
            "first (build_connections) or make it a priority junction",
            junction.value, j.name.empty() ? "" : " '" + j.name + "'",
            j.source_id != 0 ? fmt::format(" (source id {})", j.source_id) : std::string()));
    }
    return Builder(net, junction, conns, crossing, options).build();
}

// The connections through each junction (by the junction their incoming link ends at),
// indexed once for many plans.
class ConnectionsByJunction {
public:
    explicit ConnectionsByJunction(const network::Network& net)
        : nj_(net.junctions.size()), begin_(nj_ + 2, 0), ids_(net.connections.size()) {
        auto junction_of = [&](const network::Connection& c) -> std::size_t {
            return c.from_link.index() < net.links.size() ? std::min<std::size_t>(net.link(c.from_link).to.index(), nj_)
                                                           : nj_;
        };
        for (const auto& c : net.connections) ++begin_[junction_of(c) + 1];
        for (std::size_t j = 0; j <= nj_; ++j) begin_[j + 1] += begin_[j];
        std::vector<std::uint32_t> fill(begin_.begin(), begin_.end() - 1);
        for (std::uint32_t c = 0; c < net.connections.size(); ++c)
            ids_[fill[junction_of(net.connections[c])]++] = ConnectionId{c};
    }
    std::span<const ConnectionId> at(JunctionId j) const {
        const std::size_t i = std::min<std::size_t>(j.index(), nj_);
        return {ids_.data() + begin_[i], begin_[i + 1] - begin_[i]};
    }

private:
    std::size_t nj_;
    std::vector<std::uint32_t> begin_;
    std::vector<ConnectionId> ids_;
};

// Each junction's share of a plan built over several: its groups, and every stage with the
// same timing (green for its groups of that stage, red throughout when it has none).
std::vector<SignalPlan> split_by_junction(const network::Network& net, const SignalPlan& whole,
                                          std::span<const JunctionId> junctions) {
    std::vector<SignalPlan> out;
    for (JunctionId j : junctions) {
        SignalPlan p;
        p.junction = j;
        p.offset_s = whole.offset_s;
        std::vector<std::uint16_t> renumbered(whole.groups.size(), kNoGroup);
        for (std::size_t g = 0; g < whole.groups.size(); ++g) {
            const network::Connection& c = net.connection(whole.groups[g].connections.front());
            if (net.link(c.from_link).to != j) continue;
            renumbered[g] = static_cast<std::uint16_t>(p.groups.size());
            p.groups.push_back(whole.groups[g]);
        }
        for (const Stage& s : whole.stages) {
            Stage mine = s;
            mine.green_groups.clear();
            for (std::uint16_t g : s.green_groups)
                if (renumbered[g] != kNoGroup) mine.green_groups.push_back(renumbered[g]);
            p.stages.push_back(std::move(mine));
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

SignalPlan derive_fixed_time_plan(const network::Network& net, JunctionId junction, const PlanBuilderOptions& options) {
    std::vector<ConnectionId> conns;
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const LinkId from = net.connections[c].from_link;
        if (from.index() < net.links.size() && net.link(from).to == junction) conns.push_back(ConnectionId{c});
    }
    return plan_for(net, junction, conns, options);
}

std::vector<SignalPlan> derive_fixed_time_plans(const network::Network& net, std::span<const JunctionId> junctions,
                                                const PlanBuilderOptions& options) {
    const ConnectionsByJunction by_junction(net);
    std::vector<SignalPlan> plans;
    plans.reserve(junctions.size());
    for (JunctionId j : junctions) plans.push_back(plan_for(net, j, by_junction.at(j), options));
    return plans;
}

std::vector<std::vector<SignalPlan>> derive_crossing_plans(const network::Network& net,
                                                           std::span<const std::vector<JunctionId>> crossings,
                                                           const PlanBuilderOptions& options) {
    const ConnectionsByJunction by_junction(net);
    std::vector<std::vector<SignalPlan>> out;
    out.reserve(crossings.size());
    std::vector<ConnectionId> conns;
    for (const std::vector<JunctionId>& crossing : crossings) {
        if (crossing.size() == 1) {
            out.push_back({plan_for(net, crossing.front(), by_junction.at(crossing.front()), options)});
            continue;
        }
        conns.clear();
        for (JunctionId j : crossing) {
            const auto mine = by_junction.at(j);
            if (mine.empty()) plan_for(net, j, mine, options);  // throws, naming the junction
            conns.insert(conns.end(), mine.begin(), mine.end());
        }
        out.push_back(split_by_junction(net, plan_for(net, crossing.front(), conns, options, crossing), crossing));
    }
    return out;
}

}  // namespace ut::signals
