// Timing plan files (TOML), the form planners edit and `urbantwin signals` writes. One
// [[junction]] per signalised junction, named by OSM node id, name or index; its phases
// name movements as HCM does ("EBT", "NBL"); rings and barriers read like a timing sheet
// ("1 2 | 3 4"); each [[junction.plan]] is a time-of-day timing plan. docs/signals.md has
// the full format. The viewer's [[plan]] tables (groups of connection ids and stages) are
// read too.
//
// Loading is all-or-nothing and reports every problem at once as FILE:LINE: an unknown
// junction, phase or movement, a missing split, a broken ring, and any plan that fails the
// safety check (signals/conflict_check.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "network/network.hpp"
#include "signals/conflict_check.hpp"
#include "signals/signal_plan.hpp"

namespace ut::scenario {

// Throws ScenarioError listing every problem.
std::vector<signals::SignalPlan> read_signal_plan_file(const std::filesystem::path& path,
                                                       const network::Network& net,
                                                       const signals::ConflictCheckOptions& options = {});
std::vector<signals::SignalPlan> read_signal_plans_from_string(std::string_view toml_text,
                                                               const std::filesystem::path& name,
                                                               const network::Network& net,
                                                               const signals::ConflictCheckOptions& options = {});

// The plans in that format; `comment` opens the file (one "# " line per line of it).
std::string signal_plans_to_toml(const network::Network& net, const std::vector<signals::SignalPlan>& plans,
                                 const std::string& comment);
// Written atomically; throws output::OutputError naming the path when it cannot be written.
void write_signal_plan_file(const std::filesystem::path& path, const network::Network& net,
                            const std::vector<signals::SignalPlan>& plans, const std::string& comment);

}  // namespace ut::scenario
