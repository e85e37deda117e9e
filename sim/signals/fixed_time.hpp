// Fixed-time colours as a pure function of time: what a fixed-time controller shows at t
// (the timing plan in force at t, run from its splits), for timing diagrams, checks and
// tools. The engine runs controllers (controller.hpp), which show the same colours for a
// fixed-time plan once it has started; after a time-of-day switch they first clear.
#pragma once

#include <span>

#include "signals/signal_plan.hpp"

namespace ut::signals {

// Writes one colour per plan group into `colors` (size = plan.groups.size()). Plans with
// structural problems, and timing plans without splits, show red.
void fixed_time_colors(const SignalPlan& plan, double time_s, std::span<SignalColor> colors);

}  // namespace ut::signals
