// Generated grids and arterials: sizes, geometry, connections at every junction, signals.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <stdexcept>

#include "network/grid_generator.hpp"
#include "network/validate.hpp"

using namespace ut;
using namespace ut::network;

namespace {

std::vector<std::vector<const Connection*>> connections_by_link(const Network& net) {
    std::vector<std::vector<const Connection*>> out(net.links.size());
    for (const auto& c : net.connections) out[c.from_link.index()].push_back(&c);
    return out;
}

}  // namespace

TEST_CASE("a 3x4 grid has the right junctions, links, lanes and lengths", "[network][grid]") {
    GridSpec spec;
    spec.rows = 3;
    spec.columns = 4;
    spec.block_length_m = 150.0;
    spec.lanes_per_direction = 2;
    const GeneratedNetwork g = make_grid(spec);
    const Network& net = g.network;

    CHECK(net.junctions.size() == 12);
    // Rows: 3 streets x 3 blocks, columns: 4 streets x 2 blocks, two directions each.
    CHECK(net.links.size() == 2 * (3 * 3 + 4 * 2));
    std::size_t lanes = 0;
    for (const Link& l : net.links) lanes += l.lanes.size();
    CHECK(lanes == 2 * net.links.size());

    CHECK(net.junction(JunctionId{0}).name == "r0c0");
    CHECK(net.junction(JunctionId{7}).name == "r1c3");
    CHECK(net.junction(JunctionId{7}).position.x == Approx(3 * 150.0));
    CHECK(net.junction(JunctionId{7}).position.y == Approx(150.0));

    std::set<std::string> names;
    for (const Link& l : net.links) {
        names.insert(l.name);
        // Links stop short of both junctions (the stop lines) but cover most of the block.
        CHECK(l.length_m > 0.85 * spec.block_length_m);
        CHECK(l.length_m < spec.block_length_m);
        CHECK(l.speed_limit_mps == spec.speed_limit_mps);
    }
    CHECK(names == std::set<std::string>{"row 0", "row 1", "row 2", "column 0", "column 1", "column 2", "column 3"});

    // Link plus the straight crossing of the junction is exactly one block.
    for (const auto& c : net.connections)
        if (c.turn == Turn::Straight) CHECK(net.link(c.from_link).length_m + c.length_m == Approx(spec.block_length_m));

    // The two directions of a street do not overlap: they sit on either side of its centre line.
    for (const Link& l : net.links) {
        const Vec2 a = net.junction(l.from).position;
        const Vec2 b = net.junction(l.to).position;
        const Vec2 dir = normalized(b - a);
        const double right_of_centre = -cross(dir, l.shape.front() - a);
        CHECK(right_of_centre == Approx(2 * 3.25 / 2.0));
    }

    // Signals wherever three or more streets meet: all but the four corners.
    std::size_t signalised = 0;
    for (const Junction& j : net.junctions) signalised += j.control == JunctionControl::TrafficSignals;
    CHECK(signalised == 8);
    CHECK(g.signal_plans.size() == 8);
    CHECK(net.junction(JunctionId{0}).control == JunctionControl::Priority);
}

TEST_CASE("every 4-way grid junction has right, straight and left from the right lanes, no U-turns",
          "[network][grid]") {
    GridSpec spec;
    spec.rows = 4;
    spec.columns = 4;
    const GeneratedNetwork g = make_grid(spec);
    const Network& net = g.network;
    const auto by_link = connections_by_link(net);
    const auto incoming = net.incoming_links();
    std::size_t four_way = 0;
    for (std::size_t j = 0; j < net.junctions.size(); ++j) {
        if (incoming[j].size() != 4) continue;
        ++four_way;
        for (LinkId in : incoming[j]) {
            std::map<Turn, std::set<int>> lanes_of;
            for (const Connection* c : by_link[in.index()]) lanes_of[c->turn].insert(c->from_lane);
            CHECK(lanes_of[Turn::Right] == std::set<int>{0});
            CHECK(lanes_of[Turn::Straight] == std::set<int>{0, 1});
            CHECK(lanes_of[Turn::Left] == std::set<int>{1});
            CHECK(lanes_of.count(Turn::UTurn) == 0);
            CHECK(net.link(in).lanes[0].allowed_turns == (turn_bit(Turn::Straight) | turn_bit(Turn::Right)));
            CHECK(net.link(in).lanes[1].allowed_turns == (turn_bit(Turn::Straight) | turn_bit(Turn::Left)));
        }
    }
    CHECK(four_way == 4);
    for (const auto& c : net.connections) CHECK(c.turn != Turn::UTurn);
    // Every link can be left: corners and edges included.
    for (std::size_t k = 0; k < net.links.size(); ++k) CHECK(!by_link[k].empty());
}

TEST_CASE("generated networks pass validation", "[network][grid]") {
    for (int lanes : {1, 3, 6}) {
        GridSpec spec;
        spec.rows = 3;
        spec.columns = 3;
        spec.lanes_per_direction = lanes;
        spec.block_length_m = 60.0;
        const auto problems = validate(make_grid(spec).network);
        INFO((problems.empty() ? std::string() : problems.front().message));
        CHECK(problems.empty());
    }
    CHECK(validate(make_arterial({}).network).empty());
}

TEST_CASE("an arterial has signalised junctions, side streets and dead ends with U-turns", "[network][arterial]") {
    ArterialSpec spec;
    spec.junctions = 4;
    spec.arterial_lanes = 2;
    spec.side_lanes = 1;
    const GeneratedNetwork g = make_arterial(spec);
    const Network& net = g.network;
    // 4 arterial junctions, 2 boundary ends, 8 side-street ends.
    CHECK(net.junctions.size() == 4 + 2 + 8);
    CHECK(net.links.size() == 2 * (5 + 8));
    std::size_t dead_ends = 0, signalised = 0;
    for (const Junction& j : net.junctions) {
        dead_ends += j.control == JunctionControl::DeadEnd;
        signalised += j.control == JunctionControl::TrafficSignals;
    }
    CHECK(dead_ends == 10);
    CHECK(signalised == 4);
    CHECK(g.signal_plans.size() == 4);

    // Every link into a dead end turns back onto its reverse, from every lane; U-turns
    // happen nowhere else.
    const auto by_link = connections_by_link(net);
    for (std::size_t k = 0; k < net.links.size(); ++k) {
        const Link& l = net.links[k];
        const bool into_dead_end = net.junction(l.to).control == JunctionControl::DeadEnd;
        std::set<int> u_lanes;
        for (const Connection* c : by_link[k]) {
            CHECK((c->turn == Turn::UTurn) == into_dead_end);
            if (c->turn == Turn::UTurn) {
                CHECK(net.link(c->to_link).to == l.from);
                u_lanes.insert(c->from_lane);
            }
        }
        if (into_dead_end) CHECK(u_lanes.size() == l.lanes.size());
    }
    for (const Link& l : net.links) {
        if (l.name == "arterial") CHECK(l.lanes.size() == 2);
        else CHECK(l.lanes.size() == 1);
    }
}

TEST_CASE("generator specs out of range are refused with the field named", "[network][grid]") {
    GridSpec grid;
    grid.rows = 1;
    CHECK_THROWS_WITH(make_grid(grid), Catch::Contains("at least 2 rows"));
    grid.rows = 3;
    grid.lanes_per_direction = 9;
    CHECK_THROWS_WITH(make_grid(grid), Catch::Contains("lanes_per_direction"));
    ArterialSpec arterial;
    arterial.junctions = 0;
    CHECK_THROWS_WITH(make_arterial(arterial), Catch::Contains("junctions"));
}
