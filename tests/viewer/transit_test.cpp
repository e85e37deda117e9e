// Buses for the transit layer (viewer/transit.hpp): a bus is put on the link of its route it
// drives along, cars are left out, and each bus counts once per link however often it is seen.
#include <catch2/catch.hpp>

#include "../../viewer/transit.hpp"
#include "engine/tiny_networks.hpp"

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

TEST_CASE("a bus counts once per link; passengers only when every load is known", "[viewer]") {
    std::vector<viewer::LinkMeasure> links(3);
    const double unknown = viewer::LinkMeasure::kNone;
    viewer::count_buses({{1, 7, unknown}, {1, 7, unknown}, {1, 8, unknown}, {2, 7, unknown}}, links);
    CHECK(links[0].buses == 0.0);
    CHECK(links[1].buses == 2.0);
    CHECK(links[2].buses == 1.0);
    CHECK(std::isnan(links[1].passengers));

    viewer::count_buses({{1, 7, 30.0}, {1, 7, 12.0}, {1, 8, 5.0}}, links);
    CHECK(links[1].buses == 2.0);
    CHECK(links[1].passengers == 35.0);  // bus 7 as first seen there, plus bus 8
    CHECK(links[0].passengers == 0.0);
}
