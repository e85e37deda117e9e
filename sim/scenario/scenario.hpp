// Scenario files: one TOML file says which network, which demand, which vehicle types and
// engine settings to run, for how long, and where outputs go. See docs/scenario.md for
// every key, its default and its range.
//
// Loading is all-or-nothing: every problem in the file (unknown key, wrong type, value out
// of range, ...) is collected and thrown together as one ScenarioError, so nothing runs on
// a half-understood scenario. Relative paths in the file are taken from the file's folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "demand/random_trips.hpp"
#include "engine/engine_config.hpp"
#include "engine/simulation.hpp"
#include "engine/vehicle_type.hpp"
#include "network/grid_generator.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/signals_section.hpp"
#include "transit/bus_line.hpp"

namespace ut::scenario {

struct DemandSpec {
    std::string type = "random";
    // vehicle_type_shares is indexed by VehicleTypeId (Scenario::vehicle_types), sums to 1.
    demand::RandomTripSpec random;
    // Unless the file says otherwise, demand ends with the run and uses the engine's seed,
    // so `--duration` and `--seed` on the command line carry over to the demand.
    bool end_from_duration = true;
    bool seed_from_engine = true;
};

struct Scenario {
    std::filesystem::path file;  // as given to load_scenario
    std::string name;            // default: the file name without extension
    double duration_s = 3600.0;
    engine::EngineConfig engine;
    std::string network_type;           // "grid", "arterial", "map", ...
    network::GeneratedNetwork network;  // built network and its signal plans
    std::vector<engine::VehicleType> vehicle_types;  // built-ins (car, bus, truck) first
    DemandSpec demand;
    SignalsSpec signals;  // [signals] (signals_section.hpp)
    transit::TransitLines transit;  // [[bus_lines]] on the network; runs are added with the demand
    // Where outputs go. Relative to the current directory when the default (out/NAME) is
    // used; a [output] dir from the file is already resolved against the file's folder.
    std::filesystem::path output_dir;
};

// Reads, checks and builds (the network) a scenario. Throws ScenarioError listing every
// problem found, each as "FILE:LINE: what is wrong; what is allowed".
Scenario load_scenario(const std::filesystem::path& path);

// The same, from text; `path` only names the file in messages and anchors relative paths.
Scenario load_scenario_from_string(std::string_view toml_text, const std::filesystem::path& path);

struct DemandReport {
    std::uint64_t trips = 0;
    std::uint64_t unroutable = 0;  // origin-destination pairs without a route, redrawn
};

// Generates the demand and assembles what the engine needs.
engine::SimulationInputs build_simulation_inputs(const Scenario& scenario,
                                                 DemandReport* report = nullptr);

}  // namespace ut::scenario
