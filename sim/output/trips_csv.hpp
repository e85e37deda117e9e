// trips.csv: one row per planned trip, in trip id order.
//
// Columns: id, vehicle_type, origin, destination (link ids), depart_s (planned), enter_s
// (entered the network), arrival_s, travel_time_s (arrival - enter: time in the network),
// delay_s (time lost below desired speed, SUMO's timeLoss), stops, distance_m, teleports.
// Cells that do not exist yet are empty: enter_s before the trip entered; arrival_s,
// travel_time_s and delay_s before it arrived.
#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

#include "demand/demand.hpp"
#include "engine/records.hpp"
#include "engine/vehicle_type.hpp"

namespace ut::output {

void format_trips_csv(std::ostream& out, const demand::Demand& demand,
                      const std::vector<engine::TripRecord>& records,
                      const std::vector<engine::VehicleType>& types);

void write_trips_csv(const std::filesystem::path& path, const demand::Demand& demand,
                     const std::vector<engine::TripRecord>& records,
                     const std::vector<engine::VehicleType>& types);

}  // namespace ut::output
