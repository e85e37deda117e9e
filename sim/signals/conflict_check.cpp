#include "signals/conflict_check.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "signals/cycle_program.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::signals {
namespace {

using network::Turn;

std::string link_name(const network::Network& net, LinkId l) {
    const network::Link& link = net.link(l);
    if (!link.name.empty()) return fmt::format("'{}'", link.name);
    if (link.source_id != 0) return fmt::format("way {}", link.source_id);
    return fmt::format("link {}", l.value);
}

bool is_green(SignalColor c) { return c == SignalColor::Green || c == SignalColor::GreenPermissive; }

// One conflicting pair of connections in two groups of the plan.
struct GroupConflict {
    std::uint16_t yielder_group;
    std::uint16_t other_group;
    std::uint32_t yielder;
    std::uint32_t other;
};

std::vector<GroupConflict> group_conflicts(const ConflictTable& table, const SignalPlan& plan, std::size_t conns) {
    std::vector<std::uint16_t> group_of(conns, 0xffff);
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
        for (ConnectionId c : plan.groups[g].connections)
            if (c.index() < conns) group_of[c.index()] = static_cast<std::uint16_t>(g);
    std::vector<GroupConflict> out;
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
        for (ConnectionId c : plan.groups[g].connections) {
            if (c.index() >= conns) continue;
            for (const ConflictTable::Foe& foe : table.foes(c)) {
                if (!foe.yields || group_of[foe.connection] == 0xffff) continue;
                out.push_back({static_cast<std::uint16_t>(g), group_of[foe.connection], c.index(), foe.connection});
            }
        }
    return out;
}

std::string conflict_sentence(const network::Network& net, const SignalPlan& plan, const GroupConflict& gc,
                              const std::string& when) {
    const auto& yielder = plan.groups[gc.yielder_group].name;
    const auto& other = plan.groups[gc.other_group].name;
    return fmt::format("{}: signal groups '{}' and '{}' {}: {} conflicts with {}; '{}' must yield, so show it "
                       "green-permissive then, or serve the two in phases that never run together",
                       describe_junction(net, plan.junction), other, yielder, when,
                       describe_connection(net, ConnectionId{gc.other}), describe_connection(net, ConnectionId{gc.yielder}),
                       yielder);
}

// Fixed time: walk the cycle interval by interval.
void check_timeline(const network::Network& net, const SignalPlan& plan, std::size_t timing,
                    const std::vector<GroupConflict>& conflicts, std::vector<std::string>& out) {
    const CycleProgram program = cycle_program(plan, timing);
    const auto& iv = program.intervals;
    std::set<std::pair<std::uint16_t, std::uint16_t>> reported;
    const auto both_green = [&](std::size_t i, const GroupConflict& gc) {
        return is_green(iv[i].colors[gc.yielder_group]) && is_green(iv[i].colors[gc.other_group]);
    };
    // Times in the cycle as the offset counts them (0 = the reference point).
    const auto cycle_time = [&](double tau) {
        const double c = std::fmod(tau - program.layout.reference_s, program.cycle_s);
        return c < 0.0 ? c + program.cycle_s : c;
    };
    for (std::size_t i = 0; i < iv.size(); ++i) {
        for (const GroupConflict& gc : conflicts) {
            if (!both_green(i, gc) || iv[i].colors[gc.yielder_group] == SignalColor::GreenPermissive) continue;
            if (!reported.insert({gc.yielder_group, gc.other_group}).second) continue;
            // Report the whole stretch in which both stay green.
            std::size_t last = i;
            while (last + 1 < iv.size() && both_green(last + 1, gc)) ++last;
            const double end = cycle_time(iv[last].start_s + iv[last].duration_s);
            out.push_back(conflict_sentence(
                net, plan, gc,
                fmt::format("are green at the same time from {:.1f} s to {:.1f} s of the {:.0f} s cycle (timing plan '{}')",
                            cycle_time(iv[i].start_s), end == 0.0 ? program.cycle_s : end, program.cycle_s,
                            plan.timings[timing].name)));
        }
    }
}

// Actuated and max-pressure: any two phases that may run together.
void check_structure(const network::Network& net, const SignalPlan& plan, const TimingPlan& timing,
                     const std::vector<GroupConflict>& conflicts, std::vector<std::string>& out) {
    const auto places = phase_places(plan);
    std::set<std::pair<std::uint16_t, std::uint16_t>> reported;
    const auto shows = [&](const Phase& ph, std::uint16_t g) -> int {  // 2 protected, 1 permissive, 0 not
        if (std::find(ph.groups.begin(), ph.groups.end(), g) != ph.groups.end()) return 2;
        return std::find(ph.permissive_groups.begin(), ph.permissive_groups.end(), g) != ph.permissive_groups.end();
    };
    for (std::size_t a = 0; a < plan.phases.size(); ++a)
        for (std::size_t b = a; b < plan.phases.size(); ++b) {
            if (!phases_compatible(places, static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b))) continue;
            for (const GroupConflict& gc : conflicts) {
                for (auto [p, q] : {std::pair{a, b}, std::pair{b, a}}) {
                    const int y = shows(plan.phases[p], gc.yielder_group);
                    const int o = std::max(shows(plan.phases[q], gc.other_group), 0);
                    if (y != 2 || o == 0 || !reported.insert({gc.yielder_group, gc.other_group}).second) continue;
                    const std::string when =
                        p == q ? fmt::format("are both green in phase {} (timing plan '{}', {})", plan.phases[p].number,
                                             timing.name, to_string(timing.controller))
                               : fmt::format("may be green together whenever phases {} and {} run (timing plan '{}', {})",
                                             plan.phases[p].number, plan.phases[q].number, timing.name,
                                             to_string(timing.controller));
                    out.push_back(conflict_sentence(net, plan, gc, when));
                }
            }
        }
}

}  // namespace

