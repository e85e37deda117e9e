// Loading a scenario for a subcommand: on problems, prints them all (one per line, each
// FILE:LINE: ...) to stderr and returns nothing, so the caller exits with kExitBadInput.
#pragma once

#include <optional>
#include <string>

#include "scenario/scenario.hpp"

namespace ut::cli {

std::optional<scenario::Scenario> load_scenario_reporting(const std::string& path);

}  // namespace ut::cli
