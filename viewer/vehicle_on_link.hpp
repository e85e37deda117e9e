// Which link a vehicle of a snapshot is on. Snapshots carry position and heading but no lane
// (engine/snapshot.hpp), so the viewer matches them to link shapes: within the link's width
// (lanes x 3.5 m, plus a metre) of its centre line and heading along it, which tells the two
// directions of a street apart. Used for junction queues and for buses per link.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

#include "core/geometry.hpp"
#include "core/ids.hpp"
#include "engine/snapshot.hpp"
#include "network/network.hpp"

namespace ut::viewer {

// Distance from `v` to the centre line of `link` when the vehicle is on it, else nullopt.
inline std::optional<double> distance_on_link(const network::Link& link, const engine::VehicleSnapshot& v) {
    const double half_width = 0.5 * static_cast<double>(link.lanes.size()) * 3.5 + 1.0;
    std::optional<double> best;
    for (std::size_t i = 0; i + 1 < link.shape.size(); ++i) {
        const Vec2 a = link.shape[i], ab = link.shape[i + 1] - a;
        const double len2 = dot(ab, ab);
        const double t = len2 > 0.0 ? std::clamp(dot(v.position - a, ab) / len2, 0.0, 1.0) : 0.0;
        const double d = distance(v.position, a + ab * t);
        if (d <= half_width && dot(normalized(ab), v.heading) > 0.7 && (!best || d < *best)) best = d;
    }
    return best;
}

inline bool on_link(const network::Link& link, const engine::VehicleSnapshot& v) {
    return distance_on_link(link, v).has_value();
}

// The link of `route` the vehicle is on (the nearest when two qualify, e.g. at a shared
// junction); nullopt while it crosses a junction area.
inline std::optional<LinkId> link_on_route(const network::Network& net, std::span<const LinkId> route,
                                           const engine::VehicleSnapshot& v) {
    std::optional<LinkId> best;
    double best_d = 0.0;
    for (LinkId id : route) {
        if (id.index() >= net.links.size()) continue;
        const network::Link& link = net.link(id);
        // Most links of a route are far away: one distance rules them out before the shape is walked.
        if (link.shape.empty() || distance(v.position, link.shape.front()) > link.length_m + 12.0) continue;
        const std::optional<double> d = distance_on_link(link, v);
        if (d && (!best || *d < best_d)) best = id, best_d = *d;
    }
    return best;
}

}  // namespace ut::viewer
