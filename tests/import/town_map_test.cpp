// maps/town.geojson (tools/make_town_map.py) through the whole importer: a GIS layer with
// OSM-like attributes, signal points, a roundabout, one-way streets, turn and bus lanes.
#include <catch2/catch.hpp>

#include <gdal.h>

#include "demand/router.hpp"
#include "import/import_test_util.hpp"
#include "network/validate.hpp"
#include "output/atomic_file.hpp"
#include "output/gis/network_gpkg.hpp"

using namespace ut;
using network::Turn;
using network::turn_bit;

namespace {

const import::ImportResult& town() {
    static const import::ImportResult r = test::import_file(test::town_map());
    return r;
}

std::vector<const network::Link*> links_named(const network::Network& net, const std::string& name) {
    std::vector<const network::Link*> out;
    for (const network::Link& l : net.links)
        if (l.name == name) out.push_back(&l);
    return out;
}

Vec2 from_pos(const network::Network& net, const network::Link& l) { return net.junction(l.from).position; }
Vec2 to_pos(const network::Network& net, const network::Link& l) { return net.junction(l.to).position; }

// The link of `name` ending at the junction nearest to `at` (town metres from the tool,
// shifted like the map: compare by the junction names instead where possible).
const network::Link* link_into(const network::Network& net, const std::string& name, const std::string& junction_has,
                               bool eastwards) {
    for (const network::Link* l : links_named(net, name)) {
        const std::string& jn = net.junction(l->to).name;
        if (jn.find(junction_has) != std::string::npos && (to_pos(net, *l).x > from_pos(net, *l).x) == eastwards)
            return l;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("town map: counts, drops and signals", "[import]") {
    const import::ImportReport& r = town().report;
    INFO(import::format_report(r));
    CHECK(r.driver == "GeoJSON");
    CHECK(r.signal_nodes == 3);
    CHECK(r.signalised_junctions == 3);
    CHECK(r.signal_clusters == 3);
    CHECK(r.dropped.at("not a road for motor traffic") == 1);
    CHECK(r.dropped.at("road class not selected (service)") == 1);
    CHECK(r.links == town().network.links.size());
    CHECK(r.lane_km > 5.0);
    CHECK(r.warnings_total == 0);
    CHECK(town().georef.epsg == 32632);
    // The centre crossing is signalised by the signal node 20 m before it on Bahnhofstrasse.
    bool centre = false;
    for (const network::Junction& j : town().network.junctions)
        if (j.name.find("Hauptstraße") != std::string::npos && j.name.find("Bahnhofstraße") != std::string::npos)
            centre = j.control == network::JunctionControl::TrafficSignals;
    CHECK(centre);
    CHECK(network::validate(town().network).empty());
}

TEST_CASE("town map: one-way streets, lanes, turn lanes and bus lane", "[import]") {
    const network::Network& net = town().network;
    for (const network::Link* l : links_named(net, "Schulstraße")) CHECK(to_pos(net, *l).x > from_pos(net, *l).x);
    for (const network::Link* l : links_named(net, "Kirchgasse")) CHECK(to_pos(net, *l).x < from_pos(net, *l).x);
    CHECK(links_named(net, "Schulstraße").size() == 2);  // split at Bahnhofstraße only
    const auto main_street = links_named(net, "Hauptstraße");
    REQUIRE(main_street.size() == 8);
    for (const network::Link* l : main_street) CHECK(l->lanes.size() == 2);

    const network::Link* east = link_into(net, "Hauptstraße", "Bahnhofstraße", true);
    REQUIRE(east != nullptr);
    CHECK(east->lanes[0].allowed_turns == (turn_bit(Turn::Straight) | turn_bit(Turn::Right)));
    CHECK(east->lanes[1].allowed_turns == turn_bit(Turn::Straight));
    const network::Link* west = link_into(net, "Hauptstraße", "Lindenweg", false);
    REQUIRE(west != nullptr);
    CHECK(west->lanes[0].allowed_turns == turn_bit(Turn::Straight));
    CHECK(west->lanes[1].allowed_turns == turn_bit(Turn::Left));
    // busway:right on the westernmost piece: the eastbound rightmost lane is for buses only.
    const network::Link* bus = link_into(net, "Hauptstraße", "Lindenweg", true);
    REQUIRE(bus != nullptr);
    CHECK(bus->lanes[0].allowed_classes == network::class_bit(network::VehicleClass::Bus));
    CHECK(bus->lanes[1].allowed_classes == network::kAllClasses);
    CHECK(west->lanes[0].allowed_classes == network::kAllClasses);
    // The roundabout is one-way: no ring link has a twin in the opposite direction.
    for (const network::Link* a : links_named(net, "Ring"))
        for (const network::Link* b : links_named(net, "Ring")) CHECK_FALSE((a->from == b->to && a->to == b->from));
    // Two-way links sit right of the centre line: eastbound links lie south of westbound ones.
    CHECK(east->shape.front().y < net.junction(east->from).position.y);
}

TEST_CASE("town map: every link reaches every other (largest strongly connected part)", "[import]") {
    const network::Network& net = town().network;
    const demand::Router router(net);
    const auto west_end = link_into(net, "Hauptstraße", "Lindenweg", true);
    REQUIRE(west_end != nullptr);
    for (std::uint32_t l = 0; l < net.links.size(); ++l) {
        INFO("link " << l << " " << net.links[l].name);
        CHECK(router.route(LinkId{static_cast<std::uint32_t>(west_end - net.links.data())}, LinkId{l}).has_value());
    }
}

TEST_CASE("town map: the parallel import equals the serial one", "[import]") {
    const import::ImportResult serial = test::import_file(test::town_map(), false);
    test::require_same_network(serial.network, town().network);
    CHECK(serial.signal_cluster == town().signal_cluster);
    CHECK(serial.signal_plans.size() == town().signal_plans.size());
}

TEST_CASE("town map: classes and bbox select what is imported", "[import]") {
    import::ImportOptions o;
    o.path = test::town_map();
    o.classes = import::parse_road_classes("+service");
    const import::ImportResult with_service = import::import_map(o);
    CHECK(links_named(with_service.network, "Parkplatz").size() == 2);
    o.classes = import::parse_road_classes("primary,secondary,tertiary");
    const import::ImportResult main_roads = import::import_map(o);
    CHECK(links_named(main_roads.network, "Lindenweg").empty());
    CHECK_FALSE(links_named(main_roads.network, "Hauptstraße").empty());
    o.classes = import::ImportOptions::default_classes();
    o.bbox = import::parse_bbox("9.999,49.99,10.0085,50.01");  // the western half (x < ~610 m)
    const import::ImportResult west = import::import_map(o);
    CHECK(west.report.dropped.at("outside the bbox") > 0);
    CHECK(links_named(west.network, "Ring").empty());
}

TEST_CASE("town map: GeoPackage with all layers, written atomically", "[import]") {
    const test::TempDir dir;
    const auto gpkg = dir.path() / "town.gpkg";
    output::gis::NetworkGpkgInput in;
    in.network = &town().network;
    in.signal_plans = &town().signal_plans;
    in.signal_cluster = &town().signal_cluster;
    in.epsg = town().georef.epsg;
    in.origin = town().georef.origin;
    output::gis::write_network_gpkg(gpkg, in);
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    auto count = [&](const char* layer) {
        OGRLayerH l = GDALDatasetGetLayerByName(ds, layer);
        return l == nullptr ? -1 : OGR_L_GetFeatureCount(l, TRUE);
    };
    const network::Network& net = town().network;
    CHECK(count("junctions") == static_cast<GIntBig>(net.junctions.size()));
    CHECK(count("links") == static_cast<GIntBig>(net.links.size()));
    CHECK(count("lanes") == static_cast<GIntBig>(town().report.lanes));
    CHECK(count("connections") == static_cast<GIntBig>(net.connections.size()));
    CHECK(count("signals") == static_cast<GIntBig>(town().signal_plans.size()));
    GDALClose(ds);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
    CHECK(files == 1);  // no temporary left behind

    // A failed write leaves neither a file nor a temporary behind, and names the path.
    CHECK_THROWS_WITH(output::gis::write_network_gpkg(dir.path() / "missing" / "net.gpkg", in),
                      Catch::Contains("missing") && Catch::Contains("does not exist"));
    in.epsg = 999999;
    const auto bad = dir.path() / "bad.gpkg";
    CHECK_THROWS_AS(output::gis::write_network_gpkg(bad, in), output::OutputError);
    CHECK_FALSE(std::filesystem::exists(bad));
    files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
    CHECK(files == 1);
}
