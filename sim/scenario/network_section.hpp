// The [network] section: `type` picks one of the network types below, whose parser reads the
// rest of the section's keys.
//
// Extension point: a network type is one entry in network_types() (network_section.cpp) and
// one parse function. Parsing only reads and checks keys and returns how to build; the
// build runs later, and only when the whole file is valid, so an expensive map import never
// starts for a scenario that is rejected anyway. A build that fails on the user's input
// (e.g. a map file that cannot be read) throws ScenarioError naming the file:line of the key.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "network/grid_generator.hpp"
#include "scenario/section_reader.hpp"

namespace ut::scenario {

using NetworkBuild = std::function<network::GeneratedNetwork()>;
// Reads the type's keys from the section (problems go to section.problems()) and returns
// the build step (or an empty one after reporting problems); the build runs only when no
// problem was found in the whole file.
using NetworkSectionParser = NetworkBuild (*)(SectionReader& section);

struct NetworkType {
    std::string_view name;  // the value of `type`
    NetworkSectionParser parse;
};

std::span<const NetworkType> network_types();

// Reads [network] (absent: a default grid), reports keys the chosen type does not know, and
// returns the build step (empty when there were problems). When `type` itself is wrong,
// the other keys are not checked.
NetworkBuild parse_network_section(SectionReader& section, std::string& type_out);

NetworkBuild parse_grid_network(SectionReader& section);      // network_section.cpp
NetworkBuild parse_arterial_network(SectionReader& section);  // network_section.cpp
// type = "map": GIS import through GDAL (sim/import/map_import.hpp); defined in
// map_network_section.cpp, which belongs to the import work.
NetworkBuild parse_map_network(SectionReader& section);

}  // namespace ut::scenario
