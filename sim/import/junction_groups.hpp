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
//     of a cluster's junctions left apart are coordinated instead, derive_crossing_plans);
//   - the junctions around a roundabout too small to hold a queue on its ring
//     (mini_roundabout_joins).
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

// How far a link is set back from a junction where `degree` other junctions are joined to it
// by roads, the widest `widest_m` across: room for the connections to turn (none at a dead
// end, 1 m where a road only goes on).
inline double setback_m(std::uint32_t degree, double widest_m) {
    return degree <= 1 ? 0.0 : degree == 2 ? 1.0 : 0.5 * widest_m + 1.0;
}

// A road piece between two junction points, as the rules above see it.
struct RoadPiece {
    std::uint32_t a = 0;  // indices into the points
    std::uint32_t b = 0;
    double length_m = 0.0;
    double width_m = 0.0;     // the carriageway(s), all lanes of both directions
    bool roundabout = false;  // a piece of a roundabout's ring (junction=roundabout|circular)
};

// The pieces that join the points around each small roundabout into one junction. A ring
// (a closed chain of roundabout pieces: every point on it has two, at most max_extent_m
// across) is small when
//   - every piece, set back at both ends, leaves a link shorter than three cars
//     (3 x hold_length_m): a car or two waiting on each piece for the next locks it for
//     good, as drivers never let happen (Monaco: Lacets Saint-Léon, a 54 m two-lane ring
//     with four arms whose pieces were 7.5 m links; the ring at Avenue du 3 Septembre /
//     Liaison Marquet, links of 7.5, 11.8 and 18.6 m), or
//   - the other joins (`group_of`, the points' groups without this rule) leave its points in
//     two junctions: what is left of the ring is a loop between two parts of one crossing
//     (Monaco: Rond-Point Canton, 78 m and eight arms, cut down to a 30 m and a 7.5 m link
//     between a joined junction and one arm).
// Its pieces come back with length 0 (joined before any other).
std::vector<JunctionPiece> mini_roundabout_joins(const std::vector<Vec2>& points, const std::vector<RoadPiece>& pieces,
                                                 const std::vector<std::uint32_t>& group_of, double hold_length_m,
                                                 double max_extent_m);

// Joins the points each piece links; a joined group sits at the mean of its members, a
// single point stays exactly where it was.
JunctionGroups join_by_pieces(const std::vector<Vec2>& points, std::vector<JunctionPiece> pieces);

}  // namespace ut::import
