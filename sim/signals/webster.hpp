// Webster's method (Webster 1958; HCM's "critical movement" form for ring-barrier plans):
// cycle length and green splits from the demand of each movement.
//
//   y_i   flow ratio of phase i: the largest q / s among the movements it serves;
//         q = demand (veh/h), s = saturation flow (veh/h of green) of the movement's lanes.
//   Y     sum over barrier groups of the largest, over rings, of the ring's sum of y_i.
//   L     lost time per cycle: per critical phase, start-up lost time + yellow + all-red
//         - the part of the yellow still used (extension).
//   C0 = (1.5 L + 5) / (1 - Y), clamped to [min_cycle_s, max_cycle_s].
//   Effective green C0 - L is shared in proportion to y; split = effective green + lost.
//
// And Webster's delay formula, the average delay per vehicle of a fixed-time approach with
// random arrivals (used to check the simulator):
//   d = C(1-l)^2 / (2(1-l x)) + x^2 / (2 q (1-x)) - 0.65 (C/q^2)^(1/3) x^(2+5l),
//   l = g/C (effective green ratio), x = q C / (s g) (degree of saturation).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct WebsterOptions {
    double saturation_flow_per_lane = 1800.0;  // veh/h of green; the default car discharges ~1750 (docs/signals.md)
    double left_turn_factor = 0.95;            // protected left (HCM)
    double right_turn_factor = 0.85;
    double permissive_factor = 0.5;            // a permissive turn gets gaps in opposing traffic only
    double startup_lost_s = 2.0;
    double extension_s = 2.0;                  // yellow still used by traffic
    double min_cycle_s = 40.0;
    double max_cycle_s = 150.0;
    double min_green_s = 5.0;
};

struct WebsterTiming {
    double cycle_s = 0.0;
    double lost_time_s = 0.0;
    double flow_ratio_sum = 0.0;          // Y; >= 0.95 means the junction cannot cope
    std::vector<double> flow_ratio;       // per phase
    std::vector<double> split_s;          // per phase (green + yellow + all-red)
    bool oversaturated = false;
};

// Demand per signal group of every plan (veh/h): trips departing in [begin_s, end_s) whose
// route passes from a group's incoming link to its outgoing link, as an hourly rate.
std::vector<std::vector<double>> group_demand(const network::Network& net, const demand::Demand& demand,
                                              const std::vector<SignalPlan>& plans, double begin_s, double end_s);

WebsterTiming webster_timing(const network::Network& net, const SignalPlan& plan, std::span<const double> group_flow,
                             const WebsterOptions& options = {});

// The plan with the timing's cycle and splits: a stage plan keeps its form (greens set),
// a ring-barrier plan gets the splits in every fixed-time or coordinated timing plan.
SignalPlan with_webster_timing(const SignalPlan& plan, const WebsterTiming& timing);

// Webster's average delay per vehicle (s) for cycle C, effective green g, flow q and
// saturation flow s (veh/h). Infinite for x >= 1.
double webster_delay_s(double cycle_s, double effective_green_s, double flow_veh_per_h,
                       double saturation_veh_per_h);

}  // namespace ut::signals
