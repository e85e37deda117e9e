// Derives a fixed-time plan for a signalised junction from its geometry: approaches from one
// direction form an arm, arms are paired with the opposite arm (through + right together),
// left turns either get a protected stage or go permissive (yielding), T-junctions and odd
// shapes get a stage per arm. Webster timing from demand belongs to the signals module
// proper.
#pragma once

#include <span>
#include <vector>

#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct PlanBuilderOptions {
    bool protected_lefts = true;
    // A left turn that shares its lane with straight-on traffic (no left-turn lane) turns
    // permissively with the through movements, as where such a lane has no arrow: its own
    // protected stage would hold the straight traffic queued behind it for the whole through
    // stage (imported maps; the generated grids keep their protected lefts).
    bool permissive_shared_lefts = false;
    double green_through_s = 25.0;
    double green_left_s = 10.0;
    double yellow_s = 3.0;
    double all_red_s = 2.0;
};

// Every connection through the junction is in exactly one group and every group in at least
// one stage (a through movement also runs with its own arm's lagging left). Movements green
// together that conflict (conflicts.hpp) are safe by the engine's rule: the one that yields
// (network::yields_at_signal) is permissive. Where the geometry is irregular, a group
// crossing a protected one it would not yield to moves to a stage of its own; one merging
// with another, or conflicting with itself, is made permissive where it yields. Throws
// std::invalid_argument when no connection passes through the junction. Scans all
// connections: for many junctions use derive_fixed_time_plans.
SignalPlan derive_fixed_time_plan(const network::Network& net, JunctionId junction,
                                  const PlanBuilderOptions& options = {});

// The same for many junctions, indexing the connections once (linear in the network).
std::vector<SignalPlan> derive_fixed_time_plans(const network::Network& net, std::span<const JunctionId> junctions,
                                                const PlanBuilderOptions& options = {});

// Plans for junctions signalled as one crossing (the junctions of one signal cluster: the
// two or four junctions where a dual carriageway crosses a road, a complex crossing mapped
// as several). One sequence of stages is built over all their connections as if they were
// one junction, and each junction runs it for its own movements, in step (a stage with none
// of them is red throughout there). Apart, each would get its own cycle: their greens drift
// against each other, and the few metres between them fill with vehicles waiting for a
// green that does not come while the junction behind them waits for the space.
// `crossings[i]` lists the junctions of one crossing; the result has their plans in the same
// order. A crossing of one junction gets derive_fixed_time_plan's plan. Throws
// std::invalid_argument naming a junction that has no connection.
std::vector<std::vector<SignalPlan>> derive_crossing_plans(const network::Network& net,
                                                           std::span<const std::vector<JunctionId>> crossings,
                                                           const PlanBuilderOptions& options = {});

}  // namespace ut::signals
