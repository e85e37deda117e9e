// OpenStreetMap semantics on a tiny .osm file written by the test (runs without
// ../shared/data): signal nodes on and before junctions, one cluster over a dual-carriageway
// crossing, a mid-block crossing, oneway=-1, reversible, nonsense values, turn:lanes.
//
//            (592,300)-(608,300)
//                |  ^       |
//   (200,200)    |  |       v         y
//      |  (300,100)  |      |          ^
//  (200,100)<-(300,100)     |          +--> x   (metres; signals: S)
//      |     oneway=-1 |    |
//  (0,0)--S--(200,0)--(300,0)--S(400)--S(580)-(592,0)-(608,0)-S(620)--(700,0)
//      |             |      ^       v
//  (200,-200)        (592,-300)-(608,-300)
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "import/import_test_util.hpp"
#include "import/osm_fixture.hpp"

using namespace ut;
using test::Node;
using test::osm_text;
using test::Way;

namespace {

std::string osm_xml() {
    const std::map<int, Node> nodes = {
        {1, {0, 0, ""}},       {11, {185, 0, "highway=traffic_signals"}}, {3, {200, 0, ""}},
        {4, {300, 0, ""}},     {12, {400, 0, "highway=traffic_signals"}}, {5, {500, 0, ""}},
        {13, {580, 0, "highway=traffic_signals"}}, {20, {592, 0, ""}},    {21, {608, 0, ""}},
        {14, {620, 0, "highway=traffic_signals"}}, {6, {700, 0, ""}},
        {30, {592, -300, ""}}, {31, {592, 300, ""}}, {32, {608, 300, ""}}, {33, {608, -300, ""}},
        {50, {200, -200, ""}}, {41, {200, 100, ""}}, {51, {200, 200, ""}}, {40, {300, 100, ""}},
        {42, {400, 100, ""}},  {43, {100, 100, ""}},
    };
    const std::vector<Way> ways = {
        {100, {1, 11, 3}, "highway=primary;lanes=4;turn:lanes:forward=left|through;name=West"},
        {102, {3, 4, 12, 5, 13, 20, 21, 14, 6}, "highway=primary;lanes=2;name=East"},
        {101, {50, 3, 41, 51}, "highway=secondary;name=North"},
        {200, {30, 20, 31}, "highway=primary;oneway=yes;name=Dual"},
        {201, {32, 21, 33}, "highway=primary;oneway=yes;name=Dual"},
        {202, {31, 32}, "highway=residential"},
        {203, {33, 30}, "highway=residential"},
        {300, {4, 40, 41}, "highway=residential;oneway=-1;name=Minus"},
        {301, {40, 42}, "highway=residential;oneway=reversible"},
        {777, {41, 43}, "highway=residential;lanes=-3;maxspeed=fast;name=Odd"},
    };
    return osm_text(nodes, ways);
}

struct Fixture {
    test::TempDir dir;
    std::filesystem::path file = dir.path() / "tiny.osm";
    import::ImportResult result;
    explicit Fixture(double signal_join_m = import::ImportOptions{}.signal_join_m) {
        test::write_text(file, osm_xml());
        import::ImportOptions o;
        o.path = file;
        o.signal_join_m = signal_join_m;
        result = import::import_map(o);
    }
};

const network::Junction* junction_at(const network::Network& net, const std::vector<std::string>& names) {
    for (const network::Junction& j : net.junctions) {
        bool all = true;
        for (const std::string& n : names) all = all && j.name.find(n) != std::string::npos;
        if (all) return &j;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("osm: signals on, before and around junctions; one cluster per crossing", "[import]") {
    const Fixture f;
    const import::ImportReport& r = f.result.report;
    const network::Network& net = f.result.network;
    INFO(import::format_report(r));
    CHECK(r.driver == "OSM");
    CHECK(r.signal_nodes == 4);
    CHECK(r.signal_nodes_without_junction == 1);  // the mid-block crossing at x = 400
    CHECK(r.signal_clusters_total == 3);
    CHECK(r.signal_clusters == 2);
    const network::Junction* a = junction_at(net, {"West", "North"});
    REQUIRE(a != nullptr);
    CHECK(a->control == network::JunctionControl::TrafficSignals);  // signal 15 m before it
    // The dual-carriageway crossing is one signalised junction with one plan.
    CHECK(r.signalised_junctions == 2);
    CHECK(f.result.signal_plans.size() == 2);
    const network::Junction* dual = junction_at(net, {"East", "Dual"});
    REQUIRE(dual != nullptr);
    CHECK(dual->control == network::JunctionControl::TrafficSignals);
    CHECK(distance(a->position, dual->position) == Approx(400.0).margin(2.0));  // in the middle of the two (UTM scale: ~0.1 %)
}

TEST_CASE("osm: without joining, the junctions of a crossing share their cluster id", "[import]") {
    const Fixture f(0.0);
    const network::Network& net = f.result.network;
    CHECK(f.result.report.signalised_junctions == 3);
    std::vector<std::int32_t> dual;
    for (std::size_t j = 0; j < net.junctions.size(); ++j)
        if (net.junctions[j].name.find("Dual") != std::string::npos && net.junctions[j].name.find("East") != std::string::npos)
            dual.push_back(f.result.signal_cluster[j]);
    REQUIRE(dual.size() == 2);
    CHECK(dual[0] >= 0);
    CHECK(dual[0] == dual[1]);  // the two junctions of the dual carriageway: one cluster
}

TEST_CASE("osm: oneway=-1, reversible, nonsense values, turn:lanes", "[import]") {
    const Fixture f;
    const network::Network& net = f.result.network;
    const import::ImportReport& r = f.result.report;
    std::size_t minus = 0;
    for (const network::Link& l : net.links) {
        if (l.source_id == 300) {
            ++minus;
            CHECK(net.junction(l.to).position.x > net.junction(l.from).position.x);  // against the drawing
        }
        CHECK(l.source_id != 301);
    }
    CHECK(minus == 1);
    CHECK(r.dropped.at("reversible one-way") == 1);
    bool lanes_warned = false, speed_warned = false, reversible_warned = false;
    for (const import::ImportWarning& w : r.warnings) {
        lanes_warned |= w.feature_id == 777 && w.message.find("lanes=-3") != std::string::npos;
        speed_warned |= w.feature_id == 777 && w.message.find("maxspeed=fast") != std::string::npos &&
                        w.message.find("30 km/h") != std::string::npos;
        reversible_warned |= w.feature_id == 301;
    }
    CHECK(lanes_warned);
    CHECK(speed_warned);
    CHECK(reversible_warned);
    CHECK_THAT(import::format_report(r), Catch::Contains("feature 777: lanes=-3"));
    // way 100 eastbound, into the signalised crossing: left|through -> lane 0 straight, lane 1 left.
    const network::Link* west_in = nullptr;
    for (const network::Link& l : net.links)
        if (l.source_id == 100 && net.junction(l.to).position.x > net.junction(l.from).position.x) west_in = &l;
    REQUIRE(west_in != nullptr);
    REQUIRE(west_in->lanes.size() == 2);
    CHECK(west_in->lanes[0].allowed_turns == network::turn_bit(network::Turn::Straight));
    CHECK(west_in->lanes[1].allowed_turns == network::turn_bit(network::Turn::Left));
}

TEST_CASE("osm: a truncated file is an error naming it, not a crash or a partial network", "[import]") {
    const test::TempDir dir;
    const std::string xml = osm_xml();
    const auto file = dir.path() / "cut.osm";
    test::write_text(file, xml.substr(0, xml.size() / 2));
    const std::string error = test::import_error([&] { test::import_file(file); });
    CHECK_THAT(error, Catch::Contains(file.string()));
    CHECK_THAT(error, Catch::Contains("truncated or corrupt") || Catch::Contains("no road features"));
}

TEST_CASE("osm: at a joined junction each road ends at its own node, not bent to the junction's centre", "[import]") {
    const Fixture f;  // the dual carriageway's two crossings (x = 592 and 608) are one junction at x = 600
    const network::Network& net = f.result.network;
    for (std::int64_t way : {200, 201}) {  // the carriageways: straight lines through it
        const network::Link* in = nullptr;
        const network::Link* out = nullptr;
        for (const network::Link& l : net.links)
            if (l.source_id == way) (net.junction(l.to).name.find("East") != std::string::npos ? in : out) = &l;
        REQUIRE((in && out));
        INFO("way " << way);
        const double along = std::atan2(out->shape.back().y - in->shape.front().y, out->shape.back().x - in->shape.front().x);
        CHECK(std::abs(turn_angle(along, end_heading(in->shape))) < 0.002);
        CHECK(std::abs(turn_angle(along, start_heading(out->shape))) < 0.002);
    }
}

TEST_CASE("osm: a crossing of several junctions runs one sequence of stages, in step", "[import]") {
    // A dual carriageway (x = 592 northbound, x = 608 southbound) crosses East (4 lanes); a
    // side street joins at the second crossing only, so alone the two would get different
    // plans, with different cycles.
    const std::map<int, Node> nodes = {
        {1, {0, 0, ""}},         {13, {580, 0, "highway=traffic_signals"}}, {20, {592, 0, ""}}, {21, {608, 0, ""}},
        {14, {620, 0, "highway=traffic_signals"}}, {6, {900, 0, ""}},
        {30, {592, -300, ""}},   {31, {592, 300, ""}}, {32, {608, 300, ""}}, {33, {608, -300, ""}}, {40, {750, -250, ""}},
    };
    const std::vector<Way> ways = {
        {102, {1, 13, 20, 21, 14, 6}, "highway=primary;lanes=4;name=East"},
        {200, {30, 20, 31}, "highway=primary;oneway=yes;name=Dual"},
        {201, {32, 21, 33}, "highway=primary;oneway=yes;name=Dual"},
        {202, {31, 32}, "highway=residential"},
        {203, {33, 30}, "highway=residential"},
        {204, {21, 40}, "highway=residential;name=Side"},
    };
    const test::TempDir dir;
    const auto file = dir.path() / "dual.osm";
    test::write_text(file, osm_text(nodes, ways));
    import::ImportOptions o;
    o.path = file;
    o.signal_join_m = 0.0;  // the two crossings stay two junctions
    const import::ImportResult r = import::import_map(o);
    const network::Network& net = r.network;
    std::vector<JunctionId> dual;
    for (std::uint32_t j = 0; j < net.junctions.size(); ++j)
        if (net.junctions[j].name.find("Dual") != std::string::npos && net.junctions[j].name.find("East") != std::string::npos)
            dual.push_back(JunctionId{j});
    REQUIRE(dual.size() == 2);
    const signals::SignalPlan* plan[2] = {nullptr, nullptr};
    for (const signals::SignalPlan& p : r.signal_plans)
        for (int k = 0; k < 2; ++k)
            if (p.junction == dual[static_cast<std::size_t>(k)]) plan[k] = &p;
    REQUIRE((plan[0] && plan[1]));
    CHECK(plan[0]->cycle_s() == Approx(plan[1]->cycle_s()));
    REQUIRE(plan[0]->stages.size() == plan[1]->stages.size());
    // The East road between the two: what enters it at one junction leaves it at the other
    // in the same stage (a green wave through the crossing), both ways.
    auto stages = [&](const signals::SignalPlan& p, auto&& pick) {
        std::set<std::size_t> out;
        for (std::size_t s = 0; s < p.stages.size(); ++s)
            for (std::uint16_t g : p.stages[s].green_groups)
                for (ConnectionId c : p.groups[g].connections)
                    if (pick(net.connection(c))) out.insert(s);
        return out;
    };
    std::size_t between = 0;
    for (std::uint32_t l = 0; l < net.links.size(); ++l) {
        const network::Link& link = net.links[l];
        const auto from = std::find(dual.begin(), dual.end(), link.from), to = std::find(dual.begin(), dual.end(), link.to);
        if (from == dual.end() || to == dual.end()) continue;
        ++between;
        INFO("link " << l << " (" << link.length_m << " m)");
        CHECK(link.length_m >= import::ImportOptions{}.hold_length_m - 0.01);  // room for a car between them
        const auto in = stages(*plan[from - dual.begin()], [&](const network::Connection& c) { return c.to_link.value == l; });
        const auto out = stages(*plan[to - dual.begin()], [&](const network::Connection& c) { return c.from_link.value == l; });
        CHECK(std::any_of(in.begin(), in.end(), [&](std::size_t s) { return out.count(s) > 0; }));
    }
    CHECK(between == 2);
}

TEST_CASE("osm: a road piece too short to hold a car is inside a junction, however large", "[import]") {
    // Side streets every 4.5 m along Main join into two junctions 13.5 m across, 6 m apart:
    // joining them makes one 33 m across (over join_extent_m), but the 6 m between them
    // could not hold a stopped car.
    std::map<int, Node> nodes = {{1, {-200, 0, ""}}, {9, {200, 0, ""}}};
    std::vector<Way> ways = {{500, {1}, "highway=secondary;name=Main"}};
    const double xs[] = {0, 4.5, 9, 13.5, 19.5, 24, 28.5, 33};
    for (int k = 0; k < 8; ++k) {
        nodes[10 + k] = {xs[k], 0, ""};
        nodes[20 + k] = {xs[k], -150, ""};
        ways.front().refs.push_back(10 + k);
        ways.push_back({600 + k, {10 + k, 20 + k}, "highway=residential"});
    }
    ways.front().refs.push_back(9);
    const test::TempDir dir;
    const auto file = dir.path() / "short.osm";
    test::write_text(file, osm_text(nodes, ways));
    const import::ImportResult r = test::import_file(file);
    std::set<std::uint32_t> on_main;
    for (const network::Link& l : r.network.links)
        if (l.source_id >= 600) on_main.insert(r.network.junction(l.from).name.find("Main") != std::string::npos ? l.from.value : l.to.value);
    CHECK(on_main.size() == 1);
    for (const network::Link& l : r.network.links) CHECK(l.length_m >= import::ImportOptions{}.hold_length_m - 0.01);
}
