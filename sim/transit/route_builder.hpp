// Turning what a planner writes into a bus line's route and stop positions: via points (a
// link, a junction, or a point snapped to the nearest links) joined by shortest routes, and
// stops snapped onto that route. Used by the scenario reader; a GTFS importer would give
// shape points and stop coordinates to the same functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/geometry.hpp"
#include "core/ids.hpp"
#include "demand/router.hpp"
#include "network/network.hpp"

namespace ut::transit {

// A place the route passes: a link (driven along), a junction (driven through; the first
// via point leaves it, the last arrives at it) or a point in network coordinates (metres),
// taken as one of the links passing within `snap_radius_m`.
using ViaPoint = std::variant<LinkId, JunctionId, Vec2>;

struct RouteResult {
    std::vector<LinkId> route;
    std::string error;           // empty on success; else names the via point (1-based) at fault
    std::uint32_t bad_via = 0;   // index of that via point
};

// The shortest route (free-flow time) through the via points in order. Where a via point
// can be one of several links (a junction, a point next to a two-way street), the choice
// that gives the shortest route overall is taken.
RouteResult build_route(const network::Network& net, const demand::Router& router, const std::vector<ViaPoint>& via,
                        double snap_radius_m);

struct RoutePosition {
    std::uint32_t route_index = 0;  // link route[route_index]
    double offset_m = 0.0;          // along that link
    double route_m = 0.0;           // along the whole route
    double distance_m = 0.0;        // from the point to the route (for snapping)
};

// The place on the route nearest to `point` (at or after `from_route_m`, so a route that
// passes a place twice snaps a later stop to the later pass) where a bus `bus_length_m` long
// stands wholly on the link: at least that far from the link's start, so it never halts with
// its back in the junction behind it (links shorter than the bus are passed over, but for
// the first, where buses enter).
RoutePosition snap_to_route(const network::Network& net, const std::vector<LinkId>& route, Vec2 point,
                            double from_route_m = 0.0, double bus_length_m = 0.0);

// The place `route_m` metres along the route; nothing past its end.
std::optional<RoutePosition> position_along_route(const network::Network& net, const std::vector<LinkId>& route,
                                                  double route_m);

double route_length_m(const network::Network& net, const std::vector<LinkId>& route);

}  // namespace ut::transit
