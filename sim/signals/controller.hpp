// Signal controllers: fixed-time, fully actuated, coordinated-actuated and max-pressure, all
// on the same ring-barrier state machine, plus the hook for transit signal priority.
//
// A controller is a pure function of (its compiled plan, its state, this step's inputs):
// the state is plain data (no pointers, no virtual objects), so SimState copies it with a
// fork or a checkpoint. Controllers are evaluated once per step, serially, before vehicles
// plan; each writes only its own state.
//
// Per ring the state machine is: Green -> Yellow -> AllRed -> (next phase's Green, or Rest
// waiting at a barrier). A phase ends when
//   fixed time    its window in the cycle ends;
//   actuated      min green is done and no vehicle reached its detectors for passage_s
//                 (gap-out), or max green is reached (max-out), and another phase is called;
//   coordinated   side phases: gap-out or their force-off point in the cycle; coordinated
//                 phases: their yield point; a side phase starts only when its min green
//                 fits before its force-off (so the cycle and offset are kept);
//   max-pressure  after min green, when another set of compatible phases has a larger
//                 pressure (queue upstream minus queue downstream, Varaiya 2013).
// Rings cross a barrier together. Calls are locking: a vehicle seen while the phase is not
// green keeps the call until the phase is served. Time-of-day switches end the running
// greens with their clearance, then the new timing plan starts.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "signals/ring_barrier.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

enum class EndReason : std::uint8_t {
    None,
    Fixed,       // fixed-time window ended
    GapOut,
    MaxOut,
    ForceOff,    // coordination: force-off / yield point
    Pressure,    // max-pressure chose other phases
    Priority,    // truncated for a transit priority request
    PlanChange,  // a time-of-day switch
};
const char* to_string(EndReason reason);

// What does not change while a plan runs, derived once from it.
struct CompiledPlan {
    SignalPlan plan;  // ring form
    std::vector<PhasePlace> places;
    std::vector<CycleLayout> layouts;  // per timing plan (cycle 0 without splits)
    std::uint32_t recall_min = 0;      // phases on min or max recall (bit per phase)
    std::uint32_t recall_max = 0;
    std::vector<std::uint32_t> serves_group;  // per group: the phases serving it (bit per phase)
    bool usable = true;                // false: structural problems, shown all red
    bool fixed_time_only = false;      // every timing plan is fixed time: colours depend on time alone
};

CompiledPlan compile_plan(const SignalPlan& plan);

struct RingState {
    std::uint8_t phase = kNoPhase;
    Interval interval = Interval::Rest;
    std::uint8_t next = kNoPhase;
    EndReason reason = EndReason::None;  // why the current (or last) phase ended
    double interval_start_s = 0.0;
    double green_start_s = 0.0;
};

struct ControllerState {
    static constexpr std::uint16_t kNoGroup = 0xffff;

    std::uint16_t timing = 0;       // running timing plan
    std::uint16_t target_timing = 0;
    bool transition = false;        // clearing to switch timing plans
    std::uint8_t barrier = 0;       // barrier group being served
    std::uint8_t target_barrier = kNoPhase;  // set while rings clear to cross a barrier
    double joined_s = -1e300;       // fixed time: windows that began before this are not shown
    std::array<RingState, kMaxRings> rings{};
    std::uint32_t calls = 0;        // bit per phase
    std::uint32_t served = 0;       // phases served since the last barrier crossing
    std::array<double, kMaxPhases> last_actuation_s{};

    // Transit signal priority (request_priority).
    std::uint16_t priority_group = kNoGroup;
    double priority_until_s = 0.0;
    double priority_hold_since_s = -1.0;  // when a held green would otherwise have ended

    // Fixed time only: no colour can change before this time, so the controller need not
    // run until then (set by step_controller; see CompiledPlan::fixed_time_only).
    double quiet_until_s = -1e300;
};

struct ControllerInputs {
    double time_s = 0.0;
    std::uint32_t actuated = 0;           // phases whose detectors were actuated in the last step
    std::span<const double> pressure;     // per phase (max-pressure only)
};

// Advances the controller to inputs.time_s (called once per step; a caller may skip steps
// before state.quiet_until_s, when nothing can change).
void step_controller(const CompiledPlan& compiled, ControllerState& state, const ControllerInputs& inputs);

// Group colours from the controller state (size = plan.groups.size()).
void controller_colors(const CompiledPlan& compiled, const ControllerState& state, std::span<SignalColor> colors);

// Transit signal priority hook: asks for `group` to be green until `until_s` (a bus's
// expected passage). Actuated and coordinated controllers extend a running green by at
// most the timing plan's priority_max_extension_s, or end other phases early (after their
// min green) and serve the group next. Fixed-time and max-pressure controllers ignore it.
void request_priority(ControllerState& state, std::uint16_t group, double until_s);
void cancel_priority(ControllerState& state);

// The timing plan that applies at time t (latest from_s not after t).
std::uint16_t timing_at(const SignalPlan& ring_plan, double t_s);

// Internal to the controllers (controller.cpp, max_pressure.cpp).
namespace detail {
void start_green(const CompiledPlan& cp, ControllerState& s, std::size_t ring, std::uint8_t phase, double t_s);
void end_green(const CompiledPlan& cp, ControllerState& s, std::size_t ring, std::uint8_t next, EndReason why,
               double t_s);
void step_max_pressure(const CompiledPlan& cp, ControllerState& s, const ControllerInputs& in);
}  // namespace detail

}  // namespace ut::signals