ConflictTable::ConflictTable(const network::Network& net) : ConflictTable(net, network::compute_conflicts(net)) {}

ConflictTable::ConflictTable(const network::Network& net, const std::vector<network::Conflict>& conflicts) {
    foes_.resize(net.connections.size());
    // The engine's order (compiled_network.cpp): who has the larger rank goes first.
    const auto rank = [&](std::uint32_t c) {
        const network::Connection& con = net.connections[c];
        const network::Link& from = net.links[con.from_link.index()];
        const bool signal = net.junctions[from.to.index()].control == network::JunctionControl::TrafficSignals;
        return std::tuple{signal ? 0 : network::priority_rank(from.road_class), network::movement_rank(con.turn),
                          -static_cast<std::int64_t>(c)};
    };
    for (const network::Conflict& k : conflicts) {
        const std::uint32_t a = k.a.index();
        const std::uint32_t b = k.b.index();
        if (a >= foes_.size() || b >= foes_.size()) continue;
        const bool a_yields = rank(a) < rank(b);
        foes_[a].push_back({b, a_yields, k.kind});
        foes_[b].push_back({a, !a_yields, k.kind});
    }
}

std::string describe_junction(const network::Network& net, JunctionId j) {
    if (j.index() >= net.junctions.size()) return fmt::format("junction {} (not in the network)", j.value);
    const network::Junction& junction = net.junction(j);
    if (!junction.name.empty() && junction.source_id != 0)
        return fmt::format("junction '{}' (OSM node {})", junction.name, junction.source_id);
    if (!junction.name.empty()) return fmt::format("junction '{}'", junction.name);
    if (junction.source_id != 0) return fmt::format("junction OSM node {}", junction.source_id);
    return fmt::format("junction {}", j.value);
}

std::string describe_connection(const network::Network& net, ConnectionId c) {
    if (c.index() >= net.connections.size()) return fmt::format("connection {} (not in the network)", c.value);
    const network::Connection& con = net.connection(c);
    return fmt::format("connection {} ({} lane {} -> {}, {})", c.value, link_name(net, con.from_link), con.from_lane,
                       link_name(net, con.to_link), network::to_string(con.turn));
}

std::vector<std::string> check_plan(const network::Network& net, const ConflictTable& table, const SignalPlan& input,
                                    const ConflictCheckOptions& options) {
    std::vector<std::string> out;
    const std::string junction = describe_junction(net, input.junction);
    const SignalPlan plan = to_ring_form(input);
    for (const std::string& problem : structure_problems(plan)) out.push_back(junction + ": " + problem);
    if (!out.empty()) return out;
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
        for (ConnectionId c : plan.groups[g].connections) {
            const bool here = c.index() < net.connections.size() &&
                              net.link(net.connection(c).from_link).to == input.junction;
            if (!here)
                out.push_back(fmt::format("{}: signal group '{}' names connection {}, which is not at this junction",
                                          junction, plan.groups[g].name, c.value));
        }
    if (!out.empty()) return out;
    for (const Phase& ph : plan.phases) {
        if (ph.groups.empty() && ph.permissive_groups.empty()) continue;  // a dummy (all-red) phase
        if (ph.yellow_s + 1e-9 < options.min_yellow_s)
            out.push_back(fmt::format("{}: phase {} has a yellow of {} s, below the minimum of {} s; lengthen it",
                                      junction, ph.number, ph.yellow_s, options.min_yellow_s));
        if (ph.all_red_s + 1e-9 < options.min_all_red_s)
            out.push_back(fmt::format("{}: phase {} has an all-red of {} s, below the minimum of {} s; lengthen it",
                                      junction, ph.number, ph.all_red_s, options.min_all_red_s));
    }
    const std::vector<GroupConflict> conflicts = group_conflicts(table, plan, net.connections.size());
    for (std::size_t t = 0; t < plan.timings.size(); ++t) {
        if (plan.timings[t].controller == ControllerKind::FixedTime) check_timeline(net, plan, t, conflicts, out);
        else check_structure(net, plan, plan.timings[t], conflicts, out);
    }
    return out;
}

}  // namespace ut::signals
