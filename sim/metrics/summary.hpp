// Network-wide KPIs of a run: what the summary table, summary.json and comparisons report.
// Computed from the engine's records only (trip records, link stats, counters); writing
// them is output's job.
//
// Definitions
//   travel time   arrival - enter of an arrived trip (time in the network; waiting to
//                 enter is reported separately as depart delay).
//   delay         time lost driving below the desired speed (SUMO timeLoss), arrived trips.
//   vehicle-km    distance driven on links by all vehicles, arrived or not.
//   mean speed    vehicle-km / vehicle-hours on links (space-mean over the whole run).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/engine_config.hpp"
#include "engine/records.hpp"
#include "metrics/transit_summary.hpp"

namespace ut::engine {
class Simulation;
}

namespace ut::metrics {

struct Summary {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

    std::string scenario_name;
    std::uint64_t seed = 0;
    unsigned threads = 0;     // threads actually available to the engine
    double duration_s = 0.0;  // simulated time
    double step_s = 0.0;

    std::uint64_t trips_planned = 0;
    std::uint64_t departed = 0;
    std::uint64_t arrived = 0;
    std::uint64_t waiting_to_enter = 0;
    std::uint64_t in_network = 0;
    std::uint64_t not_yet_departed = 0;

    double mean_travel_time_s = kNone;   // NaN (null in JSON) when nothing arrived
    double mean_delay_s = kNone;
    double mean_depart_delay_s = kNone;  // enter - planned depart, entered trips
    double vehicle_km = 0.0;
    double vehicle_hours = 0.0;
    double mean_speed_kmh = kNone;

    std::uint64_t gridlock_events = 0;
    std::uint64_t teleports = 0;
    std::uint64_t collisions_prevented = 0;
    std::uint64_t vehicle_updates = 0;

    std::vector<LineSummary> transit;     // per bus line; empty without bus lines

    double wall_time_s = 0.0;             // set by the caller, who timed the run
    double vehicle_updates_per_s = 0.0;   // vehicle_updates / wall_time_s
};

struct RunRecords {
    const std::vector<engine::TripRecord>* trips = nullptr;
    const std::vector<engine::LinkStats>* links = nullptr;
    engine::NetworkCounters counters;
    engine::EngineConfig config;
    double time_s = 0.0;
};

// The pure computation, usable on records that did not come from a live Simulation.
Summary compute_summary(const RunRecords& records);
Summary compute_summary(const engine::Simulation& sim);

// Records how long the run took and the resulting speed.
void set_wall_time(Summary& summary, double wall_time_s);

}  // namespace ut::metrics
