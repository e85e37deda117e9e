// The real OpenStreetMap extracts in ../shared/data (skipped with a message when absent):
// each imports; facts read off the data hold (one-way streets, lane counts, signals); the
// big one imports fast and the same in parallel as serially; routes cross the map.
#include <catch2/catch.hpp>

#include <gdal.h>
#include <ogr_api.h>

#include <map>
#include <regex>
#include <set>

#include "demand/router.hpp"
#include "import/import_test_util.hpp"
#include "network/validate.hpp"
#include "signals/conflict_check.hpp"

using namespace ut;

namespace {

constexpr const char* kMannheim = "mannheim-heidelberg-roads.osm.pbf";
constexpr const char* kPortland = "portland-central.osm.pbf";

const import::ImportResult& imported(const std::string& name) {
    static std::map<std::string, import::ImportResult> cache;
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.emplace(name, test::import_file(test::shared_data() / name)).first;
    return it->second;
}

std::vector<const network::Link*> links_of_way(const network::Network& net, std::int64_t way) {
    std::vector<const network::Link*> out;
    for (const network::Link& l : net.links)
        if (l.source_id == way) out.push_back(&l);
    return out;
}

bool has_opposite(const network::Network& net, const std::vector<const network::Link*>& links) {
    for (const network::Link* a : links)
        for (const network::Link* b : links)
            if (a->from == b->to && a->to == b->from) return true;
    (void)net;
    return false;
}

// way id -> tags, read with GDAL's own default OSM configuration (tags in other_tags), so
// the check does not go through the importer's reading of the file.
std::map<std::int64_t, std::map<std::string, std::string>> way_tags(const std::filesystem::path& file) {
    std::map<std::int64_t, std::map<std::string, std::string>> out;
    const char* const options[] = {"USE_CUSTOM_INDEXING=NO", nullptr};  // negative node ids
    GDALAllRegister();  // ctest runs each case in its own process: no driver registered yet
    GDALDatasetH ds = GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH lines = GDALDatasetGetLayerByName(ds, "lines");
    const std::regex pair("\"([^\"]+)\"=>\"([^\"]*)\"");
    while (OGRFeatureH f = OGR_L_GetNextFeature(lines)) {
        auto& tags = out[std::stoll(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "osm_id")))];
        tags["highway"] = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "highway"));
        const std::string other = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "other_tags"));
        for (std::sregex_iterator m(other.begin(), other.end(), pair), end; m != end; ++m) tags[(*m)[1]] = (*m)[2];
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return out;
}

}  // namespace

TEST_CASE("real maps: every extract imports into a valid, connected network", "[import][slow]") {
    for (const char* name : {kMannheim, kPortland, "monaco.osm.pbf", "cobb-county.osm.pbf",
                             "berlin-siegessaeule.osm.gz", "beatty.osm"}) {
        if (!test::have_shared(name)) continue;
        const import::ImportResult& r = imported(name);
        INFO(import::format_report(r.report));
        CHECK(r.report.links > 0);
        CHECK(r.report.lanes >= r.report.links);
        CHECK(r.network.connections.size() > 0);
        CHECK(r.signal_plans.size() == r.report.signalised_junctions);
        const auto problems = network::validate(r.network);
        CHECK(problems.empty());
        for (std::size_t i = 0; i < std::min<std::size_t>(problems.size(), 5); ++i) UNSCOPED_INFO(problems[i].message);
    }
}

// Import speed is measured by bench/import_bench.cpp, not asserted here: a timed test
// fails on a busy machine or under the sanitizers for reasons that are not bugs.
TEST_CASE("real maps: Mannheim imports the same in parallel as serially", "[import][slow]") {
    if (!test::have_shared(kMannheim)) return;
    const import::ImportResult& parallel = imported(kMannheim);
    WARN("Mannheim-Heidelberg: " << import::format_report(parallel.report, 0));
    CHECK(parallel.report.features_kept > 35000);
    const import::ImportResult serial = test::import_file(test::shared_data() / kMannheim, false);
    test::require_same_network(serial.network, parallel.network);
    CHECK(serial.signal_cluster == parallel.signal_cluster);
    CHECK(serial.link_role == parallel.link_role);
    CHECK(serial.signal_plans.size() == parallel.signal_plans.size());
}

TEST_CASE("real maps: signalised crossings match the traffic_signals clusters", "[import][slow]") {
    for (const char* name : {kMannheim, kPortland}) {
        if (!test::have_shared(name)) continue;
        const import::ImportReport& r = imported(name).report;
        INFO(name << "\n" << import::format_report(r, 0));
        // A cluster without a junction is a mid-block crossing; most clusters control one.
        CHECK(4 * r.signal_clusters >= 3 * r.signal_clusters_total);
        CHECK(r.signal_clusters <= r.signal_clusters_total);
        // A crossing is 1 junction, or 2-4 where dual carriageways meet.
        CHECK(r.signalised_junctions >= r.signal_clusters);
        CHECK(r.signalised_junctions <= 4 * r.signal_clusters);
    }
    if (test::have_shared(kMannheim)) CHECK(imported(kMannheim).report.signal_nodes == 2231);
    if (test::have_shared(kPortland)) CHECK(imported(kPortland).report.signal_nodes == 601);
}

