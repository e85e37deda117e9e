// Vehicle types and their driving parameters (IDM car-following, MOBIL lane changing).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "network/network.hpp"

namespace ut::engine {

struct VehicleType {
    std::string name;
    network::VehicleClass vehicle_class = network::VehicleClass::Car;
    double length_m = 5.0;             // SUMO's passenger car
    double max_speed_mps = 50.0;        // the vehicle's own limit; the road limit also applies
    double speed_factor = 1.0;          // mean desired speed = factor x road limit (capped by max)
    double speed_factor_deviation = 0.1;  // drivers differ: uniform with this std. deviation, clipped to +-2 sd (as SUMO's default)
    double max_accel_mps2 = 2.0;        // IDM a
    double comfortable_decel_mps2 = 3.0;  // IDM b
    double emergency_decel_mps2 = 9.0;  // physical braking limit
    double time_headway_s = 0.9;        // IDM T: with s0 and the length, saturation flow ~1,900 veh/h/lane
    double min_gap_m = 2.5;             // IDM s0, standstill gap: with the length, jam density 133 veh/km
    double politeness = 0.3;            // MOBIL p
    double lane_change_threshold_mps2 = 0.2;  // MOBIL delta a_th
    std::uint32_t capacity = 4;         // passengers, seated and standing (read for bus lines)
};

// The built-in car, bus and truck. Scenario files may override any field.
std::vector<VehicleType> default_vehicle_types();

}  // namespace ut::engine
