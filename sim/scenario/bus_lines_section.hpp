// [[bus_lines]] and their [[bus_lines.stops]]: bus lines with stops, a timetable and
// passengers (docs/transit.md). Read in two steps like the rest of the file: the keys are
// checked with everything else, and the route and stops are resolved against the network
// once it is built (they name its links, junctions and places).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/vehicle_type.hpp"
#include "network/grid_generator.hpp"
#include "scenario/section_reader.hpp"
#include "transit/bus_line.hpp"

namespace ut::scenario {

struct ViaSpec {
    enum class Kind { Link, Junction, Point } kind = Kind::Link;
    std::int64_t link = 0;
    std::string junction;  // a name or an OSM node id
    Vec2 point;            // metres on a generated network, lon/lat on a map
    std::uint32_t line = 0;
};

struct BusStopSpec {
    std::string name;
    std::uint32_t line = 0;  // of its [[bus_lines.stops]]
    std::uint32_t place_line = 0;  // of the key that places it (at, route_m or link)
    std::optional<Vec2> at;  // a place, snapped onto the route
    std::optional<double> route_m;
    std::optional<std::int64_t> link;  // with offset_m
    double offset_m = -1.0;            // < 0: the middle of the link
    double boardings_per_h = 0.0;
    double alight_weight = 1.0;
};

struct BusLineSpec {
    std::string name;
    std::uint32_t line = 0;  // of its [[bus_lines]]
    std::uint32_t via_line = 0;
    std::uint32_t type_line = 0;
    std::string vehicle_type = "bus";
    std::vector<ViaSpec> via;
    std::vector<double> departures_s;
    transit::DwellTimes dwell;
    double snap_radius_m = 30.0;
    std::optional<double> passengers_begin_s;
    std::optional<double> passengers_end_s;
    std::vector<BusStopSpec> stops;
};

// Reads every [[bus_lines]] table (problems go to `root`'s list).
std::vector<BusLineSpec> read_bus_lines(SectionReader& root, double duration_s,
                                        const std::vector<engine::VehicleType>& types);

// Routes and stops on the built network; every problem goes to `problems` with its line.
// `georef_epsg` 0: points are network metres; otherwise [lon, lat] projected to that UTM
// zone minus `origin`.
transit::TransitLines resolve_bus_lines(const std::vector<BusLineSpec>& specs, const network::GeneratedNetwork& net,
                                        const std::vector<engine::VehicleType>& types, Problems& problems);

}  // namespace ut::scenario
