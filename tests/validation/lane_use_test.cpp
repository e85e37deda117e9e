// Lane changing against what the field shows (docs/validation.md): on a 3-lane road every
// lane carries a plausible share, and drivers who must reach the turning lane do so.
//
//   lane shares:   J0 ============== L0 (3 lanes, 3 km) ==============> J1
//
//   mandatory:     J0 --L0 (1 lane)--> J1 ==== L1 (3 lanes, 500 m) ====> J2 ==== L2 (straight, 3 lanes) ==> J3
//                                                                          |
//                                                                          L3 (left, 1 lane, from lane 2 only) -> J4
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "theory_networks.hpp"

using namespace ut;

TEST_CASE("Lane use on a 3-lane road: every lane carries a plausible share", "[validation][lanes][slow]") {
    engine::SimulationInputs in;
    in.network = test::straight_road(3000.0, 3, 27.78);  // 100 km/h, drivers differ by +-20 %
    in.demand = test::trips_on({LinkId{0}}, test::uniform_departures(3600.0, 1500));
    in.config.threads = 1;
    const double width_m = in.network.links[0].lanes[0].width_m;
    engine::Simulation sim(std::move(in));
    std::array<double, 3> count{};
    sim.run_until(300.0);
    for (double t = 300.0; t < 1200.0; t += 5.0) {
        sim.run_until(t);
        for (const auto& v : sim.snapshot().vehicles) {
            if (v.position.x < 1000.0 || v.position.x > 2800.0) continue;
            // The link's shape is the carriageway's centre; lane 0 is the rightmost (y < 0).
            const long lane = std::lround(v.position.y / width_m) + 1;
            if (lane >= 0 && lane <= 2) count[static_cast<std::size_t>(lane)] += 1.0;
        }
    }
    const double total = count[0] + count[1] + count[2];
    REQUIRE(total > 0);
    INFO("lane shares (right to left): " << count[0] / total << ", " << count[1] / total << ", " << count[2] / total);
    for (double c : count) {
        CHECK(c / total >= 0.15);
        CHECK(c / total <= 0.55);
    }
    CHECK(sim.counters().collisions_prevented == 0);
}

TEST_CASE("Mandatory lane changes before a turn succeed at moderate demand", "[validation][lanes][slow]") {
    using network::JunctionControl;
    network::Network net;
    net.add_junction({{0, 0}, JunctionControl::DeadEnd, "J0", 0});
    net.add_junction({{300, 0}, JunctionControl::Priority, "J1", 0});
    net.add_junction({{810, 0}, JunctionControl::Priority, "J2", 0});
    net.add_junction({{1520, 0}, JunctionControl::DeadEnd, "J3", 0});
    net.add_junction({{815, 400}, JunctionControl::DeadEnd, "J4", 0});
    net.add_link(test::make_link(0, 1, {0, 0}, {300, 0}, 1, 13.89));      // L0
    net.add_link(test::make_link(1, 2, {305, 0}, {805, 0}, 3, 13.89));    // L1
    net.add_link(test::make_link(2, 3, {815, 0}, {1515, 0}, 3, 13.89));   // L2
    net.add_link(test::make_link(2, 4, {815, 10}, {815, 400}, 1, 13.89)); // L3
    auto connect = [&](std::uint32_t from, std::uint8_t from_lane, std::uint32_t to, std::uint8_t to_lane,
                       network::Turn turn, Polyline shape) {
        network::Connection c;
        c.from_link = LinkId{from};
        c.from_lane = from_lane;
        c.to_link = LinkId{to};
        c.to_lane = to_lane;
        c.turn = turn;
        c.shape = std::move(shape);
        net.add_connection(c);
    };
    connect(0, 0, 1, 0, network::Turn::Straight, {{300, 0}, {305, 0}});  // everybody starts in lane 0
    for (std::uint8_t l = 0; l < 3; ++l) connect(1, l, 2, l, network::Turn::Straight, {{805, 0}, {815, 0}});
    connect(1, 2, 3, 0, network::Turn::Left, {{805, 3}, {815, 10}});

    std::vector<double> departs = test::uniform_departures(1200.0, 300);
    demand::Demand d;
    int turning = 0;
    for (std::size_t i = 0; i < departs.size(); ++i) {
        const bool left = i % 5 < 2;  // 40 % turn left
        turning += left ? 1 : 0;
        const std::vector<LinkId> route = left ? std::vector<LinkId>{LinkId{0}, LinkId{1}, LinkId{3}}
                                               : std::vector<LinkId>{LinkId{0}, LinkId{1}, LinkId{2}};
        d.add_trip(departs[i], VehicleTypeId{0}, route);
    }
    d.sort_by_departure();
    engine::SimulationInputs in;
    in.network = std::move(net);
    in.demand = std::move(d);
    in.config.threads = 1;
    engine::Simulation sim(std::move(in));
    sim.run_until(1200.0);
    const auto c = sim.counters();
    const auto stats = sim.link_stats();
    INFO("departed " << c.departed << ", arrived " << c.arrived << ", teleports " << c.teleports << ", left turns "
                     << stats[3].left << " of " << turning);
    CHECK(c.departed == 300);
    CHECK(c.arrived == 300);
    CHECK(c.teleports == 0);
    CHECK(stats[3].left == static_cast<std::uint64_t>(turning));
    CHECK(c.collisions_prevented == 0);
}
