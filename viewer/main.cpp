// urbantwin-viewer SCENARIO.toml: the planner's viewer. See docs/viewer.md.
//
// Exit codes: 0 ok, 1 failure (window, output), 2 bad input (scenario, script, options).
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <optional>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "scenario/scenario.hpp"

int main(int argc, char** argv) {
    using namespace ut;
    viewer::ViewerOptions o;
    CLI::App cli("UrbanTwin viewer: watch a scenario run, edit signal timing, compare A/B, present.",
                 "urbantwin-viewer");
    cli.add_option("scenario", o.scenario, "Scenario file (TOML, see docs/scenario.md)")->required();
    auto* shot = cli.add_option("--screenshot", o.screenshot, "Render at --at seconds, write this PNG and exit");
    cli.add_option("--at", o.at_s, "Simulated seconds for --screenshot")->needs(shot)->check(CLI::Range(0.0, 7 * 86400.0));
    cli.add_option("--script", o.script, "Run UI commands from this file, then exit (see docs/viewer.md)")
        ->excludes(shot);
    auto* compare = cli.add_option("--compare", o.compare,
                                   "A second scenario on the same network, run side by side as B from the start");
    cli.add_option("--runs", o.runs,
                   "Show finished runs of this scenario instead of running it: the output folder of `urbantwin run` "
                   "(A), and a second one to compare (B)")
        ->expected(1, 2)
        ->excludes(compare);
    cli.add_option("--width", o.width, "Window width in pixels")->check(CLI::Range(320u, 16384u));
    cli.add_option("--height", o.height, "Window height in pixels")->check(CLI::Range(240u, 16384u));
    cli.add_option("--threads", o.threads, "Simulation threads (default: all cores but one)")
        ->check(CLI::Range(1u, 1024u));
    cli.add_option("--layer", o.layer, "Start with this layer: none, speed, delay, los, emissions, transit, diff")
        ->check(CLI::IsMember({"none", "speed", "delay", "los", "emissions", "transit", "diff"}));
    cli.add_flag("--present", o.present, "Start in presentation mode");
    cli.add_flag("!--windowed-presentation", o.fullscreen_presentation,
                 "Presentation mode keeps the window instead of going full screen");
    cli.add_flag("--frame-stats", o.frame_stats, "Print the frame-time summary at exit");
    cli.add_flag("--gl-finish", o.gl_finish, "Wait for the GPU after each part so the frame-time split is exact");
    cli.add_flag("!--no-vsync", o.vsync,
                 "Draw frames as fast as possible: no wait for the display's refresh, no 60 fps limit (for measuring)");
    cli.add_option("--ui-scale", o.ui_scale, "Scale fonts and widgets (HiDPI screens)")->check(CLI::Range(0.5f, 4.0f));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }

    const auto load = [](const std::string& path) -> std::optional<scenario::Scenario> {
        try {
            return scenario::load_scenario(path);
        } catch (const scenario::ScenarioError& e) {
            const auto& problems = e.problems();
            std::fprintf(stderr, "urbantwin-viewer: %s has %zu problem%s:\n", path.c_str(), problems.size(),
                         problems.size() == 1 ? "" : "s");
            for (const auto& p : problems) std::fprintf(stderr, "  %s\n", p.c_str());
            return std::nullopt;
        }
    };
    std::optional<scenario::Scenario> sc = load(o.scenario);
    if (!sc) return 2;
    std::optional<std::pair<scenario::Scenario, engine::SimulationInputs>> other;
    try {
        if (o.compare) {
            std::optional<scenario::Scenario> b = load(*o.compare);
            if (!b) return 2;
            engine::SimulationInputs b_inputs = scenario::build_simulation_inputs(*b);
            other.emplace(std::move(*b), std::move(b_inputs));
        }
        engine::SimulationInputs inputs = scenario::build_simulation_inputs(*sc);
        std::vector<viewer::FinishedRun> runs;
        for (const std::string& dir : o.runs) {
            try {
                runs.push_back(viewer::load_finished_run(dir, inputs.network, sc->file.string()));
            } catch (const viewer::RunFilesError& e) {
                std::fprintf(stderr, "urbantwin-viewer: cannot show the run in %s:\n", dir.c_str());
                for (const auto& p : e.problems()) std::fprintf(stderr, "  %s\n", p.c_str());
                return 2;
            }
        }
        viewer::App app(std::move(o), std::move(*sc), std::move(inputs), std::move(other), runs);
        return app.run();
    } catch (const std::invalid_argument& e) {  // inputs that do not fit together: the user's to fix
        std::fprintf(stderr, "urbantwin-viewer: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "urbantwin-viewer: %s\n", e.what());
        return 1;
    }
}
