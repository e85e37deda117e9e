// Connection builder: turn classification, lane use like road markings, markings and bus
// lanes honoured, geometry joining the lane ends, deterministic order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>

#include "network/conflicts.hpp"
#include "network/connection_builder.hpp"
#include "network/junction_fixtures.hpp"

using namespace ut;
using namespace ut::network;
using test::inbound;
using test::outbound;
using test::has_connection;

namespace {

// Arms: 0 = east, 1 = north, 2 = west, 3 = south. Traffic arriving from the west (inbound(2))
// heads east: straight = outbound(0), left = outbound(1), right = outbound(3).
Network crossing(int lanes) {
    return test::star_junction({{0, lanes}, {90, lanes}, {180, lanes}, {270, lanes}});
}

TurnMask got(const Network& net, LinkId from, int lane) {
    TurnMask m = 0;
    for (const auto& c : test::connections_from(net, from, lane)) m |= turn_bit(c.turn);
    return m;
}

constexpr TurnMask S = turn_bit(Turn::Straight);
constexpr TurnMask R = turn_bit(Turn::Right);
constexpr TurnMask L = turn_bit(Turn::Left);
constexpr TurnMask U = turn_bit(Turn::UTurn);

}  // namespace

TEST_CASE("classify_turn uses the angle between the link ends", "[network][connections]") {
    const Network net = test::star_junction({{0, 1}, {90, 1}, {180, 1}, {270, 1}, {20, 1}, {135, 1}});
    const Link& from_west = net.link(inbound(2));
    CHECK(classify_turn(from_west, net.link(outbound(0))) == Turn::Straight);
    CHECK(classify_turn(from_west, net.link(outbound(1))) == Turn::Left);
    CHECK(classify_turn(from_west, net.link(outbound(3))) == Turn::Right);
    CHECK(classify_turn(from_west, net.link(outbound(2))) == Turn::UTurn);   // back where it came from
    CHECK(classify_turn(from_west, net.link(outbound(4))) == Turn::Straight);  // 20 degrees off
    CHECK(classify_turn(from_west, net.link(outbound(5))) == Turn::Left);      // sharp, but another road
}

TEST_CASE("single lanes serve every movement; no U-turn where the road goes on", "[network][connections]") {
    Network net = crossing(1);
    build_connections(net);
    for (std::size_t arm = 0; arm < 4; ++arm) {
        CHECK(got(net, inbound(arm), 0) == (S | R | L));
        CHECK(net.link(inbound(arm)).lanes[0].allowed_turns == (S | R | L));
    }
    std::size_t through_j0 = 0;
    for (const auto& c : net.connections) through_j0 += net.link(c.from_link).to == JunctionId{0};
    CHECK(through_j0 == 12);  // the other 4 are U-turns at the arms' dead ends
}

TEST_CASE("two lanes: straight+right on lane 0, straight+left on lane 1", "[network][connections]") {
    Network net = crossing(2);
    build_connections(net);
    for (std::size_t arm = 0; arm < 4; ++arm) {
        CHECK(got(net, inbound(arm), 0) == (S | R));
        CHECK(got(net, inbound(arm), 1) == (S | L));
    }
    // Right turns enter the rightmost lane, left turns the leftmost, straight keeps its lane.
    for (const auto& c : net.connections) {
        if (c.turn == Turn::Right) CHECK(c.to_lane == 0);
        if (c.turn == Turn::Left) CHECK(c.to_lane == 1);
        if (c.turn == Turn::Straight) CHECK(c.to_lane == c.from_lane);
    }
}

TEST_CASE("three and four lanes: turn lanes at the edges, straight in the middle", "[network][connections]") {
    Network three = crossing(3);
    build_connections(three);
    CHECK(got(three, inbound(2), 0) == (S | R));
    CHECK(got(three, inbound(2), 1) == S);
    CHECK(got(three, inbound(2), 2) == L);
    Network four = crossing(4);
    build_connections(four);
    CHECK(got(four, inbound(2), 0) == R);
    CHECK(got(four, inbound(2), 1) == S);
    CHECK(got(four, inbound(2), 2) == S);
    CHECK(got(four, inbound(2), 3) == L);
}

