// Derives a fixed-time plan for a signalised junction from its geometry: approaches are
// paired with the opposite approach (through + right together), left turns either get a
// protected stage or go permissive (yielding), T-junctions and odd shapes get a stage per
// approach. Webster timing from demand belongs to the signals module proper.
#pragma once

#include <span>
#include <vector>

#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct PlanBuilderOptions {
    bool protected_lefts = true;
    double green_through_s = 25.0;
    double green_left_s = 10.0;
    double yellow_s = 3.0;
    double all_red_s = 2.0;
};

// Every connection through the junction is in exactly one group and every group in exactly
// one stage. Two protected (non-permissive) greens of a stage never conflict (conflicts.hpp):
// where the geometry is irregular, a conflicting group moves to a stage of its own, and a
// group conflicting with itself (lanes merging) is made permissive. Throws
// std::invalid_argument when no connection passes through the junction. Scans all
// connections: for many junctions use derive_fixed_time_plans.
SignalPlan derive_fixed_time_plan(const network::Network& net, JunctionId junction,
                                  const PlanBuilderOptions& options = {});

// The same for many junctions, indexing the connections once (linear in the network).
std::vector<SignalPlan> derive_fixed_time_plans(const network::Network& net, std::span<const JunctionId> junctions,
                                                const PlanBuilderOptions& options = {});

}  // namespace ut::signals
