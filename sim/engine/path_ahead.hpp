// What lies ahead of a lane's front vehicle: the lanes its route takes next (through
// junctions, within a braking horizon), the first vehicle on them, and the first place it
// must stop (a red signal, a movement that must yield, a full exit lane, the end of a lane
// that does not lead where the route goes).
#pragma once

#include <cstdint>

#include "engine/idm.hpp"
#include "engine/step_context.hpp"

namespace ut::engine {

// A priority driver who has been standing this long (blocked further on) is no longer
// "approaching": movements that yield to it may go, and the junction's occupancy holds it.
constexpr float kStandingPriority_s = 5.0f;

struct PathAhead {
    static constexpr int kMaxLanes = 16;
    std::uint32_t lanes[kMaxLanes];
    double start_m[kMaxLanes];          // distance from the vehicle's front to each lane's start
    std::uint32_t cursor_after[kMaxLanes];
    int count = 0;

    double gap_m = kNoLeaderGap_m;      // to the leader or stop (for car-following)
    double leader_speed_mps = 0.0;
    double limit_m = kNoLeaderGap_m;    // the front may not move further than this
    bool limit_is_vehicle = false;
    double exit_m = kNoLeaderGap_m;     // distance at which it leaves the network (destination)
    double speed_cap_mps = 1e9;         // to enter slower lanes ahead at their speed
};

// Lanes of one approach that cross or merge into each other at the junction (zip partners,
// compiled_network.hpp) go in turn, nearest first: within kZipZone_m of the stop line (plus
// the driver's comfortable braking distance) a driver follows the nearest partner vehicle
// ahead of it in the order of distance to the end of the junction, as if that vehicle were
// in its own lane. Queues in the two lanes then stagger, a lane that ends zips into its
// neighbour at the pace of one lane's traffic, and neither lane starves the other. The
// order is the same for every driver at every step (ties go to the lower connection id),
// so no two wait for each other.
constexpr double kZipZone_m = 100.0;
// Far from the stop line a driver tolerates a partner alongside, this much per metre still
// to go beyond its braking distance: the gap it keeps grows to a full one as it nears that.
// The queues then stagger while rolling; sorting them from a standstill at the line passed
// 1,130 veh/h through a lane drop, rolling 1,940 veh/h (tests/engine/zipper_test.cpp).
constexpr double kZipOverlapPerMetre = 0.1;

struct ZipLeader {
    double gap_m = kNoLeaderGap_m;
    double speed_mps = 0.0;
    std::uint32_t vehicle = kNone;
    double stop_line_m = 0.0;  // the follower's distance to its stop line
};

// For vehicle v, `stop_line_m` before the start of connection c.
ZipLeader nearest_zip_leader(const StepContext& ctx, std::uint32_t c, std::uint32_t v, double stop_line_m);

// Makes the zip leader the one to follow when it is nearer than what the path holds.
void follow_zip_leader(const StepContext& ctx, const ZipLeader& zip, PathAhead& path);

PathAhead look_ahead(const StepContext& ctx, std::uint32_t vehicle, std::uint32_t lane);

// Whether vehicle v, `distance_m` before the stop line, may enter connection c now.
bool may_enter(const StepContext& ctx, std::uint32_t c, std::uint32_t v, double distance_m);

}  // namespace ut::engine
