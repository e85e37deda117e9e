// Scenario problems: each names FILE:LINE, what is wrong and what is allowed, and all of
// them come together in one ScenarioError.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/scenario_problems.hpp"

using ut::scenario::load_scenario_from_string;
using ut::scenario::ScenarioError;
using ut::test::problems_of;

TEST_CASE("an unknown key names file, line, the allowed keys and a likely fix", "[scenario]") {
    const auto problems = problems_of("[engine]\nstepp_s = 0.5\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "dir/s.toml:2: unknown key 'stepp_s' in [engine]; allowed keys: step_s, seed, threads, "
          "gridlock_wait_s, teleport_on_gridlock, critical_gap_s, halt_speed_mps "
          "(did you mean 'step_s'?)");
}

TEST_CASE("a value of the wrong type is reported with the allowed range", "[scenario]") {
    const auto problems = problems_of("[scenario]\nname = \"x\"\n[engine]\nstep_s = \"fast\"\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "dir/s.toml:4: [engine] step_s must be a number, not a string; allowed: a number > 0 and <= 5");
}

TEST_CASE("an out-of-range value is reported with the allowed range", "[scenario]") {
    const auto problems = problems_of("[network]\ntype = \"grid\"\nrows = 1\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "dir/s.toml:3: [network] rows = 1 is out of range; allowed: a whole number from 2 to 100");
}

TEST_CASE("a whole number is required where a count is expected", "[scenario]") {
    const auto problems = problems_of("[engine]\nthreads = 2.5\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "dir/s.toml:2: [engine] threads must be a whole number, not a number; allowed: a whole "
          "number from 0 to 1024");
}

TEST_CASE("every problem in the file is reported at once, top to bottom", "[scenario]") {
    const std::string text =
        "[scenario]\n"
        "duration_s = -5\n"           // 2: out of range
        "colour = \"red\"\n"          // 3: unknown key
        "[engine]\n"
        "teleport_on_gridlock = 1\n"  // 5: wrong type
        "[demand]\n"
        "vehicles_per_hour = 500\n"
        "[demand.mix]\n"
        "car = 0.8\n"
        "lorry = 0.2\n"               // 10: unknown vehicle type
        "[weather]\n"                 // 11: unknown section
        "rain = true\n";
    const auto problems = problems_of(text);
    REQUIRE(problems.size() == 5);
    CHECK(problems[0] == "dir/s.toml:2: [scenario] duration_s = -5 is out of range; allowed: a number > 0 and <= 604800");
    CHECK(problems[1] == "dir/s.toml:3: unknown key 'colour' in [scenario]; allowed keys: name, duration_s");
    CHECK(problems[2] == "dir/s.toml:5: [engine] teleport_on_gridlock must be true or false, not an integer; allowed: true or false");
    CHECK(problems[3] == "dir/s.toml:10: unknown vehicle type 'lorry' in [demand.mix]; allowed: car, bus, truck (or define [vehicle_types.lorry])");
    CHECK(problems[4] == "dir/s.toml:11: unknown section [weather]; allowed sections: [scenario], [engine], [network], [vehicle_types], [demand], [output], [signals], [bus_lines]");

    try {
        load_scenario_from_string(text, "dir/s.toml");
        FAIL("expected a ScenarioError");
    } catch (const ScenarioError& e) {
        // what() carries them all, one per line, for callers that print it as it is.
        const std::string what = e.what();
        CHECK(what.find("s.toml:2:") != std::string::npos);
        CHECK(what.find("s.toml:11:") != std::string::npos);
    }
}

TEST_CASE("a bad network type is one problem, not one per network key", "[scenario]") {
    const auto problems = problems_of("[network]\ntype = \"hexagon\"\nrows = 3\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "dir/s.toml:2: [network] type = \"hexagon\" is not known; allowed: \"grid\", \"arterial\", \"map\"");
}

TEST_CASE("keys of another network type are unknown for this one", "[scenario]") {
    const auto problems = problems_of("[network]\ntype = \"arterial\"\nrows = 3\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("dir/s.toml:3: unknown key 'rows' in [network]; allowed keys: type, junctions,", 0) == 0);
}

TEST_CASE("invalid TOML is reported with its line", "[scenario]") {
    const auto problems = problems_of("[scenario]\nname = \"unterminated\nduration_s = 10\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("dir/s.toml:2: invalid TOML: ", 0) == 0);
}

TEST_CASE("cross-field problems: demand window and braking", "[scenario]") {
    auto problems = problems_of("[scenario]\nduration_s = 600\n[demand]\nbegin_s = 900\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] ==
          "dir/s.toml:4: [demand] begin_s = 900 is not before end_s = 600 (the scenario's "
          "duration_s); allowed: begin_s < end_s");

    problems = problems_of("[vehicle_types.car]\ncomfortable_decel_mps2 = 4\nemergency_decel_mps2 = 3\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("dir/s.toml:3: [vehicle_types.car] emergency_decel_mps2 = 3 is below", 0) == 0);
}

TEST_CASE("a mix without any positive share is rejected", "[scenario]") {
    const auto problems = problems_of("[demand.mix]\ncar = 0\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("dir/s.toml:1: [demand.mix] gives no vehicle type a share above 0", 0) == 0);
}

TEST_CASE("a missing scenario file is a ScenarioError naming it", "[scenario]") {
    try {
        ut::scenario::load_scenario("/nonexistent/urbantwin/none.toml");
        FAIL("expected a ScenarioError");
    } catch (const ScenarioError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0] ==
              "/nonexistent/urbantwin/none.toml: no such scenario file; give the path of a "
              "readable .toml scenario file");
    }
}
