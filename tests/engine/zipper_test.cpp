// Lanes of one approach that merge or cross into each other at a junction go in turn
// (zip partners, compiled_network.hpp): neither lane starves, and the junction passes about
// one lane's worth of traffic. Mannheim's Fahrlachstraße is the real case: a node where the
// road's two lanes swap (each lane also enters the other lane of a short link beyond), and
// the right lane used to wait for the left one's whole stream.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"

using namespace ut;

namespace {

void connect(network::Network& net, std::uint32_t from, std::uint8_t from_lane, std::uint32_t to,
             std::uint8_t to_lane) {
    const network::Link& in = net.links[from];
    const network::Link& out = net.links[to];
    network::Connection c;
    c.from_link = LinkId{from};
    c.from_lane = from_lane;
    c.to_link = LinkId{to};
    c.to_lane = to_lane;
    c.shape = {in.shape.back() + Vec2{0.0, 3.2 * from_lane}, out.shape.front() + Vec2{0.0, 3.2 * to_lane}};
    net.add_connection(c);
}

//   J0 ==L0 (300 m, 2 lanes)==> J1 --L1 (300 m, 1 lane)--> J2
// Both lanes of L0 enter L1's only lane at an unsignalised node.
network::Network lane_drop() {
    network::Network net;
    net.add_junction({{0, 0}, network::JunctionControl::DeadEnd, "J0", 0});
    net.add_junction({{300, 0}, network::JunctionControl::Priority, "J1", 0});
    net.add_junction({{610, 0}, network::JunctionControl::DeadEnd, "J2", 0});
    net.add_link(test::make_link(0, 1, {0, 0}, {300, 0}, 2, 13.89));
    net.add_link(test::make_link(1, 2, {310, 0}, {610, 0}, 1, 13.89));
    connect(net, 0, 0, 1, 0);
    connect(net, 0, 1, 1, 0);
    return net;
}

struct Outcome {
    double throughput_veh_h = 0.0;  // over the busy period
    double worst_delay_s = 0.0;     // time in the network beyond the free-flow time
    double mean_delay_s = 0.0;
    std::uint64_t collisions_prevented = 0;
};

// 2,400 veh/h for 10 minutes (more than one lane carries), then time to drain.
Outcome run_saturated(network::Network net, std::vector<LinkId> route, double free_flow_s) {
    engine::SimulationInputs in;
    in.network = std::move(net);
    in.vehicle_types = test::uniform_drivers();
    std::vector<double> departs;
    for (int i = 0; i < 400; ++i) departs.push_back(i * 1.5);
    in.demand = test::trips_on(std::move(route), departs);
    engine::Simulation sim(std::move(in));
    sim.run_until(600.0);
    const std::uint64_t arrived_busy = sim.counters().arrived;
    sim.run_until(1800.0);
    Outcome out;
    out.throughput_veh_h = static_cast<double>(arrived_busy) / (600.0 - free_flow_s) * 3600.0;
    double sum = 0.0;
    for (const auto& r : sim.trip_records()) {
        REQUIRE(r.arrived());
        const double delay = r.arrival_s - r.depart_s - free_flow_s;
        out.worst_delay_s = std::max(out.worst_delay_s, delay);
        sum += delay;
    }
    out.mean_delay_s = sum / static_cast<double>(sim.trip_records().size());
    out.collisions_prevented = sim.counters().collisions_prevented;
    return out;
}

}  // namespace

TEST_CASE("Zip merge: a lane that ends takes turns with its neighbour at one lane's capacity", "[engine][zipper]") {
    const double free_flow_s = 610.0 / 13.89;
    const Outcome out = run_saturated(lane_drop(), {LinkId{0}, LinkId{1}}, free_flow_s);
    INFO("throughput " << out.throughput_veh_h << " veh/h, worst delay " << out.worst_delay_s << " s, mean "
                       << out.mean_delay_s << " s");
    // One lane's saturation flow (~1,850 veh/h), not the rate of alternating from a standstill
    // at the line (1,130 veh/h) nor of one lane going first while the other starves (1,650).
    CHECK(out.throughput_veh_h > 1800.0);
    CHECK(out.throughput_veh_h < 2300.0);
    // 400 vehicles through one lane at ~1,800 veh/h: the last one leaves ~13 min after the
    // first; in turns, nobody waits much longer than the mean (a starved lane waited 14 min).
    CHECK(out.worst_delay_s < 2.0 * out.mean_delay_s + 60.0);
    CHECK(out.collisions_prevented == 0);
}

