// Contents of trips.csv, links.csv and summary.json, from hand-made records (exact text)
// and from a tiny real run (consistency between the three files).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/simulation.hpp"
#include "metrics/summary.hpp"
#include "output/csv.hpp"
#include "output/links_csv.hpp"
#include "output/run_outputs.hpp"
#include "output/summary_json.hpp"
#include "output/test_temp_dir.hpp"
#include "output/trips_csv.hpp"
#include "scenario/scenario.hpp"

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("CSV fields are quoted only when needed", "[output]") {
    using ut::output::csv_field;
    CHECK(csv_field("Main Street") == "Main Street");
    CHECK(csv_field("Main St, north") == "\"Main St, north\"");
    CHECK(csv_field("the \"long\" road") == "\"the \"\"long\"\" road\"");
    CHECK(ut::output::csv_number(std::nan(""), 2).empty());
    CHECK(ut::output::csv_number(1.005, 1) == "1.0");
}

TEST_CASE("trips.csv: one row per trip, empty cells for what has not happened", "[output]") {
    ut::demand::Demand demand;
    const std::vector<ut::LinkId> route_a = {ut::LinkId{3}, ut::LinkId{4}, ut::LinkId{7}};
    const std::vector<ut::LinkId> route_b = {ut::LinkId{5}, ut::LinkId{2}};
    demand.add_trip(10.0, ut::VehicleTypeId{0}, route_a);
    demand.add_trip(20.5, ut::VehicleTypeId{2}, route_b);
    demand.add_trip(30.0, ut::VehicleTypeId{0}, route_b);

    std::vector<ut::engine::TripRecord> records(3);
    records[0].depart_s = 10.0;
    records[0].enter_s = 12.0;
    records[0].arrival_s = 100.5;
    records[0].time_loss_s = 20.25;
    records[0].distance_m = 612.34;
    records[0].stops = 2;
    records[1].depart_s = 20.5;
    records[1].enter_s = 21.0;  // entered, still driving
    records[1].distance_m = 50.0;

    std::ostringstream out;
    ut::output::format_trips_csv(out, demand, records, ut::engine::default_vehicle_types());
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "id,vehicle_type,origin,destination,depart_s,enter_s,arrival_s,travel_time_s,delay_s,stops,distance_m,teleports");
    CHECK(lines[1] == "0,car,3,7,10.00,12.00,100.50,88.50,20.25,2,612.3,0");
    CHECK(lines[2] == "1,truck,5,2,20.50,21.00,,,,0,50.0,0");
    CHECK(lines[3] == "2,car,5,2,30.00,,,,,0,0.0,0");
}

TEST_CASE("links.csv: mean speed, density and delay from the link counters", "[output]") {
    ut::network::Network net;
    const auto a = net.add_junction({});
    const auto b = net.add_junction({});
    ut::network::Link link;
    link.from = a;
    link.to = b;
    link.shape = {{0.0, 0.0}, {500.0, 0.0}};
    link.length_m = 500.0;
    link.lanes = {ut::network::Lane{}, ut::network::Lane{}};
    link.name = "High Street, east";
    net.add_link(link);
    link.from = b;
    link.to = a;
    link.shape = {{500.0, 0.0}, {0.0, 0.0}};
    link.name = "";
    net.add_link(link);

    std::vector<ut::engine::LinkStats> stats(2);
    stats[0].entered = 10;
    stats[0].left = 9;
    stats[0].vehicle_seconds = 600.0;   // 10 vehicles x 60 s
    stats[0].vehicle_meters = 6000.0;   // -> 10 m/s
    stats[0].time_loss_s = 150.0;       // -> 15 s per vehicle
    stats[0].gridlock_events = 2;
    stats[0].teleports = 1;

    std::ostringstream out;
    ut::output::format_links_csv(out, net, stats, 300.0);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "link_id,name,from,to,length_m,lanes,vehicles_entered,vehicles_left,mean_speed_mps,mean_density_veh_per_km,mean_delay_s,gridlock_events,teleports");
    // density = 600 veh-s / (300 s x 0.5 km) = 4 veh/km
    CHECK(lines[1] == "0,\"High Street, east\",0,1,500.0,2,10,9,10.00,4.000,15.00,2,1");
    CHECK(lines[2] == "1,,1,0,500.0,2,0,0,,0.000,,0,0");
}

