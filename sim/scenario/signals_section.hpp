// The [signals] section of a scenario (docs/signals.md): timing plans from a plan file, the
// controller type for all junctions or per junction, Webster retiming from the demand, and
// the clearance minimums of the safety check.
//
//   [signals]
//   plans = "plans.toml"        # plan file; its junctions replace their derived plans
//   controller = "actuated"     # fixed | actuated | coordinated | max-pressure, for all
//   optimize = "webster"        # retime every plan from the scenario's demand
//   common_cycle = true         # with webster: one cycle for all (coordination)
//   min_yellow_s = 3.0
//   min_all_red_s = 1.0
//   [signals.controllers]       # per junction, by name or OSM node id
//   a3 = "max-pressure"
//
// When the section is present every plan is checked (signals/conflict_check.hpp) after the
// changes, and a scenario with an unsafe plan is rejected like any other problem.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "network/grid_generator.hpp"
#include "signals/conflict_check.hpp"
#include "signals/signal_plan.hpp"
#include "signals/webster.hpp"

namespace ut::scenario {

class SectionReader;

struct SignalsSpec {
    bool present = false;
    std::uint32_t line = 0;
    std::filesystem::path plans_file;  // empty = none
    std::uint32_t plans_line = 0;
    std::optional<signals::ControllerKind> controller;
    struct JunctionController {
        std::string junction;  // name or OSM node id, as written
        signals::ControllerKind kind;
        std::uint32_t line;
    };
    std::vector<JunctionController> controllers;
    bool webster = false;
    bool common_cycle = false;
    signals::WebsterOptions webster_options;
    signals::ConflictCheckOptions clearance;
};

SignalsSpec read_signals_section(SectionReader& section);

// After the network is built: reads the plan file, switches controllers and checks every
// plan. Throws ScenarioError (scenario or plan file, with lines) on any problem.
void apply_signals_section(const SignalsSpec& spec, const std::filesystem::path& scenario_file,
                           network::GeneratedNetwork& network);

// With the demand generated: Webster timing of every plan, when asked.
void apply_webster(const SignalsSpec& spec, engine::SimulationInputs& inputs, double begin_s, double end_s);

// The plan run by another controller type: ring form; coordinated plans get the longest
// phase of each ring's first barrier group as coordinated phase when none is named, and
// timed controllers get splits (max green + clearance) when the plan has none.
signals::SignalPlan with_controller(const signals::SignalPlan& plan, signals::ControllerKind kind);

std::optional<signals::ControllerKind> controller_kind(const std::string& name);

}  // namespace ut::scenario