TEST_CASE("Zip crossing: two lanes that swap at a node both keep moving", "[engine][zipper]") {
    // Fahrlachstraße: two 2-lane links too short to change lanes on, L0 -> L1, and at the node
    // between them each lane enters both lanes of L1 (its own first). Lane 0 of L0 is fed
    // by road A, lane 1 by road B; after L1, lane 0 leads to L2 and lane 1 to L3. Half of
    // each stream swaps lanes at J1, across the other's path.
    //
    //   A ==> J0 ==L0 (20 m)==> J1 ==L1 (20 m)==> J2 ==> L2 (lane 0) / L3 (lane 1)
    //   B ==>
    network::Network net;
    using network::JunctionControl;
    net.add_junction({{0, -10}, JunctionControl::DeadEnd, "JA", 0});
    net.add_junction({{0, 10}, JunctionControl::DeadEnd, "JB", 0});
    net.add_junction({{280, 0}, JunctionControl::Priority, "J0", 0});
    net.add_junction({{304, 0}, JunctionControl::Priority, "J1", 0});
    net.add_junction({{328, 0}, JunctionControl::Priority, "J2", 0});
    net.add_junction({{630, -100}, JunctionControl::DeadEnd, "J3", 0});
    net.add_junction({{630, 100}, JunctionControl::DeadEnd, "J4", 0});
    net.add_link(test::make_link(0, 2, {0, -10}, {280, -10}, 1, 13.89));   // A
    net.add_link(test::make_link(1, 2, {0, 10}, {280, 10}, 1, 13.89));     // B
    net.add_link(test::make_link(2, 3, {284, 0}, {304, 0}, 2, 13.89));     // L0
    net.add_link(test::make_link(3, 4, {308, 0}, {328, 0}, 2, 13.89));     // L1
    net.add_link(test::make_link(4, 5, {332, -5}, {630, -100}, 1, 13.89));  // L2
    net.add_link(test::make_link(4, 6, {332, 5}, {630, 100}, 1, 13.89));    // L3
    connect(net, 0, 0, 2, 0);
    connect(net, 1, 0, 2, 1);
    for (std::uint8_t from = 0; from < 2; ++from) {
        connect(net, 2, from, 3, from);
        connect(net, 2, from, 3, static_cast<std::uint8_t>(1 - from));
    }
    connect(net, 3, 0, 4, 0);
    connect(net, 3, 1, 5, 0);

    engine::SimulationInputs in;
    in.network = net;
    in.vehicle_types = test::uniform_drivers();
    for (int i = 0; i < 400; ++i) {  // 1,200 veh/h from each road for 10 minutes
        const std::uint32_t road = i % 2;
        const std::uint32_t exit = (i / 2) % 2 == 0 ? 4 : 5;
        const std::vector<LinkId> route{LinkId{road}, LinkId{2}, LinkId{3}, LinkId{exit}};
        in.demand.add_trip(1.5 * i, VehicleTypeId{0}, route);
    }
    in.demand.sort_by_departure();
    engine::Simulation sim(std::move(in));
    sim.run_until(1800.0);
    double worst = 0.0;
    double best = 1e9;
    for (const auto& r : sim.trip_records()) {
        REQUIRE(r.arrived());
        worst = std::max(worst, r.arrival_s - r.depart_s);
        best = std::min(best, r.arrival_s - r.depart_s);
    }
    INFO("trip times " << best << " to " << worst << " s");
    // Both lanes carry 1,200 veh/h through J1, well within a lane's capacity: nobody waits
    // long (a lane that always gave way waited for the other's whole stream).
    CHECK(worst < best + 60.0);
    CHECK(sim.counters().collisions_prevented == 0);
}
