// Imports a road map through GDAL into the lane-level network: OpenStreetMap (.osm, .osm.pbf,
// .osm.gz through GDAL's OSM driver with the project's assets/osmconf.ini) or any line layer
// GDAL reads (GeoJSON, GeoPackage, Shapefile, ...). The result runs in the engine unchanged:
// connections are built and every signalised junction has a derived fixed-time plan.
//
// Glossary
//   feature       one input line (an OSM way, a row of a GIS layer), named by its id in
//                 warnings (OSM way id, or the layer's FID).
//   signal node   an OSM node tagged highway=traffic_signals (or a point of a GIS layer).
//   signal cluster  signal nodes within ~40 m of each other, with the junctions they
//                 control; a dual-carriageway crossing is 2-4 junctions of one cluster.
//   local frame   metres east/north of `Georeference::origin` in the UTM zone of the map
//                 centre; Network coordinates are in this frame so they stay small enough
//                 for single-precision viewers, and `origin + p` is the exact UTM point.
//
// Invariants of an ImportResult:
//   - every link is core, entry or exit (network/link_roles.hpp, `link_role`): in the
//     largest strongly connected part, or on a route into or out of it (roads cut at the
//     map's edge); what is connected to it in neither direction is dropped (unless
//     `drop_detached` is off);
//   - no link is shorter than `min_link_length_m`, no two junctions are closer than
//     `merge_distance_m`, and no road piece shorter than `join_distance_m` joins two
//     junctions (unless joining them would exceed `join_extent_m`, or twice that for a
//     piece shorter than `hold_length_m`);
//   - `signal_cluster.size() == network.junctions.size()`; a junction is TrafficSignals
//     exactly when its cluster is >= 0, and then `signal_plans` has its plan; the plans of
//     one cluster's junctions run in step (signals::derive_crossing_plans);
//   - the same input and options give the same result whether `parallel` is on or off.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "network/link_roles.hpp"
#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::import {

// WGS84 degrees.
struct BBox {
    double west = 0.0;
    double south = 0.0;
    double east = 0.0;
    double north = 0.0;
};

enum class SpeedUnit : std::uint8_t { KilometresPerHour, MilesPerHour, MetresPerSecond };

// Which attribute of a non-OSM layer holds what. Empty = auto-detect among common names
// (case-insensitive): lanes: lanes, num_lanes, lane_count, nlanes, anz_fs; speed: maxspeed,
// speed, speed_limit, max_speed, speedlim, vmax; oneway: oneway, one_way, is_oneway, dir;
// name: name, street, str_name, road_name; class: highway, fclass, class, road_class, type.
// Ignored for OSM input, whose tags have fixed meanings.
struct AttributeNames {
    std::string lanes;
    std::string speed;
    SpeedUnit speed_unit = SpeedUnit::KilometresPerHour;  // when the value has no unit
    std::string oneway;  // yes/true/1/T/F/B (forward), -1/reverse/TF (against), no/0/FT+TF
    std::string name;
    std::string road_class;  // OSM-like values (primary, residential, ...)
};

struct ImportOptions {
    std::filesystem::path path;
    // Layer to read. Empty: "lines" for OSM; otherwise the only/first layer with lines.
    std::string layer;
    std::optional<BBox> bbox;  // keep features intersecting it (WGS84 west,south,east,north)
    // Road classes to keep; *_link roads follow their parent class. Default motorway to
    // residential (living_street counts as residential); add Service for service roads.
    std::vector<network::RoadClass> classes = default_classes();
    AttributeNames attributes;
    // Used for a GIS feature without a class attribute (every road kept as this class).
    network::RoadClass default_class = network::RoadClass::Residential;

