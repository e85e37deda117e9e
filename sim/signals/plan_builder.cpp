// Stages are built per axis (an approach and the approach most opposite it, or a lone
// approach), the most important road first, then checked against the junction's real
// conflicts: geometry from imported maps is irregular, and a plan that gives two crossing
// movements a protected green would be worse than a slower one.
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
    std::array<std::uint16_t, 4> group{kNoGroup, kNoGroup, kNoGroup, kNoGroup};  // by Turn
};

struct Axis {
    std::vector<std::size_t> approaches;  // 1 or 2
    std::tuple<int, std::size_t, LinkId> order;  // sort key: importance first
};

class Builder {
public:
    Builder(const network::Network& net, JunctionId junction, std::span<const ConnectionId> conns,
            const PlanBuilderOptions& options)
        : net_(net), conns_(conns), options_(options) {
        plan_.junction = junction;
    }

    SignalPlan build() {
        make_groups();
        const std::vector<Axis> axes = make_axes();
        for (const Axis& axis : axes) add_axis_stages(axis);
        separate_conflicts();
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

    std::vector<Axis> make_axes() const {
        const std::size_t n = approaches_.size();
        std::vector<int> partner(n, -1);
        // Pairs only make sense at crossings and T-junctions; other shapes get a stage each.
        if (n == 3 || n == 4) {
            std::vector<std::tuple<double, std::size_t, std::size_t>> candidates;
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = a + 1; b < n; ++b) {
                    const double apart = std::abs(turn_angle(approaches_[a].heading, approaches_[b].heading));
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
            axis.approaches.push_back(a);
            if (partner[a] >= 0) axis.approaches.push_back(static_cast<std::size_t>(partner[a]));
            int rank = 0;
            std::size_t lanes = 0;
            LinkId first = approaches_[a].link;
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
        if (axis.approaches.size() == 1) {
            add_stage(collect({Turn::Straight, Turn::Right, Turn::Left, Turn::UTurn}), options_.green_through_s);
            return;
        }
        std::vector<std::uint16_t> through = collect({Turn::Straight, Turn::Right});
        std::vector<std::uint16_t> lefts = collect({Turn::Left, Turn::UTurn});
        if (options_.protected_lefts) {
            add_stage(std::move(through), options_.green_through_s);
            add_stage(std::move(lefts), options_.green_left_s);
            return;
        }
        for (std::uint16_t g : lefts) plan_.groups[g].permissive = true;
        through.insert(through.end(), lefts.begin(), lefts.end());
        add_stage(std::move(through), options_.green_through_s);
    }

    // Moves a protected group that conflicts with an earlier protected group of its stage to a
    // new stage right after it; makes a group that conflicts with itself permissive.
    void separate_conflicts() {
        const std::size_t g_count = plan_.groups.size();
        std::vector<std::uint16_t> group_of;
        std::vector<std::uint8_t> conflict(g_count * g_count, 0);
        auto local = [&](ConnectionId id) {
            return static_cast<std::size_t>(std::lower_bound(sorted_.begin(), sorted_.end(), id) - sorted_.begin());
        };
        sorted_.assign(conns_.begin(), conns_.end());
        std::sort(sorted_.begin(), sorted_.end());
        group_of.assign(sorted_.size(), kNoGroup);
        for (std::size_t g = 0; g < g_count; ++g)
            for (ConnectionId id : plan_.groups[g].connections) group_of[local(id)] = static_cast<std::uint16_t>(g);
        for (const network::Conflict& c : network::junction_conflicts(net_, sorted_)) {
            const std::size_t ga = group_of[local(c.a)];
            const std::size_t gb = group_of[local(c.b)];
            conflict[ga * g_count + gb] = conflict[gb * g_count + ga] = 1;
        }
        for (std::size_t g = 0; g < g_count; ++g)
            if (conflict[g * g_count + g]) plan_.groups[g].permissive = true;
        for (std::size_t s = 0; s < plan_.stages.size(); ++s) {
            std::vector<std::uint16_t> kept;
            std::vector<std::uint16_t> moved;
            for (std::uint16_t g : plan_.stages[s].green_groups) {
                bool clash = false;
                if (!plan_.groups[g].permissive)
                    for (std::uint16_t k : kept)
                        clash = clash || (!plan_.groups[k].permissive && conflict[std::size_t{g} * g_count + k]);
                (clash ? moved : kept).push_back(g);
            }
            if (moved.empty()) continue;
            plan_.stages[s].green_groups = std::move(kept);
            Stage extra = plan_.stages[s];
            extra.green_groups = std::move(moved);
            plan_.stages.insert(plan_.stages.begin() + static_cast<std::ptrdiff_t>(s) + 1, std::move(extra));
        }
    }

    const network::Network& net_;
    std::span<const ConnectionId> conns_;
    const PlanBuilderOptions& options_;
    SignalPlan plan_;
    std::vector<Approach> approaches_;
    std::vector<ConnectionId> sorted_;
};

SignalPlan plan_for(const network::Network& net, JunctionId junction, std::span<const ConnectionId> conns,
                    const PlanBuilderOptions& options) {
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
    return Builder(net, junction, conns, options).build();
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
    const std::size_t nj = net.junctions.size();
    std::vector<std::uint32_t> begin(nj + 2, 0);
    auto junction_of = [&](const network::Connection& c) -> std::size_t {
        return c.from_link.index() < net.links.size() ? std::min<std::size_t>(net.link(c.from_link).to.index(), nj) : nj;
    };
    for (const auto& c : net.connections) ++begin[junction_of(c) + 1];
    for (std::size_t j = 0; j <= nj; ++j) begin[j + 1] += begin[j];
    std::vector<ConnectionId> ids(net.connections.size());
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) ids[fill[junction_of(net.connections[c])]++] = ConnectionId{c};

    std::vector<SignalPlan> plans;
    plans.reserve(junctions.size());
    for (JunctionId j : junctions) {
        const std::size_t i = std::min<std::size_t>(j.index(), nj);
        plans.push_back(plan_for(net, j, std::span(ids.data() + begin[i], begin[i + 1] - begin[i]), options));
    }
    return plans;
}

}  // namespace ut::signals