TEST_CASE("real maps: known one-way streets are one-way", "[import][slow]") {
    if (test::have_shared(kPortland)) {
        // w5534732 SW Broadway Drive: oneway=yes, maxspeed=25 mph.
        const auto links = links_of_way(imported(kPortland).network, 5534732);
        REQUIRE_FALSE(links.empty());
        CHECK_FALSE(has_opposite(imported(kPortland).network, links));
        for (const network::Link* l : links) CHECK(l->speed_limit_mps == Approx(25 * 1.609344 / 3.6));
    }
    if (test::have_shared(kMannheim)) {
        // w4084169 Renzstraße: oneway=yes, lanes=3, turn:lanes=left|through|through.
        const auto links = links_of_way(imported(kMannheim).network, 4084169);
        REQUIRE_FALSE(links.empty());
        CHECK_FALSE(has_opposite(imported(kMannheim).network, links));
        for (const network::Link* l : links) CHECK(l->lanes.size() == 3);
        // w4474621 Untermühlaustraße: lanes=4, two-way -> 2 + 2.
        const auto two_way = links_of_way(imported(kMannheim).network, 4474621);
        REQUIRE_FALSE(two_way.empty());
        CHECK(has_opposite(imported(kMannheim).network, two_way));
        for (const network::Link* l : two_way) CHECK(l->lanes.size() == 2);
    }
}

TEST_CASE("real maps: lane counts match the tags on a sample of one-way roads", "[import][slow]") {
    if (!test::have_shared(kMannheim)) return;
    const auto tags = way_tags(test::shared_data() / kMannheim);
    std::map<std::int64_t, std::vector<const network::Link*>> by_way;
    for (const network::Link& l : imported(kMannheim).network.links) by_way[l.source_id].push_back(&l);
    std::size_t checked = 0, n = 0;
    for (const auto& [id, t] : tags) {
        auto get = [&](const char* k) { const auto i = t.find(k); return i == t.end() ? std::string() : i->second; };
        if (get("oneway") != "yes" || !std::regex_match(get("lanes"), std::regex("[1-5]"))) continue;
        if (!get("turn:lanes").empty() || !get("lanes:bus").empty() || !get("busway").empty()) continue;
        if (n++ % 7 != 0 || !by_way.count(id)) continue;  // every 7th: a sample spread over the file
        for (const network::Link* l : by_way[id]) {
            INFO("way " << id << " lanes=" << get("lanes"));
            CHECK(l->lanes.size() == static_cast<std::size_t>(std::stoi(get("lanes"))));
        }
        ++checked;
    }
    CHECK(checked > 300);
}

TEST_CASE("real maps: a route crosses the map between distant points", "[import][slow]") {
    for (const char* name : {kMannheim, kPortland}) {
        if (!test::have_shared(name)) continue;
        const import::ImportResult& r = imported(name);
        const network::Network& net = r.network;
        // The core links leaving the westernmost and the easternmost junctions (a road cut at
        // the map's edge is an entry or an exit: routes run only from entries, only to exits).
        std::uint32_t west = 0;
        while (r.link_role[west] != network::LinkRole::Core) ++west;
        std::uint32_t east = west;
        for (std::uint32_t l = 0; l < net.links.size(); ++l) {
            if (r.link_role[l] != network::LinkRole::Core) continue;
            if (net.junction(net.links[l].from).position.x < net.junction(net.links[west].from).position.x) west = l;
            if (net.junction(net.links[l].from).position.x > net.junction(net.links[east].from).position.x) east = l;
        }
        const double span_m = net.junction(net.links[east].from).position.x - net.junction(net.links[west].from).position.x;
        INFO(name << ": " << span_m << " m apart");
        CHECK(span_m > 3000.0);
        const demand::Router router(net);
        const auto there = router.route(LinkId{west}, LinkId{east});
        const auto back = router.route(LinkId{east}, LinkId{west});
        REQUIRE(there.has_value());
        REQUIRE(back.has_value());
        CHECK(there->size() > 10);
    }
}

TEST_CASE("real maps: Berlin keeps the avenues cut at the extract's edge, entering and leaving the Großer Stern", "[import][slow]") {
    constexpr const char* kBerlin = "berlin-siegessaeule.osm.gz";
    if (!test::have_shared(kBerlin)) return;
    const import::ImportResult& r = imported(kBerlin);
    INFO(import::format_report(r.report));
    // Each avenue is a dual carriageway cut at the edge: its inbound carriageway is an entry,
    // its outbound one an exit. Only the ring was kept before (8 of 34 links).
    std::map<std::string, std::set<network::LinkRole>> roles;
    for (std::size_t l = 0; l < r.network.links.size(); ++l) roles[r.network.links[l].name].insert(r.link_role[l]);
    for (const char* avenue : {"Straße des 17. Juni", "Altonaer Straße", "Hofjägerallee", "Spreeweg"}) {
        INFO(avenue);
        CHECK(roles[avenue] == std::set<network::LinkRole>{network::LinkRole::Entry, network::LinkRole::Exit});
    }
    CHECK(roles["Großer Stern"] == std::set<network::LinkRole>{network::LinkRole::Core});
    CHECK(r.report.links == 34);
    CHECK(r.report.entry_links == 15);
    CHECK(r.report.exit_links == 11);
    CHECK(r.report.dropped.count("links not connected to the core in either direction") == 0);
}

