#include "map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <SFML/Graphics/Image.hpp>
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

// An SFML image (RGBA bytes, rows top-down) into a pane raster (0xAARRGGBB).
void copy_image(const sf::Image& from, PaneRaster& to) {
    const sf::Vector2u size = from.getSize();
    to.resize(static_cast<int>(size.x), static_cast<int>(size.y));
    const sf::Uint8* p = from.getPixelsPtr();
    for (int y = 0; y < to.height(); ++y) {
        std::uint32_t* row = to.row(y);
        for (int x = 0; x < to.width(); ++x, p += 4) row[x] = argb(p[0], p[1], p[2]);
    }
}

}  // namespace

MapRenderer::MapRenderer(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes)
    : geo_(geometry), painter_(geometry, std::move(type_classes)) {
    // ~1 km tiles, at most 64 x 64: a zoomed-in view renders only what it sees.
    const sf::FloatRect b = geo_.bounds();
    const int tiles = std::clamp(static_cast<int>(std::max(b.width, b.height) / 1000.0f) + 1, 1, 64);
    const sf::FloatRect padded{b.left - 50.0f, b.top - 50.0f, b.width + 100.0f, b.height + 100.0f};
    lanes_ = std::make_unique<TiledBuffer>(geo_.lane_quads(), geo_.lane_quad_link(), sf::Quads, 4, padded, tiles);
    junctions_ = std::make_unique<TiledBuffer>(geo_.junction_triangles(), std::vector<std::uint32_t>{},
                                               sf::Triangles, 3, padded, tiles);
}

void MapRenderer::set_lane_colors(const std::vector<std::optional<Rgb>>* per_link) {
    // Plain roads stay plain when new link values arrive (every sample): re-uploading every
    // lane and re-rendering the roads image for the same colours cost a frame its budget.
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
    if (px != roads_px_ && !roads_target_.create(px.x, px.y))
        throw std::runtime_error("cannot create an off-screen image of the map (OpenGL framebuffer objects)");
    sf::View full = view;
    full.setViewport({0.0f, 0.0f, 1.0f, 1.0f});
    roads_target_.setView(full);
    roads_target_.clear(to_sf(kBackground));
    lanes_->draw(roads_target_, vis);
    junctions_->draw(roads_target_, vis);
    roads_target_.display();
    copy_image(roads_target_.getTexture().copyToImage(), roads_);
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
        const sf::Vector2f c = view.getCenter(), s = view.getSize();
        const PaneTransform to_px{c.x - s.x * 0.5f, c.y - s.y * 0.5f, static_cast<float>(px.x) / s.x,
                                  static_cast<float>(px.y) / s.y};
        compose(*snapshot, to_px, vis, o);
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
