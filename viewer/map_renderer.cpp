#include "map_renderer.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <SFML/OpenGL.hpp>

#include "palette.hpp"

namespace ut::viewer {

namespace {

constexpr float kSignalHeadMaxMpp = 1.2f;  // beyond this a 2 m head is under 2 px: not drawn

sf::Color to_sf(Rgb c, std::uint8_t a = 255) { return {c.r, c.g, c.b, a}; }

sf::FloatRect visible_rect(const sf::View& v, float margin) {
    const sf::Vector2f c = v.getCenter(), s = v.getSize();
    return {c.x - s.x * 0.5f - margin, c.y - s.y * 0.5f - margin, s.x + 2 * margin, s.y + 2 * margin};
}

// Map coordinates to the pixels of a pane of `px` pixels showing `view`.
PaneTransform pane_transform(const sf::View& view, sf::Vector2u px) {
    const sf::Vector2f c = view.getCenter(), s = view.getSize();
    return {c.x - s.x * 0.5f, c.y - s.y * 0.5f, static_cast<float>(px.x) / s.x, static_cast<float>(px.y) / s.y};
}

// Thick polyline as triangles.
void add_thick_line(std::vector<sf::Vertex>& out, const std::vector<sf::Vector2f>& pts, float half, sf::Color c) {
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        sf::Vector2f d = pts[i + 1] - pts[i];
        const float n = std::hypot(d.x, d.y);
        if (n <= 0.0f) continue;
        d /= n;
        const sf::Vector2f off{-d.y * half, d.x * half};
        const sf::Vertex a(pts[i] + off, c), b(pts[i + 1] + off, c), e(pts[i + 1] - off, c), f(pts[i] - off, c);
        out.insert(out.end(), {a, b, e, a, e, f});
    }
}

}  // namespace

MapRenderer::MapRenderer(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes)
    : geo_(geometry), painter_(geometry, std::move(type_classes)) {
    // ~1 km tiles, at most 64 x 64: a zoomed-in view paints only what it sees.
    const sf::FloatRect b = geo_.bounds();
    const int tiles = std::clamp(static_cast<int>(std::max(b.width, b.height) / 1000.0f) + 1, 1, 64);
    const sf::FloatRect padded{b.left - 50.0f, b.top - 50.0f, b.width + 100.0f, b.height + 100.0f};
    lanes_ = std::make_unique<TiledBuffer>(geo_.lane_quads(), geo_.lane_quad_link(), 4, padded, tiles);
    junctions_ = std::make_unique<TiledBuffer>(geo_.junction_triangles(), std::vector<std::uint32_t>{}, 3, padded, tiles);
}

void MapRenderer::set_lane_colors(const std::vector<std::optional<Rgb>>* per_link) {
    // Plain roads stay plain when new link values arrive (every sample): recolouring every
    // lane and repainting the roads image for the same colours would cost a frame its budget.
    if (!per_link && plain_lanes_) return;
    plain_lanes_ = !per_link;
    ++lane_version_;
    const sf::Color road = to_sf(kRoad);
    lanes_->recolor([&](std::uint32_t link) {
        if (!per_link || link >= per_link->size() || !(*per_link)[link]) return road;
        return to_sf(*(*per_link)[link]);
    });
}

void MapRenderer::refresh_roads(const sf::View& view, sf::Vector2u px, sf::FloatRect vis) {
    if (px == roads_px_ && roads_center_ == view.getCenter() && roads_size_ == view.getSize() &&
        roads_lane_version_ == lane_version_)
        return;
    roads_.resize(static_cast<int>(px.x), static_cast<int>(px.y));
    const sf::Color bg = to_sf(kBackground);
    roads_.fill_rect(0, 0, roads_.width(), roads_.height(), argb(bg.r, bg.g, bg.b));
    const PaneTransform to_px = pane_transform(view, px);
    const auto paint = [&](std::size_t corners) {
        return [&, corners](const sf::Vertex* v) {
            std::array<PixelPoint, 4> q;
            for (std::size_t k = 0; k < corners; ++k) q[k] = to_px(v[k].position);
            roads_.fill_convex(q.data(), static_cast<int>(corners), argb(v[0].color.r, v[0].color.g, v[0].color.b));
        };
    };
    lanes_->for_each_visible(vis, paint(4));
    junctions_->for_each_visible(vis, paint(3));
    roads_px_ = px;
    roads_center_ = view.getCenter();
    roads_size_ = view.getSize();
    roads_lane_version_ = lane_version_;
    ++roads_serial_;
}

