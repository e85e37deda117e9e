// The [signals] section of scenario files: a plan file and controller switches are applied
// to the built network, mistakes come back as FILE:LINE problems, and Webster retiming
// uses the scenario's demand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "scenario/scenario.hpp"
#include "signals/ring_barrier.hpp"

using namespace ut;

namespace {

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "urbantwin_signals_scenario_test";
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() { std::filesystem::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

constexpr const char* kHead = R"([network]
type = "arterial"
junctions = 2
[demand]
vehicles_per_hour = 600
)";

std::vector<std::string> problems_of(const std::string& text, const std::filesystem::path& file) {
    try {
        scenario::load_scenario_from_string(text, file);
    } catch (const scenario::ScenarioError& e) {
        return e.problems();
    }
    return {};
}

bool has(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("[signals] switches controllers for all junctions or one", "[signals][scenario]") {
    const TempDir dir;
    const std::string text = std::string(kHead) + "[signals]\ncontroller = \"actuated\"\n[signals.controllers]\na2 = \"max-pressure\"\n";
    const auto sc = scenario::load_scenario_from_string(text, dir.path / "s.toml");
    REQUIRE(sc.network.signal_plans.size() == 2);
    CHECK(sc.network.signal_plans[0].timings.at(0).controller == signals::ControllerKind::Actuated);
    CHECK(sc.network.signal_plans[1].timings.at(0).controller == signals::ControllerKind::MaxPressure);
}

TEST_CASE("[signals] problems are reported with file and line", "[signals][scenario]") {
    const TempDir dir;
    const std::string text = std::string(kHead) +
                             "[signals]\ncontroller = \"smart\"\noptimise = \"webster\"\n[signals.controllers]\nz9 = \"actuated\"\n";
    const auto problems = problems_of(text, dir.path / "s.toml");
    CHECK(has(problems, "s.toml:7: [signals] controller = \"smart\" is not known; allowed: \"fixed\", \"actuated\", \"coordinated\", \"max-pressure\""));
    CHECK(has(problems, "s.toml:8: unknown key 'optimise' in [signals]"));
    CHECK(has(problems, "did you mean 'optimize'?"));

    const auto later = problems_of(std::string(kHead) + "[signals]\n[signals.controllers]\nz9 = \"actuated\"\n", dir.path / "s.toml");
    CHECK(has(later, "s.toml:8: [signals.controllers] 'z9': no junction has this name or OSM node id"));
}

TEST_CASE("[signals] plans come from a plan file; its problems name the plan file", "[signals][scenario]") {
    const TempDir dir;
    dir.write("plans.toml", R"([[junction]]
name = "a1"
[[junction.phase]]
number = 1
movements = ["EBT", "WBT", "NBT"]
[[junction.phase]]
number = 2
movements = ["SBT"]
[[junction.plan]]
splits = { 1 = 30, 2 = 30 }
)");
    const auto problems = problems_of(std::string(kHead) + "[signals]\nplans = \"plans.toml\"\n", dir.path / "s.toml");
    REQUIRE_FALSE(problems.empty());
    CHECK(has(problems, "plans.toml:1: junction 'a1': signal groups"));
    CHECK(has(problems, "are green at the same time from 0.0 s to 25.0 s of the 60 s cycle"));

    dir.write("plans.toml", R"([[junction]]
name = "a1"
[[junction.phase]]
number = 1
movements = ["EBT", "WBT"]
[[junction.phase]]
number = 2
movements = ["SBT", "NBT"]
[[junction.plan]]
splits = { 1 = 30, 2 = 20 }
)");
    const auto sc = scenario::load_scenario_from_string(std::string(kHead) + "[signals]\nplans = \"plans.toml\"\n", dir.path / "s.toml");
    const auto& plans = sc.network.signal_plans;
    const auto a1 = std::find_if(plans.begin(), plans.end(), [](const auto& p) { return p.junction.value == 1; });
    REQUIRE(a1 != plans.end());
    CHECK(a1->phases.size() == 2);
    CHECK(a1->cycle_s() == Approx(50.0));
}

TEST_CASE("[signals] optimize = webster retimes the plans from the demand", "[signals][scenario]") {
    const TempDir dir;
    const auto sc = scenario::load_scenario_from_string(std::string(kHead) + "[signals]\noptimize = \"webster\"\ncommon_cycle = true\n",
                                                        dir.path / "s.toml");
    const auto inputs = scenario::build_simulation_inputs(sc);
    REQUIRE(inputs.signal_plans.size() == 2);
    const double c0 = inputs.signal_plans[0].cycle_s();
    CHECK(c0 != Approx(sc.network.signal_plans[0].cycle_s()));
    CHECK(inputs.signal_plans[1].cycle_s() == Approx(c0));  // common cycle
}
