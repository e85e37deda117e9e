// Plain draw/query structs a viewer or a detector reads after a step. Copies, never views
// into the engine, so a UI thread can hold them while the simulation goes on.
#pragma once

#include <cstdint>
#include <vector>

#include "core/geometry.hpp"
#include "core/ids.hpp"
#include "signals/signal_plan.hpp"

namespace ut::engine {

struct VehicleSnapshot {
    Vec2 position;  // front bumper
    Vec2 heading;   // unit vector
    float speed_mps = 0.0f;
    float length_m = 0.0f;
    std::uint8_t vehicle_type = 0;
    // A bus of a line: passengers on board and its capacity; capacity 0 for every other
    // vehicle (its load is not known).
    std::uint16_t passengers = 0;
    std::uint16_t capacity = 0;
    TripId trip;
};

struct Snapshot {
    double time_s = 0.0;
    std::vector<VehicleSnapshot> vehicles;
    std::vector<signals::SignalColor> connection_colors;  // per network connection (Green when unsignalised)
};

}  // namespace ut::engine