TEST_CASE("real maps: Mannheim's Bismarckstraße goes straight on along itself, both left lanes into Kaiserring", "[import][slow]") {
    if (!test::have_shared(kMannheim)) return;
    const network::Network& net = imported(kMannheim).network;
    auto turns_into = [&](std::int64_t from_way, std::int64_t to_way, network::Turn turn) {
        std::set<int> lanes;
        for (const network::Connection& c : net.connections)
            if (net.link(c.from_link).source_id == from_way && net.link(c.to_link).source_id == to_way && c.turn == turn)
                lanes.insert(c.from_lane);
        return lanes;
    };
    // w287186149, westbound (turn:lanes through|through|through), meets the side street
    // w97301283 and the carriageway w251161865 where the two carriageways part, at a junction
    // joined from several nodes: drawn to its centre, the carriageway looked like a right
    // turn and all three lanes went into the one-lane side street.
    CHECK(turns_into(287186149, 251161865, network::Turn::Straight).size() == 3);
    CHECK(turns_into(287186149, 97301283, network::Turn::Straight).empty());
    // w189772874 (turn:lanes left|left|through|through;right) at Kaiserring: the carriageway
    // of Bismarckstraße going back west is a turnaround there, and took one of the two lanes.
    CHECK(turns_into(189772874, 190451409, network::Turn::Left) == std::set<int>{2, 3});
}

TEST_CASE("real maps: every derived signal plan passes the safety check, the junctions of a crossing in step", "[import][slow]") {
    for (const char* name : {kMannheim, kPortland, "monaco.osm.pbf", "cobb-county.osm.pbf"}) {
        if (!test::have_shared(name)) continue;
        const import::ImportResult& r = imported(name);
        const signals::ConflictTable table(r.network);
        std::size_t unsafe = 0;
        std::map<std::int32_t, double> cycle_of_cluster;
        for (const signals::SignalPlan& plan : r.signal_plans) {
            const std::vector<std::string> problems = signals::check_plan(r.network, table, plan);
            if (!problems.empty() && unsafe++ < 3) UNSCOPED_INFO(problems.front());
            const auto [it, added] = cycle_of_cluster.try_emplace(r.signal_cluster[plan.junction.index()], plan.cycle_s());
            if (!added) CHECK(plan.cycle_s() == Approx(it->second));
        }
        INFO(name);
        CHECK(unsafe == 0);
    }
}

TEST_CASE("real maps: lanes chosen before short links, and opposite left turns crossing at a skewed signal", "[import][slow]") {
    if (test::have_shared(kMannheim)) {
        // w223205727 (Rhenaniastraße, 3 lanes, 7.5 m) runs into w190331721 (2 lanes, 11.5 m),
        // whose left lane alone turns left at the signal 11 m on: every lane may enter either.
        const network::Network& net = imported(kMannheim).network;
        std::map<int, std::set<int>> entered;
        for (const network::Connection& c : net.connections)
            if (net.link(c.from_link).source_id == 223205727 && net.link(c.to_link).source_id == 190331721)
                entered[c.from_lane].insert(c.to_lane);
        CHECK(entered.size() == 3);
        for (const auto& [lane, to] : entered) CHECK(to == std::set<int>{0, 1});
    }
    if (test::have_shared("cobb-county.osm.pbf")) {
        // East-West Connector at Floyd Road: the two left turns' paths cross in the junction.
        // Given a stage each, the single lane of Floyd Road Southwest had 35 s of a 120 s
        // cycle and queued back for the whole hour; now one yields to the other.
        const import::ImportResult& r = imported("cobb-county.osm.pbf");
        const signals::SignalPlan* plan = nullptr;
        for (const signals::SignalPlan& p : r.signal_plans)
            if (r.network.junction(p.junction).name == "East-West Connector / Floyd Road Southwest / Floyd Road") plan = &p;
        REQUIRE(plan != nullptr);
        std::vector<std::set<std::size_t>> lefts;  // stages of each East-West Connector left
        for (std::size_t g = 0; g < plan->groups.size(); ++g) {
            const network::Connection& c = r.network.connection(plan->groups[g].connections.front());
            if (r.network.link(c.from_link).name != "East-West Connector" || c.turn != network::Turn::Left) continue;
            lefts.emplace_back();
            for (std::size_t s = 0; s < plan->stages.size(); ++s)
                for (std::uint16_t k : plan->stages[s].green_groups)
                    if (k == g) lefts.back().insert(s);
        }
        REQUIRE(lefts.size() == 2);
        CHECK(lefts[0] == lefts[1]);
    }
}
