// The problems a scenario text gives (none when it loads), for the scenario error tests.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace ut::test {

inline std::vector<std::string> problems_of(const std::string& text) {
    try {
        scenario::load_scenario_from_string(text, "dir/s.toml");
    } catch (const scenario::ScenarioError& e) {
        return e.problems();
    }
    return {};
}

}  // namespace ut::test
