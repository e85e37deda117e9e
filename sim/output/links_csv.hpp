// links.csv: one row per link, in link id order.
//
// Columns: link_id, name, from, to (junction ids), length_m, lanes, vehicles_entered,
// vehicles_left, mean_speed_mps (vehicle_meters / vehicle_seconds), mean_density_veh_per_km
// (vehicle_seconds / (duration x length_km): vehicles on the link on average, per km),
// mean_delay_s (time lost on the link per entered vehicle; empty when no vehicle used it),
// gridlock_events and teleports (on the link or in the junction at its end): where a jam was.
#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

#include "engine/records.hpp"
#include "network/network.hpp"

namespace ut::output {

void format_links_csv(std::ostream& out, const network::Network& net,
                      const std::vector<engine::LinkStats>& stats, double duration_s);

void write_links_csv(const std::filesystem::path& path, const network::Network& net,
                     const std::vector<engine::LinkStats>& stats, double duration_s);

}  // namespace ut::output
