// Buses in the viewer: which vehicles are buses, which link each is on, and how many buses
// (and, once the engine reports them, how many passengers) went along each link recently.
//
// Glossary
//   sighting    a bus seen on a link at one sample (every 10 s of simulated time); a bus
//               counts once per link however often it is seen there.
//   load        passengers on a bus and its capacity, reported by the engine for buses of a
//               line ([[bus_lines]], docs/transit.md); other buses (a bus share of random
//               trips) have no load. bus_load() is the one place to read it: the bus colours,
//               the sightings and the layer's passenger values follow from there.
//
// Header-only and UI-free: tested headless in tests/viewer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "demand/demand.hpp"
#include "engine/snapshot.hpp"
#include "engine/vehicle_type.hpp"
#include "link_measures.hpp"
#include "network/network.hpp"
#include "vehicle_on_link.hpp"

namespace ut::viewer {

struct BusLoad {
    double passengers = 0.0;
    double capacity = 0.0;
};

// A bus of a line carries its capacity in the snapshot; 0 means no load is known.
inline std::optional<BusLoad> bus_load(const engine::VehicleSnapshot& v) {
    if (v.capacity == 0) return std::nullopt;
    return BusLoad{static_cast<double>(v.passengers), static_cast<double>(v.capacity)};
}

// Per vehicle type: is it a bus.
inline std::vector<bool> bus_types(const std::vector<engine::VehicleType>& types) {
    std::vector<bool> out;
    for (const engine::VehicleType& t : types) out.push_back(t.vehicle_class == network::VehicleClass::Bus);
    return out;
}

struct BusSighting {
    std::uint32_t link = 0;
    std::uint32_t trip = 0;
    double passengers = LinkMeasure::kNone;  // NaN: not known
};

// The buses of `snap` and the link each is on (searched along its route; a bus crossing a
// junction area at this moment is not sighted).
inline std::vector<BusSighting> bus_sightings(const network::Network& net, const demand::Demand& demand,
                                              const std::vector<bool>& is_bus, const engine::Snapshot& snap) {
    std::vector<BusSighting> out;
    if (std::find(is_bus.begin(), is_bus.end(), true) == is_bus.end()) return out;
    for (const engine::VehicleSnapshot& v : snap.vehicles) {
        if (v.vehicle_type >= is_bus.size() || !is_bus[v.vehicle_type]) continue;
        if (!v.trip.valid() || v.trip.index() >= demand.trips.size()) continue;
        const std::optional<LinkId> link = link_on_route(net, demand.route(demand.trips[v.trip.index()]), v);
        if (!link) continue;
        const std::optional<BusLoad> load = bus_load(v);
        out.push_back({link->index(), v.trip.index(), load ? load->passengers : LinkMeasure::kNone});
    }
    return out;
}

// Fills `buses` (distinct buses) and `passengers` (on them, at their first sighting on the
// link) of every link from all sightings of a period. Passengers stay NaN unless some
// sighting had a known load (a bus of a line); buses of no line then add none.
inline void count_buses(std::vector<BusSighting> sightings, std::vector<LinkMeasure>& links) {
    bool loads_known = false;
    for (const BusSighting& s : sightings) loads_known = loads_known || !std::isnan(s.passengers);
    for (LinkMeasure& m : links) {
        m.buses = 0.0;
        m.passengers = loads_known ? 0.0 : LinkMeasure::kNone;
    }
    // stable: the first sighting of a bus on a link stays first, so its load is the one kept
    std::stable_sort(sightings.begin(), sightings.end(), [](const BusSighting& a, const BusSighting& b) {
        return a.link != b.link ? a.link < b.link : a.trip < b.trip;
    });
    for (std::size_t i = 0; i < sightings.size(); ++i) {
        const BusSighting& s = sightings[i];
        if (s.link >= links.size()) continue;
        if (i > 0 && sightings[i - 1].link == s.link && sightings[i - 1].trip == s.trip) continue;
        links[s.link].buses += 1.0;
        if (loads_known && !std::isnan(s.passengers)) links[s.link].passengers += s.passengers;
    }
}

}  // namespace ut::viewer
