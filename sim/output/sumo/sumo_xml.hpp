// Pieces of the SUMO export, one per file kind (see sumo_export.hpp).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compiled_network.hpp"
#include "output/sumo/sumo_export.hpp"

namespace ut::output::sumo {

std::string xml_escape(std::string_view text);

void write_nodes(std::ostream& out, const network::Network& net);
void write_edges(std::ostream& out, const network::Network& net);
// link_index[c]: the connection's position in its traffic light's state string, or -1.
// Speeds through junctions come from the engine's own lanes (its compiled network).
void write_connections(std::ostream& out, const engine::CompiledNetwork& net, const std::vector<std::int32_t>& link_index);
void write_tls(std::ostream& out, const network::Network& net, const std::vector<signals::SignalPlan>& plans,
               const std::vector<std::int32_t>& link_index);
// The later time-of-day programs and the WAUTs that switch to them, for the additional file.
void write_tls_switches(std::ostream& out, const network::Network& net, const std::vector<signals::SignalPlan>& plans,
                        const std::vector<std::int32_t>& link_index);
void write_routes(std::ostream& out, const SumoExportInput& input);
// Bus lines (sumo_transit_xml.cpp): <busStop>s for the additional file, and a run's <stop>s.
void write_bus_stops(std::ostream& out, const SumoExportInput& input);
void write_run_stops(std::ostream& out, const SumoExportInput& input, const demand::Trip& trip);
void write_sumo_config(std::ostream& out, const SumoExportInput& input);
void write_netconvert_config(std::ostream& out, const std::string& name);

}  // namespace ut::output::sumo
