// Bus lines in the SUMO export: a <busStop> per stop (on the stop link's rightmost lane,
// ending where our bus's front halts) and, in each run's vehicle, a <stop> at each of its
// stops. SUMO is not given the passengers, so each stop's duration is the expected dwell:
// dead time + the expected boardings and alightings per bus at the scheduled headway
// (boardings: the stop's rate x headway; alightings: the earlier stops' boardings shared out
// by the alighting weights), the same formula the engine applies to the real counts.
#include <fmt/format.h>

#include <algorithm>

#include "output/sumo/sumo_xml.hpp"

namespace ut::output::sumo {
namespace {

std::string stop_id(std::size_t line, std::size_t stop) { return fmt::format("bus{}_{}", line, stop); }

// Expected dwell at each stop of a line, per bus.
std::vector<double> expected_dwell_s(const transit::BusLine& line) {
    const double headway = line.scheduled_headway_s();
    const std::size_t n = line.stops.size();
    std::vector<double> board(n), alight(n, 0.0), out(n);
    for (std::size_t k = 0; k < n; ++k) board[k] = line.stops[k].boardings_per_h / 3600.0 * headway;
    for (std::size_t j = 0; j < n; ++j) {
        double weights = 0.0;
        for (std::size_t m = j + 1; m < n; ++m) weights += line.stops[m].alight_weight;
        if (weights <= 0.0) continue;
        for (std::size_t m = j + 1; m < n; ++m) alight[m] += board[j] * line.stops[m].alight_weight / weights;
    }
    for (std::size_t k = 0; k < n; ++k)
        out[k] = line.dwell.dead_time_s + board[k] * line.dwell.boarding_s + alight[k] * line.dwell.alighting_s;
    return out;
}

}  // namespace

void write_bus_stops(std::ostream& out, const SumoExportInput& in) {
    if (!in.transit) return;
    for (std::size_t l = 0; l < in.transit->lines.size(); ++l) {
        const transit::BusLine& line = in.transit->lines[l];
        const double length = in.vehicle_types.at(line.vehicle_type.index()).length_m;
        for (std::size_t k = 0; k < line.stops.size(); ++k) {
            const transit::BusStop& s = line.stops[k];
            out << fmt::format("  <busStop id=\"{}\" name=\"{}\" lane=\"{}_0\" startPos=\"{:.2f}\" endPos=\"{:.2f}\"/>\n",
                               stop_id(l, k), xml_escape(line.name + ": " + s.name), sumo_link_id(line.route[s.route_index]),
                               std::max(0.0, s.offset_m - length - 1.0), s.offset_m);
        }
    }
}

void write_run_stops(std::ostream& out, const SumoExportInput& in, const demand::Trip& trip) {
    if (!in.transit) return;
    for (const transit::BusRun& run : in.transit->runs) {
        if (run.trip != trip.id) continue;
        const transit::BusLine& line = in.transit->lines[run.line];
        const std::vector<double> dwell = expected_dwell_s(line);
        for (std::size_t k = 0; k < line.stops.size(); ++k)
            out << fmt::format("    <stop busStop=\"{}\" duration=\"{:.1f}\"/>\n", stop_id(run.line, k), dwell[k]);
        return;
    }
}

}  // namespace ut::output::sumo
