// Signal plans as TOML, the format the viewer saves ("Save plans"): one [[plan]] per
// signalised junction with its groups and stages, readable by a person and by a scenario
// loader (see docs/viewer.md for the layout).
#pragma once

#include <string>
#include <vector>

#include "signals/signal_plan.hpp"

namespace ut::viewer {

std::string plans_to_toml(const std::vector<signals::SignalPlan>& plans, const std::string& scenario_name,
                          double time_s);

}  // namespace ut::viewer
