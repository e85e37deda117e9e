// Reading the input file through GDAL into plain RawWays and signal nodes (no GDAL types
// leave this module except the CRS, as WKT). OSM files go through GDAL's OSM driver with
// assets/osmconf.ini; anything else is read as a GIS line layer whose attributes are mapped
// onto the OSM tags the rest of the importer understands.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "import/map_import.hpp"
#include "import/road_tags.hpp"

namespace ut::import {

struct SignalNode {
    std::int64_t id = 0;
    SourcePoint point;
    int direction = 0;  // +1 controls traffic along the way, -1 against it, 0 both
};

struct SourceData {
    std::string source;  // file (and layer) for messages
    std::string driver;
    bool osm = false;
    std::string srs_wkt;        // CRS of all coordinates; empty = unknown
    bool geographic = true;     // coordinates are lon/lat degrees
    std::vector<RawWay> ways;   // file order, bbox already applied
    std::vector<SignalNode> signals;
    std::size_t features_read = 0;
    std::map<std::string, std::size_t> dropped;
    std::vector<ImportWarning> warnings;
    TagRules rules_hint;  // osm / gis flags and the speed unit for bare numbers
};

// Throws ImportError for a missing file, an unknown format, an unreadable or truncated file,
// a layer that does not exist or has no lines, and a file with no line features at all.
SourceData read_source(const ImportOptions& options);

}  // namespace ut::import