void MapRenderer::compose(const engine::Snapshot& snap, const PaneTransform& to_px, sf::FloatRect vis,
                          const MapDrawOptions& o) {
    image_.copy_from(roads_);
    if (o.signal_heads && o.meters_per_pixel <= kSignalHeadMaxMpp) paint_signal_heads(image_, to_px, geo_, snap, vis);
    last_vehicles_ = o.vehicles ? painter_.paint(image_, to_px, snap, vis,
                                                 {o.meters_per_pixel, o.vehicles_by_speed, o.transit})
                                : 0;
}

void MapRenderer::build_selection(const MapDrawOptions& o) {
    overlay_vertices_.clear();
    const float mpp = o.meters_per_pixel;
    if (o.selected_link.valid() && o.selected_link.index() < geo_.network().links.size()) {
        std::vector<sf::Vector2f> pts;
        for (Vec2 q : geo_.network().link(o.selected_link).shape) pts.push_back(geo_.to_map(q));
        const float half = 0.5f * 3.5f * static_cast<float>(geo_.network().link(o.selected_link).lanes.size());
        add_thick_line(overlay_vertices_, pts, std::max(half, 3.0f * mpp), sf::Color(255, 255, 255, 70));
    }
    if (o.selected_junction.valid()) {
        // A ring around the junction, at least 12 px so it is found when zoomed out.
        const sf::Vector2f c = geo_.junction_position(o.selected_junction);
        const float r = std::max(22.0f, 12.0f * mpp), w = std::max(1.0f, 1.5f * mpp);
        std::vector<sf::Vector2f> ring;
        for (int i = 0; i <= 48; ++i) {
            const float a = static_cast<float>(i) * 6.2831853f / 48.0f;
            ring.push_back(c + sf::Vector2f{std::cos(a) * r, std::sin(a) * r});
        }
        add_thick_line(overlay_vertices_, ring, w, to_sf(kSelection, 220));
    }
    for (ConnectionId id : o.highlight)
        add_thick_line(overlay_vertices_, geo_.connection_path(id), std::max(0.6f, 1.5f * mpp), sf::Color(255, 255, 255, 200));
}

void MapRenderer::draw(sf::RenderWindow& window, const sf::View& view,
                       const std::shared_ptr<const engine::Snapshot>& snapshot, const MapDrawOptions& o,
                       FrameTimer& timer) {
    // With --gl-finish each part waits for the GPU, so its share lands in the right part.
    const auto part_done = [&](FramePart part) {
        if (o.finish_layers) glFinish();
        timer.mark(part);
    };
    const sf::Vector2u size = window.getSize();
    const sf::FloatRect vp = view.getViewport();
    const sf::Vector2u px{static_cast<unsigned>(std::lround(vp.width * static_cast<float>(size.x))),
                          static_cast<unsigned>(std::lround(vp.height * static_cast<float>(size.y)))};
    if (px.x == 0 || px.y == 0) return;
    const sf::FloatRect vis = visible_rect(view, 20.0f);
    timer.mark(FramePart::Map);

    refresh_roads(view, px, vis);
    part_done(FramePart::Roads);

    // Paused, or drawing faster than the simulation publishes: the composed image still holds.
    const ComposeKey key{roads_serial_, o.meters_per_pixel, o.vehicles, o.vehicles_by_speed, o.transit, o.signal_heads};
    const bool recompose = snapshot != composed_snapshot_ || !(key == composed_key_);
    if (recompose) {
        compose(*snapshot, pane_transform(view, px), vis, o);
        if (snapshot != composed_snapshot_) timer.count_snapshot();
        composed_snapshot_ = snapshot;
        composed_key_ = key;
    }
    build_selection(o);
    timer.mark(FramePart::Compose);

    if (recompose) texture_.upload(window, image_);
    texture_.blit(window, static_cast<int>(std::lround(vp.left * static_cast<float>(size.x))),
                  static_cast<int>(std::lround(vp.top * static_cast<float>(size.y))));
    if (!overlay_vertices_.empty()) {
        window.setView(view);
        window.draw(overlay_vertices_.data(), overlay_vertices_.size(), sf::Triangles);
    }
    part_done(FramePart::Map);
}

}  // namespace ut::viewer
