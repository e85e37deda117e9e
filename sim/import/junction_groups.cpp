#include "import/junction_groups.hpp"

#include <algorithm>
#include <cmath>
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