    double lane_width_m = 3.25;
    double merge_distance_m = 1.0;       // junctions closer than this become one
    // Junctions joined by a road piece shorter than this become one junction, while it stays
    // within join_extent_m (dual-carriageway crossings, staggered junctions); 0: off (this
    // also keeps every roundabout's ring, see hold_length_m).
    double join_distance_m = 10.0;
    double join_extent_m = 30.0;
    // A road piece shorter than this cannot hold a car (5 m and its 2.5 m gap): a vehicle
    // stopped on it stands in the junctions at both ends, and two junctions that wait for
    // each other's box deadlock. Its junctions are joined even beyond join_extent_m (up to
    // twice that). A roundabout whose ring pieces all leave links shorter than three cars
    // becomes one junction (up to twice join_extent_m across): a car or two waiting on each
    // piece for the next one would lock its ring.
    double hold_length_m = 7.5;
    double min_link_length_m = 0.5;      // shorter links are collapsed into their junction
    double signal_approach_m = 30.0;     // a signal node this close before a junction signals it
    double signal_cluster_m = 40.0;      // signal nodes this close form one cluster
    double signal_join_m = 30.0;  // signalised junctions of a cluster this close by road become one; 0: off
    // Drop the links connected to the core in neither direction (islands); the core's fringe,
    // the entries into it and the exits out of it, is kept (network/link_roles.hpp).
    bool drop_detached = true;
    bool build_signal_plans = true;
    bool parallel = true;  // false: the single-threaded reference path (same result)
    std::size_t max_warnings_kept = 1000;  // later warnings are only counted

    static std::vector<network::RoadClass> default_classes();
};

struct ImportWarning {
    std::int64_t feature_id = 0;  // OSM way/node id or layer FID; 0 when not about a feature
    std::string message;          // says what was wrong and which default was used
};

struct Georeference {
    int epsg = 0;                // e.g. 32632 for UTM 32N
    Vec2 origin;  // UTM coordinates of the local frame's (0, 0)
};

struct ImportReport {
    std::string source;  // the file (and layer) read
    std::string driver;  // GDAL driver short name, e.g. "OSM", "GeoJSON"
    std::size_t features_read = 0;
    std::size_t features_kept = 0;
    std::size_t junctions = 0;
    std::size_t links = 0;
    std::size_t lanes = 0;
    double lane_km = 0.0;
    std::size_t connections = 0;
    std::size_t signal_nodes = 0;           // traffic_signals points read
    std::size_t signal_nodes_without_junction = 0;  // e.g. mid-block pedestrian crossings
    std::size_t signal_clusters_total = 0;  // clusters of signal nodes (signal_cluster_m)
    std::size_t signal_clusters = 0;        // clusters controlling at least one junction
    std::size_t signalised_junctions = 0;
    std::size_t entry_links = 0;  // kept links leading into the core (cut at the map's edge)
    std::size_t exit_links = 0;   // kept links the core leads out to
    std::map<std::string, std::size_t> dropped;  // reason -> count (features, links, junctions)
    std::vector<ImportWarning> warnings;         // first max_warnings_kept
    std::size_t warnings_total = 0;
    double seconds = 0.0;
};

struct ImportResult {
    network::Network network;
    std::vector<signals::SignalPlan> signal_plans;  // one per signalised junction, by id
    std::vector<std::int32_t> signal_cluster;       // per junction; -1 when not signalised
    std::vector<network::LinkRole> link_role;       // per link: core, entry or exit
    Georeference georef;
    ImportReport report;
};

// A problem with the input the user must fix: names the file (and layer/feature) and what
// to do. Thrown before anything is written anywhere.
class ImportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

ImportResult import_map(const ImportOptions& options);

// "motorway,trunk,primary" -> classes; also "default", "all", "+service" (default plus
// service). Throws ImportError naming the unknown word and the accepted ones.
std::vector<network::RoadClass> parse_road_classes(std::string_view list);
// "w,s,e,n" in degrees; throws ImportError when malformed or not w<e, s<n.
BBox parse_bbox(std::string_view text);

// Multi-line human summary: what was built, what was dropped and why, the first warnings.
std::string format_report(const ImportReport& report, std::size_t max_warnings = 10);

}  // namespace ut::import