TEST_CASE("summary KPIs from records, and their JSON", "[output]") {
    std::vector<ut::engine::TripRecord> trips(3);
    trips[0].depart_s = 0.0;
    trips[0].enter_s = 2.0;
    trips[0].arrival_s = 102.0;
    trips[0].time_loss_s = 30.0;
    trips[1].depart_s = 10.0;
    trips[1].enter_s = 14.0;
    trips[1].arrival_s = 214.0;
    trips[1].time_loss_s = 50.0;
    trips[2].depart_s = 20.0;  // never entered
    std::vector<ut::engine::LinkStats> links(1);
    links[0].vehicle_meters = 36000.0;
    links[0].vehicle_seconds = 3600.0;

    ut::metrics::RunRecords r;
    r.trips = &trips;
    r.links = &links;
    r.counters.departed = 2;
    r.counters.arrived = 2;
    r.counters.waiting_to_enter = 1;
    r.counters.vehicle_steps = 1000;
    r.config.seed = 9;
    r.config.threads = 1;
    r.time_s = 300.0;
    auto s = ut::metrics::compute_summary(r);
    s.scenario_name = "tiny";
    ut::metrics::set_wall_time(s, 0.5);

    CHECK(s.trips_planned == 3);
    CHECK(s.mean_travel_time_s == 150.0);  // (100 + 200) / 2
    CHECK(s.mean_delay_s == 40.0);
    CHECK(s.mean_depart_delay_s == 3.0);
    CHECK(s.vehicle_km == 36.0);
    CHECK(s.mean_speed_kmh == Approx(36.0));
    CHECK(s.vehicle_updates_per_s == 2000.0);
    CHECK(s.threads == 1);

    const auto j = ut::output::summary_to_json(s);
    CHECK(j["scenario"] == "tiny");
    CHECK(j["seed"] == 9);
    CHECK(j["arrived"] == 2);
    CHECK(j["waiting_to_enter"] == 1);
    CHECK(j["mean_delay_s"] == 40.0);
    CHECK(j["wall_time_s"] == 0.5);
    for (const char* key : {"threads", "duration_s", "step_s", "departed", "in_network",
                            "mean_travel_time_s", "vehicle_km", "mean_speed_kmh", "gridlock_events",
                            "teleports", "collisions_prevented", "vehicle_updates_per_s"})
        CHECK(j.contains(key));

    // Nothing arrived: the means do not exist and are null, not 0.
    trips.resize(1);
    trips[0].arrival_s = ut::engine::kNotYet;
    const auto empty = ut::output::summary_to_json(ut::metrics::compute_summary(r));
    CHECK(empty["mean_travel_time_s"].is_null());
    CHECK(empty["mean_delay_s"].is_null());
}

TEST_CASE("a tiny run writes consistent summary.json, trips.csv and links.csv", "[output][run]") {
    auto sc = ut::scenario::load_scenario_from_string(R"(
[scenario]
name = "tiny"
duration_s = 300
[engine]
threads = 1
[network]
rows = 2
columns = 3
block_length_m = 100
lanes_per_direction = 1
[demand]
vehicles_per_hour = 720
end_s = 120
)",
                                                      "tiny.toml");
    ut::engine::Simulation sim(ut::scenario::build_simulation_inputs(sc));
    sim.run_until(sc.duration_s);
    auto summary = ut::metrics::compute_summary(sim);
    summary.scenario_name = sc.name;
    ut::metrics::set_wall_time(summary, 1.0);

    ut::test::TempDir dir;
    const auto paths = ut::output::write_run_outputs(dir.path() / "out", sim, summary);

    const auto j = nlohmann::json::parse(read_all(paths.summary_json));
    CHECK(j["scenario"] == "tiny");
    CHECK(j["duration_s"].get<double>() >= 300.0);
    CHECK(j["step_s"] == 0.5);
    CHECK(j["threads"] == 1);

    const auto trips = lines_of(read_all(paths.trips_csv));
    REQUIRE(trips.size() == sim.demand().trips.size() + 1);
    std::uint64_t arrived_rows = 0;
    for (std::size_t i = 1; i < trips.size(); ++i) {
        // arrival_s is the 7th column; filled exactly for arrived trips.
        std::istringstream row(trips[i]);
        std::string cell;
        for (int c = 0; c < 7; ++c) std::getline(row, cell, ',');
        if (!cell.empty()) ++arrived_rows;
    }
    CHECK(arrived_rows == j["arrived"].get<std::uint64_t>());
    CHECK(j["arrived"].get<std::uint64_t>() > 0);  // 100 m blocks, 3 minutes after the last departure

    const auto links = lines_of(read_all(paths.links_csv));
    CHECK(links.size() == sim.network().links.size() + 1);
}
