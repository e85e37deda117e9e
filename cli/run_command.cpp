// `urbantwin run SCENARIO.toml`: load and check the scenario, build the network and the
// demand, run the engine to the end with progress, then write summary.json, trips.csv,
// links.csv and the signals' phase logs (signals/) and print the summary table.
// Command-line options override the file.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <tbb/global_control.h>

#include "commands.hpp"
#include "engine/simulation.hpp"
#include "metrics/summary.hpp"
#include "output/atomic_file.hpp"
#include "output/run_outputs.hpp"
#include "progress.hpp"
#include "scenario_loading.hpp"
#include "scenario/scenario.hpp"
#include "summary_table.hpp"

namespace ut::cli {

namespace {

struct RunOptions {
    std::string scenario;
    std::optional<std::string> out;
    std::optional<unsigned> threads;
    std::optional<std::uint64_t> seed;
    std::optional<double> duration_s;
};

void apply_overrides(const RunOptions& o, scenario::Scenario& sc) {
    if (o.out) sc.output_dir = *o.out;
    if (o.threads) sc.engine.threads = *o.threads;
    if (o.seed) sc.engine.seed = *o.seed;
    if (o.duration_s) sc.duration_s = *o.duration_s;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Steps in slices of ~1 % of the run so progress moves smoothly; the slicing does not change
// the result (the engine advances by the same fixed steps either way).
void run_with_progress(engine::Simulation& sim, double duration_s,
                       std::chrono::steady_clock::time_point start) {
    // A redrawn bar needs a terminal that understands "\x1b[K"; a dumb one gets lines.
    const char* term = std::getenv("TERM");
    const bool tty = ::isatty(::fileno(stderr)) != 0 && !(term && std::string(term) == "dumb");
    Progress progress(stderr, tty, duration_s);
    const double slice_s = std::max(sim.config().step_s, duration_s / 100.0);
    const auto sample = [&] {
        const engine::NetworkCounters c = sim.counters();
        return ProgressSample{sim.time_s(), c.in_network, c.arrived, seconds_since(start)};
    };
    while (sim.time_s() < duration_s) {
        sim.run_until(std::min(duration_s, sim.time_s() + slice_s));
        progress.update(sample());
    }
    progress.finish(sample());
}

int run_scenario(const RunOptions& options) {
    std::optional<scenario::Scenario> loaded = load_scenario_reporting(options.scenario);
    if (!loaded) return kExitBadInput;
    scenario::Scenario& sc = *loaded;
    apply_overrides(options, sc);

    // Fail before a long run, not after it, when the outputs could not be written.
    std::error_code ec;
    std::filesystem::create_directories(sc.output_dir, ec);
    if (!ec && ::access(sc.output_dir.c_str(), W_OK) != 0) ec.assign(errno, std::generic_category());
    if (ec) {
        std::fprintf(stderr, "urbantwin: cannot write to the output folder %s: %s\n",
                     sc.output_dir.string().c_str(), ec.message().c_str());
        return kExitFailure;
    }

    // The engine's TBB work runs on at most this many threads; 0 leaves TBB's default.
    std::unique_ptr<tbb::global_control> thread_limit;
    if (sc.engine.threads > 0) {
        thread_limit = std::make_unique<tbb::global_control>(
            tbb::global_control::max_allowed_parallelism, sc.engine.threads);
    }

    try {
        scenario::DemandReport demand_report;
        engine::SimulationInputs inputs = scenario::build_simulation_inputs(sc, &demand_report);
        print_run_header(stdout, sc, inputs, demand_report);

        const auto start = std::chrono::steady_clock::now();
        engine::Simulation sim(std::move(inputs));
        run_with_progress(sim, sc.duration_s, start);

        metrics::Summary summary = metrics::compute_summary(sim);
        summary.scenario_name = sc.name;
        metrics::set_wall_time(summary, seconds_since(start));

        const output::RunOutputPaths paths = output::write_run_outputs(sc.output_dir, sim, summary);
        print_summary_table(stdout, summary);
        print_output_paths(stdout, sc.output_dir, paths);
    } catch (const output::OutputError& e) {
        std::fprintf(stderr, "urbantwin: %s\n", e.what());
        return kExitFailure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "urbantwin: the run failed: %s\n", e.what());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

void register_run_command(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* run = app.add_subcommand(
        "run", "Run a scenario; writes summary.json, trips.csv, links.csv and signals/ (phase changes per "
               "junction) to the output folder.");
    // Not ExistingFile: a missing file is reported like any other scenario problem (exit 2).
    run->add_option("scenario", options->scenario, "Scenario file (TOML, see docs/scenario.md)")
        ->required();
    run->add_option("--out", options->out,
                    "Output folder (default: [output] dir of the scenario, else out/NAME)");
    run->add_option("--threads", options->threads, "Engine threads; 0 = all cores")
        ->check(CLI::Range(0u, 1024u));
    run->add_option("--seed", options->seed, "Random seed (engine and demand)");
    run->add_option("--duration", options->duration_s, "Simulated seconds (overrides duration_s)")
        ->check(CLI::Range(1e-3, 7 * 86400.0));
    run->callback([options] {
        const int code = run_scenario(*options);
        if (code != kExitOk) throw CLI::RuntimeError(code);
    });
}

}  // namespace ut::cli
