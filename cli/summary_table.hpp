// What `urbantwin run` prints on stdout: a header before the run (what is being run) and,
// after it, the KPI table and where the outputs are.
#pragma once

#include <cstdio>
#include <filesystem>

#include "engine/simulation.hpp"
#include "metrics/summary.hpp"
#include "output/run_outputs.hpp"
#include "scenario/scenario.hpp"

namespace ut::cli {

void print_run_header(std::FILE* out, const scenario::Scenario& sc,
                      const engine::SimulationInputs& inputs,
                      const scenario::DemandReport& demand);
void print_summary_table(std::FILE* out, const metrics::Summary& summary);
void print_output_paths(std::FILE* out, const std::filesystem::path& dir,
                        const output::RunOutputPaths& paths);

}  // namespace ut::cli
