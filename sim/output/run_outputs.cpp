#include "output/run_outputs.hpp"

#include <system_error>

#include "engine/simulation.hpp"
#include "output/atomic_file.hpp"
#include "output/links_csv.hpp"
#include "output/summary_json.hpp"
#include "output/trips_csv.hpp"

namespace ut::output {

RunOutputPaths write_run_outputs(const std::filesystem::path& dir, const engine::Simulation& sim,
                                 const metrics::Summary& summary) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw OutputError("cannot create the output folder " + dir.string() + ": " + ec.message());

    RunOutputPaths paths{dir / "summary.json", dir / "trips.csv", dir / "links.csv"};
    write_trips_csv(paths.trips_csv, sim.demand(), sim.trip_records(), sim.vehicle_types());
    write_links_csv(paths.links_csv, sim.network(), sim.link_stats(), sim.time_s());
    // Last, so a summary.json next to the CSVs means the whole set was written.
    write_summary_json(paths.summary_json, summary);
    return paths;
}

}  // namespace ut::output
