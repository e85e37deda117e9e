// Scenario defaults, overrides, relative paths and what build_simulation_inputs makes.
#include <catch2/catch.hpp>

#include <fstream>

#include "output/test_temp_dir.hpp"
#include "scenario/scenario.hpp"

using ut::scenario::load_scenario;
using ut::scenario::load_scenario_from_string;

TEST_CASE("an empty scenario gets every default", "[scenario]") {
    const auto sc = load_scenario_from_string("", "some/where/empty.toml");
    CHECK(sc.name == "empty");
    CHECK(sc.duration_s == 3600.0);
    CHECK(sc.engine.step_s == 0.5);
    CHECK(sc.engine.seed == 1);
    CHECK(sc.engine.threads == 0);
    CHECK(sc.network_type == "grid");
    // A 5 x 5 grid by default.
    CHECK(sc.network.network.junctions.size() >= 25);
    CHECK(sc.vehicle_types.size() == 3);
    CHECK(sc.vehicle_types[0].name == "car");
    CHECK(sc.demand.type == "random");
    CHECK(sc.demand.random.vehicles_per_hour == 1000.0);
    CHECK(sc.demand.random.end_s == 3600.0);
    CHECK(sc.demand.end_from_duration);
    CHECK(sc.demand.seed_from_engine);
    REQUIRE(sc.demand.random.vehicle_type_shares.size() == 3);
    CHECK(sc.demand.random.vehicle_type_shares[0] == 1.0);
    CHECK(sc.output_dir == std::filesystem::path("out/empty"));
}

TEST_CASE("values from the file replace the defaults", "[scenario]") {
    const auto sc = load_scenario_from_string(R"(
[scenario]
name = "corridor"
duration_s = 900

[engine]
step_s = 0.25
seed = 42
threads = 2
gridlock_wait_s = 120
teleport_on_gridlock = false

[network]
type = "arterial"
junctions = 3
spacing_m = 250

[demand]
vehicles_per_hour = 600
begin_s = 60
end_s = 600
seed = 7
max_destinations = 50

[demand.mix]
car = 9
truck = 1

[vehicle_types.truck]
length_m = 16.5

[vehicle_types.minibus]
class = "bus"
length_m = 7
)",
                                              "s.toml");
    CHECK(sc.name == "corridor");
    CHECK(sc.duration_s == 900.0);
    CHECK(sc.engine.step_s == 0.25);
    CHECK(sc.engine.seed == 42);
    CHECK(sc.engine.threads == 2);
    CHECK(sc.engine.gridlock_wait_s == 120.0);
    CHECK_FALSE(sc.engine.teleport_on_gridlock);
    CHECK(sc.network_type == "arterial");
    CHECK(sc.demand.random.vehicles_per_hour == 600.0);
    CHECK(sc.demand.random.begin_s == 60.0);
    CHECK(sc.demand.random.end_s == 600.0);
    CHECK_FALSE(sc.demand.end_from_duration);
    CHECK(sc.demand.random.seed == 7);
    CHECK_FALSE(sc.demand.seed_from_engine);
    CHECK(sc.demand.random.max_destinations == 50);

    // Built-ins keep ids 0..2 (car, bus, truck); new types follow.
    REQUIRE(sc.vehicle_types.size() == 4);
    CHECK(sc.vehicle_types[2].name == "truck");
    CHECK(sc.vehicle_types[2].length_m == 16.5);
    CHECK(sc.vehicle_types[3].name == "minibus");
    CHECK(sc.vehicle_types[3].vehicle_class == ut::network::VehicleClass::Bus);
    CHECK(sc.vehicle_types[3].length_m == 7.0);
    // A new type starts from its class's built-in type.
    CHECK(sc.vehicle_types[3].max_accel_mps2 == sc.vehicle_types[1].max_accel_mps2);

    // Shares are normalised and indexed by vehicle type id.
    const auto& shares = sc.demand.random.vehicle_type_shares;
    REQUIRE(shares.size() == 4);
    CHECK(shares[0] == Approx(0.9));
    CHECK(shares[1] == 0.0);
    CHECK(shares[2] == Approx(0.1));
    CHECK(shares[3] == 0.0);
}

TEST_CASE("relative paths resolve against the scenario file's folder", "[scenario]") {
    ut::test::TempDir dir;
    std::filesystem::create_directories(dir.path() / "scenarios");
    const auto file = dir.path() / "scenarios" / "s.toml";
    {
        std::ofstream out(file);
        out << "[output]\ndir = \"../results/run1\"\n[network]\nrows = 2\ncolumns = 2\n";
    }
    const auto sc = load_scenario(file);
    CHECK(sc.output_dir == (dir.path() / "results" / "run1").lexically_normal());

    const auto absolute = load_scenario_from_string("[output]\ndir = \"/tmp/abs\"\n", file);
    CHECK(absolute.output_dir == std::filesystem::path("/tmp/abs"));
}

TEST_CASE("demand follows the run's duration and seed unless the file pins them", "[scenario]") {
    auto sc = load_scenario_from_string(
        "[network]\nrows = 2\ncolumns = 2\n[demand]\nvehicles_per_hour = 3600\n", "s.toml");
    sc.duration_s = 120.0;  // as --duration does
    sc.engine.seed = 5;     // as --seed does
    ut::scenario::DemandReport report;
    const auto inputs = ut::scenario::build_simulation_inputs(sc, &report);
    CHECK(inputs.config.seed == 5);
    CHECK(report.trips == inputs.demand.trips.size());
    REQUIRE_FALSE(inputs.demand.trips.empty());
    for (const auto& t : inputs.demand.trips) CHECK(t.depart_s < 120.0);
    CHECK(inputs.vehicle_types.size() == 3);
    CHECK(inputs.network.links.size() == sc.network.network.links.size());
    CHECK(inputs.signal_plans.size() == sc.network.signal_plans.size());

    // Same scenario, same seed: the same trips.
    const auto again = ut::scenario::build_simulation_inputs(sc);
    REQUIRE(again.demand.trips.size() == inputs.demand.trips.size());
    CHECK(again.demand.route_links == inputs.demand.route_links);
}

TEST_CASE("no demand when vehicles_per_hour is 0", "[scenario]") {
    const auto sc = load_scenario_from_string(
        "[network]\nrows = 2\ncolumns = 2\n[demand]\nvehicles_per_hour = 0\n", "s.toml");
    const auto inputs = ut::scenario::build_simulation_inputs(sc);
    CHECK(inputs.demand.trips.empty());
}

TEST_CASE("the demo scenario in the repository loads", "[scenario]") {
    const auto sc = load_scenario(std::filesystem::path(URBANTWIN_SOURCE_DIR) / "scenarios" / "demo.toml");
    CHECK(sc.name == "demo");
    CHECK(sc.network_type == "grid");
    CHECK(sc.duration_s == 3600.0);
    CHECK_FALSE(sc.network.signal_plans.empty());
}
