// `urbantwin signals SCENARIO`: the signal plans of a scenario.
//   --optimize webster --out plans.toml   Webster timing from the scenario's demand, written
//                                         as a plan file ([signals] plans = "plans.toml")
//   --out plans.toml                      the current plans as a plan file (to edit)
//   --check                               the safety check of every plan (exit 2 on problems)
//   --log DIR                             run the scenario, write one phase-change CSV per
//                                         junction to DIR and check each against its plan
//   --check-log [RUN_DIR]                 read the phase logs of a finished run (RUN_DIR/signals,
//                                         default: the scenario's output folder) and check them
//                                         against the plans: exit 1 on a violation, 2 when a
//                                         log cannot be read or belongs to no junction
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "engine/simulation.hpp"
#include "output/atomic_file.hpp"
#include "scenario/signal_plan_file.hpp"
#include "scenario/signals_section.hpp"
#include "scenario_loading.hpp"
#include "signals/conflict_check.hpp"
#include "signals/phase_log.hpp"
#include "signals/phase_log_check.hpp"
#include "signals/signal_control.hpp"
#include "signals/webster.hpp"

namespace ut::cli {
namespace {

struct SignalsOptions {
    std::string scenario;
    std::string optimize;
    std::optional<std::string> out;
    std::optional<std::string> log_dir;
    std::optional<std::string> check_log_dir;
    std::optional<std::uint64_t> seed;
    bool check = false;
    bool common_cycle = false;
    std::optional<double> duration_s;
};

void print_webster(const network::Network& net, const std::vector<signals::SignalPlan>& plans,
                   const engine::SimulationInputs& in, double begin_s, double end_s) {
    const auto flows = signals::group_demand(net, in.demand, plans, begin_s, end_s);
    fmt::print("{:<28} {:>8} {:>6} {:>7}  splits (s)\n", "junction", "cycle s", "Y", "lost s");
    for (std::size_t p = 0; p < plans.size(); ++p) {
        const auto w = signals::webster_timing(net, plans[p], flows[p]);
        std::string splits;
        for (double s : w.split_s) splits += fmt::format("{}{:.0f}", splits.empty() ? "" : " ", s);
        fmt::print("{:<28} {:>8.0f} {:>6.2f} {:>7.0f}  {}{}\n", signals::describe_junction(net, plans[p].junction).substr(9),
                   w.cycle_s, w.flow_ratio_sum, w.lost_time_s, splits, w.oversaturated ? "  (oversaturated)" : "");
    }
}

int check_plans(const network::Network& net, const std::vector<signals::SignalPlan>& plans,
                const signals::ConflictCheckOptions& clearance) {
    const signals::ConflictTable table(net);
    std::size_t problems = 0;
    for (const auto& plan : plans)
        for (const std::string& p : signals::check_plan(net, table, plan, clearance)) {
            std::fprintf(stderr, "  %s\n", p.c_str());
            ++problems;
        }
    fmt::print("{} signal plans checked: {}\n", plans.size(), problems == 0 ? "all safe" : fmt::format("{} problems", problems));
    return problems == 0 ? kExitOk : kExitBadInput;
}

std::string counted(std::size_t n, const char* thing) { return fmt::format("{} {}{}", n, thing, n == 1 ? "" : "s"); }

// Prints a verdict per junction and every problem; the exit code says the worst.
int report_log_check(const std::vector<signals::JunctionLogVerdict>& verdicts, const std::filesystem::path& dir) {
    std::size_t broken = 0;
    std::size_t unreadable = 0;
    fmt::print("phase logs in {} checked against the plans:\n", dir.string());
    for (const auto& v : verdicts) {
        const std::string verdict = !v.readable           ? "cannot be checked"
                                    : v.problems.empty() ? "kept to its plan"
                                                         : counted(v.problems.size(), "problem");
        fmt::print("  {:<40} {:>7} changes  {}\n", v.junction, v.changes, verdict);
        std::fflush(stdout);  // each junction's problems under its line, also through a pipe
        for (const std::string& p : v.problems) std::fprintf(stderr, "    %s\n", p.c_str());
        broken += v.readable && !v.problems.empty() ? 1 : 0;
        unreadable += v.readable ? 0 : 1;
    }
    fmt::print("{}: {}\n", counted(verdicts.size(), "junction"),
               broken + unreadable == 0
                   ? "the run kept to every plan"
                   : fmt::format("plan broken at {}, {} not checked", counted(broken, "junction"),
                                 counted(unreadable, "log")));
    return unreadable > 0 ? kExitBadInput : broken > 0 ? kExitFailure : kExitOk;
}

signals::LogCheckOptions log_check_options(const scenario::Scenario& sc, double step_s) {
    signals::LogCheckOptions options;
    options.clearance = sc.signals.clearance;
    options.step_s = step_s;
    return options;
}

int run_and_log(const scenario::Scenario& sc, engine::SimulationInputs in, const std::string& dir) {
    engine::Simulation sim(std::move(in));
    sim.run_until(sc.duration_s);
    const auto files = signals::write_phase_logs(dir, sim.network(), sim.signal_plans(), sim.signal_control().log);
    fmt::print("wrote {} phase logs to {} ({} colour changes)\n", files.size(), dir, sim.signal_control().log.size());
    return report_log_check(signals::check_phase_log_dir(dir, sim.network(), sim.signal_plans(),
                                                         log_check_options(sc, sim.config().step_s)),
                            dir);
}

// A run's folder or its signals/ folder.
int check_logs(const scenario::Scenario& sc, const engine::SimulationInputs& in, std::filesystem::path dir) {
    if (in.signal_plans.empty()) return kExitOk;  // said above: no signalised junction
    if (dir.empty()) dir = sc.output_dir;
    if (std::filesystem::is_directory(dir / "signals")) dir /= "signals";
    if (!std::filesystem::is_directory(dir)) {
        std::fprintf(stderr, "urbantwin: %s is not a folder; give the output folder of a run (urbantwin run writes "
                             "its phase logs to OUT/signals)\n", dir.string().c_str());
        return kExitBadInput;
    }
    return report_log_check(signals::check_phase_log_dir(dir, in.network, in.signal_plans, log_check_options(sc, in.config.step_s)),
                            dir);
}

int signals_command(const SignalsOptions& o) {
    std::optional<scenario::Scenario> sc = load_scenario_reporting(o.scenario);
    if (!sc) return kExitBadInput;
    if (o.duration_s) sc->duration_s = *o.duration_s;
    if (o.seed) sc->engine.seed = *o.seed;
    if (!o.optimize.empty() && !o.out) {
        std::fprintf(stderr, "urbantwin: --optimize needs --out FILE for the plans\n");
        return kExitBadInput;
    }
    try {
        engine::SimulationInputs in = scenario::build_simulation_inputs(*sc);
        const network::Network& net = in.network;
        if (in.signal_plans.empty()) fmt::print("the scenario has no signalised junction\n");
        if (o.optimize == "webster") {
            scenario::SignalsSpec spec = sc->signals;
            spec.present = spec.webster = true;
            spec.common_cycle = spec.common_cycle || o.common_cycle;
            const double end = sc->demand.end_from_duration ? sc->duration_s : sc->demand.random.end_s;
            print_webster(net, in.signal_plans, in, sc->demand.random.begin_s, end);
            scenario::apply_webster(spec, in, sc->demand.random.begin_s, end);
        }
        if (o.out) {
            const std::string comment = fmt::format(
                "Signal timing plans of scenario '{}'{}, written by urbantwin signals.\n"
                "Use with [signals] plans = \"{}\" in a scenario; format: docs/signals.md.",
                sc->name, o.optimize.empty() ? "" : " (Webster timing from its demand)", o.out->c_str());
            scenario::write_signal_plan_file(*o.out, net, in.signal_plans, comment);
            fmt::print("wrote {} junction plans to {}\n", in.signal_plans.size(), *o.out);
        }
        int code = kExitOk;
        if (o.check) code = check_plans(net, in.signal_plans, sc->signals.clearance);
        if (o.check_log_dir && code == kExitOk) code = check_logs(*sc, in, *o.check_log_dir);
        if (o.log_dir && code == kExitOk) code = run_and_log(*sc, std::move(in), *o.log_dir);
        return code;
    } catch (const output::OutputError& e) {
        std::fprintf(stderr, "urbantwin: %s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "urbantwin: signals failed: %s\n", e.what());
    }
    return kExitFailure;
}

}  // namespace

void register_signals_command(CLI::App& app) {
    auto options = std::make_shared<SignalsOptions>();
    CLI::App* cmd = app.add_subcommand(
        "signals", "Signal plans of a scenario: Webster timing, plan files, safety check, phase logs.");
    cmd->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--optimize", options->optimize, "Retime every plan from the demand")
        ->check(CLI::IsMember({"webster"}));
    cmd->add_option("--out", options->out, "Write the plans to this plan file (TOML, docs/signals.md)");
    cmd->add_flag("--common-cycle", options->common_cycle, "With --optimize: one cycle for all junctions");
    cmd->add_flag("--check", options->check, "Check every plan for conflicting greens and short clearances");
    cmd->add_option("--log", options->log_dir, "Run the scenario and write a phase-change CSV per junction here");
    cmd->add_option("--check-log", options->check_log_dir,
                    "Check the phase logs of a run (its output folder; default: the scenario's) against the plans")
        ->expected(0, 1);
    cmd->add_option("--duration", options->duration_s, "Simulated seconds (with --log)")->check(CLI::PositiveNumber);
    cmd->add_option("--seed", options->seed, "Random seed, as given to the run (Webster timing depends on the demand)");
    cmd->callback([options] {
        const int code = signals_command(*options);
        if (code != kExitOk) throw CLI::RuntimeError(code);
    });
}

}  // namespace ut::cli
