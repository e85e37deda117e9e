// Writes a network as a GeoPackage a planner can open in QGIS: layers junctions, links,
// lanes, connections and signals, with their attributes, in the map's UTM CRS. A link's
// `role` is core, entry or exit (network/link_roles.hpp): entries and exits are the roads
// cut at the map's edge, where trips come in and leave. The file is written under a
// temporary name in the same folder and renamed into place, so a failed or interrupted write
// never leaves a half-written NET.gpkg (nor replaces a good one).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/geometry.hpp"
#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::output::gis {

struct NetworkGpkgInput {
    const network::Network* network = nullptr;
    const std::vector<signals::SignalPlan>* signal_plans = nullptr;  // may be null
    const std::vector<std::int32_t>* signal_cluster = nullptr;       // per junction; may be null
    int epsg = 0;   // CRS of origin + local coordinates; 0: local metres without a CRS
    Vec2 origin;    // added to every coordinate
};

// Throws output::OutputError ("cannot write PATH: reason") on failure; the target is then
// untouched.
void write_network_gpkg(const std::filesystem::path& path, const NetworkGpkgInput& input);

// Text forms used in the attribute tables ("left;straight", "car;bus").
std::string turns_text(network::TurnMask mask);
std::string classes_text(network::ClassMask mask);

}  // namespace ut::output::gis
