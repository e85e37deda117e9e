#include "import/junction_groups.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <unordered_map>

#include "import/road_graph.hpp"

namespace ut::import {

namespace {

struct UnionFind {
    std::vector<std::uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) {
        for (std::size_t i = 0; i < n; ++i) parent[i] = static_cast<std::uint32_t>(i);
    }
    std::uint32_t find(std::uint32_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    }
    // The smaller index stays the root, so roots do not depend on the order of unions.
    std::uint32_t unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
        return std::min(a, b);
    }
};

JunctionGroups number_groups(UnionFind& uf, std::size_t n) {
    JunctionGroups g;
    g.group_of.assign(n, 0);
    std::vector<std::uint32_t> id_of_root(n, kNoIndex);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t root = uf.find(i);
        if (id_of_root[root] == kNoIndex) id_of_root[root] = static_cast<std::uint32_t>(g.position.size()), g.position.push_back({});
        g.group_of[i] = id_of_root[root];
    }
    return g;
}

}  // namespace

JunctionGroups group_close_points(const std::vector<Vec2>& points, double distance_m) {
    UnionFind uf(points.size());
    const double cell = std::max(distance_m, 1e-3);
    std::unordered_map<PointKey, std::vector<std::uint32_t>, PointKeyHash> grid;
    auto cell_of = [&](Vec2 p, int dx, int dy) {
        return PointKey{static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(p.x / cell)) + dx),
                        static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(p.y / cell)) + dy)};
    };
    for (std::uint32_t k = 0; k < points.size(); ++k) {
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                if (const auto it = grid.find(cell_of(points[k], dx, dy)); it != grid.end())
                    for (std::uint32_t other : it->second)
                        if (distance(points[k], points[other]) < distance_m) uf.unite(k, other);
        grid[cell_of(points[k], 0, 0)].push_back(k);
    }
    JunctionGroups g = number_groups(uf, points.size());
    std::vector<std::uint8_t> placed(g.position.size(), 0);
    for (std::uint32_t i = 0; i < points.size(); ++i)
        if (!placed[g.group_of[i]]) g.position[g.group_of[i]] = points[i], placed[g.group_of[i]] = 1;
    return g;
}

std::vector<JunctionPiece> mini_roundabout_joins(const std::vector<Vec2>& points, const std::vector<RoadPiece>& pieces,
                                                 const std::vector<std::uint32_t>& group_of, double hold_length_m,
                                                 double max_extent_m) {
    const std::size_t n = points.size();
    std::vector<std::vector<std::uint32_t>> neighbours(n);
    std::vector<double> widest_m(n, 0.0);
    UnionFind ring_of(n);
    std::vector<std::uint32_t> ring_pieces_at(n, 0);
    for (const RoadPiece& p : pieces) {
        if (p.a == p.b) continue;
        for (auto [x, y] : {std::pair{p.a, p.b}, std::pair{p.b, p.a}}) {
            neighbours[x].push_back(y);
            widest_m[x] = std::max(widest_m[x], p.width_m);
            ring_pieces_at[x] += p.roundabout ? 1 : 0;
        }
        if (p.roundabout) ring_of.unite(p.a, p.b);
    }
    std::vector<std::uint32_t> degree(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& nb = neighbours[i];
        std::sort(nb.begin(), nb.end());
        degree[i] = static_cast<std::uint32_t>(std::unique(nb.begin(), nb.end()) - nb.begin());
    }
    // Per ring (by its root): whether it qualifies so far, and its extent.
    struct Ring {
        bool small = true;   // every piece leaves less than three cars
        bool closed = true;  // every point has two ring pieces
        std::vector<std::uint32_t> groups;  // of its points without this rule
        Vec2 lo{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
        Vec2 hi{std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    };
    std::unordered_map<std::uint32_t, Ring> rings;
    for (const RoadPiece& p : pieces) {
        if (!p.roundabout || p.a == p.b) continue;
        Ring& r = rings[ring_of.find(p.a)];
        // What make_link keeps of the piece (road_graph.cpp): set back at both ends, but
        // never below 40 % of it or the room for one car.
        const double set_back = setback_m(degree[p.a], widest_m[p.a]) + setback_m(degree[p.b], widest_m[p.b]);
        const double kept = std::max({p.length_m - set_back, 0.4 * p.length_m, std::min(p.length_m, hold_length_m)});
        r.small = r.small && kept < 3.0 * hold_length_m;
        r.closed = r.closed && ring_pieces_at[p.a] >= 2 && ring_pieces_at[p.b] >= 2;
        for (const std::uint32_t q : {p.a, p.b}) {
            r.lo = {std::min(r.lo.x, points[q].x), std::min(r.lo.y, points[q].y)};
            r.hi = {std::max(r.hi.x, points[q].x), std::max(r.hi.y, points[q].y)};
            r.groups.push_back(group_of[q]);
        }
    }
    for (auto& [root, r] : rings) {
        std::sort(r.groups.begin(), r.groups.end());
        r.groups.erase(std::unique(r.groups.begin(), r.groups.end()), r.groups.end());
    }
    std::vector<JunctionPiece> out;
    for (const RoadPiece& p : pieces) {
        if (!p.roundabout || p.a == p.b) continue;
        const Ring& r = rings[ring_of.find(p.a)];
        if (r.closed && (r.small || r.groups.size() == 2) && distance(r.lo, r.hi) <= max_extent_m)
            out.push_back({p.a, p.b, 0.0, max_extent_m});
    }
    return out;
}

JunctionGroups join_by_pieces(const std::vector<Vec2>& points, std::vector<JunctionPiece> pieces) {
    UnionFind uf(points.size());
    struct Box {
        Vec2 lo, hi;
    };
    std::vector<Box> box(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) box[i] = {points[i], points[i]};
    std::erase_if(pieces, [](const JunctionPiece& p) { return p.a == p.b; });
    std::stable_sort(pieces.begin(), pieces.end(), [](const JunctionPiece& x, const JunctionPiece& y) {
        return x.length_m < y.length_m;
    });
    for (const JunctionPiece& p : pieces) {
        const std::uint32_t ra = uf.find(p.a), rb = uf.find(p.b);
        if (ra == rb) continue;
        const Box joined{{std::min(box[ra].lo.x, box[rb].lo.x), std::min(box[ra].lo.y, box[rb].lo.y)},
                         {std::max(box[ra].hi.x, box[rb].hi.x), std::max(box[ra].hi.y, box[rb].hi.y)}};
        if (distance(joined.lo, joined.hi) > p.max_extent_m) continue;  // not one junction any more
        box[uf.unite(ra, rb)] = joined;
    }
    JunctionGroups g = number_groups(uf, points.size());
    std::vector<Vec2> sum(g.position.size());
    std::vector<std::uint32_t> members(g.position.size(), 0);
    std::vector<Vec2> first(g.position.size());
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        const std::uint32_t k = g.group_of[i];
        if (members[k]++ == 0) first[k] = points[i];
        sum[k] = sum[k] + points[i];
    }
    for (std::size_t k = 0; k < g.position.size(); ++k)
        g.position[k] = members[k] == 1 ? first[k] : sum[k] * (1.0 / members[k]);
    return g;
}

}  // namespace ut::import
