#include "output/bus_stops_csv.hpp"

#include "output/atomic_file.hpp"
#include "output/csv.hpp"

namespace ut::output {

void format_bus_stops_csv(std::ostream& out, const transit::TransitState& state) {
    out << "line,run,trip,stop,stop_name,arrival_s,departure_s,dwell_s,boarded,alighted,load,left_behind,mean_wait_s\n";
    if (!state.active()) return;
    const transit::TransitLines& lines = *state.lines;
    for (const transit::StopEvent& e : state.events) {
        const transit::BusRun& run = lines.runs[e.run];
        const transit::BusLine& line = lines.lines[run.line];
        const bool left = e.departure_s >= 0.0;
        out << csv_field(line.name) << ',' << run.number << ',' << run.trip.index() << ',' << e.stop + 1 << ','
            << csv_field(line.stops[e.stop].name) << ',' << csv_number(e.arrival_s, 1) << ','
            << (left ? csv_number(e.departure_s, 1) : "") << ',' << (left ? csv_number(e.departure_s - e.arrival_s, 1) : "")
            << ',' << e.boarded << ',' << e.alighted << ',' << (left ? std::to_string(e.load) : "") << ','
            << (left ? std::to_string(e.left_behind) : "") << ','
            << (e.boarded > 0 ? csv_number(e.wait_s / e.boarded, 1) : "") << '\n';
    }
}

void write_bus_stops_csv(const std::filesystem::path& path, const transit::TransitState& state) {
    write_file_atomically(path, [&](std::ostream& out) { format_bus_stops_csv(out, state); });
}

}  // namespace ut::output
