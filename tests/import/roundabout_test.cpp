// Roundabouts on a tiny .osm file: one too small to hold a queue on its ring, or cut down
// to a loop between two junctions by the other joins, becomes one junction; a larger one
// keeps its ring.
//
//                 (0,150)
//                    |
//   (-150,0) ----  ( O )  ---- (150,0)      O: a two-lane ring of radius r, counter-clockwise,
//                    |                         junction=roundabout; four two-way arms
//                 (0,-150)
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <set>

#include "import/import_test_util.hpp"
#include "import/osm_fixture.hpp"

using namespace ut;

namespace {

constexpr int kRingWay = 900;

// The ring has 24 nodes (100..123), one every 15 degrees; an arm meets it at ring node k
// for each k in `arm_nodes`.
import::ImportResult import_roundabout(double radius_m, const std::vector<int>& arm_nodes) {
    std::map<int, test::Node> nodes;
    test::Way ring{kRingWay, {}, "highway=tertiary;junction=roundabout;lanes=2"};
    for (int k = 0; k < 24; ++k) {
        const double a = k * std::numbers::pi / 12.0;
        nodes[100 + k] = {radius_m * std::cos(a), radius_m * std::sin(a), ""};
        ring.refs.push_back(100 + k);
    }
    ring.refs.push_back(100);
    std::vector<test::Way> ways = {ring};
    for (const int k : arm_nodes) {
        const double a = k * std::numbers::pi / 12.0;
        nodes[200 + k] = {150.0 * std::cos(a), 150.0 * std::sin(a), ""};
        ways.push_back({300 + k, {100 + k, 200 + k}, "highway=tertiary"});
    }
    const test::TempDir dir;
    const auto file = dir.path() / "roundabout.osm";
    test::write_text(file, test::osm_text(nodes, ways));
    return test::import_file(file);
}

// The junctions where the arms (ways 300..) meet the roundabout (their other ends are dead ends).
std::set<std::uint32_t> inner_ends(const network::Network& net) {
    std::set<std::uint32_t> out;
    for (const network::Link& l : net.links)
        if (l.source_id >= 300)
            out.insert(net.junction(l.from).control == network::JunctionControl::DeadEnd ? l.to.value : l.from.value);
    return out;
}

}  // namespace

TEST_CASE("osm: a roundabout whose ring pieces hold a car or two each is one junction", "[import]") {
    // A 50 m ring: four pieces of 12.6 m, 7.5 m links once set back from the arms. A car
    // waiting on each for the next locks the ring (Monaco, Lacets Saint-Léon).
    const import::ImportResult r = import_roundabout(8.0, {0, 6, 12, 18});
    const network::Network& net = r.network;
    INFO(import::format_report(r.report));
    for (const network::Link& l : net.links) CHECK(l.source_id != kRingWay);
    const std::set<std::uint32_t> centre = inner_ends(net);
    REQUIRE(centre.size() == 1);
    CHECK(net.junctions.size() == 5);
    // Every arm leads to each of the other three through it.
    for (const network::Link& in : net.links) {
        if (in.to.value != *centre.begin()) continue;
        std::set<std::uint32_t> to;
        for (const network::Connection& c : net.connections)
            if (&net.link(c.from_link) == &in) to.insert(c.to_link.value);
        CHECK(to.size() == 3);
    }
}

TEST_CASE("osm: a roundabout cut down to two junctions by short pieces is one junction", "[import]") {
    // A 107 m ring with seven arms 8.9 m apart along its northern half: the short pieces join
    // them into two junctions (the join stops at join_extent_m), which the 53 m southern half
    // and an 8.9 m piece join in a loop (Monaco, Rond-Point Canton).
    const import::ImportResult r = import_roundabout(17.0, {0, 2, 4, 6, 8, 10, 12});
    INFO(import::format_report(r.report));
    for (const network::Link& l : r.network.links) CHECK(l.source_id != kRingWay);
    CHECK(inner_ends(r.network).size() == 1);
}

TEST_CASE("osm: a roundabout with room for a queue on its ring keeps it", "[import]") {
    const import::ImportResult r = import_roundabout(30.0, {0, 6, 12, 18});  // 188 m: 38 m links between the arms
    std::size_t ring_links = 0;
    for (const network::Link& l : r.network.links) ring_links += l.source_id == kRingWay;
    CHECK(ring_links == 4);
    CHECK(r.network.junctions.size() == 8);
}
