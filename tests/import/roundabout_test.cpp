// Roundabouts on a tiny .osm file: one too small to hold a queue on its ring becomes one
// junction; a larger one keeps its ring.
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

// The ring has 16 nodes (100..115); the arms meet it at every fourth.
import::ImportResult import_roundabout(double radius_m) {
    std::map<int, test::Node> nodes;
    test::Way ring{kRingWay, {}, "highway=tertiary;junction=roundabout;lanes=2"};
    for (int k = 0; k < 16; ++k) {
        const double a = k * std::numbers::pi / 8.0;
        nodes[100 + k] = {radius_m * std::cos(a), radius_m * std::sin(a), ""};
        ring.refs.push_back(100 + k);
    }
    ring.refs.push_back(100);
    std::vector<test::Way> ways = {ring};
    for (int arm = 0; arm < 4; ++arm) {
        const double a = arm * std::numbers::pi / 2.0;
        nodes[200 + arm] = {150.0 * std::cos(a), 150.0 * std::sin(a), ""};
        ways.push_back({300 + arm, {100 + 4 * arm, 200 + arm}, "highway=tertiary"});
    }
    const test::TempDir dir;
    const auto file = dir.path() / "roundabout.osm";
    test::write_text(file, test::osm_text(nodes, ways));
    return test::import_file(file);
}

}  // namespace

TEST_CASE("osm: a roundabout whose ring pieces hold one car each is one junction", "[import]") {
    // A 50 m ring: four pieces of 12.6 m, 7.5 m links once set back from the arms. A car
    // waiting on each for the next locks the ring (Monaco, Lacets Saint-Léon).
    const import::ImportResult r = import_roundabout(8.0);
    const network::Network& net = r.network;
    INFO(import::format_report(r.report));
    std::set<std::uint32_t> inner_ends;
    for (const network::Link& l : net.links) {
        CHECK(l.source_id != kRingWay);
        if (l.source_id >= 300) inner_ends.insert(distance(net.junction(l.from).position, Vec2{0, 0}) <
                                                          distance(net.junction(l.to).position, Vec2{0, 0})
                                                      ? l.from.value
                                                      : l.to.value);
    }
    CHECK(inner_ends.size() == 1);
    CHECK(net.junctions.size() == 5);
    // Every arm leads to each of the other three through it.
    for (const network::Link& in : net.links) {
        if (in.to.value != *inner_ends.begin()) continue;
        std::set<std::uint32_t> to;
        for (const network::Connection& c : net.connections)
            if (&net.link(c.from_link) == &in) to.insert(c.to_link.value);
        CHECK(to.size() == 3);
    }
}

TEST_CASE("osm: a roundabout with room for a queue on its ring keeps it", "[import]") {
    const import::ImportResult r = import_roundabout(30.0);  // 188 m: 38 m links between the arms
    std::size_t ring_links = 0;
    for (const network::Link& l : r.network.links) ring_links += l.source_id == kRingWay;
    CHECK(ring_links == 4);
    CHECK(r.network.junctions.size() == 8);
}