TEST_CASE("the stem of a T turns right from the right lane and left from the left lane", "[network][connections]") {
    Network net = test::star_junction({{0, 2}, {180, 2}, {270, 2}});  // stem = south arm (2)
    build_connections(net);
    CHECK(got(net, inbound(2), 0) == R);
    CHECK(got(net, inbound(2), 1) == L);
    CHECK(has_connection(net, inbound(2), 0, outbound(0)));  // right = east
    CHECK(has_connection(net, inbound(2), 1, outbound(1)));  // left = west
}

TEST_CASE("dead ends get U-turns, and only when the option allows", "[network][connections]") {
    Network net = crossing(2);
    build_connections(net);
    for (std::size_t arm = 0; arm < 4; ++arm) {
        const auto at_end = test::connections_from(net, outbound(arm));
        REQUIRE(at_end.size() == 2);  // both lanes turn, each into its own lane
        for (const auto& c : at_end) {
            CHECK(c.turn == Turn::UTurn);
            CHECK(c.to_link == inbound(arm));
            CHECK(c.to_lane == c.from_lane);
        }
    }
    ConnectionOptions no_u;
    no_u.u_turns_at_dead_ends = false;
    build_connections(net, no_u);
    CHECK(std::none_of(net.connections.begin(), net.connections.end(),
                       [](const Connection& c) { return c.turn == Turn::UTurn; }));
}

TEST_CASE("turn markings are honoured and survive a rebuild", "[network][connections]") {
    Network net = crossing(2);
    auto& lanes = net.links[inbound(2).index()].lanes;
    lanes[0].allowed_turns = R;      // right only
    lanes[1].allowed_turns = S | L;  // straight and left
    build_connections(net);
    CHECK(got(net, inbound(2), 0) == R);
    CHECK(got(net, inbound(2), 1) == (S | L));
    CHECK(net.link(inbound(2)).lanes[0].marked_turns == R);

    const auto first = net.connections;
    build_connections(net);  // e.g. after an edit: the result must not drift
    REQUIRE(net.connections.size() == first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(net.connections[i].from_link == first[i].from_link);
        CHECK(net.connections[i].from_lane == first[i].from_lane);
        CHECK(net.connections[i].to_link == first[i].to_link);
        CHECK(net.connections[i].to_lane == first[i].to_lane);
    }
}

TEST_CASE("a movement no lane is marked for is not connected", "[network][connections]") {
    Network net = crossing(2);
    for (auto& lane : net.links[inbound(2).index()].lanes) lane.allowed_turns = S;  // through only
    build_connections(net);
    CHECK(got(net, inbound(2), 0) == S);
    CHECK(got(net, inbound(2), 1) == S);
    CHECK(net.link(inbound(2)).lanes[0].allowed_turns == S);
}

TEST_CASE("a lane marked for a road that is not there takes its default", "[network][connections]") {
    Network net = test::star_junction({{0, 2}, {90, 2}, {180, 2}});  // from the west: straight or left
    auto& lanes = net.links[inbound(2).index()].lanes;
    lanes[0].allowed_turns = R;  // no road to the right: the marking cannot be followed
    lanes[1].allowed_turns = L;
    build_connections(net);
    CHECK(got(net, inbound(2), 0) == S);
    CHECK(got(net, inbound(2), 1) == L);
    CHECK(net.link(inbound(2)).lanes[0].allowed_turns == (R | S));  // the marking is kept
}

TEST_CASE("bus lanes connect to lanes that allow buses, and cars still reach every road", "[network][connections]") {
    Network net = crossing(2);
    for (std::size_t arm = 0; arm < 4; ++arm)
        for (LinkId l : {inbound(arm), outbound(arm)}) net.links[l.index()].lanes[0].allowed_classes = class_bit(VehicleClass::Bus);
    build_connections(net);
    const ClassMask car = class_bit(VehicleClass::Car);
    for (const auto& c : net.connections) {
        const ClassMask from = net.link(c.from_link).lanes[c.from_lane].allowed_classes;
        const ClassMask to = net.link(c.to_link).lanes[c.to_lane].allowed_classes;
        CHECK((from & to) == from);  // nobody is sent into a lane they may not use
    }
    for (LinkId to : {outbound(0), outbound(1), outbound(3)}) {
        bool by_car = false;
        for (const auto& c : test::connections_from(net, inbound(2)))
            by_car = by_car || (c.to_link == to && (net.link(inbound(2)).lanes[c.from_lane].allowed_classes & car));
        CHECK(by_car);
    }
}

