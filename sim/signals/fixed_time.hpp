// Fixed-time control: the colour of every group of a plan at a given time.
#pragma once

#include <span>

#include "signals/signal_plan.hpp"

namespace ut::signals {

// Writes one colour per plan group into `colors` (size = plan.groups.size()).
void fixed_time_colors(const SignalPlan& plan, double time_s, std::span<SignalColor> colors);

}  // namespace ut::signals
