// Lane changing: mandatory changes towards a lane that leads to the next link of the route,
// and discretionary ones by MOBIL (Kesting, Treiber, Helbing 2007) when another lane is
// faster enough, both only when safe for the new follower. Changes to the left happen on
// even steps and to the right on odd steps, so two vehicles never move into the same lane
// gap from both sides in one step.
#pragma once

#include <cstdint>

#include "engine/step_context.hpp"

namespace ut::engine {

struct LaneChangeChoice {
    std::uint32_t target_lane = kNone;  // kNone: stay
    double accel_mps2 = 0.0;            // acceleration in the target lane
    double leader_back_m = 0.0;         // how far the front may go in the target lane this step
};

// Two front vehicles halted side by side at the end of their lanes, each needing the
// other's lane, swap lanes (otherwise neither could ever move). Both lanes' tasks reach the
// same decision from the same committed state.
LaneChangeChoice swap_with_neighbour(const StepContext& ctx, std::uint32_t lane, std::uint32_t index);

// `index` is the vehicle's place in its lane (0 = front); accel_here its planned acceleration.
LaneChangeChoice choose_lane_change(const StepContext& ctx, std::uint32_t lane, std::uint32_t index,
                                    double accel_here);

}  // namespace ut::engine
