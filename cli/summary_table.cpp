#include "summary_table.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "progress.hpp"

namespace ut::cli {

namespace {

std::string value_or_dash(double v, const char* unit, int decimals = 1) {
    if (!std::isfinite(v)) return "-";
    if (*unit == '\0') return fmt::format("{:.{}f}", v, decimals);
    return fmt::format("{:.{}f} {}", v, decimals, unit);
}

void row(std::FILE* out, const char* label, const std::string& value) {
    std::fprintf(out, "  %-20s %14s\n", label, value.c_str());
}

}  // namespace

void print_run_header(std::FILE* out, const scenario::Scenario& sc,
                      const engine::SimulationInputs& inputs,
                      const scenario::DemandReport& demand) {
    std::fprintf(out, "Scenario %s (%s)\n", sc.name.c_str(), sc.file.string().c_str());
    std::fprintf(out, "  network   %s: %zu junctions, %zu links, %zu signal plans\n",
                 sc.network_type.c_str(), inputs.network.junctions.size(),
                 inputs.network.links.size(), inputs.signal_plans.size());
    std::fprintf(out, "  demand    %llu trips", static_cast<unsigned long long>(demand.trips));
    if (demand.unroutable > 0) {
        std::fprintf(out, " (%llu origin-destination pairs had no route and were redrawn)",
                     static_cast<unsigned long long>(demand.unroutable));
    }
    std::fprintf(out, "\n  run       %s simulated, step %g s, seed %llu, threads %s\n",
                 format_clock(sc.duration_s).c_str(), sc.engine.step_s,
                 static_cast<unsigned long long>(sc.engine.seed),
                 sc.engine.threads == 0 ? "all" : std::to_string(sc.engine.threads).c_str());
    std::fflush(out);
}

void print_summary_table(std::FILE* out, const metrics::Summary& s) {
    std::fprintf(out, "\nResults after %s simulated (%.1f s wall time, %.0f vehicle-updates/s)\n",
                 format_clock(s.duration_s).c_str(), s.wall_time_s, s.vehicle_updates_per_s);
    row(out, "departed", std::to_string(s.departed));
    row(out, "arrived", std::to_string(s.arrived));
    row(out, "waiting to enter", std::to_string(s.waiting_to_enter));
    row(out, "in network", std::to_string(s.in_network));
    row(out, "mean travel time", value_or_dash(s.mean_travel_time_s, "s"));
    row(out, "mean delay", value_or_dash(s.mean_delay_s, "s"));
    row(out, "vehicle-km", fmt::format("{:.1f}", s.vehicle_km));
    row(out, "mean speed", value_or_dash(s.mean_speed_kmh, "km/h"));
    row(out, "gridlock events", std::to_string(s.gridlock_events));
    row(out, "teleports", std::to_string(s.teleports));
    for (const metrics::LineSummary& l : s.transit) {
        // One line per bus line: what a planner asks first (how many rode, how full, how long they waited).
        std::fprintf(out, "  bus line %-11s %llu carried, load mean %s max %u/%u, wait %s, headway cv %s\n", l.line.c_str(),
                     static_cast<unsigned long long>(l.carried), value_or_dash(l.mean_load, "", 1).c_str(), l.max_load,
                     l.capacity, value_or_dash(l.mean_wait_s, "s", 0).c_str(), value_or_dash(l.headway_cv, "", 2).c_str());
    }
    if (s.collisions_prevented > 0) {
        // The engine's safety net should never engage; say so when it did.
        row(out, "collisions prevented", std::to_string(s.collisions_prevented));
    }
}

void print_output_paths(std::FILE* out, const std::filesystem::path& dir,
                        const output::RunOutputPaths& paths) {
    std::fprintf(out, "\nOutputs in %s:\n", dir.string().c_str());
    for (const auto* p : {&paths.summary_json, &paths.trips_csv, &paths.links_csv, &paths.bus_stops_csv})
        if (!p->empty()) std::fprintf(out, "  %s\n", p->string().c_str());
    if (!paths.signals_dir.empty())
        std::fprintf(out, "  %s/ (phase changes of %zu signalised junctions)\n", paths.signals_dir.string().c_str(),
                     paths.phase_logs.size());
    std::fflush(out);
}

}  // namespace ut::cli
