#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/idm.hpp"
#include "engine/simulation.hpp"
#include "tiny_networks.hpp"

using namespace ut;
using namespace ut::engine;

TEST_CASE("IDM: a lone car accelerates to the speed limit and no faster", "[engine][idm]") {
    SimulationInputs in;
    in.network = test::straight_road(3000.0, 1, 13.89);
    in.demand = test::trips_on({LinkId{0}}, {0.0});
    in.vehicle_types = test::uniform_drivers();
    Simulation sim(std::move(in));

    sim.run_until(1.0);
    const auto early = sim.snapshot();
    REQUIRE(early.vehicles.size() == 1);
    // Starts from rest or a safe entry speed; never accelerates faster than a = 2 m/s^2.
    double previous = early.vehicles[0].speed_mps;
    double top = previous;
    for (int i = 0; i < 120; ++i) {
        sim.step();
        const auto snap = sim.snapshot();
        REQUIRE(snap.vehicles.size() == 1);
        const double speed = snap.vehicles[0].speed_mps;
        CHECK(speed - previous <= 2.0 * 0.5 + 1e-9);
        previous = speed;
        top = std::max(top, speed);
    }
    CHECK(top <= 13.89 + 1e-6);
    CHECK(previous == Approx(13.89).margin(0.3));  // IDM approaches v0 asymptotically
}

TEST_CASE("IDM: no collision from any safe starting gap when the leader brakes to a stop", "[engine][idm]") {
    const VehicleType car = default_vehicle_types()[0];
    const double dt = 0.5;
    int cases = 0;
    for (double v_follow = 0.0; v_follow <= 30.0; v_follow += 2.5) {
        for (double v_lead = 0.0; v_lead <= 30.0; v_lead += 2.5) {
            for (double extra = 0.0; extra <= 30.0; extra += 5.0) {
                // Safe = physically avoidable: the follower, braking at its emergency limit
                // one step late, stops behind the leader braking comfortably, plus s0.
                const double stopping = v_follow * v_follow / (2.0 * car.emergency_decel_mps2) -
                                        v_lead * v_lead / (2.0 * car.comfortable_decel_mps2);
                double gap = car.min_gap_m + std::max(0.0, stopping) + v_follow * dt + extra;
                double vf = v_follow;
                double vl = v_lead;
                for (int step = 0; step < 200; ++step) {
                    const double a = std::clamp(idm_acceleration(car, vf, 30.0, gap, vl),
                                                -car.emergency_decel_mps2, car.max_accel_mps2);
                    const Motion mf = ballistic_step(vf, a, dt);
                    const Motion ml = ballistic_step(vl, -car.comfortable_decel_mps2, dt);
                    gap += ml.distance_m - mf.distance_m;
                    vf = mf.speed_mps;
                    vl = ml.speed_mps;
                    REQUIRE(gap > 0.0);
                    REQUIRE(vf >= 0.0);
                }
                CHECK(vf == Approx(0.0).margin(1e-6));  // both stopped in the end
                ++cases;
            }
        }
    }
    CHECK(cases == 13 * 13 * 7);
}

TEST_CASE("IDM: a platoon stops before a red stop line without overlapping", "[engine][idm][signals]") {
    SimulationInputs in;
    in.network = test::two_links(600.0, 1, 13.89, network::JunctionControl::TrafficSignals);
    std::vector<double> departs;
    for (int i = 0; i < 30; ++i) departs.push_back(i * 2.0);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    in.vehicle_types = test::uniform_drivers();
    signals::SignalPlan red;
    red.junction = JunctionId{1};
    red.groups.push_back({"through", {ConnectionId{0}}, false});
    red.stages.push_back({{}, 1000.0, 3.0, 2.0});  // a stage with no green: red for 1005 s
    red.stages.push_back({{0}, 10.0, 3.0, 2.0});
    in.signal_plans.push_back(red);
    Simulation sim(std::move(in));
    sim.run_until(300.0);

    const auto snap = sim.snapshot();
    REQUIRE(snap.vehicles.size() == 30);
    std::vector<double> fronts;
    for (const auto& v : snap.vehicles) {
        CHECK(v.speed_mps == Approx(0.0).margin(0.01));
        fronts.push_back(v.position.x);
    }
    std::sort(fronts.rbegin(), fronts.rend());
    const VehicleType car = default_vehicle_types()[0];
    CHECK(fronts[0] <= 600.0);                            // behind the stop line
    CHECK(fronts[0] >= 600.0 - car.min_gap_m - 0.5);      // but close to it (IDM standstill gap s0)
    for (std::size_t i = 1; i < fronts.size(); ++i) {
        const double gap = fronts[i - 1] - car.length_m - fronts[i];
        CHECK(gap >= car.min_gap_m - 0.15);  // jam spacing: s0 between bumpers
        CHECK(gap <= car.min_gap_m + 0.15);
    }
    CHECK(sim.counters().collisions_prevented == 0);
    CHECK(sim.counters().arrived == 0);
}

