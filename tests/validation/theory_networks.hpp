// Tiny networks and measurements for the validation tests against traffic theory
// (docs/validation.md):
//
//   ring(n_links, link_m):   J0 --L0--> J1 --L1--> ... --> J(n-1) --L(n-1)--> J0
//                            one lane, straight connections; a route goes round many times

#pragma once

#include <cmath>
#include <numbers>
#include <vector>

#include "../engine/tiny_networks.hpp"
#include "engine/simulation.hpp"

namespace ut::test {

// A one-lane ring approximated by a polygon of n_links links; each link stops 2.5 m short of
// the corners and a 5 m connection turns the corner. Its length is about n_links x link_m.
inline network::Network ring(int n_links, double link_m, double speed_mps = 13.89) {
    network::Network net;
    const double radius = n_links * link_m / (2.0 * std::numbers::pi);
    std::vector<Vec2> corners;
    for (int i = 0; i < n_links; ++i) {
        const double a = 2.0 * std::numbers::pi * i / n_links;
        corners.push_back({radius * std::cos(a), radius * std::sin(a)});
        net.add_junction({corners.back(), network::JunctionControl::Priority, "J" + std::to_string(i), 0});
    }
    const auto n = static_cast<std::size_t>(n_links);
    std::vector<Vec2> starts(n), ends(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Vec2 a = corners[i];
        const Vec2 b = corners[(i + 1) % n];
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        const Vec2 dir{(b.x - a.x) / len, (b.y - a.y) / len};
        starts[i] = {a.x + 2.5 * dir.x, a.y + 2.5 * dir.y};
        ends[i] = {b.x - 2.5 * dir.x, b.y - 2.5 * dir.y};
        net.add_link(make_link(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>((i + 1) % n), starts[i], ends[i],
                               1, speed_mps));
    }
    for (std::size_t i = 0; i < n; ++i) {
        network::Connection c;
        c.from_link = LinkId{static_cast<std::uint32_t>(i)};
        c.to_link = LinkId{static_cast<std::uint32_t>((i + 1) % n)};
        c.shape = {ends[i], corners[(i + 1) % n], starts[(i + 1) % n]};
        net.add_connection(c);
    }
    return net;
}

// A route round the ring `laps` times.
inline std::vector<LinkId> laps_of(int n_links, int laps) {
    std::vector<LinkId> route;
    for (int k = 0; k < laps; ++k)
        for (int i = 0; i < n_links; ++i) route.push_back(LinkId{static_cast<std::uint32_t>(i)});
    return route;
}

// Evenly spaced departures at `rate_veh_per_h` from t0 for `count` vehicles.
inline std::vector<double> uniform_departures(double rate_veh_per_h, int count, double t0 = 0.0) {
    std::vector<double> d;
    for (int i = 0; i < count; ++i) d.push_back(t0 + 3600.0 / rate_veh_per_h * i);
    return d;
}

}  // namespace ut::test
