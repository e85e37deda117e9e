#include "output/links_csv.hpp"

#include <limits>

#include "output/atomic_file.hpp"
#include "output/csv.hpp"

namespace ut::output {

void format_links_csv(std::ostream& out, const network::Network& net,
                      const std::vector<engine::LinkStats>& stats, double duration_s) {
    constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    out << "link_id,name,from,to,length_m,lanes,vehicles_entered,vehicles_left,mean_speed_mps,"
           "mean_density_veh_per_km,mean_delay_s,gridlock_events,teleports\n";
    for (std::size_t i = 0; i < net.links.size(); ++i) {
        const network::Link& link = net.links[i];
        const engine::LinkStats s = i < stats.size() ? stats[i] : engine::LinkStats{};
        const double length_km = link.length_m / 1000.0;
        const double speed = s.vehicle_seconds > 0.0 ? s.vehicle_meters / s.vehicle_seconds : kNone;
        const double density =
            duration_s > 0.0 && length_km > 0.0 ? s.vehicle_seconds / (duration_s * length_km) : kNone;
        const double delay = s.entered > 0 ? s.time_loss_s / static_cast<double>(s.entered) : kNone;
        out << i << ',' << csv_field(link.name) << ',' << link.from.index() << ','
            << link.to.index() << ',' << csv_number(link.length_m, 1) << ',' << link.lanes.size()
            << ',' << s.entered << ',' << s.left << ',' << csv_number(speed, 2) << ','
            << csv_number(density, 3) << ',' << csv_number(delay, 2) << ',' << s.gridlock_events << ','
            << s.teleports << '\n';
    }
}

void write_links_csv(const std::filesystem::path& path, const network::Network& net,
                     const std::vector<engine::LinkStats>& stats, double duration_s) {
    write_file_atomically(path, [&](std::ostream& out) { format_links_csv(out, net, stats, duration_s); });
}

}  // namespace ut::output
