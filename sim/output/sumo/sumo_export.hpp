// Export of a scenario to SUMO (https://eclipse.dev/sumo), the reference simulator we
// validate against: the network as SUMO plain XML (nodes, edges, connections and
// traffic-light programs, for netconvert), the demand as vehicles with the same departure
// times and routes (bus runs with <stop>s at their lines' <busStop>s), vehicle types with SUMO's IDM and our parameters, and a .sumocfg that
// writes tripinfo and per-edge data. See docs/validation.md for how the models are matched.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "engine/engine_config.hpp"
#include "engine/vehicle_type.hpp"
#include "network/network.hpp"
#include "signals/signal_plan.hpp"
#include "transit/bus_line.hpp"

namespace ut::output::sumo {

struct SumoExportInput {
    const network::Network& network;
    const std::vector<signals::SignalPlan>& signal_plans;
    const demand::Demand& demand;
    const std::vector<engine::VehicleType>& vehicle_types;
    engine::EngineConfig engine;
    double duration_s = 3600.0;
    std::string name = "scenario";
    const transit::TransitLines* transit = nullptr;  // bus lines: stops for their runs (may be null)
};

struct SumoExportFiles {
    std::filesystem::path nodes, edges, connections, tls, routes, config, netconvert_config;
};

// Writes NAME.nod.xml, NAME.edg.xml, NAME.con.xml, NAME.tll.xml, NAME.rou.xml,
// NAME.add.xml (per-link output; later time-of-day signal programs), NAME.netccfg and
// NAME.sumocfg into `dir` (created if missing), each atomically.
SumoExportFiles export_to_sumo(const SumoExportInput& input, const std::filesystem::path& dir);

// SUMO ids: links "L<id>", junctions "J<id>" (stable, and mapped back by the validation tools).
std::string sumo_link_id(LinkId id);
std::string sumo_junction_id(JunctionId id);

}  // namespace ut::output::sumo
