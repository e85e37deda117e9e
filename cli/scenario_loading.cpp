#include "scenario_loading.hpp"

#include <cstdio>

namespace ut::cli {

std::optional<scenario::Scenario> load_scenario_reporting(const std::string& path) {
    try {
        return scenario::load_scenario(path);
    } catch (const scenario::ScenarioError& e) {
        const auto& problems = e.problems();
        std::fprintf(stderr, "urbantwin: %s has %zu problem%s; nothing was run:\n", path.c_str(), problems.size(),
                     problems.size() == 1 ? "" : "s");
        for (const auto& p : problems) std::fprintf(stderr, "  %s\n", p.c_str());
        return std::nullopt;
    }
}

}  // namespace ut::cli
