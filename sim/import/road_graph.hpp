// From kept ways to a first directed network: shared nodes become junctions (only nodes used
// by >= 2 ways, or twice by one, and way ends), ways are split there into segments that keep
// their shape points, junctions closer than merge_distance_m become one, and each segment
// gives a link per direction of travel, its shape offset to the right of the way's centre
// line by half this direction's carriageway and set back from junctions so connections have
// room to turn.
//
// Glossary
//   node      a distinct input point (same source coordinates = same node; OSM nodes shared
//             by ways have bit-identical coordinates).
//   segment   a piece of one way between two junction nodes.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geometry.hpp"
#include "import/map_import.hpp"
#include "import/road_tags.hpp"

namespace ut::import {

constexpr std::uint32_t kNoIndex = 0xffffffffu;

// Identity of a source point: its coordinates on a grid finer than any survey (1e-7 degree,
// OSM's own resolution, or 1 mm). GDAL's OSM driver rebuilds way vertices and point features
// along different paths, so the same node can differ in the last bits of its doubles.
struct PointKey {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    constexpr bool operator==(const PointKey&) const = default;
};
struct PointKeyHash {
    std::size_t operator()(const PointKey& k) const noexcept {
        return static_cast<std::size_t>(k.x * 0x9E3779B97F4A7C15ull ^ (k.y + 0x632BE59BD9B4E019ull + (k.x << 6)));
    }
};
inline PointKey key_of(SourcePoint p, double units_per_step) {
    return {static_cast<std::uint64_t>(std::llround(p.x / units_per_step)),
            static_cast<std::uint64_t>(std::llround(p.y / units_per_step))};
}
inline double key_step(bool geographic) { return geographic ? 1e-7 : 1e-3; }

struct Segment {
    std::uint32_t way = 0;    // index into the kept ways
    std::uint32_t first = 0;  // index into RoadGraph::way_nodes[way]
    std::uint32_t last = 0;
    JunctionId from;  // junction at `first`
    JunctionId to;    // junction at `last`
    std::array<LinkId, 2> links;  // forward, backward; invalid when no traffic that way
};

struct RoadGraph {
    std::vector<Vec2> node_pos;                      // local metres
    std::vector<SourcePoint> node_source;            // source CRS
    std::vector<std::vector<std::uint32_t>> way_nodes;
    std::vector<std::uint32_t> node_junction;        // junction id, or kNoIndex for shape points
    std::vector<Segment> segments;
    std::vector<std::vector<std::uint32_t>> junction_segments;  // segment ids per junction
    std::vector<std::uint32_t> junction_degree;                 // distinct neighbour junctions
    network::Network net;  // junctions and links, no connections yet
    std::unordered_map<PointKey, std::uint32_t, PointKeyHash> node_of;
    double key_step = 1e-7;  // see key_of
};

struct KeptWay {
    const RawWay* way;
    const RoadSpec* spec;
};

// Never throws for bad geometry: what cannot be built is counted in `dropped`.
// `join_nodes`: pairs of junction nodes (RoadGraph::node_* indices, which do not change
// between builds of the same ways) to join into one junction, e.g. the signalised junctions
// of one crossing found by a first build.
RoadGraph build_road_graph(const std::vector<KeptWay>& ways, const std::string& source_srs,
                           bool geographic, const Georeference& frame, const ImportOptions& options,
                           const std::string& source, std::map<std::string, std::size_t>& dropped,
                           const std::vector<std::pair<std::uint32_t, std::uint32_t>>& join_nodes = {});

// The node of a source point, or kNoIndex.
std::uint32_t find_node(const RoadGraph& g, SourcePoint p);

}  // namespace ut::import
