// `urbantwin import MAP [--bbox w,s,e,n] [--classes LIST] --out NET.gpkg`: imports a road map
// through GDAL (sim/import/map_import.hpp), prints what was built and what was dropped and
// why, and writes the network as a GeoPackage for checking in QGIS (output/gis).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "import/map_import.hpp"
#include "output/atomic_file.hpp"
#include "output/gis/network_gpkg.hpp"

namespace ut::cli {

namespace {

struct ImportArgs {
    std::string map;
    std::string out;
    std::optional<std::string> bbox;
    std::optional<std::string> classes;
    std::string layer;
    std::string lanes_attr, speed_attr, oneway_attr, name_attr, class_attr;
    std::string speed_unit = "kmh";
    bool serial = false;
    std::size_t warnings = 10;
};

int run_import(const ImportArgs& a) {
    import::ImportOptions o;
    o.path = a.map;
    o.layer = a.layer;
    o.attributes.lanes = a.lanes_attr;
    o.attributes.speed = a.speed_attr;
    o.attributes.oneway = a.oneway_attr;
    o.attributes.name = a.name_attr;
    o.attributes.road_class = a.class_attr;
    o.attributes.speed_unit = a.speed_unit == "mph"   ? import::SpeedUnit::MilesPerHour
                              : a.speed_unit == "mps" ? import::SpeedUnit::MetresPerSecond
                                                      : import::SpeedUnit::KilometresPerHour;
    o.parallel = !a.serial;
    import::ImportResult result;
    try {
        if (a.bbox) o.bbox = import::parse_bbox(*a.bbox);
        if (a.classes) o.classes = import::parse_road_classes(*a.classes);
        result = import::import_map(o);
    } catch (const import::ImportError& e) {
        std::fprintf(stderr, "urbantwin import: %s\n", e.what());
        return kExitBadInput;
    }
    std::fputs(import::format_report(result.report, a.warnings).c_str(), stdout);
    try {
        output::gis::NetworkGpkgInput in;
        in.network = &result.network;
        in.signal_plans = &result.signal_plans;
        in.signal_cluster = &result.signal_cluster;
        in.epsg = result.georef.epsg;
        in.origin = result.georef.origin;
        output::gis::write_network_gpkg(a.out, in);
    } catch (const output::OutputError& e) {
        std::fprintf(stderr, "urbantwin import: %s\n", e.what());
        return kExitFailure;
    }
    std::printf("Wrote %s (EPSG:%d; layers junctions, links, lanes, connections, signals)\n", a.out.c_str(),
                result.georef.epsg);
    return kExitOk;
}

}  // namespace

void register_import_command(CLI::App& app) {
    auto a = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand(
        "import",
        "Import a road map (OpenStreetMap .osm/.osm.pbf/.osm.gz, or a GeoJSON, GeoPackage or Shapefile "
        "line layer) into the lane-level network and write it as a GeoPackage.");
    // Not ExistingFile: a missing map is reported by the importer like other bad input (exit 2).
    cmd->add_option("map", a->map, "Map file")->required();
    cmd->add_option("--out", a->out, "GeoPackage to write (layers junctions, links, lanes, connections, signals)")
        ->required();
    cmd->add_option("--bbox", a->bbox, "Keep roads touching west,south,east,north (WGS84 degrees)");
    cmd->add_option("--classes", a->classes,
                    "Road classes to keep: comma-separated motorway,trunk,primary,secondary,tertiary,"
                    "unclassified,residential,service; 'default' (motorway..residential), 'all', '+service'");
    cmd->add_option("--layer", a->layer, "GIS layer to read (default: the first line layer)");
    cmd->add_option("--lanes-attr", a->lanes_attr, "GIS attribute with the lane count (default: auto-detect)");
    cmd->add_option("--speed-attr", a->speed_attr, "GIS attribute with the speed limit (default: auto-detect)");
    cmd->add_option("--speed-unit", a->speed_unit, "Unit of speeds given as bare numbers")
        ->check(CLI::IsMember({"kmh", "mph", "mps"}));
    cmd->add_option("--oneway-attr", a->oneway_attr, "GIS attribute saying one-way (default: auto-detect)");
    cmd->add_option("--name-attr", a->name_attr, "GIS attribute with the street name (default: auto-detect)");
    cmd->add_option("--class-attr", a->class_attr,
                    "GIS attribute with the road class, OSM-like values (default: auto-detect)");
    cmd->add_option("--warnings", a->warnings, "How many warnings to print")->check(CLI::Range(0, 100000));
    cmd->add_flag("--serial", a->serial, "Single-threaded import (the reference; same result)");
    cmd->callback([a] {
        const int code = run_import(*a);
        if (code != kExitOk) throw CLI::RuntimeError(code);
    });
}

}  // namespace ut::cli
