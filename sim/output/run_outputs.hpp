// The standard outputs of one run, written into one folder: summary.json, trips.csv,
// links.csv, with bus lines bus_stops.csv, and, with signalised junctions, signals/ (one phase-change CSV per junction and
// index.csv, signals/phase_log.hpp). Formats in docs/scenario.md, "Outputs". Each file is
// written atomically.
#pragma once

#include <filesystem>
#include <vector>

#include "metrics/summary.hpp"

namespace ut::engine {
class Simulation;
}

namespace ut::output {

struct RunOutputPaths {
    std::filesystem::path summary_json;
    std::filesystem::path trips_csv;
    std::filesystem::path links_csv;
    std::filesystem::path bus_stops_csv;  // empty without bus lines
    std::filesystem::path signals_dir;  // empty when no junction is signalised
    std::vector<std::filesystem::path> phase_logs;
};

// Creates `dir` when missing. Throws OutputError naming the path that could not be written.
RunOutputPaths write_run_outputs(const std::filesystem::path& dir, const engine::Simulation& sim,
                                 const metrics::Summary& summary);

}  // namespace ut::output
