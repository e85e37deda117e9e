#include "map_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "palette.hpp"

namespace ut::viewer {

namespace {

sf::Color to_sf(Rgb c) { return {c.r, c.g, c.b}; }

sf::Vector2f unit(sf::Vector2f v) {
    const float n = std::hypot(v.x, v.y);
    return n > 0.0f ? v / n : sf::Vector2f{1.0f, 0.0f};
}

// Appends a quad of the segment a-b, `half_width` to each side.
void add_segment_quad(std::vector<sf::Vertex>& out, sf::Vector2f a, sf::Vector2f b, float half_width, sf::Color c) {
    const sf::Vector2f d = unit(b - a);
    const sf::Vector2f n{-d.y * half_width, d.x * half_width};
    out.emplace_back(a + n, c);
    out.emplace_back(b + n, c);
    out.emplace_back(b - n, c);
    out.emplace_back(a - n, c);
}

float cross2(sf::Vector2f o, sf::Vector2f a, sf::Vector2f b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// Andrew's monotone chain: the junction area is the hull of its lane ends.
std::vector<sf::Vector2f> convex_hull(std::vector<sf::Vector2f> p) {
    std::sort(p.begin(), p.end(), [](auto a, auto b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    if (p.size() < 3) return p;
    std::vector<sf::Vector2f> h(2 * p.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        while (k >= 2 && cross2(h[k - 2], h[k - 1], p[i]) <= 0.0f) --k;
        h[k++] = p[i];
    }
    for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross2(h[k - 2], h[k - 1], p[i - 1]) <= 0.0f) --k;
        h[k++] = p[i - 1];
    }
    h.resize(k - 1);
    return h;
}

int turn_order(network::Turn t) {  // right-most slice first
    switch (t) {
        case network::Turn::Right: return 0;
        case network::Turn::Straight: return 1;
        case network::Turn::Left: return 2;
        case network::Turn::UTurn: return 3;
    }
    return 1;
}

float segment_distance(sf::Vector2f p, sf::Vector2f a, sf::Vector2f b) {
    const sf::Vector2f ab = b - a;
    const float len2 = ab.x * ab.x + ab.y * ab.y;
    const float t = len2 > 0.0f ? std::clamp(((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / len2, 0.0f, 1.0f) : 0.0f;
    const sf::Vector2f q = a + ab * t - p;
    return std::hypot(q.x, q.y);
}

}  // namespace

MapGeometry::MapGeometry(const engine::CompiledNetwork& net) : net_(net) {
    const network::Network& n = net.source();
    double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const network::Junction& j : n.junctions) {
        x0 = std::min(x0, j.position.x), x1 = std::max(x1, j.position.x);
        y0 = std::min(y0, j.position.y), y1 = std::max(y1, j.position.y);
    }
    for (const network::Link& l : n.links) {
        for (Vec2 p : l.shape) {
            x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
            y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
        }
        top_speed_mps_ = std::max(top_speed_mps_, l.speed_limit_mps);
    }
    if (x0 > x1) x0 = y0 = x1 = y1 = 0.0;
    origin_ = {0.5 * (x0 + x1), 0.5 * (y0 + y1)};
    const sf::Vector2f lo = to_map({x0, y1});
    bounds_ = {lo.x, lo.y, static_cast<float>(x1 - x0), static_cast<float>(y1 - y0)};
    signalised_.resize(n.junctions.size());
    for (std::size_t j = 0; j < n.junctions.size(); ++j)
        signalised_[j] = n.junctions[j].control == network::JunctionControl::TrafficSignals;
    build_lanes();
    build_junctions();
    build_signal_heads();
}

void MapGeometry::build_lanes() {
    const network::Network& n = net_.source();
    const sf::Color road = to_sf(kRoad);
    for (std::uint32_t lane = 0; lane < net_.road_lane_count(); ++lane) {
        const std::uint32_t link = net_.lane_link[lane];
        const Polyline& shape = net_.lane_shape(lane);
        // 88 % of the width: the dark gap between neighbouring lanes reads as a lane line.
        const float half = 0.44f * static_cast<float>(n.links[link].lanes[net_.lane_index[lane]].width_m);
        for (std::size_t i = 0; i + 1 < shape.size(); ++i) {
            add_segment_quad(lane_quads_, to_map(shape[i]), to_map(shape[i + 1]), half, road);
            lane_quad_link_.push_back(link);
        }
    }
    for (std::uint32_t l = 0; l < n.links.size(); ++l) {
        const network::Link& link = n.links[l];
        if (link.name.empty() || link.shape.size() < 2) continue;
        const PointOnLine mid = point_along(link.shape, 0.5 * link.length_m);
        labels_.push_back({to_map(mid.point), {static_cast<float>(mid.heading.x), static_cast<float>(-mid.heading.y)},
                           l, static_cast<float>(link.length_m)});
    }
}

void MapGeometry::build_junctions() {
    const network::Network& n = net_.source();
    std::vector<std::vector<sf::Vector2f>> points(n.junctions.size());
    for (std::uint32_t lane = 0; lane < net_.road_lane_count(); ++lane) {
        const network::Link& link = n.links[net_.lane_link[lane]];
        const Polyline& shape = net_.lane_shape(lane);
        if (shape.size() < 2) continue;
        const float half = 0.5f * static_cast<float>(link.lanes[net_.lane_index[lane]].width_m);
        const auto add_end = [&](std::size_t junction, Vec2 p, Vec2 q) {
            const sf::Vector2f d = unit(to_map(q) - to_map(p));
            const sf::Vector2f nrm{-d.y * half, d.x * half};
            points[junction].push_back(to_map(p) + nrm);
            points[junction].push_back(to_map(p) - nrm);
        };
        add_end(link.to.index(), shape.back(), shape[shape.size() - 2]);
        add_end(link.from.index(), shape.front(), shape[1]);
    }
    const sf::Color fill = to_sf(kJunction);
    for (std::size_t j = 0; j < points.size(); ++j) {
        if (points[j].size() < 3) continue;
        const std::vector<sf::Vector2f> hull = convex_hull(std::move(points[j]));
        if (hull.size() < 3) continue;
        for (std::size_t i = 1; i + 1 < hull.size(); ++i) {
            junction_triangles_.emplace_back(hull[0], fill);
            junction_triangles_.emplace_back(hull[i], fill);
            junction_triangles_.emplace_back(hull[i + 1], fill);
        }
    }
}

void MapGeometry::build_signal_heads() {
    const network::Network& n = net_.source();
    // Connections leaving each road lane at a signalised junction, right-most turn first.
    for (std::uint32_t lane = 0; lane < net_.road_lane_count(); ++lane) {
        std::vector<std::uint32_t> conns;
        for (std::uint32_t c : net_.connections_from(lane))
            if (signalised_[net_.conn_junction[c]]) conns.push_back(c);
        if (conns.empty()) continue;
        std::stable_sort(conns.begin(), conns.end(), [&](std::uint32_t a, std::uint32_t b) {
            return turn_order(n.connections[a].turn) < turn_order(n.connections[b].turn);
        });
        const Polyline& shape = net_.lane_shape(lane);
        if (shape.size() < 2) continue;
        const sf::Vector2f end = to_map(shape.back());
        const sf::Vector2f d = unit(end - to_map(shape[shape.size() - 2]));
        const sf::Vector2f right{-d.y, d.x};  // the driver's right (map y is flipped)
        const float width = 0.9f * static_cast<float>(n.links[net_.lane_link[lane]].lanes[net_.lane_index[lane]].width_m);
        const float depth = 2.0f;
        const float slice = width / static_cast<float>(conns.size());
        for (std::size_t k = 0; k < conns.size(); ++k) {
            const float a = 0.5f * width - slice * static_cast<float>(k);
            const float b = a - slice * 0.85f;  // a hairline between slices keeps them apart
            const sf::Vector2f back = end - d * depth;
            head_corners_.push_back(back + right * a);
            head_corners_.push_back(end + right * a);
            head_corners_.push_back(end + right * b);
            head_corners_.push_back(back + right * b);
            head_connection_.push_back(conns[k]);
        }
    }
}

std::vector<sf::Vector2f> MapGeometry::connection_path(ConnectionId c) const {
    std::vector<sf::Vector2f> out;
    const std::uint32_t lane = net_.conn_internal_lane[c.index()];
    for (Vec2 p : net_.lane_shape(lane)) out.push_back(to_map(p));
    return out;
}

std::optional<JunctionId> MapGeometry::pick_junction(sf::Vector2f p, float max_distance_m) const {
    std::optional<JunctionId> best;
    float best_d = max_distance_m;
    const auto& js = network().junctions;
    for (std::uint32_t j = 0; j < js.size(); ++j) {
        const sf::Vector2f q = to_map(js[j].position) - p;
        const float d = std::hypot(q.x, q.y);
        if (d <= best_d) best_d = d, best = JunctionId{j};
    }
    return best;
}

std::optional<LinkId> MapGeometry::pick_link(sf::Vector2f p, float max_distance_m) const {
    std::optional<LinkId> best;
    float best_d = max_distance_m;
    const auto& links = network().links;
    for (std::uint32_t l = 0; l < links.size(); ++l) {
        const Polyline& s = links[l].shape;
        for (std::size_t i = 0; i + 1 < s.size(); ++i) {
            // A link's shape is the centre of its own direction, so the two directions of a
            // street are told apart by which side of the street was clicked.
            const float d = segment_distance(p, to_map(s[i]), to_map(s[i + 1]));
            if (d < best_d) best_d = d, best = LinkId{l};
        }
    }
    return best;
}

}  // namespace ut::viewer
