// [[bus_lines]] in scenario files: a line on a grid is read, routed through its via points
// and its stops snapped onto the route; mistakes are reported as FILE:LINE problems.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/scenario_problems.hpp"

using ut::scenario::load_scenario_from_string;
using ut::test::problems_of;

namespace {

bool has_problem(const std::vector<std::string>& problems, const std::string& start, const std::string& part) {
    for (const std::string& p : problems)
        if (p.rfind(start, 0) == 0 && p.find(part) != std::string::npos) return true;
    return false;
}

// A 5 x 5 grid, 200 m blocks: junction r2c0 is at (0, 400), r2c4 at (800, 400).
const std::string kGrid = R"([scenario]
duration_s = 1800
[network]
type = "grid"
)";

}  // namespace

TEST_CASE("a bus line on a grid: route through its via points, stops snapped onto it, departures", "[scenario][transit]") {
    const auto sc = load_scenario_from_string(kGrid + R"(
[[bus_lines]]
name = "X1"
via = ["r2c0", "r2c4"]
headway_s = 300
first_departure_s = 60
last_departure_s = 1000
dead_time_s = 4

[[bus_lines.stops]]
name = "first"
at = [90, 402]
boardings_per_hour = 120

[[bus_lines.stops]]
name = "second"
route_m = 500
boardings_per_hour = 60
alight_weight = 2

[[bus_lines.stops]]
name = "last"
at = [790, 400]
)",
                                              "dir/s.toml");
    REQUIRE(sc.transit.lines.size() == 1);
    const ut::transit::BusLine& line = sc.transit.lines[0];
    CHECK(line.name == "X1");
    CHECK(line.route.size() == 4);  // four blocks eastward along row 2
    for (ut::LinkId l : line.route) CHECK(sc.network.network.link(l).shape.front().y == Approx(400.0).margin(5.0));
    CHECK(sc.network.network.link(line.route.front()).from.index() == 2 * 5 + 0);
    CHECK(sc.network.network.link(line.route.back()).to.index() == 2 * 5 + 4);
    REQUIRE(line.stops.size() == 3);
    CHECK(line.stops[0].route_index == 0);
    CHECK(line.stops[1].route_index == 2);
    CHECK(line.stops[1].route_m == Approx(500.0));
    CHECK(line.stops[2].route_index == 3);
    CHECK(line.stops[1].alight_weight == 2.0);
    CHECK(line.departures_s == std::vector<double>{60, 360, 660, 960});
    CHECK(line.dwell.dead_time_s == 4.0);
    CHECK(line.vehicle_type.index() == 1);  // the built-in bus
    CHECK(sc.vehicle_types[1].capacity == 70);
    // Runs join the demand as trips of the line's route.
    ut::scenario::DemandReport report;
    const auto inputs = ut::scenario::build_simulation_inputs(sc, &report);
    REQUIRE(inputs.transit.runs.size() == 4);
    for (const auto& run : inputs.transit.runs) {
        const auto& trip = inputs.demand.trips[run.trip.index()];
        CHECK(trip.depart_s == run.depart_s);
        CHECK(trip.vehicle_type.index() == 1);
        CHECK(trip.route_size == 4);
    }
}

TEST_CASE("bus line mistakes are FILE:LINE problems: unknown link, stop off the route, negative rate, headway 0",
          "[scenario][transit]") {
    const auto problems = problems_of(kGrid + R"(
[[bus_lines]]
name = "bad"
via = [99999, "r2c4"]
headway_s = 0

[[bus_lines.stops]]
at = [100, 400]
boardings_per_hour = -5
)");
    CHECK(has_problem(problems, "dir/s.toml:9:", "[bus_lines[1]] headway_s = 0 is out of range"));
    CHECK(has_problem(problems, "dir/s.toml:13:", "boardings_per_hour = -5 is out of range"));

    // The route and stops are checked on the built network, once the keys are right.
    const auto on_network = problems_of(kGrid + R"(
[[bus_lines]]
name = "bad"
via = [99999, "r2c4"]
headway_s = 600

[[bus_lines.stops]]
at = [100, 400]
)");
    CHECK(has_problem(on_network, "dir/s.toml:8:", "bus line 'bad': via link 99999 does not exist"));

    const auto off_route = problems_of(kGrid + R"(
[[bus_lines]]
name = "row2"
via = ["r2c0", "r2c4"]
departures_s = [0, 600]

[[bus_lines.stops]]
name = "far away"
at = [100, 800]
boardings_per_hour = 10

[[bus_lines.stops]]
name = "on it"
link = 3
)");
    // 400 m from row 2 (the carriageway's centre line is a little off the street's axis).
    CHECK(has_problem(off_route, "dir/s.toml:13:", "bus line 'row2': stop 'far away' is 40"));
    CHECK(has_problem(off_route, "dir/s.toml:13:", "m from the line's route"));
    CHECK(has_problem(off_route, "dir/s.toml:18:", "stop 'on it': link 3 is not on the line's route"));

    const auto unknown_junction = problems_of(kGrid + R"(
[[bus_lines]]
via = ["r2c0", "nowhere"]
headway_s = 600
vehicle_type = "car"
[[bus_lines.stops]]
route_m = 10
)");
    CHECK(has_problem(unknown_junction, "dir/s.toml:9:", "vehicle_type = \"car\" is not of class bus"));
}

TEST_CASE("a line may run with its own bus type, whose capacity caps the load", "[scenario][transit]") {
    const auto sc = load_scenario_from_string(kGrid + R"(
[vehicle_types.midibus]
class = "bus"
length_m = 9
capacity = 35

[[bus_lines]]
via = ["r1c0", "r1c2"]
departures_s = [0]
vehicle_type = "midibus"
[[bus_lines.stops]]
route_m = 100
boardings_per_hour = 10
[[bus_lines.stops]]
route_m = 300
)",
                                              "dir/s.toml");
    REQUIRE(sc.transit.lines.size() == 1);
    const auto type = sc.transit.lines[0].vehicle_type.index();
    CHECK(sc.vehicle_types[type].name == "midibus");
    CHECK(sc.vehicle_types[type].capacity == 35);
    CHECK(sc.transit.lines[0].name == "line 1");
    const auto problems = problems_of(kGrid + "[vehicle_types.bus]\ncapacity = -1\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "dir/s.toml:6: [vehicle_types.bus] capacity = -1 is out of range; allowed: a whole number from 0 to 1000");
}

TEST_CASE("a via junction that does not exist and a stop past the route's end are reported", "[scenario][transit]") {
    const auto problems = problems_of(kGrid + R"(
[[bus_lines]]
via = ["r2c0", "nowhere"]
headway_s = 600
[[bus_lines.stops]]
route_m = 10
)");
    CHECK(has_problem(problems, "dir/s.toml:7:", "via junction 'nowhere' is not a junction's name or OSM node id"));
    const auto past_end = problems_of(kGrid + R"(
[[bus_lines]]
via = ["r2c0", "r2c1"]
headway_s = 600
[[bus_lines.stops]]
route_m = 5000
)");
    CHECK(has_problem(past_end, "dir/s.toml:10:", "route_m = 5000 is past the end of the route"));
}
