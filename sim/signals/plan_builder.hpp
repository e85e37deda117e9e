// Derives a fixed-time plan for a signalised junction from its geometry: approaches are
// paired with the opposite approach (through + right together), left turns either get a
// protected stage or go permissive (yielding), T-junctions and odd shapes get a stage per
// approach. Webster timing from demand belongs to the signals module proper.
#pragma once

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

SignalPlan derive_fixed_time_plan(const network::Network& net, JunctionId junction,
                                  const PlanBuilderOptions& options = {});

}  // namespace ut::signals
