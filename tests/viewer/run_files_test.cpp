// Finished runs read back by the viewer (viewer/run_files.hpp): a run written by sim/output
// gives the same link values the live layers would, and every kind of bad folder is refused
// with a sentence saying which file, which line and what to do.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "../../viewer/run_files.hpp"
#include "engine/simulation.hpp"
#include "metrics/summary.hpp"
#include "output/run_outputs.hpp"
#include "output/test_temp_dir.hpp"
#include "scenario/scenario.hpp"

using namespace ut;

namespace {

constexpr const char* kGrid = R"([network]
rows = 3
columns = 3
[demand]
vehicles_per_hour = 1800
[demand.mix]
car = 0.8
bus = 0.2
)";

struct WrittenRun {
    engine::SimulationInputs inputs;
    std::vector<engine::LinkStats> stats;
    metrics::Summary summary;
};

// Runs the 3 x 3 grid for `duration_s` and writes its outputs into `dir`.
WrittenRun write_run(const std::filesystem::path& dir, double duration_s, const char* toml = kGrid) {
    scenario::Scenario sc = scenario::load_scenario_from_string(toml, "grid.toml");
    sc.duration_s = duration_s;
    WrittenRun w{scenario::build_simulation_inputs(sc), {}, {}};
    engine::Simulation sim(w.inputs);
    sim.run_until(duration_s);
    w.stats = sim.link_stats();
    w.summary = metrics::compute_summary(sim);
    w.summary.scenario_name = sc.name;  // as `urbantwin run` sets it
    output::write_run_outputs(dir, sim, w.summary);
    return w;
}

std::string problems_of(const std::filesystem::path& dir, const network::Network& net,
                        const std::string& label = "grid.toml") {
    try {
        viewer::load_finished_run(dir, net, label);
    } catch (const viewer::RunFilesError& e) {
        return e.what();
    }
    return "";
}

void replace_in_file(const std::filesystem::path& p, const std::string& from, const std::string& to) {
    std::ifstream in(p);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("a finished run reads back into the link values the live layers use", "[viewer]") {
    test::TempDir dir;
    const WrittenRun w = write_run(dir.path(), 600.0);
    const viewer::FinishedRun run = viewer::load_finished_run(dir.path(), w.inputs.network, "grid.toml");

    CHECK(run.summary.duration_s == 600.0);
    CHECK(run.summary.arrived == static_cast<double>(w.summary.arrived));
    CHECK(run.summary.mean_delay_s == Approx(w.summary.mean_delay_s));
    REQUIRE(run.trips.size() == w.summary.trips_planned);
    std::size_t arrived = 0;
    for (const engine::TripRecord& t : run.trips) arrived += t.arrived();
    CHECK(arrived == w.summary.arrived);

    REQUIRE(run.links.link.size() == w.inputs.network.links.size());
    CHECK(run.links.whole_run);
    const viewer::LinkMeasures live = viewer::measures_from_stats(w.stats, 600.0);
    int used = 0;
    for (std::size_t i = 0; i < w.stats.size(); ++i) {
        const viewer::LinkMeasure& file = run.links.link[i];
        const engine::LinkStats& s = w.stats[i];
        if (s.vehicle_seconds <= 0.0) {
            CHECK(std::isnan(file.speed_mps));
            continue;
        }
        ++used;
        CHECK(file.speed_mps == Approx(live.link[i].speed_mps).margin(0.006));  // two decimals in the file
        CHECK(file.vehicle_km == Approx(live.link[i].vehicle_km).epsilon(0.02).margin(0.002));
        if (s.entered > 0) CHECK(file.delay_s == Approx(s.time_loss_s / static_cast<double>(s.entered)).margin(0.006));
        CHECK(std::isnan(file.buses));  // links.csv has no vehicle classes
    }
    CHECK(used > 10);
}

TEST_CASE("a run of another network is refused, naming the file and the scenario it came from", "[viewer]") {
    test::TempDir dir;
    write_run(dir.path(), 60.0);
    // Same junctions and links, longer blocks: only the lengths tell the networks apart.
    const scenario::Scenario longer = scenario::load_scenario_from_string(
        "[network]\nrows = 3\ncolumns = 3\nblock_length_m = 250\n", "longer.toml");
    const std::string why = problems_of(dir.path(), longer.network.network, "longer.toml");
    CHECK_THAT(why, Catch::Contains("links.csv:2: link 0 runs from junction"));
    CHECK_THAT(why, Catch::Contains("open it with the scenario it was run from ('grid')"));

    const scenario::Scenario bigger =
        scenario::load_scenario_from_string("[network]\nrows = 4\ncolumns = 3\n", "bigger.toml");
    CHECK_THAT(problems_of(dir.path(), bigger.network.network, "bigger.toml"),
               Catch::Contains("links.csv: 24 links, but the network of bigger.toml has 34"));
}

TEST_CASE("bad run folders are refused with every problem listed", "[viewer]") {
    test::TempDir dir;
    const WrittenRun w = write_run(dir.path() / "run", 60.0);
    const network::Network& net = w.inputs.network;
    const auto run = dir.path() / "run";

    CHECK_THAT(problems_of(dir.path() / "nowhere", net), Catch::Contains("nowhere: no such folder"));
    CHECK_THAT(problems_of(dir.path(), net), Catch::Contains("has none of summary.json, trips.csv, links.csv"));

    replace_in_file(run / "links.csv", "mean_delay_s", "delay");
    replace_in_file(run / "trips.csv", ",car,", ",car,x");
    const std::string why = problems_of(run, net);
    CHECK_THAT(why, Catch::Contains("links.csv:1: no column 'mean_delay_s'"));
    CHECK_THAT(why, Catch::Contains("column 'origin': 'x"));
    std::filesystem::remove(run / "summary.json");
    CHECK_THAT(problems_of(run, net), Catch::Contains("no summary.json; it is written last, so the run did not finish"));
}

TEST_CASE("CSV rows: quoted commas, doubled quotes, line breaks in quotes and CRLF", "[viewer]") {
    const auto rows = viewer::run_files_detail::parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",3\n\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].cells == std::vector<std::string>{"x, y", "say \"hi\""});
    CHECK(rows[2].line == 3);
    CHECK(rows[2].cells == std::vector<std::string>{"two\nlines", "3"});
}
