#include "output/trips_csv.hpp"

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "output/csv.hpp"

namespace ut::output {

void format_trips_csv(std::ostream& out, const demand::Demand& demand,
                      const std::vector<engine::TripRecord>& records,
                      const std::vector<engine::VehicleType>& types) {
    out << "id,vehicle_type,origin,destination,depart_s,enter_s,arrival_s,travel_time_s,"
           "delay_s,stops,distance_m,teleports\n";
    for (const auto& trip : demand.trips) {
        const std::size_t i = trip.id.index();
        const engine::TripRecord record = i < records.size() ? records[i] : engine::TripRecord{};
        const std::size_t type = trip.vehicle_type.index();
        const bool arrived = record.arrived();
        out << i << ','
            << csv_field(type < types.size() ? types[type].name : std::to_string(type)) << ','
            << demand.origin(trip).index() << ',' << demand.destination(trip).index() << ','
            << csv_number(trip.depart_s, 2) << ','
            << csv_number(record.enter_s, 2) << ','
            << csv_number(record.arrival_s, 2) << ','
            << (arrived ? csv_number(record.arrival_s - record.enter_s, 2) : "") << ','
            << (arrived ? csv_number(record.time_loss_s, 2) : "") << ','
            << record.stops << ','
            << csv_number(record.distance_m, 1) << ','
            << record.teleports << '\n';
    }
}

void write_trips_csv(const std::filesystem::path& path, const demand::Demand& demand,
                     const std::vector<engine::TripRecord>& records,
                     const std::vector<engine::VehicleType>& types) {
    write_file_atomically(path, [&](std::ostream& out) { format_trips_csv(out, demand, records, types); });
}

}  // namespace ut::output
