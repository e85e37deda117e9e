// What a user gets for bad input: a clear ImportError naming the file (and layer, feature or
// attribute) and what to do, never a crash; a warning with the feature id for a bad value.
// Also GIS layers with their own attribute names, a projected CRS, several layers.
#include <catch2/catch.hpp>

#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "import/import_test_util.hpp"

using namespace ut;

namespace {

std::string geojson(const std::string& features) {
    return R"({"type": "FeatureCollection", "features": [)" + features + "]}";
}

std::string line_feature(const std::string& props, double y = 50.0) {
    return R"({"type": "Feature", "properties": {)" + props + R"(}, "geometry": {"type": "LineString",
        "coordinates": [[10.0, )" + std::to_string(y) + "], [10.002, " + std::to_string(y) + "], [10.004, " +
           std::to_string(y) + "]]}}";
}

// A layer written through OGR: lines with the given attribute values, in `epsg`.
struct Row {
    std::vector<std::pair<double, double>> points;
    std::vector<std::string> values;
};

void write_layer(const std::filesystem::path& path, const char* driver, const char* layer_name, int epsg,
                 OGRwkbGeometryType type, const std::vector<std::string>& fields, const std::vector<Row>& rows,
                 bool append = false) {
    OGRRegisterAll();  // ctest runs each test case in its own process: nothing registered yet
    OGRSFDriverH drv = OGRGetDriverByName(driver);
    REQUIRE(drv != nullptr);
    OGRDataSourceH ds = append ? OGROpen(path.c_str(), TRUE, nullptr) : OGR_Dr_CreateDataSource(drv, path.c_str(), nullptr);
    REQUIRE(ds != nullptr);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
    OGRLayerH layer = OGR_DS_CreateLayer(ds, layer_name, srs, type, nullptr);
    REQUIRE(layer != nullptr);
    for (const std::string& f : fields) {
        OGRFieldDefnH d = OGR_Fld_Create(f.c_str(), OFTString);
        OGR_L_CreateField(layer, d, TRUE);
        OGR_Fld_Destroy(d);
    }
    for (const Row& r : rows) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (std::size_t i = 0; i < r.values.size(); ++i) OGR_F_SetFieldString(f, static_cast<int>(i), r.values[i].c_str());
        OGRGeometryH g = OGR_G_CreateGeometry(type);
        for (const auto& [x, y] : r.points) {
            if (type == wkbPoint) OGR_G_SetPoint_2D(g, 0, x, y);
            else OGR_G_AddPoint_2D(g, x, y);
        }
        OGR_F_SetGeometryDirectly(f, g);
        REQUIRE(OGR_L_CreateFeature(layer, f) == OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    OSRDestroySpatialReference(srs);
    OGR_DS_Destroy(ds);
}

}  // namespace

TEST_CASE("bad input: missing file, unknown format, directory", "[import]") {
    const test::TempDir dir;
    CHECK_THAT(test::import_error([&] { test::import_file(dir.path() / "nowhere.osm.pbf"); }),
               Catch::Contains("nowhere.osm.pbf: file not found"));
    test::write_text(dir.path() / "notes.txt", "just some words, not a map\n");
    CHECK_THAT(test::import_error([&] { test::import_file(dir.path() / "notes.txt"); }),
               Catch::Contains("notes.txt: GDAL cannot read this file as a map") && Catch::Contains("ogr2ogr"));
    test::write_text(dir.path() / "garbage.osm.pbf", std::string(1000, '\x07'));
    CHECK_THAT(test::import_error([&] { test::import_file(dir.path() / "garbage.osm.pbf"); }),
               Catch::Contains("garbage.osm.pbf"));
    CHECK_THAT(test::import_error([&] { test::import_file(dir.path()); }), Catch::Contains("is a directory"));
}

TEST_CASE("bad input: no road features, a layer without lines", "[import]") {
    const test::TempDir dir;
    test::write_text(dir.path() / "empty.geojson", geojson(""));
    CHECK_THAT(test::import_error([&] { test::import_file(dir.path() / "empty.geojson"); }),
               Catch::Contains("empty.geojson") && Catch::Contains("no road features"));
    test::write_text(dir.path() / "paths.geojson",
                     geojson(line_feature(R"("highway": "footway")") + "," + line_feature(R"("highway": "cycleway")")));
    const std::string paths = test::import_error([&] { test::import_file(dir.path() / "paths.geojson"); });
    CHECK_THAT(paths, Catch::Contains("no road features to import") && Catch::Contains("2 not a road for motor traffic"));
    test::write_text(dir.path() / "points.geojson", geojson(R"({"type": "Feature", "properties": {"name": "a"},
        "geometry": {"type": "Point", "coordinates": [10.0, 50.0]}})"));
    CHECK_THAT(test::import_error([&] { test::import_file(dir.path() / "points.geojson"); }),
               Catch::Contains("points.geojson") && Catch::Contains("holds no lines"));
}

TEST_CASE("bad attribute values: warnings with the feature id and the default used", "[import]") {
    const test::TempDir dir;
    test::write_text(dir.path() / "odd.geojson",
                     geojson(R"({"type": "Feature", "id": 5, "properties": {"highway": "primary", "lanes": -3,
        "maxspeed": "fast", "oneway": "sometimes"}, "geometry": {"type": "LineString",
        "coordinates": [[10.0, 50.0], [10.002, 50.0]]}})"));
    const import::ImportResult r = test::import_file(dir.path() / "odd.geojson");
    REQUIRE(r.report.warnings.size() == 3);
    for (const import::ImportWarning& w : r.report.warnings) CHECK(w.feature_id == 5);
    const std::string text = import::format_report(r.report);
    CHECK_THAT(text, Catch::Contains("feature 5: lanes=-3") && Catch::Contains("using the default"));
    CHECK_THAT(text, Catch::Contains("feature 5: maxspeed=fast is not a speed; using the default 60 km/h"));
    CHECK_THAT(text, Catch::Contains("oneway=sometimes not understood; using two-way"));
    CHECK(r.network.links.size() == 2);  // built with the defaults: two-way, one lane each way
}

TEST_CASE("GIS layers: own attribute names, a projected CRS, several layers", "[import]") {
    const test::TempDir dir;
    // Two crossing streets in ETRS89 / UTM 32N, attributes named like an authority's layer.
    const double x0 = 460000, y0 = 5480000;
    const std::vector<Row> rows = {
        {{{x0, y0}, {x0 + 200, y0}, {x0 + 400, y0}}, {"Ringstrasse", "4", "30", "B", "primary"}},
        {{{x0 + 200, y0 - 200}, {x0 + 200, y0}, {x0 + 200, y0 + 200}}, {"Querweg", "1", "20", "FT", "residential"}},
        {{{x0 + 200, y0 + 200}, {x0 + 400, y0 + 200}, {x0 + 400, y0}}, {"Bogen", "2", "25", "", "residential"}},
        {{{x0 + 400, y0}, {x0 + 400, y0 - 200}, {x0 + 200, y0 - 200}}, {"Bogen", "2", "25", "", "residential"}},
    };
    const auto gpkg = dir.path() / "roads.gpkg";
    const std::vector<std::string> fields = {"STRNAME", "FAHRSTR", "VMAX", "RICHTUNG", "KLASSE"};
    write_layer(gpkg, "GPKG", "poi", 25832, wkbPoint, {"name"}, {{{{x0, y0}}, {"a"}}});
    write_layer(gpkg, "GPKG", "roads", 25832, wkbLineString, fields, rows, true);

    import::ImportOptions o;
    o.path = gpkg;
    o.attributes = {"FAHRSTR", "VMAX", import::SpeedUnit::MilesPerHour, "RICHTUNG", "STRNAME", "KLASSE"};
    const import::ImportResult r = import::import_map(o);  // picks the line layer by itself
    CHECK_THAT(r.report.source, Catch::Contains("layer roads"));
    CHECK(r.georef.epsg == 32632);
    std::size_t ring = 0, quer = 0;
    for (const network::Link& l : r.network.links) {
        if (l.name == "Ringstrasse") {
            ++ring;
            CHECK(l.lanes.size() == 2);
            CHECK(l.speed_limit_mps == Approx(30 * 1.609344 / 3.6));
        }
        if (l.name == "Querweg") {
            ++quer;
            CHECK(r.network.junction(l.to).position.y > r.network.junction(l.from).position.y);  // FT: as drawn
        }
    }
    CHECK(ring == 4);
    CHECK(quer == 2);
    // Lengths survive the projection: the 200 m pieces stay 200 m (less the junction set-backs).
    for (const network::Link& l : r.network.links)
        if (l.name == "Ringstrasse") CHECK((l.length_m > 180.0 && l.length_m < 200.0));

    o.layer = "poi";
    CHECK_THAT(test::import_error([&] { import::import_map(o); }), Catch::Contains("layer poi") && Catch::Contains("holds no lines"));
    o.layer = "nope";
    CHECK_THAT(test::import_error([&] { import::import_map(o); }),
               Catch::Contains("no layer named 'nope'") && Catch::Contains("roads (Line String)"));
    o.layer = "";
    o.attributes.lanes = "SPUREN";
    CHECK_THAT(test::import_error([&] { import::import_map(o); }),
               Catch::Contains("attribute 'SPUREN'") && Catch::Contains("FAHRSTR"));

    // The same roads as a Shapefile, attributes found by their common names.
    const auto shp = dir.path() / "roads.shp";
    write_layer(shp, "ESRI Shapefile", "roads", 25832, wkbLineString, {"name", "lanes", "maxspeed", "oneway", "highway"}, rows);
    const import::ImportResult s = test::import_file(shp);
    CHECK(s.network.links.size() == r.network.links.size());
}

TEST_CASE("bad input: a truncated .osm.pbf", "[import]") {
    if (!test::have_shared("monaco.osm.pbf")) return;
    const test::TempDir dir;
    const auto cut = dir.path() / "cut.osm.pbf";
    std::filesystem::copy_file(test::shared_data() / "monaco.osm.pbf", cut);
    std::filesystem::resize_file(cut, std::filesystem::file_size(cut) / 2);
    const std::string error = test::import_error([&] { test::import_file(cut); });
    CHECK_THAT(error, Catch::Contains(cut.string()) && Catch::Contains("truncated or corrupt"));
}
