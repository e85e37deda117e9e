// Random origin-destination demand: departures form a Poisson process at a given rate,
// origins are uniform over the links a trip can start on, destinations uniform over a sample
// of the links a trip can end on (at most max_destinations, so routing stays one reverse
// search per destination), vehicle types drawn by share. Every draw comes from
// core/random.hpp with the spec's seed.
//
// On a map cut out of a larger one (network/link_roles.hpp), trips start on the core or on
// an entry (a road coming in at the edge) and end on the core or on an exit (a road leaving
// it), as SUMO's randomTrips uses the fringe: every such pair has a route. On a network that
// is one strongly connected part every link is core, and nothing changes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "demand/demand.hpp"
#include "network/network.hpp"

namespace ut::demand {

struct RandomTripSpec {
    double vehicles_per_hour = 1000.0;
    double begin_s = 0.0;
    double end_s = 3600.0;
    std::uint64_t seed = 1;
    std::vector<double> vehicle_type_shares = {1.0};  // index = VehicleTypeId
    std::uint32_t max_destinations = 1000;  // 0 = every link
    double min_trip_length_m = 0.0;  // redraw pairs closer than this (straight-line)
};

struct RandomTripsResult {
    Demand demand;
    std::uint64_t unroutable = 0;  // pairs with no route, redrawn (reported, not hidden)
    // Trips given up: still without a routable pair after repeated redraws (a network with
    // almost no connected pairs, or min_trip_length_m longer than the network). Not in demand.
    std::uint64_t dropped = 0;
};

// Routes are shortest free-flow routes (router.hpp), computed in parallel per destination;
// the result is identical for any thread count.
RandomTripsResult generate_random_trips(const network::Network& net, const RandomTripSpec& spec);

}  // namespace ut::demand
