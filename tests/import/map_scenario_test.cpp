// [network] type = "map" in a scenario file: the keys are checked with the rest of the file
// and the map is imported only when the file is valid; an import failure names the line.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "import/import_test_util.hpp"
#include "scenario/scenario.hpp"

using namespace ut;

namespace {

std::string scenario_text(const std::string& network_keys) {
    return fmt::format(R"([scenario]
name = "map-test"
duration_s = 600

[network]
type = "map"
{}

[demand]
type = "random"
vehicles_per_hour = 100
)", network_keys);
}

std::string load_error(const std::filesystem::path& file) {
    try {
        scenario::load_scenario(file);
    } catch (const scenario::ScenarioError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("scenario: type = \"map\" imports the town map", "[import][scenario]") {
    const test::TempDir dir;
    const auto file = dir.path() / "town.toml";
    test::write_text(file, scenario_text(fmt::format("file = \"{}\"\nclasses = \"+service\"", test::town_map().string())));
    const scenario::Scenario sc = scenario::load_scenario(file);
    CHECK(sc.network_type == "map");
    CHECK(sc.network.signal_plans.size() == 3);
    std::size_t parking = 0;
    for (const network::Link& l : sc.network.network.links) parking += l.name == "Parkplatz";
    CHECK(parking == 2);  // classes = "+service" reached the importer
}

TEST_CASE("scenario: the shipped map scenarios load", "[import][scenario]") {
    const std::filesystem::path dir = std::filesystem::path(URBANTWIN_SOURCE_DIR) / "scenarios";
    const scenario::Scenario town = scenario::load_scenario(dir / "town.toml");
    CHECK(town.network.network.links.size() > 20);
    if (test::have_shared("portland-central.osm.pbf")) {
        const scenario::Scenario portland = scenario::load_scenario(dir / "portland.toml");
        CHECK(portland.network.signal_plans.size() > 300);
    }
}

TEST_CASE("scenario: bad map keys are reported with their lines, before any import", "[import][scenario]") {
    const test::TempDir dir;
    const auto file = dir.path() / "bad.toml";
    test::write_text(file, scenario_text("file = \"nowhere.osm.pbf\"\nbbox = \"1,2\"\nclasses = \"primary,big\"\n"
                                         "speed_unit = \"knots\"\nlanes_atribute = \"x\""));
    const std::string error = load_error(file);
    CHECK_THAT(error, Catch::Contains("bad.toml:7:") && Catch::Contains("nowhere.osm.pbf does not exist"));
    CHECK_THAT(error, Catch::Contains("bad.toml:8:") && Catch::Contains("four numbers"));
    CHECK_THAT(error, Catch::Contains("bad.toml:9:") && Catch::Contains("unknown road class 'big'"));
    CHECK_THAT(error, Catch::Contains("bad.toml:10:") && Catch::Contains("knots"));
    CHECK_THAT(error, Catch::Contains("lanes_atribute"));
}

TEST_CASE("scenario: a map that cannot be imported is an error at the line of `file`", "[import][scenario]") {
    const test::TempDir dir;
    test::write_text(dir.path() / "points.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {}, "geometry": {"type": "Point", "coordinates": [10.0, 50.0]}}]})");
    const auto file = dir.path() / "points.toml";
    test::write_text(file, scenario_text("file = \"points.geojson\""));
    CHECK_THAT(load_error(file), Catch::Contains("points.toml:7:") && Catch::Contains("holds no lines"));
}
