// What lies ahead of a lane's front vehicle: the lanes its route takes next (through
// junctions, within a braking horizon), the first vehicle on them, and the first place it
// must stop (a red signal, a movement that must yield, a full exit lane, the end of a lane
// that does not lead where the route goes).
#pragma once

#include <cstdint>

#include "engine/idm.hpp"
#include "engine/step_context.hpp"

namespace ut::engine {

struct PathAhead {
    static constexpr int kMaxLanes = 8;
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

PathAhead look_ahead(const StepContext& ctx, std::uint32_t vehicle, std::uint32_t lane);

// Whether vehicle v, `distance_m` before the stop line, may enter connection c now.
bool may_enter(const StepContext& ctx, std::uint32_t c, std::uint32_t v, double distance_m);

}  // namespace ut::engine
