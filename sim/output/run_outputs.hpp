// The standard outputs of one run, written into one folder: summary.json, trips.csv and
// links.csv (formats in docs/scenario.md, "Outputs"). Each file is written atomically.
#pragma once

#include <filesystem>

#include "metrics/summary.hpp"

namespace ut::engine {
class Simulation;
}

namespace ut::output {

struct RunOutputPaths {
    std::filesystem::path summary_json;
    std::filesystem::path trips_csv;
    std::filesystem::path links_csv;
};

// Creates `dir` when missing. Throws OutputError naming the path that could not be written.
RunOutputPaths write_run_outputs(const std::filesystem::path& dir, const engine::Simulation& sim,
                                 const metrics::Summary& summary);

}  // namespace ut::output
