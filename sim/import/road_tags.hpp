// Reading what a road is from its tags: the OSM tags traffic needs (or a GIS layer's
// attributes, renamed to those tags by the reader) turned into a RoadSpec per direction.
// Pure functions, no GDAL: the parsing rules are tested on their own.
//
// Glossary
//   forward   the direction the way (or GIS line) is drawn in; backward is the opposite.
//   RawWay    one input line with its tags, in file order, coordinates in the source CRS.
//   RoadSpec  what to build for it: class, lanes, speed, turns and bus lanes per direction;
//             a direction with 0 lanes gets no link (one-way roads).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/map_import.hpp"
#include "network/network.hpp"

namespace ut::import {

// The tags the importer reads. assets/osmconf.ini exposes exactly these as OGR fields.
enum class Tag : std::uint8_t {
    Highway, Name, Lanes, LanesForward, LanesBackward, Oneway, Junction,
    Maxspeed, MaxspeedForward, MaxspeedBackward,
    TurnLanes, TurnLanesForward, TurnLanesBackward,
    LanesBus, LanesBusForward, LanesBusBackward, LanesPsv, LanesPsvForward, LanesPsvBackward,
    BusLanes, BusLanesForward, BusLanesBackward, PsvLanes, PsvLanesForward, PsvLanesBackward,
    Busway, BuswayLeft, BuswayRight, BuswayBoth,
    Access, MotorVehicle, Motorcar, Area,
    Count
};
const char* tag_key(Tag t);  // the OSM key, e.g. "turn:lanes:forward"

struct SourcePoint {
    double x = 0.0;  // source CRS (lon for OSM)
    double y = 0.0;
    constexpr bool operator==(const SourcePoint&) const = default;
};

struct RawWay {
    std::int64_t id = 0;
    std::vector<std::pair<Tag, std::string>> tags;  // only the present ones
    std::vector<SourcePoint> points;

    std::string_view tag(Tag t) const;
};

struct DirectionSpec {
    int lanes = 0;  // 0: no traffic this way
    double speed_mps = 0.0;
    std::vector<network::TurnMask> turns;     // rightmost lane first; empty = builder decides
    std::vector<network::ClassMask> classes;  // rightmost lane first; empty = all classes
};

struct RoadSpec {
    bool keep = false;
    std::string drop_reason;  // when !keep: a key of ImportReport::dropped
    network::RoadClass road_class = network::RoadClass::Residential;
    DirectionSpec forward;
    DirectionSpec backward;
    std::string name;
    bool roundabout = false;  // part of a roundabout's ring (junction=roundabout|circular)
};

struct TagRules {
    std::vector<network::RoadClass> classes;  // kept classes
    network::RoadClass default_class = network::RoadClass::Residential;
    SpeedUnit bare_speed_unit = SpeedUnit::KilometresPerHour;
    bool osm = true;                 // false: a GIS layer (a missing class means default_class)
    bool gis_oneway_values = false;  // also accept FT/TF/B/N (Esri-style direction codes)
};

// Never throws; problems with a value become warnings naming the way and the default used.
RoadSpec parse_road(const RawWay& way, const TagRules& rules, std::vector<ImportWarning>& warnings);

// Pieces, exposed for tests.
struct ClassOfHighway {
    bool road = false;  // false: not a road for motor traffic (footway, track, ...)
    network::RoadClass road_class = network::RoadClass::Residential;
    network::RoadClass parent = network::RoadClass::Residential;  // for *_link: the road it links
};
ClassOfHighway classify_highway(std::string_view highway);
// km/h from a maxspeed value; nullopt-like -1 when not understood, 0 for "use the default".
double parse_maxspeed_kmh(std::string_view value, network::RoadClass road_class,
                          SpeedUnit bare_unit);
network::TurnMask parse_turn(std::string_view one_lane);
double default_speed_kmh(network::RoadClass road_class, network::RoadClass parent);

}  // namespace ut::import
