// Which junction nodes form one junction. Two rules, both deterministic (union-find whose
// root is always the lowest index, groups numbered by their first member):
//   - nodes closer than merge_distance_m (the same crossing mapped twice);
//   - junctions joined by a road piece shorter than join_distance_m (staggered T-junctions,
//     tiny roundabouts, tight dual-carriageway crossings), shortest piece first, as long as
//     the joined junction stays within join_extent_m (twice that for a piece shorter than
//     hold_length_m, which cannot hold a stopped car). Road pieces of a few metres between
//     junctions cannot hold a vehicle and make every junction there yield to the next; one
//     junction with longer movements through it simulates what drivers do;
//   - the signalised junctions of one signal cluster joined by a piece up to
//     signal_join_m (a dual-carriageway crossing): one junction with one plan (the plans
//     of a cluster's junctions left apart are coordinated instead, derive_crossing_plans).
#pragma once

#include <cstdint>
#include <vector>

#include "core/geometry.hpp"

namespace ut::import {

struct JunctionGroups {
    std::vector<std::uint32_t> group_of;  // per input point: its group, dense, by first member
    std::vector<Vec2> position;           // per group
};

// Points closer than distance_m, transitively; a group sits at its first point.
JunctionGroups group_close_points(const std::vector<Vec2>& points, double distance_m);

struct JunctionPiece {
    std::uint32_t a = 0;  // indices into the points given to join_by_pieces
    std::uint32_t b = 0;
    double length_m = 0.0;     // shortest pieces are joined first
    double max_extent_m = 0.0;  // joined only while the group's bounding box diagonal stays within
};

// Joins the points each piece links; a joined group sits at the mean of its members, a
// single point stays exactly where it was.
JunctionGroups join_by_pieces(const std::vector<Vec2>& points, std::vector<JunctionPiece> pieces);

}  // namespace ut::import
