// One junction J0 at the origin with arms in given directions, each arm a two-way street
// to a dead end 100 m away. Links stop short of J0 like the generators' (half the crossing
// street plus 2 m) and sit to the right of each arm's centre line:
//
//                 N (90 deg)
//                 |
//   W (180) ---- J0 ---- E (0 deg)
//                 |
//                 S (270)
//
// arm k's dead end is junction k + 1; its inbound link (dead end -> J0) is link 2k and its
// outbound link (J0 -> dead end) is link 2k + 1. No connections: tests build them.
#pragma once

#include <cmath>
#include <numbers>
#include <vector>

#include "network/network.hpp"

namespace ut::test {

struct Arm {
    double heading_deg;  // direction from J0 towards the arm's end
    int lanes = 1;
};

inline network::Network star_junction(const std::vector<Arm>& arms,
                                      network::JunctionControl control = network::JunctionControl::TrafficSignals) {
    using namespace network;
    Network net;
    net.add_junction({{0, 0}, control, "J0", 0});
    int widest = 1;
    for (const Arm& a : arms) widest = std::max(widest, a.lanes);
    const double setback = widest * 3.25 + 2.0;
    for (std::size_t k = 0; k < arms.size(); ++k) {
        const double rad = arms[k].heading_deg * std::numbers::pi / 180.0;
        const Vec2 dir{std::cos(rad), std::sin(rad)};
        const Vec2 end = dir * 100.0;
        const JunctionId dead = net.add_junction({end, JunctionControl::DeadEnd, "end " + std::to_string(k), 0});
        const double half = arms[k].lanes * 3.25 / 2.0;
        auto make = [&](JunctionId from, JunctionId to, Vec2 a, Vec2 b) {
            const Vec2 d = normalized(b - a);
            const Vec2 right{d.y, -d.x};
            Link l;
            l.from = from;
            l.to = to;
            l.shape = {a + right * half, b + right * half};
            l.lanes.resize(static_cast<std::size_t>(arms[k].lanes));
            l.name = "arm " + std::to_string(k);
            return l;
        };
        net.add_link(make(dead, JunctionId{0}, end, dir * setback));
        net.add_link(make(JunctionId{0}, dead, dir * setback, end));
    }
    return net;
}

// A straight link from junction `from` to junction `to`, set back `setback_m` from both (as
// imported links are), with `lanes` lanes; for networks drawn junction by junction.
inline LinkId add_straight_link(network::Network& net, JunctionId from, JunctionId to, int lanes,
                                double setback_m = 1.0) {
    const Vec2 a = net.junction(from).position;
    const Vec2 b = net.junction(to).position;
    const Vec2 d = normalized(b - a);
    network::Link l;
    l.from = from;
    l.to = to;
    l.shape = {a + d * setback_m, b - d * setback_m};
    l.lanes.resize(static_cast<std::size_t>(lanes));
    l.name = "link " + std::to_string(net.links.size());
    return net.add_link(std::move(l));
}

inline LinkId inbound(std::size_t arm) { return LinkId{static_cast<std::uint32_t>(2 * arm)}; }
inline LinkId outbound(std::size_t arm) { return LinkId{static_cast<std::uint32_t>(2 * arm + 1)}; }

// The connections from one link (and lane, when given), in id order.
inline std::vector<network::Connection> connections_from(const network::Network& net, LinkId from, int lane = -1) {
    std::vector<network::Connection> out;
    for (const auto& c : net.connections)
        if (c.from_link == from && (lane < 0 || c.from_lane == lane)) out.push_back(c);
    return out;
}

inline bool has_connection(const network::Network& net, LinkId from, int from_lane, LinkId to) {
    for (const auto& c : net.connections)
        if (c.from_link == from && c.from_lane == from_lane && c.to_link == to) return true;
    return false;
}

}  // namespace ut::test
