#include "output/run_outputs.hpp"

#include <algorithm>
#include <system_error>

#include "engine/simulation.hpp"
#include "output/atomic_file.hpp"
#include "output/bus_stops_csv.hpp"
#include "output/links_csv.hpp"
#include "output/summary_json.hpp"
#include "output/trips_csv.hpp"
#include "signals/phase_log.hpp"
#include "transit/transit_state.hpp"

namespace ut::output {
namespace {

// The signals folder holds this run's logs only: a log left by an earlier run of another
// scenario into the same folder would otherwise be read as this run's. Other files stay.
void remove_stale_logs(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& written) {
    std::error_code ec;
    const auto ours = [&](const std::filesystem::path& p) {
        return p.filename() == "index.csv" || std::any_of(written.begin(), written.end(), [&](const auto& w) {
                   return w.filename() == p.filename();
               });
    };
    std::vector<std::filesystem::path> stale;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".csv" && !ours(entry.path()) && signals::is_phase_log_file(entry.path()))
            stale.push_back(entry.path());
    for (const auto& path : stale)
        if (!std::filesystem::remove(path, ec))
            throw OutputError("cannot remove the stale phase log " + path.string() + ": " + ec.message());
}

}  // namespace

RunOutputPaths write_run_outputs(const std::filesystem::path& dir, const engine::Simulation& sim,
                                 const metrics::Summary& summary) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw OutputError("cannot create the output folder " + dir.string() + ": " + ec.message());

    RunOutputPaths paths{dir / "summary.json", dir / "trips.csv", dir / "links.csv", {}, {}, {}};
    write_trips_csv(paths.trips_csv, sim.demand(), sim.trip_records(), sim.vehicle_types());
    write_links_csv(paths.links_csv, sim.network(), sim.link_stats(), sim.time_s());
    if (sim.transit().active()) {
        paths.bus_stops_csv = dir / "bus_stops.csv";
        write_bus_stops_csv(paths.bus_stops_csv, sim.transit());
    }
    if (!sim.signal_plans().empty()) {
        paths.signals_dir = dir / "signals";
        paths.phase_logs =
            signals::write_phase_logs(paths.signals_dir, sim.network(), sim.signal_plans(), sim.signal_control().log);
        remove_stale_logs(paths.signals_dir, paths.phase_logs);
    }
    // Last, so a summary.json next to the CSVs means the whole set was written.
    write_summary_json(paths.summary_json, summary);
    return paths;
}

}  // namespace ut::output