TEST_CASE("A green light lets the queue discharge and every vehicle arrives", "[engine][signals]") {
    SimulationInputs in;
    in.network = test::two_links(400.0, 2, 13.89, network::JunctionControl::TrafficSignals);
    std::vector<double> departs;
    for (int i = 0; i < 40; ++i) departs.push_back(i * 1.5);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    signals::SignalPlan plan;
    plan.junction = JunctionId{1};
    plan.groups.push_back({"through", {ConnectionId{0}, ConnectionId{1}}, false});
    plan.stages.push_back({{0}, 30.0, 3.0, 2.0});
    plan.stages.push_back({{}, 30.0, 3.0, 2.0});
    in.signal_plans.push_back(plan);
    Simulation sim(std::move(in));
    sim.run_until(600.0);
    const auto c = sim.counters();
    CHECK(c.departed == 40);
    CHECK(c.arrived == 40);
    CHECK(c.in_network == 0);
    CHECK(c.collisions_prevented == 0);
    for (const auto& r : sim.trip_records()) {
        REQUIRE(r.arrived());
        CHECK(r.arrival_s > r.enter_s);
        CHECK(r.distance_m == Approx(810.0).margin(15.0));
    }
}

TEST_CASE("Link counts: every vehicle that leaves a link has entered it, even across a very short junction",
          "[engine]") {
    SimulationInputs in;
    in.network = test::two_links(300.0, 1, 13.89);
    in.network.connections[0].shape = {{300.0, 0.0}, {300.4, 0.0}};  // crossed within one step
    in.network.connections[0].length_m = 0.4;
    std::vector<double> departs;
    for (int i = 0; i < 10; ++i) departs.push_back(i * 4.0);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    Simulation sim(std::move(in));
    sim.run_until(300.0);
    REQUIRE(sim.counters().arrived == 10);
    const auto links = sim.link_stats();
    CHECK(links[0].entered == 10);
    CHECK(links[0].left == 10);
    CHECK(links[1].entered == 10);
    CHECK(links[1].left == 10);
}

TEST_CASE("A follower that reaches the lane end in the same step as its leader looks ahead for itself",
          "[engine]") {
    // At a 2 s step a car close behind its leader covers the gap and more in one step: when
    // the leader crosses into the junction the follower may too, but only along the path it
    // has looked at itself (it used to take the lanes of a path it never computed; the
    // sanitizer build sees that read out of bounds). With a red light first, nobody may
    // cross the stop line (x = 300) before it turns green.
    for (const bool red_first : {false, true}) {
        INFO((red_first ? "red, then green" : "no signal"));
        SimulationInputs in;
        in.network = test::two_links(300.0, 1, 13.89,
                                     red_first ? network::JunctionControl::TrafficSignals : network::JunctionControl::Priority);
        in.config.step_s = 2.0;
        std::vector<double> departs;
        for (int i = 0; i < 30; ++i) departs.push_back(i * 2.0);
        in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
        if (red_first) {
            signals::SignalPlan plan;
            plan.junction = JunctionId{1};
            plan.groups.push_back({"through", {ConnectionId{0}}, false});
            plan.stages.push_back({{}, 40.0, 3.0, 2.0});
            plan.stages.push_back({{0}, 60.0, 3.0, 2.0});
            in.signal_plans.push_back(plan);
        }
        Simulation sim(std::move(in));
        bool crossed_early = false;
        while (sim.time_s() < 40.0 - 1e-9) {
            sim.step();
            for (const auto& v : sim.snapshot().vehicles) crossed_early = crossed_early || v.position.x > 300.5;
        }
        CHECK(crossed_early == !red_first);
        sim.run_until(600.0);
        const auto c = sim.counters();
        CHECK(c.arrived == 30);
        CHECK(c.gridlock_events == 0);
        for (const auto& r : sim.trip_records()) CHECK(r.arrived());
    }
}
