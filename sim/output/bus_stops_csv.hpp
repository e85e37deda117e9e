// bus_stops.csv: one row per halt of a line bus at a stop, in the order they happened.
//
// Columns: line, run (0, 1, ... within the line, in departure order), trip (its id in
// trips.csv), stop (1-based position along the line), stop_name, arrival_s, departure_s
// (empty while the bus still stands there), dwell_s, boarded, alighted, load (on board when
// it leaves), left_behind (still waiting at the stop when it leaves: the bus was full),
// mean_wait_s (of the passengers who boarded; empty when none did).
#pragma once

#include <filesystem>
#include <ostream>

#include "transit/transit_state.hpp"

namespace ut::output {

void format_bus_stops_csv(std::ostream& out, const transit::TransitState& state);
void write_bus_stops_csv(const std::filesystem::path& path, const transit::TransitState& state);

}  // namespace ut::output
