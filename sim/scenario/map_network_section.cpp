// type = "map" in [network]: a road map imported through GDAL (sim/import/map_import.hpp).
//
//   [network]
//   type = "map"
//   file = "../maps/town.geojson"     # relative to the scenario file
//   bbox = "8.45,49.46,8.49,49.50"    # optional, WGS84 west,south,east,north
//   classes = "default"               # optional, as `urbantwin import --classes`
//   layer = "roads"                   # optional, GIS files with several layers
//   lanes_attr / speed_attr / oneway_attr / name_attr / class_attr   # optional, GIS layers
//   speed_unit = "kmh"                # "kmh", "mph" or "mps": unit of bare speed numbers
//   signals = true                    # fixed-time plans at imported signals
//
// Parsing checks every key without reading the map; the import runs only in the build
// step, and an ImportError there becomes a ScenarioError at the line of `file`.
#include <filesystem>
#include <system_error>

#include "import/map_import.hpp"
#include "scenario/network_section.hpp"

namespace ut::scenario {

NetworkBuild parse_map_network(SectionReader& s) {
    import::ImportOptions o;
    const std::size_t problems_before = s.problems().size();
    o.path = s.path("file", {});
    std::error_code ec;
    if (o.path.empty()) {
        s.add_problem("file", "[network] type = \"map\" needs file = \"PATH\"",
                      "e.g. file = \"../maps/town.geojson\" (.osm, .osm.pbf, .geojson, .gpkg, .shp)");
    } else if (!std::filesystem::exists(o.path, ec)) {
        s.add_problem("file", s.qualified("file") + ": " + o.path.string() + " does not exist",
                      "relative paths start at the scenario file's folder");
    }
    if (s.has("bbox")) {
        try {
            o.bbox = import::parse_bbox(s.text("bbox", ""));
        } catch (const import::ImportError& e) {
            s.add_problem("bbox", s.qualified("bbox") + ": " + e.what(), "");
        }
    }
    if (s.has("classes")) {
        try {
            o.classes = import::parse_road_classes(s.text("classes", "default"));
        } catch (const import::ImportError& e) {
            s.add_problem("classes", s.qualified("classes") + ": " + e.what(), "");
        }
    }
    o.layer = s.text("layer", "");
    o.attributes.lanes = s.text("lanes_attr", "");
    o.attributes.speed = s.text("speed_attr", "");
    o.attributes.oneway = s.text("oneway_attr", "");
    o.attributes.name = s.text("name_attr", "");
    o.attributes.road_class = s.text("class_attr", "");
    const std::string unit = s.choice("speed_unit", "kmh", {"kmh", "mph", "mps"});
    o.attributes.speed_unit = unit == "mph"   ? import::SpeedUnit::MilesPerHour
                              : unit == "mps" ? import::SpeedUnit::MetresPerSecond
                                              : import::SpeedUnit::KilometresPerHour;
    o.build_signal_plans = s.boolean("signals", true);
    if (s.problems().size() != problems_before) return {};

    const std::string where = s.problems().file() + ":" + std::to_string(s.line_of("file"));
    return [o, where]() -> network::GeneratedNetwork {
        try {
            import::ImportResult r = import::import_map(o);
            network::GeneratedNetwork g;
            g.network = std::move(r.network);
            g.signal_plans = std::move(r.signal_plans);
            g.utm_epsg = r.georef.epsg;  // so places given as lon/lat can be found (bus lines)
            g.utm_origin = r.georef.origin;
            if (!o.build_signal_plans)  // no plans: the junctions must not wait for a controller
                for (network::Junction& j : g.network.junctions)
                    if (j.control == network::JunctionControl::TrafficSignals)
                        j.control = network::JunctionControl::Priority;
            return g;
        } catch (const import::ImportError& e) {
            throw ScenarioError({where + ": [network] file: " + e.what()});
        }
    };
}

}  // namespace ut::scenario
