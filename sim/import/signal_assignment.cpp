#include "import/signal_assignment.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include "import/parallel.hpp"

namespace ut::import {

namespace {

struct Hit {
    std::uint32_t junction = kNoIndex;
    double distance_m = std::numeric_limits<double>::infinity();
};

double along(const RoadGraph& g, const Segment& s, std::uint32_t i, int dir) {
    const auto& nodes = g.way_nodes[s.way];
    double d = 0.0;
    if (dir > 0)
        for (std::uint32_t k = i; k < s.last; ++k) d += distance(g.node_pos[nodes[k]], g.node_pos[nodes[k + 1]]);
    else
        for (std::uint32_t k = s.first; k < i; ++k) d += distance(g.node_pos[nodes[k]], g.node_pos[nodes[k + 1]]);
    return d;
}

// Walks from vertex i of segment s in direction dir (+1 towards s.to) with the traffic, to
// the first intersection within budget_m; passes junctions that only join two roads.
Hit walk(const RoadGraph& g, std::uint32_t s, std::uint32_t i, int dir, double budget_m) {
    double travelled = 0.0;
    for (int hops = 0; hops < 16; ++hops) {
        const Segment& seg = g.segments[s];
        if (!seg.links[dir > 0 ? 0 : 1].valid()) return {};  // no traffic this way
        travelled += along(g, seg, i, dir);
        if (travelled > budget_m) return {};
        const JunctionId j = dir > 0 ? seg.to : seg.from;
        const std::uint32_t degree = g.junction_degree[j.index()];
        if (degree >= 3) return {j.index(), travelled};
        if (degree <= 1) return {};
        std::uint32_t next = kNoIndex;
        for (std::uint32_t other : g.junction_segments[j.index()])
            if (other != s) {
                next = other;
                break;
            }
        if (next == kNoIndex) return {};
        s = next;
        dir = g.segments[s].from == j ? 1 : -1;
        i = dir > 0 ? g.segments[s].first : g.segments[s].last;
    }
    return {};
}

struct UnionFind {
    std::vector<std::uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) {
        for (std::size_t i = 0; i < n; ++i) parent[i] = static_cast<std::uint32_t>(i);
    }
    std::uint32_t find(std::uint32_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

}  // namespace

SignalAssignment assign_signals(const RoadGraph& g, const std::vector<SignalNode>& signals,
                                const std::vector<Vec2>& signal_pos, const ImportOptions& o) {
    SignalAssignment out;
    const std::size_t nj = g.net.junctions.size();
    out.junction_cluster.assign(nj, -1);
    if (signals.empty()) return out;

    // Where each interior node sits: (segment, vertex index).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> node_at(g.node_pos.size(), {kNoIndex, 0});
    for (std::uint32_t s = 0; s < g.segments.size(); ++s)
        for (std::uint32_t i = g.segments[s].first + 1; i < g.segments[s].last; ++i)
            node_at[g.way_nodes[g.segments[s].way][i]] = {s, i};

    std::vector<std::uint32_t> controls(signals.size(), kNoIndex);
    for_each_index(signals.size(), o.parallel, [&](std::size_t k) {
        const std::uint32_t node = find_node(g, signals[k].point);
        if (node == kNoIndex) return;
        Hit best;
        auto consider = [&](Hit h) {
            if (h.distance_m < best.distance_m) best = h;
        };
        if (const std::uint32_t j = g.node_junction[node]; j != kNoIndex) {
            if (g.junction_degree[j] >= 3) {
                controls[k] = j;
                return;
            }
            for (std::uint32_t s : g.junction_segments[j]) {
                const Segment& seg = g.segments[s];
                const int dir = seg.from.index() == j ? 1 : -1;
                consider(walk(g, s, dir > 0 ? seg.first : seg.last, dir, o.signal_approach_m));
            }
        } else if (node_at[node].first != kNoIndex) {
            for (int dir : {1, -1})
                if (signals[k].direction == 0 || signals[k].direction == dir)
                    consider(walk(g, node_at[node].first, node_at[node].second, dir, o.signal_approach_m));
        }
        controls[k] = best.junction;
    });

    // Clusters of signal nodes by distance (grid of the cluster size).
    UnionFind uf(signals.size());
    const double cell = std::max(o.signal_cluster_m, 1.0);
    std::unordered_map<PointKey, std::vector<std::uint32_t>, PointKeyHash> grid;
    auto cell_of = [&](Vec2 p, int dx, int dy) {
        return PointKey{static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(p.x / cell)) + dx),
                        static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(p.y / cell)) + dy)};
    };
    for (std::uint32_t k = 0; k < signals.size(); ++k) {
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                if (const auto it = grid.find(cell_of(signal_pos[k], dx, dy)); it != grid.end())
                    for (std::uint32_t other : it->second)
                        if (distance(signal_pos[k], signal_pos[other]) <= o.signal_cluster_m) uf.unite(k, other);
        grid[cell_of(signal_pos[k], 0, 0)].push_back(k);
    }
    // A junction controlled from two clusters joins them.
    std::vector<std::uint32_t> first_signal_of(nj, kNoIndex);
    for (std::uint32_t k = 0; k < signals.size(); ++k) {
        if (controls[k] == kNoIndex) {
            ++out.nodes_without_junction;
            continue;
        }
        std::uint32_t& f = first_signal_of[controls[k]];
        if (f == kNoIndex) f = k;
        else uf.unite(f, k);
    }
    // Signalised junctions a short road apart are one crossing (the two junctions where a
    // dual carriageway crosses a road), even when their signal nodes are further apart.
    for (const Segment& seg : g.segments) {
        const std::uint32_t a = first_signal_of[seg.from.index()], b = first_signal_of[seg.to.index()];
        if (a != kNoIndex && b != kNoIndex &&
            distance(g.net.junctions[seg.from.index()].position, g.net.junctions[seg.to.index()].position) <=
                0.5 * o.signal_cluster_m)
            uf.unite(a, b);
    }
    std::vector<std::int32_t> cluster_id(signals.size(), -1);
    std::int32_t clusters = 0;
    for (std::uint32_t k = 0; k < signals.size(); ++k)
        if (uf.find(k) == k) cluster_id[k] = clusters++;
    out.clusters_total = static_cast<std::size_t>(clusters);
    for (std::size_t j = 0; j < nj; ++j)
        if (first_signal_of[j] != kNoIndex) out.junction_cluster[j] = cluster_id[uf.find(first_signal_of[j])];

    // Inner junctions of a dual-carriageway crossing: reads only the assignment above, so
    // the result does not depend on the order junctions are visited in.
    const std::vector<std::int32_t> direct = out.junction_cluster;
    for (std::size_t j = 0; j < nj; ++j) {
        if (direct[j] >= 0 || g.junction_degree[j] < 3) continue;
        for (std::uint32_t s : g.junction_segments[j]) {
            const Segment& seg = g.segments[s];
            const std::uint32_t other = seg.from.index() == j ? seg.to.index() : seg.from.index();
            const bool one_way = seg.links[0].valid() != seg.links[1].valid();
            const Vec2 p = g.net.junctions[j].position;
            if (direct[other] < 0 || !one_way || distance(p, g.net.junctions[other].position) > 0.5 * o.signal_cluster_m)
                continue;
            const std::uint32_t sig = first_signal_of[other];
            if (sig != kNoIndex && distance(p, signal_pos[sig]) <= o.signal_cluster_m) {
                out.junction_cluster[j] = direct[other];
                break;
            }
        }
    }
    return out;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> crossing_joins(const RoadGraph& g,
                                                                    const std::vector<std::int32_t>& cluster,
                                                                    double max_m) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const Segment& s : g.segments) {
        const std::int32_t a = cluster[s.from.index()], b = cluster[s.to.index()];
        if (a < 0 || a != b) continue;
        const auto& nodes = g.way_nodes[s.way];
        double length_m = 0.0;
        for (std::uint32_t i = s.first; i < s.last && length_m <= max_m; ++i)
            length_m += distance(g.node_pos[nodes[i]], g.node_pos[nodes[i + 1]]);
        if (length_m <= max_m) out.emplace_back(nodes[s.first], nodes[s.last]);
    }
    return out;
}

}  // namespace ut::import