TEST_CASE("connection shapes join the lane ends, and output is sorted", "[network][connections]") {
    Network net = crossing(2);
    build_connections(net);
    for (const auto& c : net.connections) {
        REQUIRE(c.shape.size() >= 2);
        const Polyline from = lane_shape(net.link(c.from_link), c.from_lane);
        const Polyline to = lane_shape(net.link(c.to_link), c.to_lane);
        CHECK(distance(c.shape.front(), from.back()) < 1e-9);
        CHECK(distance(c.shape.back(), to.front()) < 1e-9);
        CHECK(c.length_m >= 0.5);
        CHECK(c.length_m == Approx(std::max(0.5, polyline_length(c.shape))));
    }
    // A right turn hugs the corner; a left turn sweeps across the junction.
    double right = 0.0, left = 0.0;
    for (const auto& c : test::connections_from(net, inbound(2))) {
        if (c.turn == Turn::Right) right = c.length_m;
        if (c.turn == Turn::Left) left = c.length_m;
    }
    CHECK(right < left);
    CHECK(std::is_sorted(net.connections.begin(), net.connections.end(), [](const Connection& a, const Connection& b) {
        return std::tie(a.from_link, a.from_lane, a.to_link, a.to_lane) < std::tie(b.from_link, b.from_lane, b.to_link, b.to_lane);
    }));
}

TEST_CASE("straight lanes beside a turn lane, or of a fork, spread over the lanes ahead", "[network][connections]") {
    // Right | straight | straight | left into a 2-lane road: one straight lane each.
    Network pocket = test::star_junction({{0, 2}, {90, 2}, {180, 4}, {270, 2}});
    build_connections(pocket);
    std::set<int> to_lanes;
    for (const auto& c : test::connections_from(pocket, inbound(2)))
        if (c.turn == Turn::Straight) to_lanes.insert(c.to_lane);
    CHECK(to_lanes == std::set<int>{0, 1});

    // Four lanes forking into two 2-lane roads 10 degrees either side: two lanes each.
    Network fork = test::star_junction({{180, 4}, {10, 2}, {350, 2}});
    build_connections(fork);
    for (int lane = 0; lane < 4; ++lane) {
        const auto from_lane = test::connections_from(fork, inbound(0), lane);
        REQUIRE(from_lane.size() == 1);
        CHECK(from_lane[0].to_link == (lane < 2 ? outbound(2) : outbound(1)));  // right lanes take the right branch
        CHECK(from_lane[0].to_lane == lane % 2);
    }
}

TEST_CASE("a fork splits the lanes in proportion to the roads ahead", "[network][connections]") {
    // Four lanes go on as four (10 degrees right) with a one-lane ramp 10 degrees left:
    // three lanes stay on the road, the left one takes the ramp (Portland, SE Grand Avenue
    // at the Morrison Bridge ramp, was two and two).
    Network fork = test::star_junction({{180, 4}, {350, 4}, {10, 1}});
    build_connections(fork);
    for (int lane = 0; lane < 4; ++lane) {
        const auto from_lane = test::connections_from(fork, inbound(0), lane);
        REQUIRE(from_lane.size() == 1);
        CHECK(from_lane[0].to_link == (lane < 3 ? outbound(1) : outbound(2)));
        CHECK(from_lane[0].to_lane == (lane < 3 ? lane : 0));
    }
    // Two lanes into a two-lane road and a one-lane ramp: still one each.
    Network narrow = test::star_junction({{180, 2}, {350, 2}, {10, 1}});
    build_connections(narrow);
    CHECK(has_connection(narrow, inbound(0), 0, outbound(1)));
    CHECK(has_connection(narrow, inbound(0), 1, outbound(2)));
}

