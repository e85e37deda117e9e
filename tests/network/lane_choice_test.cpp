// Lanes on short links: a vehicle changes lanes only once clear of the junction behind it,
// so on a link of a few metres it keeps the lane it came in on (every lane must lead
// everywhere the link leads), and in a queue on a link of a few dozen metres it may never
// find a gap (it should enter the link in the lane its route needs).
//
//                      J3 (north)
//                       ^
//   J0 -------> J1 ---> J2 -------> J4 (east)
//   (-200, 0)  (0, 0)  (d, 0)
//                       v
//                      J5 (south)
#include <catch2/catch.hpp>

#include <set>

#include "network/connection_builder.hpp"
#include "network/junction_fixtures.hpp"

using namespace ut;
using namespace ut::network;

namespace {

struct Approach {
    Network net;
    LinkId upstream;  // J0 -> J1
    LinkId link;      // J1 -> J2, the link under test
    LinkId north, east, south;
};

Approach approach(double d, int upstream_lanes, int lanes, JunctionControl at_j1 = JunctionControl::Priority) {
    Approach a;
    Network& net = a.net;
    const JunctionId j0 = net.add_junction({{-200, 0}, JunctionControl::DeadEnd, "J0", 0});
    const JunctionId j1 = net.add_junction({{0, 0}, at_j1, "J1", 0});
    const JunctionId j2 = net.add_junction({{d, 0}, JunctionControl::Priority, "J2", 0});
    const JunctionId j3 = net.add_junction({{d, 100}, JunctionControl::DeadEnd, "J3", 0});
    const JunctionId j4 = net.add_junction({{d + 200, 0}, JunctionControl::DeadEnd, "J4", 0});
    const JunctionId j5 = net.add_junction({{d, -100}, JunctionControl::DeadEnd, "J5", 0});
    a.upstream = test::add_straight_link(net, j0, j1, upstream_lanes);
    a.link = test::add_straight_link(net, j1, j2, lanes);
    a.north = test::add_straight_link(net, j2, j3, 1);
    a.east = test::add_straight_link(net, j2, j4, 2);
    a.south = test::add_straight_link(net, j2, j5, 1);
    build_connections(net);
    return a;
}

std::set<std::uint32_t> links_reached(const Network& net, LinkId from, int lane) {
    std::set<std::uint32_t> out;
    for (const Connection& c : test::connections_from(net, from, lane)) out.insert(c.to_link.value);
    return out;
}

std::vector<int> lanes_entered(const Network& net, LinkId from, int lane, LinkId to) {
    std::vector<int> out;
    for (const Connection& c : test::connections_from(net, from, lane))
        if (c.to_link == to) out.push_back(c.to_lane);
    return out;
}

}  // namespace

TEST_CASE("every lane of a link too short to change lanes on leads everywhere the link leads", "[network][connections]") {
    // Behind a signal (no choice of lane entering J1 -> J2, 10 m long): each lane anywhere.
    const Approach a = approach(12.0, 2, 2, JunctionControl::TrafficSignals);
    const std::set<std::uint32_t> all{a.north.value, a.east.value, a.south.value};
    CHECK(links_reached(a.net, a.link, 0) == all);
    CHECK(links_reached(a.net, a.link, 1) == all);
    // Straight on, each lane still keeps its lane.
    for (const Connection& c : test::connections_from(a.net, a.link))
        if (c.to_link == a.east) CHECK(c.to_lane == c.from_lane);

    // On a long link lanes keep to their turns: the right lane does not turn left.
    const Approach long_link = approach(100.0, 2, 2, JunctionControl::TrafficSignals);
    CHECK(links_reached(long_link.net, long_link.link, 0).count(long_link.north.value) == 0);
    CHECK(links_reached(long_link.net, long_link.link, 1).count(long_link.south.value) == 0);

    ConnectionOptions off;
    off.min_lane_change_length_m = 0.0;
    Approach no_fan_out = approach(12.0, 2, 2, JunctionControl::TrafficSignals);
    build_connections(no_fan_out.net, off);
    CHECK(links_reached(no_fan_out.net, no_fan_out.link, 0).count(no_fan_out.north.value) == 0);
}

TEST_CASE("a short link entered with a choice of lane keeps lanes that would merge into one apart", "[network][connections]") {
    // Straight on from a junction without signals, vehicles take the lane they need as they
    // enter J1 -> J2; both lanes turning into the one-lane side streets would only make each
    // wait for the other's vehicle to clear the junction.
    const Approach a = approach(12.0, 2, 2);
    CHECK(links_reached(a.net, a.link, 0) == std::set<std::uint32_t>{a.east.value, a.south.value});
    CHECK(links_reached(a.net, a.link, 1) == std::set<std::uint32_t>{a.north.value, a.east.value});
}

TEST_CASE("straight on into a short link, a lane may enter any of its lanes, its own first", "[network][connections]") {
    // The road widens from 3 to 4 lanes 38 m before the junction (a left-turn lane opens):
    // a vehicle from the right lane that turns left at J2 takes a left lane as it enters.
    const Approach a = approach(40.0, 3, 4);
    for (int lane = 0; lane < 3; ++lane) {
        INFO("upstream lane " << lane);
        const std::vector<int> entered = lanes_entered(a.net, a.upstream, lane, a.link);
        REQUIRE(entered.size() == 4);
        CHECK(entered.front() == lane);  // the engine takes the first that leads on
        CHECK(std::set<int>(entered.begin(), entered.end()) == std::set<int>{0, 1, 2, 3});
    }
    // Not at a signal (these paths cross each other within one green), nor into a long link.
    const Approach at_signal = approach(40.0, 3, 4, JunctionControl::TrafficSignals);
    const Approach long_link = approach(100.0, 3, 4);
    for (int lane = 0; lane < 3; ++lane) {
        CHECK(lanes_entered(at_signal.net, at_signal.upstream, lane, at_signal.link) == std::vector<int>{lane});
        CHECK(lanes_entered(long_link.net, long_link.upstream, lane, long_link.link) == std::vector<int>{lane});
    }
}
