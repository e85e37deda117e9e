// update_signals and apply_commands: the between-steps world of controllers and edits.
//
// update_signals runs every plan's controller that may change something now (in parallel
// blocks of plans: each writes only its own state and logs into its block), feeding it the
// detector actuations of its phases and, for max-pressure, each phase's pressure from the
// lane queues; then writes the colours of the plan's groups and logs every colour change.
#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <limits>
#include <span>
#include <type_traits>

#include "engine/simulation.hpp"
#include "engine/step_phases.hpp"
#include "signals/controller.hpp"

namespace ut::engine {
namespace {

using signals::SignalColor;

constexpr double kNeverStarted = -std::numeric_limits<double>::infinity();

// Whether any of the plan's timing plans runs a controller that listens to detectors.
bool uses_detectors(const signals::CompiledPlan& cp) {
    return std::any_of(cp.plan.timings.begin(), cp.plan.timings.end(), [](const signals::TimingPlan& t) {
        return t.controller == signals::ControllerKind::Actuated || t.controller == signals::ControllerKind::Coordinated;
    });
}

// Detectors on every road lane that ends at a junction whose plan is actuated (at some time
// of day), or at any signal when the config asks. Fixed-time and max-pressure control never
// read them: with thousands of fixed-time junctions, updating detectors nobody reads would
// cost as much as driving.
void place_plan_detectors(const CompiledNetwork& net, SimState& st) {
    const network::Network& source = net.source();
    std::vector<std::uint8_t> actuated(source.junctions.size(), 0);
    for (std::size_t p = 0; p < st.plans.size(); ++p)
        if (st.plans[p].junction.index() < actuated.size() &&
            (st.config.detectors_at_every_signal || uses_detectors(st.signal_control.compiled[p])))
            actuated[st.plans[p].junction.index()] = 1;
    std::vector<std::uint32_t> lanes;
    for (std::uint32_t l = 0; l < net.road_lane_count(); ++l)
        if (actuated[source.links[net.lane_link[l]].to.index()]) lanes.push_back(l);
    metrics::place_detectors(net, lanes, st.detectors);
}

signals::PlanWiring wire_plan(const CompiledNetwork& net, const SimState& st, const signals::CompiledPlan& cp) {
    signals::PlanWiring w;
    w.phase_detectors.resize(cp.plan.phases.size());
    w.phase_connections.resize(cp.plan.phases.size());
    for (std::size_t p = 0; p < cp.plan.phases.size(); ++p) {
        const signals::Phase& ph = cp.plan.phases[p];
        for (const auto* list : {&ph.groups, &ph.permissive_groups}) {
            for (std::uint16_t g : *list) {
                if (g >= cp.plan.groups.size()) continue;
                for (ConnectionId c : cp.plan.groups[g].connections) {
                    if (c.index() >= net.conn_from_lane.size()) continue;
                    const std::uint32_t from = net.conn_from_lane[c.index()];
                    w.phase_connections[p].push_back(c.index());
                    for (auto [d, end] = st.detectors.on_lane(from); d < end; ++d)
                        w.phase_detectors[p].push_back(static_cast<std::uint32_t>(d));
                }
            }
        }
        auto& dets = w.phase_detectors[p];
        std::sort(dets.begin(), dets.end());
        dets.erase(std::unique(dets.begin(), dets.end()), dets.end());
    }
    return w;
}

// Rebuilds everything derived from st.plans. Plans flagged in `changed` (or all, when it
// is empty) get a fresh controller that starts after a yellow + all-red for the groups
// that were showing green, so replacing a plan never cuts a clearance short.
void rebuild_signals(const CompiledNetwork& net, SimState& st, const std::vector<std::uint8_t>& changed) {
    // Colour each connection showed under the old plans, before the indices change.
    std::vector<SignalColor> old_conn(net.conn_from_lane.size(), SignalColor::Red);
    for (std::size_t c = 0; c < st.conn_group.size() && c < old_conn.size(); ++c)
        if (st.conn_group[c] != kNone) old_conn[c] = st.group_color[st.conn_group[c]];
    const std::vector<std::uint32_t> old_offset = st.plan_group_offset;
    const std::vector<SignalColor> old_color = st.group_color;

    st.plan_group_offset.assign(st.plans.size(), 0);
    std::uint32_t groups = 0;
    for (std::size_t p = 0; p < st.plans.size(); ++p) {
        st.plan_group_offset[p] = groups;
        groups += static_cast<std::uint32_t>(st.plans[p].groups.size());
    }
    st.group_color.assign(groups, SignalColor::Red);
    st.conn_group.assign(net.conn_from_lane.size(), kNone);
    for (std::size_t p = 0; p < st.plans.size(); ++p)
        for (std::size_t g = 0; g < st.plans[p].groups.size(); ++g)
            for (ConnectionId c : st.plans[p].groups[g].connections)
                if (c.index() < st.conn_group.size())
                    st.conn_group[c.index()] = st.plan_group_offset[p] + static_cast<std::uint32_t>(g);

    signals::SignalControl& sc = st.signal_control;
    sc.compiled.clear();
    for (const signals::SignalPlan& plan : st.plans) sc.compiled.push_back(signals::compile_plan(plan));
    place_plan_detectors(net, st);
    const bool all = changed.empty();
    std::vector<signals::ControllerState> old_states = std::move(sc.controllers);
    std::vector<double> old_start = std::move(sc.start_s);
    std::vector<double> old_yellow = std::move(sc.yellow_until_s);
    sc.wiring.clear();
    sc.controllers.assign(st.plans.size(), {});
    sc.start_s.assign(st.plans.size(), kNeverStarted);
    sc.yellow_until_s.assign(st.plans.size(), kNeverStarted);
    sc.wake_s.assign(st.plans.size(), kNeverStarted);
    sc.group_hold_yellow.assign(groups, 0);
    sc.blocks.clear();
    sc.junction_plan.assign(net.source().junctions.size(), kNone);
    for (std::size_t p = 0; p < st.plans.size(); ++p) {
        sc.wiring.push_back(wire_plan(net, st, sc.compiled[p]));
        if (st.plans[p].junction.index() < sc.junction_plan.size())
            sc.junction_plan[st.plans[p].junction.index()] = static_cast<std::uint32_t>(p);
        const bool fresh = all || changed[p] || p >= old_states.size();
        if (!fresh) {
            for (std::size_t g = 0; g < st.plans[p].groups.size(); ++g)
                st.group_color[st.plan_group_offset[p] + g] = old_color[old_offset[p] + g];
            sc.controllers[p] = old_states[p];
            sc.start_s[p] = old_start[p];
            sc.yellow_until_s[p] = old_yellow[p];
            continue;
        }
        if (all) continue;  // the start of a run: plans begin at once
        double yellow = 0.0;
        double clearance = 0.0;
        for (const auto& ph : sc.compiled[p].plan.phases) {
            yellow = std::max(yellow, ph.yellow_s);
            clearance = std::max(clearance, ph.clearance_s());
        }
        sc.yellow_until_s[p] = st.time_s + yellow;
        sc.start_s[p] = st.time_s + clearance;
        sc.controllers[p].joined_s = sc.start_s[p];
        for (std::size_t g = 0; g < st.plans[p].groups.size(); ++g)
            for (ConnectionId c : st.plans[p].groups[g].connections)
                if (c.index() < old_conn.size() && old_conn[c.index()] != SignalColor::Red)
                    sc.group_hold_yellow[st.plan_group_offset[p] + g] = 1;
    }
}

// The phase behind a group's new colour, and why the previous phase ended.
void explain(const signals::CompiledPlan& cp, const signals::ControllerState& s, std::uint16_t g,
             signals::PhaseChange& change) {
    if (g >= cp.serves_group.size()) return;
    for (const signals::RingState& ring : s.rings) {
        if (ring.phase >= cp.plan.phases.size() || ring.interval == signals::Interval::Rest) continue;
        if (!(cp.serves_group[g] >> ring.phase & 1u)) continue;
        change.phase = cp.plan.phases[ring.phase].number;
        if (ring.interval != signals::Interval::Green) change.reason = ring.reason;
        return;
    }
}

// Runs plan p's controller; `colors` is scratch for the plan's groups.
void run_plan(const CompiledNetwork& net, SimState& st, std::size_t p, std::span<SignalColor> colors,
              std::vector<signals::PhaseChange>& log) {
    signals::SignalControl& sc = st.signal_control;
    const signals::CompiledPlan& cp = sc.compiled[p];
    const signals::PlanWiring& wiring = sc.wiring[p];
    signals::ControllerState& state = sc.controllers[p];
    const std::size_t n_groups = colors.size();

    if (st.time_s + 1e-9 < sc.start_s[p]) {  // a replaced plan: clear before starting
        for (std::size_t g = 0; g < n_groups; ++g)
            colors[g] = sc.group_hold_yellow[st.plan_group_offset[p] + g] && st.time_s + 1e-9 < sc.yellow_until_s[p]
                            ? SignalColor::Yellow
                            : SignalColor::Red;
    } else {
        signals::ControllerInputs in;
        in.time_s = st.time_s;
        for (std::size_t ph = 0; ph < wiring.phase_detectors.size() && ph < signals::kMaxPhases; ++ph)
            for (std::uint32_t d : wiring.phase_detectors[ph])
                if (st.detectors.actuated(d)) in.actuated |= 1u << ph;
        std::array<double, signals::kMaxPhases> pressure{};
        if (cp.usable && cp.plan.timings[state.timing].controller == signals::ControllerKind::MaxPressure) {
            // A lane's queue counts for the phase that serves its front vehicle's movement:
            // in a shared lane, a waiting left turner holds up the through traffic behind it,
            // so only the left-turn phase can discharge that queue.
            for (std::size_t ph = 0; ph < wiring.phase_connections.size() && ph < signals::kMaxPhases; ++ph)
                for (std::uint32_t c : wiring.phase_connections[ph]) {
                    const std::uint32_t from = net.conn_from_lane[c];
                    if (st.lane_count[from] == 0 || st.front_conn[from] != c) continue;
                    pressure[ph] += static_cast<double>(st.lane_count[from]) -
                                    static_cast<double>(st.lane_count[net.conn_to_lane[c]]);
                }
            in.pressure = std::span<const double>(pressure.data(), wiring.phase_connections.size());
        }
        signals::step_controller(cp, state, in);
        signals::controller_colors(cp, state, colors);
        if (cp.fixed_time_only) sc.wake_s[p] = state.quiet_until_s;
    }

    SignalColor* out = st.group_color.data() + st.plan_group_offset[p];
    for (std::size_t g = 0; g < n_groups; ++g) {
        if (out[g] == colors[g] && st.step > 0) continue;
        if (sc.record_log) {
            signals::PhaseChange change;
            change.time_s = st.time_s;
            change.plan = static_cast<std::uint32_t>(p);
            change.group = static_cast<std::uint16_t>(g);
            change.color = colors[g];
            explain(cp, state, change.group, change);
            log.push_back(change);
        }
        out[g] = colors[g];
    }
}

}  // namespace

void index_signal_plans(const CompiledNetwork& net, SimState& st) {
    rebuild_signals(net, st, {});
}

constexpr std::size_t kPlansPerBlock = 64;

void update_signals(StepContext& ctx) {
    SimState& st = ctx.st;
    signals::SignalControl& sc = st.signal_control;
    const std::size_t plans = st.plans.size();
    sc.blocks.resize((plans + kPlansPerBlock - 1) / kPlansPerBlock);
    // Each plan writes only its own controller state and group colours.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sc.blocks.size()), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t b = r.begin(); b != r.end(); ++b) {
            signals::PlanBlockScratch& block = sc.blocks[b];
            for (std::size_t p = b * kPlansPerBlock; p < std::min(plans, (b + 1) * kPlansPerBlock); ++p) {
                if (st.time_s < sc.wake_s[p]) continue;
                block.colors.resize(st.plans[p].groups.size());
                run_plan(ctx.net, st, p, block.colors, block.log);
            }
        }
    });
    for (signals::PlanBlockScratch& block : sc.blocks) {  // the log is one list in plan order
        sc.log.insert(sc.log.end(), block.log.begin(), block.log.end());
        block.log.clear();
    }
}

