// What a run records, for outputs and KPIs: one record per trip and counters per link and
// for the whole network. Plain data, filled by the engine, read by metrics and output.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/ids.hpp"

namespace ut::engine {

constexpr double kNotYet = std::numeric_limits<double>::quiet_NaN();

struct TripRecord {
    double depart_s = kNotYet;   // planned departure
    double enter_s = kNotYet;    // when it entered the network (after waiting for space)
    double arrival_s = kNotYet;  // when it reached the end of its destination link
    double time_loss_s = 0.0;    // time lost driving below the desired speed (SUMO timeLoss)
    double distance_m = 0.0;
    std::uint32_t stops = 0;     // times it came to a halt
    std::uint32_t teleports = 0;

    bool entered() const { return enter_s == enter_s; }
    bool arrived() const { return arrival_s == arrival_s; }
};

// Accumulated over the run, per link (summed over its lanes).
struct LinkStats {
    std::uint64_t entered = 0;     // vehicles that drove onto the link (or departed on it)
    std::uint64_t left = 0;        // vehicles that left it (to the next link, or arrived)
    double vehicle_seconds = 0.0;  // time spent on the link, summed over vehicles
    double vehicle_meters = 0.0;   // distance driven on it, summed over vehicles
    double time_loss_s = 0.0;      // time lost on it, summed over vehicles
    std::uint32_t gridlock_events = 0;  // vehicles halted on it longer than gridlock_wait_s
    std::uint32_t teleports = 0;        // of those, moved on to free the jam
};

struct NetworkCounters {
    std::uint64_t departed = 0;          // entered the network
    std::uint64_t arrived = 0;
    std::uint64_t in_network = 0;
    std::uint64_t waiting_to_enter = 0;  // departure time passed, no space to enter yet
    std::uint64_t not_yet_departed = 0;
    std::uint64_t gridlock_events = 0;   // vehicles halted longer than gridlock_wait_s
    std::uint64_t teleports = 0;         // gridlocked vehicles moved on to free the jam
    std::uint64_t collisions_prevented = 0;  // engine safety net engaged (should stay 0)
    std::uint64_t vehicle_steps = 0;     // vehicle-updates so far (for speed figures)
};

}  // namespace ut::engine
