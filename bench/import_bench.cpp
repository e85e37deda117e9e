// Import speed on the real extracts in ../shared/data: wall time (best of three) and peak
// memory per file. The Mannheim-Heidelberg extract is the reference: its goal is < 10 s.
//
//   build/bin/import_bench [DATA_DIR]      (default: ../shared/data from the project root)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "import/map_import.hpp"

namespace {

double peak_memory_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = argc > 1 ? argv[1] : "../shared/data";
    if (!std::filesystem::is_directory(dir)) {
        fmt::print("import_bench: {} not found; nothing to measure\n", dir.string());
        return 0;
    }
    for (const char* name : {"mannheim-heidelberg-roads.osm.pbf", "portland-central.osm.pbf", "monaco.osm.pbf",
                             "cobb-county.osm.pbf", "beatty.osm"}) {
        const std::filesystem::path file = dir / name;
        if (!std::filesystem::exists(file)) continue;
        double best_s = 1e30;
        ut::import::ImportReport report;
        for (int rep = 0; rep < 3; ++rep) {
            ut::import::ImportOptions options;
            options.path = file;
            const auto start = std::chrono::steady_clock::now();
            const ut::import::ImportResult result = ut::import::import_map(options);
            best_s = std::min(best_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            report = result.report;
        }
        fmt::print("{:<36} {:7.2f} s  {:7} links  {:7} junctions  {:5} signalised junctions  peak memory so far {:.0f} MB\n",
                   name, best_s, report.links, report.junctions, report.signalised_junctions, peak_memory_mb());
    }
    return 0;
}
