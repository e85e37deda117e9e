// Buses for the transit layer (viewer/transit.hpp): a bus is put on the link of its route it
// drives along, cars are left out, and each bus counts once per link however often it is seen.
#include <catch2/catch.hpp>

#include "../../viewer/transit.hpp"
#include "engine/tiny_networks.hpp"
#include "transit/transit_state.hpp"

using namespace ut;

namespace {

// J0 ==L0==> J1 ==L1==> J2, 300 m links; trip 0 is a bus, trip 1 a car, both over L0, L1.
struct Setup {
    network::Network net = test::two_links(300.0, 2);
    demand::Demand demand;
    std::vector<bool> is_bus = viewer::bus_types(engine::default_vehicle_types());
    Setup() {
        demand.add_trip(0.0, VehicleTypeId{1}, std::vector<LinkId>{LinkId{0}, LinkId{1}});
        demand.add_trip(0.0, VehicleTypeId{0}, std::vector<LinkId>{LinkId{0}, LinkId{1}});
    }
};

engine::VehicleSnapshot vehicle(double x, std::uint32_t trip, std::uint8_t type) {
    engine::VehicleSnapshot v;
    v.position = {x, -1.75};  // the right-hand lane of an eastbound link
    v.heading = {1.0, 0.0};
    v.trip = TripId{trip};
    v.vehicle_type = type;
    return v;
}

}  // namespace

TEST_CASE("buses are sighted on the link of their route they drive along", "[viewer]") {
    const Setup s;
    REQUIRE(s.is_bus == std::vector<bool>{false, true, false});  // car, bus, truck
    engine::Snapshot snap;
    snap.vehicles = {vehicle(400.0, 0, 1), vehicle(100.0, 1, 0)};
    const auto seen = viewer::bus_sightings(s.net, s.demand, s.is_bus, snap);
    REQUIRE(seen.size() == 1);  // the car is not a bus
    CHECK(seen[0].link == 1);
    CHECK(seen[0].trip == 0);
    CHECK(std::isnan(seen[0].passengers));  // no loads until transit demand

    snap.vehicles = {vehicle(305.0, 0, 1)};  // in the junction between the links
    CHECK(viewer::bus_sightings(s.net, s.demand, s.is_bus, snap).empty());
    engine::VehicleSnapshot backwards = vehicle(100.0, 0, 1);
    backwards.heading = {-1.0, 0.0};  // the other direction of the street is not this link
    snap.vehicles = {backwards};
    CHECK(viewer::bus_sightings(s.net, s.demand, s.is_bus, snap).empty());
}

TEST_CASE("a bus counts once per link; passengers when buses of a line report their load", "[viewer]") {
    std::vector<viewer::LinkMeasure> links(3);
    const double unknown = viewer::LinkMeasure::kNone;
    viewer::count_buses({{1, 7, unknown}, {1, 7, unknown}, {1, 8, unknown}, {2, 7, unknown}}, links);
    CHECK(links[0].buses == 0.0);
    CHECK(links[1].buses == 2.0);
    CHECK(links[2].buses == 1.0);
    CHECK(std::isnan(links[1].passengers));  // no bus of a line: no passenger figures

    viewer::count_buses({{1, 7, 30.0}, {1, 7, 12.0}, {1, 8, 5.0}}, links);
    CHECK(links[1].buses == 2.0);
    CHECK(links[1].passengers == 35.0);  // bus 7 as first seen there, plus bus 8
    CHECK(links[0].passengers == 0.0);

    // A bus of no line (a random bus trip) among line buses: counted as a bus, adds no passengers.
    viewer::count_buses({{1, 7, 30.0}, {1, 9, unknown}}, links);
    CHECK(links[1].buses == 2.0);
    CHECK(links[1].passengers == 30.0);
}

TEST_CASE("the viewer reads a line bus's load from the engine's snapshot", "[viewer][transit]") {
    engine::VehicleSnapshot car = vehicle(100.0, 1, 0);
    CHECK_FALSE(viewer::bus_load(car).has_value());

    // A line over both links with a busy first stop: its bus carries passengers.
    engine::SimulationInputs in;
    in.network = test::two_links(300.0, 1);
    in.vehicle_types = test::uniform_drivers();
    transit::BusLine line;
    line.name = "7";
    line.route = {LinkId{0}, LinkId{1}};
    transit::BusStop first;
    first.name = "first";
    first.offset_m = 100.0;
    first.boardings_per_h = 3600.0;
    transit::BusStop last;
    last.name = "last";
    last.route_index = 1;
    last.offset_m = 280.0;
    line.stops = {first, last};
    line.departures_s = {60.0};
    line.passengers_end_s = 1e9;
    in.transit.lines.push_back(line);
    transit::add_runs_to_demand(in.transit, in.demand);
    engine::Simulation sim(std::move(in));
    const std::vector<bool> is_bus = viewer::bus_types(sim.vehicle_types());
    bool saw_load = false;
    while (sim.time_s() < 200.0 && !saw_load) {
        sim.step();
        const engine::Snapshot snap = sim.snapshot();
        for (const engine::VehicleSnapshot& v : snap.vehicles) {
            const auto load = viewer::bus_load(v);
            REQUIRE(load.has_value());  // the only vehicle is the line's bus
            CHECK(load->capacity == 70.0);
            CHECK(load->passengers == sim.transit().runs[0].load);
            if (load->passengers > 0.0) {
                saw_load = true;
                const auto seen = viewer::bus_sightings(sim.network(), sim.demand(), is_bus, snap);
                if (!seen.empty()) CHECK(seen[0].passengers == load->passengers);
            }
        }
    }
    CHECK(saw_load);
}
