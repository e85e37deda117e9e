#include "scenario/scenario.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "scenario/bus_lines_section.hpp"
#include "scenario/network_section.hpp"
#include "scenario/sections.hpp"

namespace ut::scenario {

namespace {

SectionReader section(SectionReader& root, std::string_view key) {
    if (auto t = root.table(key)) return *t;
    return SectionReader(nullptr, std::string(key), root.problems(), root.base_dir());
}

// toml11's message is several lines with an excerpt; the first line says what is wrong,
// after an internal function name ("[error] toml::parse_basic_string: ...") we drop.
std::string syntax_message(const std::string& what) {
    std::string first = what.substr(0, what.find('\n'));
    const std::string prefix = "[error] ";
    if (first.rfind(prefix, 0) == 0) first.erase(0, prefix.size());
    if (first.rfind("toml::", 0) == 0) {
        if (const auto colon = first.find(": "); colon != std::string::npos) first.erase(0, colon + 2);
    }
    return first;
}

Scenario load_parsed(const TomlValue& root_value, const std::filesystem::path& path,
                     Problems& problems) {
    std::filesystem::path base = path.parent_path();
    if (base.empty()) base = ".";
    SectionReader root(&root_value, "", problems, base);
    Scenario sc;
    sc.file = path;

    SectionReader meta = section(root, "scenario");
    sc.name = meta.text("name", path.stem().string());
    sc.duration_s = meta.number("duration_s", sc.duration_s, above(0.0, 7 * 86400.0));
    meta.report_unknown_keys();

    SectionReader engine_section = section(root, "engine");
    read_engine_section(engine_section, sc.engine);
    engine_section.report_unknown_keys();

    SectionReader net = section(root, "network");
    NetworkBuild build = parse_network_section(net, sc.network_type);

    SectionReader types = section(root, "vehicle_types");
    sc.vehicle_types = read_vehicle_types_section(types);
    types.report_unknown_keys();

    SectionReader demand_section = section(root, "demand");
    sc.demand = read_demand_section(demand_section, sc.duration_s, sc.vehicle_types);
    demand_section.report_unknown_keys();

    SectionReader output = section(root, "output");
    sc.output_dir = output.path("dir", std::filesystem::path("out") / sc.name);
    output.report_unknown_keys();

    SectionReader signals_section = section(root, "signals");
    sc.signals = read_signals_section(signals_section);
    signals_section.report_unknown_keys();

    const std::vector<BusLineSpec> bus_lines = read_bus_lines(root, sc.duration_s, sc.vehicle_types);

    root.report_unknown_keys();
    problems.throw_if_any();

    // Only a valid file gets its network built (a map import can take a while).
    try {
        sc.network = build();
    } catch (const ScenarioError&) {
        throw;
    } catch (const std::exception& e) {
        problems.add(net.line(), fmt::format("the [network] could not be built: {}", e.what()),
                     "check the [network] values");
        problems.throw_if_any();
    }
    apply_signals_section(sc.signals, path, sc.network);  // plan files, controllers, safety check
    sc.transit = resolve_bus_lines(bus_lines, sc.network, sc.vehicle_types, problems);
    problems.throw_if_any();
    return sc;
}

Scenario load_stream(std::istream& in, const std::filesystem::path& path) {
    Problems problems(path.string());
    TomlValue root;
    try {
        root = toml::parse<toml::discard_comments, std::map, std::vector>(in, path.string());
    } catch (const toml::exception& e) {
        std::string what = fmt::format("invalid TOML: {}", syntax_message(e.what()));
        if (!e.location().line_str().empty()) what += fmt::format(" in `{}`", e.location().line_str());
        problems.add(static_cast<std::uint32_t>(e.location().line()), what,
                     "allowed: key = value lines, each key and [section] once, text in double quotes");
        problems.throw_if_any();
    }
    return load_parsed(root, path, problems);
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        const bool exists = std::filesystem::exists(path, ec);
        Problems problems(path.string());
        problems.add(0, exists ? "cannot read the scenario file" : "no such scenario file",
                     "give the path of a readable .toml scenario file");
        problems.throw_if_any();
    }
    return load_stream(in, path);
}

Scenario load_scenario_from_string(std::string_view toml_text, const std::filesystem::path& path) {
    std::istringstream in{std::string(toml_text)};
    return load_stream(in, path);
}

engine::SimulationInputs build_simulation_inputs(const Scenario& scenario, DemandReport* report) {
    demand::RandomTripSpec spec = scenario.demand.random;
    if (scenario.demand.end_from_duration) spec.end_s = scenario.duration_s;
    if (scenario.demand.seed_from_engine) spec.seed = scenario.engine.seed;

    engine::SimulationInputs inputs;
    inputs.network = scenario.network.network;
    inputs.signal_plans = scenario.network.signal_plans;
    inputs.vehicle_types = scenario.vehicle_types;
    inputs.config = scenario.engine;
    if (spec.end_s > spec.begin_s && spec.vehicles_per_hour > 0.0) {
        demand::RandomTripsResult trips = demand::generate_random_trips(inputs.network, spec);
        inputs.demand = std::move(trips.demand);
        if (report) report->unroutable = trips.unroutable;
    }
    inputs.transit = scenario.transit;
    transit::add_runs_to_demand(inputs.transit, inputs.demand);
    if (report) report->trips = inputs.demand.trips.size();
    apply_webster(scenario.signals, inputs, spec.begin_s, spec.end_s);
    return inputs;
}

}  // namespace ut::scenario