TEST_CASE("the other carriageway of a dual carriageway is a turnaround, not a left turn", "[network][connections]") {
    //   J5 (-200, 15) <------------- (back along the other carriageway)
    //                         J3 (north)
    //   J0 (-200, 0) -----> J1 (0, 0) -----> J2 (east)
    //                         J4 (south)
    Network net;
    const JunctionId j0 = net.add_junction({{-200, 0}, JunctionControl::DeadEnd, "J0", 0});
    const JunctionId j1 = net.add_junction({{0, 0}, JunctionControl::Priority, "J1", 0});
    const JunctionId j2 = net.add_junction({{200, 0}, JunctionControl::DeadEnd, "J2", 0});
    const JunctionId j3 = net.add_junction({{0, 200}, JunctionControl::DeadEnd, "J3", 0});
    const JunctionId j4 = net.add_junction({{0, -200}, JunctionControl::DeadEnd, "J4", 0});
    const JunctionId j5 = net.add_junction({{-200, 15}, JunctionControl::DeadEnd, "J5", 0});
    const LinkId in = test::add_straight_link(net, j0, j1, 3);
    test::add_straight_link(net, j1, j2, 2);
    const LinkId north = test::add_straight_link(net, j1, j3, 2);
    test::add_straight_link(net, j1, j4, 1);
    const LinkId back = test::add_straight_link(net, j1, j5, 2);
    auto& lanes = net.links[in.index()].lanes;  // turn:lanes=left|left|through;right
    lanes[0].allowed_turns = S | R;
    lanes[1].allowed_turns = L;
    lanes[2].allowed_turns = L;
    build_connections(net);
    CHECK_FALSE(has_connection(net, in, 2, back));  // no U-turn where the road goes on
    CHECK(has_connection(net, in, 1, north));        // both left lanes turn left
    CHECK(has_connection(net, in, 2, north));
}

TEST_CASE("where the road bends, its continuation is straight on", "[network][connections]") {
    // From the west: the road bends 40 degrees left, a side street goes off to the right.
    Network net = test::star_junction({{180, 2}, {40, 2}, {270, 1}});
    build_connections(net);
    for (const auto& c : test::connections_from(net, inbound(0)))
        CHECK(c.turn == (c.to_link == outbound(1) ? Turn::Straight : Turn::Right));
    CHECK(has_connection(net, inbound(0), 0, outbound(1)));  // both lanes go on, not only the left one
    CHECK(has_connection(net, inbound(0), 1, outbound(1)));
}

TEST_CASE("roads joining into one with as many lanes keep lanes of their own, side by side", "[network][connections]") {
    // Two 2-lane roads join into a 4-lane road (the one from the north on its left), and a
    // 1-lane ramp joins a 2-lane road that becomes 3 lanes (Portland, Stadium Freeway: all
    // into the right lanes, both giving way, the left lane fed by neither).
    //   J0 (-200, 20) ---.
    //                     J1 (0, 0) ---> J3 (200, 0)
    //   J2 (-200, -20) --'
    auto join = [](int north_lanes, int south_lanes, int out_lanes) {
        Network net;
        const JunctionId j0 = net.add_junction({{-200, 20}, JunctionControl::DeadEnd, "J0", 0});
        const JunctionId j1 = net.add_junction({{0, 0}, JunctionControl::Priority, "J1", 0});
        const JunctionId j2 = net.add_junction({{-200, -20}, JunctionControl::DeadEnd, "J2", 0});
        const JunctionId j3 = net.add_junction({{200, 0}, JunctionControl::DeadEnd, "J3", 0});
        test::add_straight_link(net, j0, j1, north_lanes);
        test::add_straight_link(net, j2, j1, south_lanes);
        test::add_straight_link(net, j1, j3, out_lanes);
        build_connections(net);
        return net;
    };
    auto to_lanes = [](const Network& net, LinkId from) {
        std::set<int> lanes;
        for (const auto& c : test::connections_from(net, from)) lanes.insert(c.to_lane);
        return lanes;
    };
    auto merging = [](const Network& net) {
        const auto conflicts = compute_conflicts(net);
        return std::count_if(conflicts.begin(), conflicts.end(), [](const Conflict& c) { return c.kind == ConflictKind::Merging; });
    };
    const Network carriageways = join(2, 2, 4);
    CHECK(to_lanes(carriageways, LinkId{1}) == std::set<int>{0, 1});  // from the south, on the right
    CHECK(to_lanes(carriageways, LinkId{0}) == std::set<int>{2, 3});
    CHECK(merging(carriageways) == 0);
    const Network ramp = join(2, 1, 3);
    CHECK(to_lanes(ramp, LinkId{1}) == std::set<int>{0});
    CHECK(to_lanes(ramp, LinkId{0}) == std::set<int>{1, 2});
    CHECK(merging(ramp) == 0);
    // Where lanes end, the roads merge as before.
    const Network narrowing = join(2, 2, 3);
    CHECK(to_lanes(narrowing, LinkId{1}) == std::set<int>{0, 1});
    CHECK(to_lanes(narrowing, LinkId{0}) == std::set<int>{0, 1});
    CHECK(merging(narrowing) > 0);
}
