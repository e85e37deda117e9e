#include "output/summary_json.hpp"

#include <cmath>

#include "output/atomic_file.hpp"

namespace ut::output {

namespace {

nlohmann::ordered_json number_or_null(double v) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

// Per bus line (metrics/transit_summary.hpp has the definitions).
nlohmann::ordered_json transit_to_json(const std::vector<metrics::LineSummary>& lines) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const metrics::LineSummary& l : lines) {
        nlohmann::ordered_json j;
        j["line"] = l.line;
        j["stops"] = l.stops;
        j["capacity"] = l.capacity;
        j["runs_planned"] = l.runs_planned;
        j["runs_started"] = l.runs_started;
        j["runs_finished"] = l.runs_finished;
        j["stop_events"] = l.stop_events;
        j["passengers_arrived_at_stops"] = l.arrived_at_stops;
        j["passengers_carried"] = l.carried;
        j["passengers_alighted"] = l.alighted;
        j["passengers_on_board"] = l.on_board;
        j["passengers_waiting"] = l.waiting;
        j["passengers_left_behind"] = l.left_behind;
        j["mean_load"] = number_or_null(l.mean_load);
        j["max_load"] = l.max_load;
        j["mean_wait_s"] = number_or_null(l.mean_wait_s);
        j["mean_dwell_s"] = number_or_null(l.mean_dwell_s);
        j["scheduled_headway_s"] = number_or_null(l.scheduled_headway_s);
        j["mean_headway_s"] = number_or_null(l.mean_headway_s);
        j["headway_cv"] = number_or_null(l.headway_cv);
        j["bunched_share"] = number_or_null(l.bunched_share);
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace

nlohmann::ordered_json summary_to_json(const metrics::Summary& s) {
    // Ordered: the file reads in the order of the summary table, not alphabetically.
    nlohmann::ordered_json j;
    j["scenario"] = s.scenario_name;
    j["seed"] = s.seed;
    j["threads"] = s.threads;
    j["duration_s"] = s.duration_s;
    j["step_s"] = s.step_s;
    j["trips_planned"] = s.trips_planned;
    j["departed"] = s.departed;
    j["arrived"] = s.arrived;
    j["waiting_to_enter"] = s.waiting_to_enter;
    j["in_network"] = s.in_network;
    j["not_yet_departed"] = s.not_yet_departed;
    j["mean_travel_time_s"] = number_or_null(s.mean_travel_time_s);
    j["mean_delay_s"] = number_or_null(s.mean_delay_s);
    j["mean_depart_delay_s"] = number_or_null(s.mean_depart_delay_s);
    j["vehicle_km"] = s.vehicle_km;
    j["vehicle_hours"] = s.vehicle_hours;
    j["mean_speed_kmh"] = number_or_null(s.mean_speed_kmh);
    j["gridlock_events"] = s.gridlock_events;
    j["teleports"] = s.teleports;
    j["collisions_prevented"] = s.collisions_prevented;
    if (!s.transit.empty()) j["transit"] = transit_to_json(s.transit);
    j["vehicle_updates"] = s.vehicle_updates;
    j["wall_time_s"] = s.wall_time_s;
    j["vehicle_updates_per_s"] = s.vehicle_updates_per_s;
    return j;
}

void write_summary_json(const std::filesystem::path& path, const metrics::Summary& summary) {
    write_file_atomically(path, summary_to_json(summary).dump(2) + "\n");
}

}  // namespace ut::output
