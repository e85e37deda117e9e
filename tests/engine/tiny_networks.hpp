// Small hand-made networks for engine tests:
//
//   straight_road:   J0 ======== L0 ========> J1            (one link, n lanes)
//
//   two_links:       J0 ==== L0 ====> J1 ==== L1 ====> J2   (a junction in the middle,
//                                                          lane i -> lane i straight)
#pragma once

#include <vector>

#include "demand/demand.hpp"
#include "engine/simulation.hpp"
#include "network/network.hpp"

namespace ut::test {

inline network::Link make_link(std::uint32_t from, std::uint32_t to, ut::Vec2 a, ut::Vec2 b, int lanes,
                               double speed_mps) {
    network::Link l;
    l.from = JunctionId{from};
    l.to = JunctionId{to};
    l.shape = {a, b};
    l.speed_limit_mps = speed_mps;
    l.lanes.resize(static_cast<std::size_t>(lanes));
    return l;
}

inline network::Network straight_road(double length_m, int lanes = 1, double speed_mps = 13.89) {
    network::Network net;
    net.add_junction({{0, 0}, network::JunctionControl::DeadEnd, "J0", 0});
    net.add_junction({{length_m, 0}, network::JunctionControl::DeadEnd, "J1", 0});
    net.add_link(make_link(0, 1, {0, 0}, {length_m, 0}, lanes, speed_mps));
    return net;
}

inline network::Network two_links(double length_m, int lanes = 1, double speed_mps = 13.89,
                                  network::JunctionControl middle = network::JunctionControl::Priority) {
    network::Network net;
    net.add_junction({{0, 0}, network::JunctionControl::DeadEnd, "J0", 0});
    net.add_junction({{length_m, 0}, middle, "J1", 0});
    net.add_junction({{2 * length_m + 10, 0}, network::JunctionControl::DeadEnd, "J2", 0});
    net.add_link(make_link(0, 1, {0, 0}, {length_m, 0}, lanes, speed_mps));
    net.add_link(make_link(1, 2, {length_m + 10, 0}, {2 * length_m + 10, 0}, lanes, speed_mps));
    for (int i = 0; i < lanes; ++i) {
        network::Connection c;
        c.from_link = LinkId{0};
        c.to_link = LinkId{1};
        c.from_lane = static_cast<std::uint8_t>(i);
        c.to_lane = static_cast<std::uint8_t>(i);
        c.shape = {{length_m, 0}, {length_m + 10, 0}};
        net.add_connection(c);
    }
    return net;
}

// Trips with the given departure times, all over the same route.
inline demand::Demand trips_on(std::vector<LinkId> route, const std::vector<double>& departs,
                               VehicleTypeId type = VehicleTypeId{0}) {
    demand::Demand d;
    for (double t : departs) d.add_trip(t, type, route);
    d.sort_by_departure();
    return d;
}

// The default types without random driver differences, for exact physical checks.
inline std::vector<engine::VehicleType> uniform_drivers() {
    auto types = engine::default_vehicle_types();
    for (auto& t : types) t.speed_factor_deviation = 0.0;
    return types;
}

}  // namespace ut::test
