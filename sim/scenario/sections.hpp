// Readers of the individual scenario sections (internal to sim/scenario).
#pragma once

#include <vector>

#include "engine/engine_config.hpp"
#include "engine/vehicle_type.hpp"
#include "scenario/scenario.hpp"
#include "scenario/section_reader.hpp"

namespace ut::scenario {

void read_engine_section(SectionReader& section, engine::EngineConfig& config);
// The built-in types with the file's overrides, then the file's new types by name.
std::vector<engine::VehicleType> read_vehicle_types_section(SectionReader& section);
DemandSpec read_demand_section(SectionReader& section, double duration_s,
                               const std::vector<engine::VehicleType>& types);

}  // namespace ut::scenario
