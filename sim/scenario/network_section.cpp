#include "scenario/network_section.hpp"

#include <array>
#include <string>
#include <vector>

namespace ut::scenario {

namespace {

// Add a network type here (and its parser in its own file).
constexpr std::array kNetworkTypes{
    NetworkType{"grid", &parse_grid_network},
    NetworkType{"arterial", &parse_arterial_network},
    NetworkType{"map", &parse_map_network},
};

int to_int(std::int64_t v) { return static_cast<int>(v); }  // ranges below keep v small

}  // namespace

std::span<const NetworkType> network_types() { return kNetworkTypes; }

NetworkBuild parse_network_section(SectionReader& section, std::string& type_out) {
    std::vector<std::string> names;
    for (const auto& t : kNetworkTypes) names.emplace_back(t.name);
    const std::size_t problems_before = section.problems().size();
    type_out = section.choice("type", "grid", names);
    // A bad `type` leaves the other keys unexplained: reporting each of them as unknown
    // would only bury the one real problem.
    if (section.problems().size() != problems_before) return {};
    NetworkBuild build;
    for (const auto& t : kNetworkTypes) {
        if (t.name == type_out) build = t.parse(section);
    }
    section.report_unknown_keys();
    return build;
}

NetworkBuild parse_grid_network(SectionReader& s) {
    network::GridSpec spec;
    spec.rows = to_int(s.integer("rows", spec.rows, {2, 100}));
    spec.columns = to_int(s.integer("columns", spec.columns, {2, 100}));
    spec.block_length_m = s.number("block_length_m", spec.block_length_m, between(20.0, 5000.0));
    spec.lanes_per_direction =
        to_int(s.integer("lanes_per_direction", spec.lanes_per_direction, {1, 6}));
    spec.speed_limit_mps = s.number("speed_limit_mps", spec.speed_limit_mps, above(0.0, 70.0));
    spec.signals = s.boolean("signals", spec.signals);
    spec.green_through_s = s.number("green_through_s", spec.green_through_s, between(5.0, 180.0));
    spec.green_left_s = s.number("green_left_s", spec.green_left_s, between(3.0, 120.0));
    return [spec] { return network::make_grid(spec); };
}

NetworkBuild parse_arterial_network(SectionReader& s) {
    network::ArterialSpec spec;
    spec.junctions = to_int(s.integer("junctions", spec.junctions, {1, 200}));
    spec.spacing_m = s.number("spacing_m", spec.spacing_m, between(20.0, 5000.0));
    spec.side_street_length_m =
        s.number("side_street_length_m", spec.side_street_length_m, between(20.0, 5000.0));
    spec.arterial_lanes = to_int(s.integer("arterial_lanes", spec.arterial_lanes, {1, 6}));
    spec.side_lanes = to_int(s.integer("side_lanes", spec.side_lanes, {1, 6}));
    spec.arterial_speed_mps =
        s.number("arterial_speed_mps", spec.arterial_speed_mps, above(0.0, 70.0));
    spec.side_speed_mps = s.number("side_speed_mps", spec.side_speed_mps, above(0.0, 70.0));
    spec.signals = s.boolean("signals", spec.signals);
    return [spec] { return network::make_arterial(spec); };
}

}  // namespace ut::scenario
