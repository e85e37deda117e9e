// One cycle of a timing plan as a sequence of signal states: the intervals in which no
// group changes colour, in order. The SUMO export writes one tlLogic phase per interval,
// the safety check walks them for conflicting greens, and the phase-log check takes the
// planned greens and cycle from them.
//
// A timing with splits (fixed time, coordinated) is laid out from its splits, so for a
// coordinated plan this is its fixed-time skeleton (every phase runs to its force-off).
// A timing without splits (actuated, max-pressure) is laid out with every phase at its
// longest: max green + yellow + all-red; rings still meet at the barriers.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "signals/ring_barrier.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct CycleInterval {
    double start_s = 0.0;  // layout time (0 = all rings start barrier group 0)
    double duration_s = 0.0;
    std::vector<SignalColor> colors;      // per group
    std::array<RingView, kMaxRings> rings{};  // ring states at its start
    // Whether actuation could cut it short: every ring is green or idle, none clears. Then
    // min_duration_s = the longest min green still to run in a ring, else = duration_s.
    bool extendable = false;
    double min_duration_s = 0.0;
};

struct CycleProgram {
    double cycle_s = 0.0;
    // Simulation time, in [0, cycle_s), at which intervals.front() begins (each cycle).
    double start_s = 0.0;
    CycleLayout layout;
    std::vector<CycleInterval> intervals;  // back to back over one cycle; neighbours differ in colour

    // Layout time of simulation time t.
    double layout_time(double t_s) const;
};

// `ring_plan` in ring form (to_ring_form); `timing` indexes its timings. No intervals when
// the plan has structural problems or its cycle is empty.
CycleProgram cycle_program(const SignalPlan& ring_plan, std::size_t timing);

// The timing with the splits used above: its own, or max green + clearance per phase.
TimingPlan with_splits(const SignalPlan& ring_plan, const TimingPlan& timing);

}  // namespace ut::signals
