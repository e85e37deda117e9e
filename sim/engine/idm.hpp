// The Intelligent Driver Model (Treiber, Hennecke, Helbing 2000) and the ballistic position
// update used with it. Pure functions of one vehicle's situation.
#pragma once

#include <algorithm>
#include <cmath>

#include "engine/vehicle_type.hpp"

namespace ut::engine {

constexpr double kNoLeaderGap_m = 1e9;

// Acceleration of a vehicle at speed v wanting speed v0, with a leader `gap_m` ahead
// (bumper to bumper) driving at `leader_speed`. gap_m >= kNoLeaderGap_m means a free road.
inline double idm_acceleration(const VehicleType& t, double v, double v0, double gap_m, double leader_speed) {
    const double r = v0 > 0.0 ? v / v0 : 2.0;
    const double free_term = 1.0 - (r * r) * (r * r);
    if (gap_m >= kNoLeaderGap_m) return t.max_accel_mps2 * free_term;
    const double dv = v - leader_speed;
    const double s_star = t.min_gap_m +
        std::max(0.0, v * t.time_headway_s + v * dv / (2.0 * std::sqrt(t.max_accel_mps2 * t.comfortable_decel_mps2)));
    const double s = std::max(gap_m, 0.01);
    return t.max_accel_mps2 * (free_term - (s_star / s) * (s_star / s));
}

struct Motion {
    double distance_m;
    double speed_mps;
};

// Ballistic update over dt with constant acceleration, stopping at zero speed rather than
// rolling backwards.
inline Motion ballistic_step(double v, double accel, double dt) {
    const double v_next = v + accel * dt;
    if (v_next >= 0.0) return {(v + v_next) * 0.5 * dt, v_next};
    return {accel < 0.0 ? -v * v / (2.0 * accel) : 0.0, 0.0};
}

// Highest speed from which the vehicle can still slow to `target_speed` within `distance_m`
// braking comfortably: used to approach slower turns and stop lines smoothly.
inline double approach_speed(double target_speed, double distance_m, double decel) {
    return std::sqrt(target_speed * target_speed + 2.0 * decel * std::max(distance_m, 0.0));
}

}  // namespace ut::engine
