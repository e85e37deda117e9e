// Which junctions the traffic_signals nodes control. A signal node on an intersection
// controls it; one on the road a few metres before an intersection (within
// signal_approach_m, walking the road in its direction of travel, through junctions that
// only join two roads) controls that intersection. Signal nodes within signal_cluster_m of
// each other form a cluster: the several signal nodes and 2-4 junctions of one complex or
// dual-carriageway crossing. A junction inside such a crossing without a signal node of its
// own (joined to a signalised one by a short one-way carriageway) joins the cluster.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "import/road_graph.hpp"
#include "import/source_reader.hpp"

namespace ut::import {

struct SignalAssignment {
    std::vector<std::int32_t> junction_cluster;  // per junction of the graph; -1 = no signal
    std::size_t clusters_total = 0;              // clusters of signal nodes, with a junction or not
    std::size_t nodes_without_junction = 0;      // e.g. mid-block pedestrian crossings
};

SignalAssignment assign_signals(const RoadGraph& g, const std::vector<SignalNode>& signals,
                                const std::vector<Vec2>& signal_pos, const ImportOptions& options);

// The end nodes of road pieces of at most max_m between two junctions of one cluster: what
// build_road_graph joins into one signalised junction (junction_groups.hpp).
std::vector<std::pair<std::uint32_t, std::uint32_t>> crossing_joins(const RoadGraph& g,
                                                                    const std::vector<std::int32_t>& cluster,
                                                                    double max_m);

}  // namespace ut::import
