// Demand: the trips to simulate, each with a planned departure time and a route (a sequence
// of links from origin to destination). Routes live in one shared pool so that a Demand is
// a few flat arrays, cheap to copy with a fork and to save in a checkpoint.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.hpp"

namespace ut::demand {

struct Trip {
    TripId id;
    double depart_s = 0.0;
    VehicleTypeId vehicle_type{0};
    std::uint32_t route_begin = 0;  // into Demand::route_links
    std::uint32_t route_size = 0;   // >= 1; first = origin link, last = destination link
};

struct Demand {
    std::vector<Trip> trips;  // sorted by (depart_s, id); trip i has id i
    std::vector<LinkId> route_links;

    std::span<const LinkId> route(const Trip& t) const {
        return {route_links.data() + t.route_begin, t.route_size};
    }
    LinkId origin(const Trip& t) const { return route_links[t.route_begin]; }
    LinkId destination(const Trip& t) const { return route_links[t.route_begin + t.route_size - 1]; }

    // Appends a trip; keeps ids dense. Call sort_by_departure() once after adding all.
    TripId add_trip(double depart_s, VehicleTypeId type, std::span<const LinkId> route);
    // Stable by departure time, then renumbers; `new_id_of_old`, when given, receives each
    // trip's new id at its old id (for side tables that name trips, e.g. bus runs).
    void sort_by_departure(std::vector<std::uint32_t>* new_id_of_old = nullptr);
};

}  // namespace ut::demand
