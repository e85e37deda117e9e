// The roads at the edge of an extract (issue 3): a dual carriageway cut at the map's edge is
// an inbound and an outbound one-way road, each ending in a dead end. Neither is strongly
// connected to anything, yet traffic comes in on one and leaves on the other: they are kept
// as the core's entry and exit, with their role in the GeoPackage; an island is dropped, and
// so is what hangs off it. Runs without ../shared/data.
//
//   (0,200)---North---(200,200)
//      |                  |
//    West-----Middle-----East    (two-way streets: the core)
//      |                  |      (230,10)------Allee (out)------>(500,10)   edge of the map
//      |                  |     /
//   (0,0)----South----(200,0) <-(230,-10)<-----Allee (in)---------(500,-10)
//
//   island: (0,600)---Insel---(300,600), and a one-way spur off it to (300,800)
#include <catch2/catch.hpp>

#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <map>

#include "import/import_test_util.hpp"
#include "import/osm_fixture.hpp"
#include "output/gis/network_gpkg.hpp"

using namespace ut;
using test::Node;
using test::Way;

namespace {

constexpr std::int64_t kOutbound = 200, kInbound = 201, kIsland = 300, kSpur = 301;

std::string cut_map() {
    const std::map<int, Node> nodes = {
        {1, {0, 0, ""}},       {2, {200, 0, ""}},      {3, {200, 200, ""}},   {4, {0, 200, ""}},
        {5, {0, 100, ""}},     {6, {200, 100, ""}},
        {10, {230, 10, ""}},   {12, {500, 10, ""}},    {11, {230, -10, ""}},  {13, {500, -10, ""}},
        {20, {0, 600, ""}},    {21, {300, 600, ""}},   {22, {300, 800, ""}},
    };
    const std::vector<Way> ways = {
        {100, {1, 2}, "highway=residential;name=South"},
        {101, {2, 6, 3}, "highway=residential;name=East"},
        {102, {3, 4}, "highway=residential;name=North"},
        {103, {4, 5, 1}, "highway=residential;name=West"},
        {104, {5, 6}, "highway=residential;name=Middle"},
        {kOutbound, {2, 10, 12}, "highway=primary;oneway=yes;lanes=2;name=Allee"},
        {kInbound, {13, 11, 2}, "highway=primary;oneway=yes;lanes=2;name=Allee"},
        {kIsland, {20, 21}, "highway=residential;name=Insel"},
        {kSpur, {21, 22}, "highway=residential;oneway=yes;name=Inselweg"},
    };
    return test::osm_text(nodes, ways);
}

struct CutMap {
    test::TempDir dir;
    import::ImportResult result;
    CutMap() {
        const auto file = dir.path() / "cut.osm";
        test::write_text(file, cut_map());
        result = test::import_file(file);
    }
};

// Roles of the links of one OSM way.
std::vector<network::LinkRole> roles_of_way(const import::ImportResult& r, std::int64_t way) {
    std::vector<network::LinkRole> out;
    for (std::size_t l = 0; l < r.network.links.size(); ++l)
        if (r.network.links[l].source_id == way) out.push_back(r.link_role[l]);
    return out;
}

}  // namespace

TEST_CASE("fringe: a dual carriageway cut at the edge is kept as entry and exit, an island is dropped", "[import]") {
    const CutMap m;
    const import::ImportResult& r = m.result;
    const std::string report = import::format_report(r.report);
    INFO(report);
    REQUIRE(r.link_role.size() == r.network.links.size());
    CHECK(roles_of_way(r, kInbound) == std::vector<network::LinkRole>{network::LinkRole::Entry});
    CHECK(roles_of_way(r, kOutbound) == std::vector<network::LinkRole>{network::LinkRole::Exit});
    for (std::int64_t way : {100, 101, 102, 103, 104}) {
        const std::vector<network::LinkRole> roles = roles_of_way(r, way);
        CHECK(roles.size() >= 2);
        CHECK(std::all_of(roles.begin(), roles.end(), [](network::LinkRole x) { return x == network::LinkRole::Core; }));
    }
    CHECK(roles_of_way(r, kIsland).empty());
    CHECK(roles_of_way(r, kSpur).empty());
    CHECK(r.link_role == network::link_roles(r.network));  // the roles of the final network
    CHECK(r.report.entry_links == 1);
    CHECK(r.report.exit_links == 1);
    CHECK(r.report.dropped.at("links not connected to the core in either direction") == 3);
    CHECK(r.report.dropped.at("junctions of links not connected to the core") == 3);
    CHECK_THAT(report, Catch::Contains("1 entry links into the core, 1 exit links out of it"));
    // The ends at the edge are dead ends, 20 m apart: not joined, no U-turn between them.
    std::size_t dead_ends = 0;
    for (const network::Junction& j : r.network.junctions) dead_ends += j.control == network::JunctionControl::DeadEnd;
    CHECK(dead_ends == 2);
}

TEST_CASE("fringe: without dropping, the island stays, detached", "[import]") {
    const test::TempDir dir;
    const auto file = dir.path() / "cut.osm";
    test::write_text(file, cut_map());
    import::ImportOptions o;
    o.path = file;
    o.drop_detached = false;
    const import::ImportResult r = import::import_map(o);
    CHECK(roles_of_way(r, kIsland) == std::vector<network::LinkRole>(2, network::LinkRole::Detached));
    CHECK(roles_of_way(r, kSpur) == std::vector<network::LinkRole>{network::LinkRole::Detached});
    CHECK(r.report.dropped.count("links not connected to the core in either direction") == 0);
}

TEST_CASE("fringe: the GeoPackage's links say their role", "[import]") {
    const CutMap m;
    const auto gpkg = m.dir.path() / "cut.gpkg";
    output::gis::NetworkGpkgInput in;
    in.network = &m.result.network;
    in.epsg = m.result.georef.epsg;
    in.origin = m.result.georef.origin;
    output::gis::write_network_gpkg(gpkg, in);
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH links = GDALDatasetGetLayerByName(ds, "links");
    REQUIRE(links != nullptr);
    std::map<std::int64_t, std::string> role_of_way;
    while (OGRFeatureH f = OGR_L_GetNextFeature(links)) {
        role_of_way[OGR_F_GetFieldAsInteger64(f, OGR_F_GetFieldIndex(f, "source_id"))] =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "role"));
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    CHECK(role_of_way == std::map<std::int64_t, std::string>{{100, "core"},  {101, "core"},  {102, "core"}, {103, "core"},
                                                             {104, "core"},  {kOutbound, "exit"}, {kInbound, "entry"}});
}
