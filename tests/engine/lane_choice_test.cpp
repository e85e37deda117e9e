// Strategic lane choice: where one junction is drawn as several nodes joined by links a few
// metres long, a vehicle cannot change lanes between them, so it must already be in the
// lane that leads where it goes. Real maps are full of these (Portland's SW 6th Avenue).
#include <catch2/catch.hpp>

#include <vector>

#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"

using namespace ut;

namespace {

//   J0 ==L0 (300 m)==> J1 =L1 (8 m)=> J2 =L2 (8 m)=> J3 --lane 0--> L3 (300 m) --> J4
//                                                      \--lane 1--> L4 (300 m) --> J5
// Two lanes, lane i -> lane i, until J3 splits them: lane 0 only to L3, lane 1 only to L4.
network::Network split_after_short_links() {
    using network::JunctionControl;
    network::Network net;
    net.add_junction({{0, 0}, JunctionControl::DeadEnd, "J0", 0});
    net.add_junction({{300, 0}, JunctionControl::Priority, "J1", 0});
    net.add_junction({{313, 0}, JunctionControl::Priority, "J2", 0});
    net.add_junction({{326, 0}, JunctionControl::Priority, "J3", 0});
    net.add_junction({{631, -20}, JunctionControl::DeadEnd, "J4", 0});
    net.add_junction({{631, 20}, JunctionControl::DeadEnd, "J5", 0});
    net.add_link(test::make_link(0, 1, {0, 0}, {300, 0}, 2, 13.89));       // L0
    net.add_link(test::make_link(1, 2, {302, 0}, {310, 0}, 2, 13.89));     // L1
    net.add_link(test::make_link(2, 3, {313, 0}, {321, 0}, 2, 13.89));     // L2
    net.add_link(test::make_link(3, 4, {326, -5}, {626, -20}, 1, 13.89));  // L3
    net.add_link(test::make_link(3, 5, {326, 5}, {626, 20}, 1, 13.89));    // L4
    auto connect = [&](std::uint32_t from, std::uint8_t from_lane, std::uint32_t to, std::uint8_t to_lane,
                       Polyline shape) {
        network::Connection c;
        c.from_link = LinkId{from};
        c.from_lane = from_lane;
        c.to_link = LinkId{to};
        c.to_lane = to_lane;
        c.shape = std::move(shape);
        net.add_connection(c);
    };
    for (std::uint8_t l = 0; l < 2; ++l) {
        connect(0, l, 1, l, {{300, 0}, {302, 0}});
        connect(1, l, 2, l, {{310, 0}, {313, 0}});
    }
    connect(2, 0, 3, 0, {{321, 0}, {326, -5}});
    connect(2, 1, 4, 0, {{321, 0}, {326, 5}});
    return net;
}

}  // namespace

TEST_CASE("Drivers pick their lane before a chain of short links where they cannot change lanes",
          "[engine][lanes]") {
    // Everybody goes to L4, so nobody in lane 1 wants lane 0: a driver arriving at J3 in
    // lane 0 finds no partner to swap places with, and would wait there for ever.
    std::vector<double> departs;
    for (int i = 0; i < 80; ++i) departs.push_back(i * 6.0);
    demand::Demand d = test::trips_on({LinkId{0}, LinkId{1}, LinkId{2}, LinkId{4}}, departs);
    engine::SimulationInputs in;
    in.network = split_after_short_links();
    in.demand = std::move(d);
    in.config.threads = 1;
    in.config.gridlock_wait_s = 60.0;
    engine::Simulation sim(std::move(in));
    sim.run_until(900.0);
    const auto c = sim.counters();
    CHECK(c.arrived == 80);
    CHECK(c.gridlock_events == 0);
    CHECK(c.teleports == 0);
    CHECK(c.collisions_prevented == 0);
}

TEST_CASE("A bus takes the bus lane its route continues on from the moment it enters", "[engine][lanes]") {
    // J0 ==L0==> J1 ==L1 (bus only)==> J2. A car (type 0) drives first, so the buses reuse
    // its slot; a bus once judged as a car found no connection it may use and stood at the
    // end of L0 until gridlock was declared (Monaco, Boulevard Princesse Charlotte).
    network::Network net = test::two_links(200.0);
    net.links[1].lanes[0].allowed_classes = network::class_bit(network::VehicleClass::Bus);
    engine::SimulationInputs in;
    in.network = std::move(net);
    in.vehicle_types = test::uniform_drivers();
    in.demand = test::trips_on({LinkId{0}}, {0.0});
    const std::vector<LinkId> bus_route = {LinkId{0}, LinkId{1}};
    for (double t : {30.0, 40.0, 50.0}) in.demand.add_trip(t, VehicleTypeId{1}, bus_route);
    in.demand.sort_by_departure();
    engine::Simulation sim(std::move(in));
    sim.run_until(200.0);
    const auto counters = sim.counters();
    CHECK(counters.arrived == 4);
    CHECK(counters.gridlock_events == 0);
    for (const auto& trip : sim.trip_records()) {
        CHECK(trip.arrived());
        CHECK(trip.teleports == 0);
    }
}
