#include "metrics/summary.hpp"

#include <algorithm>

#include <tbb/global_control.h>

#include "engine/simulation.hpp"
#include "transit/transit_state.hpp"

namespace ut::metrics {

namespace {

double mean(double sum, std::uint64_t count) {
    return count > 0 ? sum / static_cast<double>(count) : Summary::kNone;
}

// The engine's threads: its own setting, capped by any tbb::global_control in force.
unsigned effective_threads(unsigned configured) {
    const auto allowed = static_cast<unsigned>(
        tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
    return configured == 0 ? allowed : std::min(configured, allowed);
}

}  // namespace

Summary compute_summary(const RunRecords& r) {
    Summary s;
    s.seed = r.config.seed;
    s.threads = effective_threads(r.config.threads);
    s.duration_s = r.time_s;
    s.step_s = r.config.step_s;

    const auto& c = r.counters;
    s.departed = c.departed;
    s.arrived = c.arrived;
    s.waiting_to_enter = c.waiting_to_enter;
    s.in_network = c.in_network;
    s.not_yet_departed = c.not_yet_departed;
    s.gridlock_events = c.gridlock_events;
    s.teleports = c.teleports;
    s.collisions_prevented = c.collisions_prevented;
    s.vehicle_updates = c.vehicle_steps;

    if (r.trips) {
        s.trips_planned = r.trips->size();
        double travel = 0.0;
        double delay = 0.0;
        double depart_delay = 0.0;
        std::uint64_t arrived = 0;
        std::uint64_t entered = 0;
        for (const auto& t : *r.trips) {
            if (t.entered()) {
                depart_delay += t.enter_s - t.depart_s;
                ++entered;
            }
            if (t.arrived()) {
                travel += t.arrival_s - t.enter_s;
                delay += t.time_loss_s;
                ++arrived;
            }
        }
        s.mean_travel_time_s = mean(travel, arrived);
        s.mean_delay_s = mean(delay, arrived);
        s.mean_depart_delay_s = mean(depart_delay, entered);
    }
    if (r.links) {
        double meters = 0.0;
        double seconds = 0.0;
        for (const auto& l : *r.links) {
            meters += l.vehicle_meters;
            seconds += l.vehicle_seconds;
        }
        s.vehicle_km = meters / 1000.0;
        s.vehicle_hours = seconds / 3600.0;
        s.mean_speed_kmh = seconds > 0.0 ? s.vehicle_km / s.vehicle_hours : Summary::kNone;
    }
    return s;
}

Summary compute_summary(const engine::Simulation& sim) {
    const std::vector<engine::LinkStats> links = sim.link_stats();
    const std::vector<engine::TripRecord> trips = sim.trip_records();
    RunRecords r;
    r.trips = &trips;
    r.links = &links;
    r.counters = sim.counters();
    r.config = sim.config();
    r.time_s = sim.time_s();
    Summary s = compute_summary(r);
    // The demand knows every planned trip, even when records are kept only for some.
    s.trips_planned = std::max<std::uint64_t>(s.trips_planned, sim.demand().trips.size());
    s.transit = compute_transit_summary(sim.transit(), sim.vehicle_types());
    return s;
}

void set_wall_time(Summary& summary, double wall_time_s) {
    summary.wall_time_s = wall_time_s;
    summary.vehicle_updates_per_s =
        wall_time_s > 0.0 ? static_cast<double>(summary.vehicle_updates) / wall_time_s : 0.0;
}

}  // namespace ut::metrics
