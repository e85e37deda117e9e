// Everything signal control keeps in the engine state (SimState::signal_control): the
// compiled plans, one controller state per plan, how phases are wired to detectors and
// lanes, and the log of colour changes. Plain data, copied with a fork.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "signals/controller.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

// One colour change of one signal group, as the phase log records it.
struct PhaseChange {
    double time_s = 0.0;
    std::uint32_t plan = 0;   // index into SimState::plans
    std::uint16_t group = 0;  // index into the plan's groups
    SignalColor color = SignalColor::Red;
    std::uint8_t phase = 0;   // NEMA number of the phase that caused it (0 = none)
    EndReason reason = EndReason::None;
};

// The colour changes of a run, in time and plan order. A deque: it grows by thousands of
// entries a minute on a city, and must never be moved as a whole (nor after a fork's copy).
using PhaseLog = std::deque<PhaseChange>;

// Where a plan's phases look and what they move, in engine indices.
struct PlanWiring {
    std::vector<std::vector<std::uint32_t>> phase_detectors;  // per phase: detector indices
    std::vector<std::vector<std::uint32_t>> phase_connections;  // per phase: connection indices it serves
};

// Scratch for one block of consecutive plans, so that blocks run in parallel: the colours
// being computed, and the colour changes logged, joined into SignalControl::log in plan order.
struct PlanBlockScratch {
    std::vector<SignalColor> colors;
    std::vector<PhaseChange> log;
};

struct SignalControl {
    std::vector<CompiledPlan> compiled;       // parallel to SimState::plans
    std::vector<ControllerState> controllers;
    std::vector<PlanWiring> wiring;
    std::vector<std::uint32_t> junction_plan;  // per junction: plan index, or 0xffffffff
    // After a plan is replaced, its groups that were green show yellow until yellow_until_s
    // and everything is red until start_s (per plan), so no movement loses its clearance.
    std::vector<double> start_s;
    std::vector<double> yellow_until_s;
    std::vector<std::uint8_t> group_hold_yellow;  // flattened like SimState::group_color
    std::vector<PlanBlockScratch> blocks;        // reused each step
    // Per plan, the time before which its controller cannot change anything (a fixed-time
    // plan between two colour changes): thousands of sleeping plans are skipped by reading
    // one small array instead of each plan's scattered state.
    std::vector<double> wake_s;

    bool record_log = true;
    PhaseLog log;
};

}  // namespace ut::signals
