// Each check appends a message naming the element as a user finds it (id, name, source id
// such as the OSM way), what is wrong, and what to do; nothing stops at the first problem.
#include "network/validate.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

namespace ut::network {
namespace {

// How far a link's shape may start/end from its junction's point: shapes are set back from
// the junction centre and offset to the right of the street centre line, which on wide
// streets is some tens of metres; farther than this is a wrong junction or a wrong shape.
constexpr double kJunctionReach_m = 60.0;

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

std::string describe_junction(const Network& net, std::size_t j) {
    const Junction& jn = net.junctions[j];
    std::string s = fmt::format("junction {}", j);
    if (!jn.name.empty()) s += fmt::format(" '{}'", jn.name);
    if (jn.source_id != 0) s += fmt::format(" (source id {})", jn.source_id);
    return s;
}

std::string describe_link(const Network& net, std::size_t k) {
    const Link& l = net.links[k];
    std::string s = fmt::format("link {}", k);
    if (!l.name.empty()) s += fmt::format(" '{}'", l.name);
    if (l.source_id != 0) s += fmt::format(" (source id {})", l.source_id);
    return s;
}

struct Checker {
    const Network& net;
    std::vector<NetworkProblem> problems;

    template <class... Args>
    void report(fmt::format_string<Args...> f, Args&&... args) {
        problems.push_back({fmt::format(f, std::forward<Args>(args)...)});
    }

    bool valid_junction(JunctionId id) const { return id.index() < net.junctions.size(); }
    bool valid_link(LinkId id) const { return id.index() < net.links.size(); }

    void junctions() {
        for (std::size_t j = 0; j < net.junctions.size(); ++j)
            if (!finite(net.junctions[j].position))
                report("{}: position is not a finite number; give it coordinates in the local metric frame",
                       describe_junction(net, j));
    }

    void link_end(std::size_t k, JunctionId j, Vec2 point, bool start) {
        if (!valid_junction(j) || !finite(point)) return;
        const double d = distance(point, net.junctions[j.index()].position);
        if (d > kJunctionReach_m)
            report("{}: shape {} {:.1f} m from its {} {} (at most {:.0f} m expected); a link's shape must run "
                   "from its from-junction to its to-junction: fix the shape or the link's `{}`",
                   describe_link(net, k), start ? "starts" : "ends", d, start ? "from-junction" : "to-junction",
                   describe_junction(net, j.index()), kJunctionReach_m, start ? "from" : "to");
    }

    void links() {
        for (std::size_t k = 0; k < net.links.size(); ++k) {
            const Link& l = net.links[k];
            const std::string name = describe_link(net, k);
            if (!valid_junction(l.from))
                report("{}: from-junction {} does not exist ({} junctions); set `from` to an existing junction",
                       name, l.from.value, net.junctions.size());
            if (!valid_junction(l.to))
                report("{}: to-junction {} does not exist ({} junctions); set `to` to an existing junction", name,
                       l.to.value, net.junctions.size());
            if (l.lanes.empty()) report("{}: has no lanes; give it at least one lane or remove it", name);
            if (l.lanes.size() > 255)
                report("{}: has {} lanes, more than the 255 a connection can address; split the link", name,
                       l.lanes.size());
            for (std::size_t i = 0; i < l.lanes.size(); ++i)
                if (!(l.lanes[i].width_m > 0.0) || !std::isfinite(l.lanes[i].width_m))
                    report("{}: lane {} has width {} m; lane widths must be positive (3.25 m is typical)", name, i,
                           l.lanes[i].width_m);
            if (!(l.length_m > 0.0) || !std::isfinite(l.length_m))
                report("{}: length is {} m; it must be positive (add_link computes it from the shape when 0)", name,
                       l.length_m);
            if (!(l.speed_limit_mps > 0.0) || !std::isfinite(l.speed_limit_mps))
                report("{}: speed limit is {} m/s; it must be positive", name, l.speed_limit_mps);
            if (l.shape.size() < 2) {
                report("{}: shape has {} point(s); a link needs at least 2, from its from-junction to its to-junction",
                       name, l.shape.size());
                continue;
            }
            if (!std::all_of(l.shape.begin(), l.shape.end(), finite)) {
                report("{}: shape has a non-finite coordinate; check the input geometry", name);
                continue;
            }
            link_end(k, l.from, l.shape.front(), true);
            link_end(k, l.to, l.shape.back(), false);
        }
    }

    void connections() {
        for (std::size_t c = 0; c < net.connections.size(); ++c) {
            const Connection& con = net.connections[c];
            const std::string name = fmt::format("connection {}", c);
            const bool from_ok = valid_link(con.from_link);
            const bool to_ok = valid_link(con.to_link);
            if (!from_ok)
                report("{}: from-link {} does not exist ({} links); rebuild connections with build_connections()",
                       name, con.from_link.value, net.links.size());
            if (!to_ok)
                report("{}: to-link {} does not exist ({} links); rebuild connections with build_connections()",
                       name, con.to_link.value, net.links.size());
            if (from_ok && con.from_lane >= net.link(con.from_link).lanes.size())
                report("{}: from lane {} but {} has {} lane(s); rebuild connections with build_connections()", name,
                       con.from_lane, describe_link(net, con.from_link.index()), net.link(con.from_link).lanes.size());
            if (to_ok && con.to_lane >= net.link(con.to_link).lanes.size())
                report("{}: to lane {} but {} has {} lane(s); rebuild connections with build_connections()", name,
                       con.to_lane, describe_link(net, con.to_link.index()), net.link(con.to_link).lanes.size());
            if (from_ok && to_ok && net.link(con.from_link).to != net.link(con.to_link).from)
                report("{}: joins {}, which ends at junction {}, to {}, which starts at junction {}; a connection "
                       "must pass through one junction: rebuild connections with build_connections()",
                       name, describe_link(net, con.from_link.index()), net.link(con.from_link).to.value,
                       describe_link(net, con.to_link.index()), net.link(con.to_link).from.value);
            if (con.shape.size() < 2)
                report("{}: shape has {} point(s); it needs at least 2 (end of the incoming lane to start of the "
                       "outgoing lane)", name, con.shape.size());
            if (!(con.length_m > 0.0) || !std::isfinite(con.length_m))
                report("{}: length is {} m; it must be positive", name, con.length_m);
        }
        // The same lane-to-lane movement twice would split one queue into two.
        std::vector<std::uint32_t> order(net.connections.size());
        for (std::uint32_t c = 0; c < order.size(); ++c) order[c] = c;
        auto key = [&](std::uint32_t c) {
            const Connection& x = net.connections[c];
            return std::tie(x.from_link, x.from_lane, x.to_link, x.to_lane);
        };
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
        for (std::size_t i = 1; i < order.size(); ++i)
            if (key(order[i - 1]) == key(order[i]))
                report("connection {}: duplicates connection {} (link {} lane {} to link {} lane {}); remove one",
                       order[i], order[i - 1], net.connections[order[i]].from_link.value,
                       net.connections[order[i]].from_lane, net.connections[order[i]].to_link.value,
                       net.connections[order[i]].to_lane);
    }
};

}  // namespace

std::vector<NetworkProblem> validate(const Network& net) {
    Checker c{net, {}};
    c.junctions();
    c.links();
    c.connections();
    return std::move(c.problems);
}

}  // namespace ut::network
