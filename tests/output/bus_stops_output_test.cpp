// Outputs of a run with a bus line: bus_stops.csv, summary.json's transit section, and that a
// run without lines writes neither.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/simulation.hpp"
#include "metrics/summary.hpp"
#include "output/run_outputs.hpp"
#include "output/sumo/sumo_export.hpp"
#include "output/test_temp_dir.hpp"
#include "scenario/scenario.hpp"

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* kTiny = R"(
[scenario]
name = "tiny"
duration_s = 900
[engine]
threads = 1
[network]
rows = 2
columns = 4
block_length_m = 150
lanes_per_direction = 1
[demand]
vehicles_per_hour = 300
end_s = 600
)";

const char* kLine = R"(
[[bus_lines]]
name = "A"
via = ["r0c0", "r0c3"]
departures_s = [0, 120, 240]
[[bus_lines.stops]]
name = "first, west"
route_m = 60
boardings_per_hour = 600
[[bus_lines.stops]]
route_m = 250
boardings_per_hour = 300
[[bus_lines.stops]]
name = "east"
route_m = 400
)";

struct Run {
    ut::test::TempDir dir;
    ut::output::RunOutputPaths paths;
    explicit Run(const std::string& text) {
        auto sc = ut::scenario::load_scenario_from_string(text, "tiny.toml");
        ut::engine::Simulation sim(ut::scenario::build_simulation_inputs(sc));
        sim.run_until(sc.duration_s);
        auto summary = ut::metrics::compute_summary(sim);
        paths = ut::output::write_run_outputs(dir.path() / "out", sim, summary);
    }
};

}  // namespace

TEST_CASE("a run with a bus line writes bus_stops.csv and a transit section that agree", "[output][transit]") {
    const Run run(std::string(kTiny) + kLine);
    REQUIRE_FALSE(run.paths.bus_stops_csv.empty());
    std::istringstream csv(read_all(run.paths.bus_stops_csv));
    std::string header;
    std::getline(csv, header);
    CHECK(header == "line,run,trip,stop,stop_name,arrival_s,departure_s,dwell_s,boarded,alighted,load,left_behind,mean_wait_s");
    std::uint64_t rows = 0;
    bool quoted = false;
    for (std::string row; std::getline(csv, row);) {
        ++rows;
        quoted = quoted || row.find("\"first, west\"") != std::string::npos;  // a comma in a name is quoted
    }
    CHECK(rows == 3 * 3);  // three runs, three stops
    CHECK(quoted);

    const auto j = nlohmann::json::parse(read_all(run.paths.summary_json));
    REQUIRE(j.contains("transit"));
    REQUIRE(j["transit"].size() == 1);
    const auto& line = j["transit"][0];
    CHECK(line["line"] == "A");
    CHECK(line["runs_planned"] == 3);
    CHECK(line["runs_finished"] == 3);
    CHECK(line["stop_events"] == 9);
    CHECK(line["passengers_carried"].get<std::uint64_t>() > 0);
    CHECK(line["passengers_carried"] == line["passengers_alighted"]);
    CHECK(line["passengers_on_board"] == 0);
    CHECK(line["capacity"] == 70);
    CHECK(line["scheduled_headway_s"] == 120.0);
    CHECK(line["max_load"].get<std::uint32_t>() <= 70);
}

TEST_CASE("a run without bus lines writes no bus_stops.csv and no transit section", "[output][transit]") {
    const Run run(kTiny);
    CHECK(run.paths.bus_stops_csv.empty());
    CHECK_FALSE(std::filesystem::exists(run.paths.summary_json.parent_path() / "bus_stops.csv"));
    const auto j = nlohmann::json::parse(read_all(run.paths.summary_json));
    CHECK_FALSE(j.contains("transit"));
}

TEST_CASE("export-sumo gives a line's runs <stop>s at <busStop>s with the expected dwell", "[output][transit][sumo]") {
    const auto sc = ut::scenario::load_scenario_from_string(std::string(kTiny) + kLine, "tiny.toml");
    const auto in = ut::scenario::build_simulation_inputs(sc);
    ut::test::TempDir dir;
    const ut::output::sumo::SumoExportInput ex{in.network, in.signal_plans, in.demand, in.vehicle_types,
                                               in.config,  sc.duration_s,   sc.name,   &in.transit};
    const auto files = ut::output::sumo::export_to_sumo(ex, dir.path());
    const std::string add = read_all(dir.path() / "tiny.add.xml");
    const std::string routes = read_all(files.routes);
    const auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
        return n;
    };
    CHECK(count(add, "<busStop ") == 3);
    CHECK(count(routes, "<stop busStop=") == 3 * 3);
    // The first stop: 600 passengers an hour at a 120 s headway board 20 a bus: 3 + 20 x 2.5 s.
    CHECK(count(routes, "<stop busStop=\"bus0_0\" duration=\"53.0\"/>") == 3);
    // Without lines nothing of it.
    const ut::output::sumo::SumoExportInput plain{in.network, in.signal_plans, in.demand, in.vehicle_types,
                                                  in.config,  sc.duration_s,   sc.name};
    ut::test::TempDir other;
    const auto plain_files = ut::output::sumo::export_to_sumo(plain, other.path());
    CHECK(count(read_all(plain_files.routes), "<stop ") == 0);
}
