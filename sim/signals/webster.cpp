#include "signals/webster.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "signals/ring_barrier.hpp"

namespace ut::signals {
namespace {

constexpr double kMaxFlowRatio = 0.95;

// Saturation flow of a group: its lanes times the factor of its most common turn.
double group_saturation(const network::Network& net, const SignalGroup& g, const WebsterOptions& o) {
    std::set<std::pair<std::uint32_t, std::uint8_t>> lanes;
    int turns[4] = {0, 0, 0, 0};
    for (ConnectionId c : g.connections) {
        if (c.index() >= net.connections.size()) continue;
        const network::Connection& con = net.connection(c);
        lanes.insert({con.from_link.index(), con.from_lane});
        ++turns[static_cast<int>(con.turn)];
    }
    const auto dominant = static_cast<network::Turn>(std::max_element(turns, turns + 4) - turns);
    double factor = 1.0;
    if (dominant == network::Turn::Left || dominant == network::Turn::UTurn) factor = o.left_turn_factor;
    if (dominant == network::Turn::Right) factor = o.right_turn_factor;
    return o.saturation_flow_per_lane * static_cast<double>(std::max<std::size_t>(lanes.size(), 1)) * factor;
}

}  // namespace

std::vector<std::vector<double>> group_demand(const network::Network& net, const demand::Demand& demand,
                                              const std::vector<SignalPlan>& plans, double begin_s, double end_s) {
    std::vector<std::vector<double>> flow(plans.size());
    // (from link, to link) -> (plan, group)
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::size_t, std::size_t>> movement;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        flow[p].assign(plans[p].groups.size(), 0.0);
        for (std::size_t g = 0; g < plans[p].groups.size(); ++g)
            for (ConnectionId c : plans[p].groups[g].connections)
                if (c.index() < net.connections.size())
                    movement.emplace(std::pair{net.connection(c).from_link.index(), net.connection(c).to_link.index()},
                                     std::pair{p, g});
    }
    const double hours = std::max(end_s - begin_s, 1.0) / 3600.0;
    for (const demand::Trip& trip : demand.trips) {
        if (trip.depart_s < begin_s || trip.depart_s >= end_s) continue;
        const auto route = demand.route(trip);
        for (std::size_t k = 0; k + 1 < route.size(); ++k) {
            const auto it = movement.find({route[k].index(), route[k + 1].index()});
            if (it != movement.end()) flow[it->second.first][it->second.second] += 1.0 / hours;
        }
    }
    return flow;
}