void apply_commands(StepContext& ctx) {
    SimState& st = ctx.st;
    if (st.pending_commands.empty()) return;
    std::vector<std::uint8_t> changed(st.plans.size(), 0);
    bool plans_changed = false;
    bool lanes_changed = false;
    for (Command& command : st.pending_commands) {
        std::visit(
            [&](auto& cmd) {
                using T = std::decay_t<decltype(cmd)>;
                if constexpr (std::is_same_v<T, SetSignalPlan>) {
                    plans_changed = true;
                    for (std::size_t p = 0; p < st.plans.size(); ++p) {
                        if (st.plans[p].junction == cmd.plan.junction) {
                            st.plans[p] = std::move(cmd.plan);
                            changed[p] = 1;
                            return;
                        }
                    }
                    st.plans.push_back(std::move(cmd.plan));
                    changed.push_back(1);
                } else if constexpr (std::is_same_v<T, SetLaneClosed>) {
                    st.lane_closed[ctx.net.road_lane(cmd.link, cmd.lane)] = cmd.closed ? 1 : 0;
                    lanes_changed = true;
                }
            },
            command);
    }
    st.pending_commands.clear();
    if (plans_changed) rebuild_signals(ctx.net, st, changed);
    if (lanes_changed) refresh_next_connections(ctx);
}

// Read access for outputs and tests (declared in simulation.hpp).
const signals::SignalControl& Simulation::signal_control() const { return state_->signal_control; }
const metrics::Detectors& Simulation::detectors() const { return state_->detectors; }

}  // namespace ut::engine
