// `urbantwin export-sumo SCENARIO --out DIR`: the scenario's network, signal timings and
// demand (same departures, same routes) as SUMO input, plus the commands to run it.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "output/atomic_file.hpp"
#include "output/sumo/sumo_export.hpp"
#include "scenario_loading.hpp"

namespace ut::cli {
namespace {

struct ExportOptions {
    std::string scenario;
    std::string out;
    std::optional<std::uint64_t> seed;
    std::optional<double> duration_s;
};

int export_sumo(const ExportOptions& o) {
    std::optional<scenario::Scenario> sc = load_scenario_reporting(o.scenario);
    if (!sc) return kExitBadInput;
    if (o.seed) sc->engine.seed = *o.seed;
    if (o.duration_s) sc->duration_s = *o.duration_s;
    try {
        const engine::SimulationInputs in = scenario::build_simulation_inputs(*sc);
        const output::sumo::SumoExportInput ex{in.network, in.signal_plans, in.demand, in.vehicle_types,
                                               in.config,  sc->duration_s,  sc->name,   &in.transit};
        const auto files = output::sumo::export_to_sumo(ex, o.out);
        fmt::print("wrote SUMO input for '{}' ({} junctions, {} links, {} connections, {} signal programs, {} trips) to {}\n",
                   sc->name, in.network.junctions.size(), in.network.links.size(), in.network.connections.size(),
                   in.signal_plans.size(), in.demand.trips.size(), o.out);
        fmt::print("run it with:\n  cd {} && netconvert -c {} && sumo -c {}\n", o.out,
                   files.netconvert_config.filename().string(), files.config.filename().string());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "urbantwin: export-sumo failed: %s\n", e.what());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

void register_export_sumo_command(CLI::App& app) {
    auto options = std::make_shared<ExportOptions>();
    CLI::App* cmd = app.add_subcommand("export-sumo", "Write the scenario as SUMO input (plain XML network, "
                                                      "routes, .sumocfg) to compare against SUMO.");
    cmd->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--out", options->out, "Output folder")->required();
    cmd->add_option("--seed", options->seed, "Random seed (demand)");
    cmd->add_option("--duration", options->duration_s, "Simulated seconds")->check(CLI::PositiveNumber);
    cmd->callback([options] {
        const int code = export_sumo(*options);
        if (code != kExitOk) throw CLI::RuntimeError(code);
    });
}

}  // namespace ut::cli