WebsterTiming webster_timing(const network::Network& net, const SignalPlan& input, std::span<const double> group_flow,
                             const WebsterOptions& o) {
    const SignalPlan plan = to_ring_form(input);
    const std::size_t n = plan.phases.size();
    WebsterTiming w;
    w.flow_ratio.assign(n, 0.0);
    w.split_s.assign(n, 0.0);
    std::vector<std::uint8_t> protected_somewhere(plan.groups.size(), 0);
    for (const Phase& ph : plan.phases)
        for (std::uint16_t g : ph.groups)
            if (g < protected_somewhere.size()) protected_somewhere[g] = 1;
    const auto ratio = [&](std::uint16_t g, double factor) {
        if (g >= plan.groups.size() || g >= group_flow.size()) return 0.0;
        return group_flow[g] / (group_saturation(net, plan.groups[g], o) * factor);
    };
    std::vector<double> lost(n, 0.0);
    for (std::size_t p = 0; p < n; ++p) {
        const Phase& ph = plan.phases[p];
        for (std::uint16_t g : ph.groups) w.flow_ratio[p] = std::max(w.flow_ratio[p], ratio(g, 1.0));
        for (std::uint16_t g : ph.permissive_groups)
            if (g < protected_somewhere.size() && !protected_somewhere[g])
                w.flow_ratio[p] = std::max(w.flow_ratio[p], ratio(g, o.permissive_factor));
        const bool serves = !ph.groups.empty() || !ph.permissive_groups.empty();
        lost[p] = serves ? std::max(0.0, o.startup_lost_s + ph.clearance_s() - o.extension_s) : ph.clearance_s();
    }
    const std::size_t barriers = plan.rings.empty() ? 0 : plan.rings[0].size();
    std::vector<double> crit_y(barriers, 0.0), crit_lost(barriers, 0.0);
    for (std::size_t b = 0; b < barriers; ++b) {
        for (const auto& ring : plan.rings) {
            double y = 0.0, l = 0.0;
            for (std::uint8_t p : ring[b]) y += w.flow_ratio[p], l += lost[p];
            if (y > crit_y[b] + 1e-12 || (std::abs(y - crit_y[b]) <= 1e-12 && l > crit_lost[b])) crit_y[b] = y, crit_lost[b] = l;
        }
        w.flow_ratio_sum += crit_y[b];
        w.lost_time_s += crit_lost[b];
    }
    w.oversaturated = w.flow_ratio_sum >= kMaxFlowRatio;
    w.cycle_s = w.oversaturated ? o.max_cycle_s : (1.5 * w.lost_time_s + 5.0) / (1.0 - w.flow_ratio_sum);
    w.cycle_s = std::clamp(w.cycle_s, std::max(o.min_cycle_s, w.lost_time_s + 1.0), std::max(o.max_cycle_s, w.lost_time_s + 1.0));

    // Barrier group durations from the critical rings, then each ring shares its own.
    const double effective = w.cycle_s - w.lost_time_s;
    double cycle = 0.0;
    for (std::size_t b = 0; b < barriers; ++b) {
        const double share = w.flow_ratio_sum > 0.0 ? crit_y[b] / w.flow_ratio_sum : 1.0 / static_cast<double>(barriers);
        const double duration = effective * share + crit_lost[b];
        double longest = 0.0;
        for (const auto& ring : plan.rings) {
            double l = 0.0;
            for (std::uint8_t p : ring[b]) l += lost[p];
            // Water-filling: phases whose share falls below their minimum green get the
            // minimum; the others share what is left in proportion to their flow ratios,
            // so the cycle stays as computed whenever the minimums fit.
            const auto min_green = [&](std::uint8_t p) {
                return std::max(o.min_green_s, plan.phases[p].min_green_s) + o.extension_s - o.startup_lost_s;
            };
            std::vector<std::uint8_t> at_min;
            for (bool changed = true; changed;) {
                changed = false;
                double left = duration - l, y = 0.0;
                std::size_t free_phases = 0;
                for (std::uint8_t p : ring[b]) {
                    if (std::find(at_min.begin(), at_min.end(), p) != at_min.end()) left -= min_green(p);
                    else y += w.flow_ratio[p], ++free_phases;
                }
                for (std::uint8_t p : ring[b]) {
                    if (std::find(at_min.begin(), at_min.end(), p) != at_min.end()) {
                        w.split_s[p] = min_green(p) + lost[p];
                        continue;
                    }
                    const double g = y > 0.0 ? left * w.flow_ratio[p] / y : left / static_cast<double>(free_phases);
                    w.split_s[p] = g + lost[p];
                    if (g < min_green(p) - 1e-9) {
                        at_min.push_back(p);
                        changed = true;
                    }
                }
            }
            double sum = 0.0;
            for (std::uint8_t p : ring[b]) sum += w.split_s[p];
            longest = std::max(longest, sum);
        }
        // Rings must reach the barrier together: the shorter ones give the rest to their
        // phase with the largest flow ratio.
        for (const auto& ring : plan.rings) {
            if (ring[b].empty()) continue;
            double sum = 0.0;
            std::uint8_t busiest = ring[b].front();
            for (std::uint8_t p : ring[b]) {
                sum += w.split_s[p];
                if (w.flow_ratio[p] > w.flow_ratio[busiest]) busiest = p;
            }
            w.split_s[busiest] += longest - sum;
        }
        cycle += longest;
    }
    w.cycle_s = cycle;
    return w;
}

SignalPlan with_webster_timing(const SignalPlan& plan, const WebsterTiming& timing) {
    SignalPlan out = plan;
    if (plan.phases.empty()) {
        for (std::size_t i = 0; i < out.stages.size() && i < timing.split_s.size(); ++i) {
            Stage& s = out.stages[i];
            s.green_s = std::max(0.0, timing.split_s[i] - s.yellow_s - s.all_red_s);
        }
        return out;
    }
    out = to_ring_form(plan);
    for (TimingPlan& t : out.timings)
        if (t.controller == ControllerKind::FixedTime || t.controller == ControllerKind::Coordinated) t.split_s = timing.split_s;
    return out;
}

double webster_delay_s(double cycle_s, double g, double flow_veh_per_h, double saturation_veh_per_h) {
    const double lambda = g / cycle_s;
    const double q = flow_veh_per_h / 3600.0;
    const double x = flow_veh_per_h / (saturation_veh_per_h * lambda);
    if (x >= 1.0 || q <= 0.0) return std::numeric_limits<double>::infinity();
    const double uniform = cycle_s * (1.0 - lambda) * (1.0 - lambda) / (2.0 * (1.0 - lambda * x));
    const double random = x * x / (2.0 * q * (1.0 - x));
    const double correction = 0.65 * std::cbrt(cycle_s / (q * q)) * std::pow(x, 2.0 + 5.0 * lambda);
    return uniform + random - correction;
}

}  // namespace ut::signals
