// Giving way where one junction is drawn as several nodes: the priority vehicle that will
// cross a yielding movement's path may still be a short link back. Real maps are full of
// these (Mannheim's motorway ramps, Portland's split intersections).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"

using namespace ut;

namespace {

network::Connection connection(std::uint32_t from, std::uint32_t to, Polyline shape, network::Turn turn) {
    network::Connection c;
    c.from_link = LinkId{from};
    c.to_link = LinkId{to};
    c.shape = std::move(shape);
    c.turn = turn;
    return c;
}

// Runs the simulation until `until_s` and returns the hardest braking of any vehicle in one
// step (m/s2), read from consecutive snapshots.
double run_hardest_braking(engine::Simulation& sim, double until_s) {
    std::map<std::uint32_t, float> speed_before;
    double hardest = 0.0;
    while (sim.time_s() < until_s) {
        sim.step();
        std::map<std::uint32_t, float> speed_now;
        for (const auto& v : sim.snapshot().vehicles) {
            speed_now[v.trip.index()] = v.speed_mps;
            if (const auto it = speed_before.find(v.trip.index()); it != speed_before.end())
                hardest = std::max(hardest, (it->second - v.speed_mps) / sim.config().step_s);
        }
        speed_before = std::move(speed_now);
    }
    return hardest;
}

}  // namespace

TEST_CASE("A minor road gives way to a priority vehicle still on the short link before the junction",
          "[engine][yield]") {
    //   J0 ==A (primary, 200 m, 100 km/h)==> J1 =B (10 m)=> J2 ==D (primary)==> J3
    //                                             ^
    //                                  C (residential) from the south, turning right into D
    using network::JunctionControl;
    network::Network net;
    net.add_junction({{0, 0}, JunctionControl::DeadEnd, "J0", 0});
    net.add_junction({{200, 0}, JunctionControl::Priority, "J1", 0});
    net.add_junction({{214, 0}, JunctionControl::Priority, "J2", 0});
    net.add_junction({{514, 0}, JunctionControl::DeadEnd, "J3", 0});
    net.add_junction({{214, -200}, JunctionControl::DeadEnd, "JC", 0});
    net.add_link(test::make_link(0, 1, {0, 0}, {200, 0}, 1, 27.78));      // A, 100 km/h
    net.add_link(test::make_link(1, 2, {202, 0}, {212, 0}, 1, 27.78));    // B
    net.add_link(test::make_link(2, 3, {216, 0}, {514, 0}, 1, 27.78));    // D
    net.add_link(test::make_link(4, 2, {214, -200}, {214, -4}, 1, 13.89));  // C
    for (std::uint32_t l : {0u, 1u, 2u}) net.links[l].road_class = network::RoadClass::Primary;
    net.links[3].road_class = network::RoadClass::Residential;
    net.add_connection(connection(0, 1, {{200, 0}, {202, 0}}, network::Turn::Straight));
    net.add_connection(connection(1, 2, {{212, 0}, {216, 0}}, network::Turn::Straight));
    net.add_connection(connection(3, 2, {{214, -4}, {216, 0}}, network::Turn::Right));

    engine::SimulationInputs in;
    in.network = net;
    in.vehicle_types = test::uniform_drivers();
    for (int i = 0; i < 100; ++i) in.demand.add_trip(8.0 * i, VehicleTypeId{0}, std::vector{LinkId{0}, LinkId{1}, LinkId{2}});
    for (int i = 0; i < 100; ++i) in.demand.add_trip(8.0 * i + 0.5 * (i * 37 % 16), VehicleTypeId{0}, std::vector{LinkId{3}, LinkId{2}});
    in.demand.sort_by_departure();
    const double emergency = in.vehicle_types[0].emergency_decel_mps2;
    engine::Simulation sim(std::move(in));

    // Nobody brakes harder than a car can: a minor-road car that pulled out in front of a
    // priority car it had not seen made that one stop dead on the 10 m link.
    const double hardest = run_hardest_braking(sim, 1500.0);
    INFO("hardest braking " << hardest << " m/s2");
    CHECK(hardest <= emergency + 1e-6);
    CHECK(sim.counters().arrived == 200);
    CHECK(sim.counters().collisions_prevented == 0);
}

TEST_CASE("A driver who can no longer stop before the line goes on rather than stopping dead", "[engine][yield]") {
    // A signal that goes from green straight to red (no yellow) with cars at 100 km/h a few
    // metres before it: none can stop there braking at 9 m/s2 (that takes 43 m).
    engine::SimulationInputs in;
    in.network = test::two_links(300.0, 1, 27.78, network::JunctionControl::TrafficSignals);
    in.vehicle_types = test::uniform_drivers();
    std::vector<double> departs;
    for (int i = 0; i < 12; ++i) departs.push_back(0.8 * i);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    signals::SignalPlan plan;
    plan.junction = JunctionId{1};
    plan.groups.push_back({"through", {ConnectionId{0}}, false});
    plan.stages.push_back({{0}, 16.0, 0.0, 2.0});
    plan.stages.push_back({{}, 40.0, 0.0, 2.0});
    in.signal_plans.push_back(plan);
    const double emergency = in.vehicle_types[0].emergency_decel_mps2;
    engine::Simulation sim(std::move(in));
    const double hardest = run_hardest_braking(sim, 120.0);
    INFO("hardest braking " << hardest << " m/s2");
    CHECK(hardest <= emergency + 1e-6);
    CHECK(sim.counters().arrived == 12);
    CHECK(sim.counters().collisions_prevented == 0);
}
