#include "map_renderer.hpp"

#include <algorithm>
#include <cmath>

#include <SFML/Graphics/Sprite.hpp>
#include <SFML/OpenGL.hpp>

#include "palette.hpp"
#include "transit.hpp"

namespace ut::viewer {

namespace {

constexpr std::size_t kSpeedLutSize = 64;
constexpr float kSignalHeadMaxMpp = 1.2f;
constexpr std::size_t kCacheMinVertices = 150'000;  // beyond this a 2 m head is under 2 px: not drawn
const sf::Color kBusOutline{245, 245, 245};

sf::Color to_sf(Rgb c, std::uint8_t a = 255) { return {c.r, c.g, c.b, a}; }

sf::Color signal_color(signals::SignalColor c) {
    switch (c) {
        case signals::SignalColor::Red: return {230, 40, 40};
        case signals::SignalColor::Yellow: return {255, 190, 0};
        case signals::SignalColor::Green: return {40, 220, 90};
        case signals::SignalColor::GreenPermissive: return {150, 240, 170};  // paler: must yield
    }
    return sf::Color::White;
}

float vehicle_half_width(network::VehicleClass c) {
    return c == network::VehicleClass::Car ? 0.9f : 1.25f;
}

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

}  // namespace

MapRenderer::MapRenderer(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes)
    : geo_(geometry), type_classes_(std::move(type_classes)) {
    // ~1 km tiles, at most 64 x 64: fine enough to cull a zoomed-in view, few enough calls.
    const sf::FloatRect b = geo_.bounds();
    const int tiles = std::clamp(static_cast<int>(std::max(b.width, b.height) / 1000.0f) + 1, 1, 64);
    const sf::FloatRect padded{b.left - 50.0f, b.top - 50.0f, b.width + 100.0f, b.height + 100.0f};
    lanes_ = std::make_unique<TiledBuffer>(geo_.lane_quads(), geo_.lane_quad_link(), sf::Quads, 4, padded, tiles);
    junctions_ = std::make_unique<TiledBuffer>(geo_.junction_triangles(), std::vector<std::uint32_t>{},
                                               sf::Triangles, 3, padded, tiles);
    for (std::size_t i = 0; i < kSpeedLutSize; ++i)
        speed_lut_.push_back(to_sf(speed_color(static_cast<double>(i) / (kSpeedLutSize - 1), 1.0)));
}

void MapRenderer::set_lane_colors(const std::vector<std::optional<Rgb>>* per_link) {
    // Plain roads stay plain when new link values arrive (every sample): re-uploading every
    // lane and re-rendering the cached map for the same colours cost a frame its budget.
    if (!per_link && plain_lanes_) return;
    plain_lanes_ = !per_link;
    ++lane_version_;
    const sf::Color road = to_sf(kRoad);
    lanes_->recolor([&](std::uint32_t link) {
        if (!per_link || link >= per_link->size() || !(*per_link)[link]) return road;
        return to_sf(*(*per_link)[link]);
    });
}

namespace {

// Appends the two triangles of a box from `rear` to `front`, reaching `n` to each side.
sf::Vertex* emit_box(sf::Vertex* out, sf::Vector2f front, sf::Vector2f rear, sf::Vector2f n, sf::Color c) {
    const sf::Vertex fl(front + n, c), fr(front - n, c), rr(rear - n, c), rl(rear + n, c);
    *out++ = fl, *out++ = fr, *out++ = rr;
    *out++ = fl, *out++ = rr, *out++ = rl;
    return out;
}

// A bus in the transit layer: by its load share once the engine reports loads.
sf::Color transit_bus_fill(const engine::VehicleSnapshot& v) {
    const std::optional<BusLoad> load = bus_load(v);
    if (load && load->capacity > 0.0) return to_sf(bus_color(load->passengers / load->capacity));
    return to_sf(bus_color(std::nullopt));
}

}  // namespace

void MapRenderer::build_vehicles(const engine::Snapshot& snap, sf::FloatRect vis, const MapDrawOptions& o) {
    const float mpp = o.meters_per_pixel;
    const bool detailed = 4.5f / mpp >= 5.0f;  // a car at least 5 px long: draw its shape
    const bool points = 4.5f / mpp < 1.5f;     // far out: one 2 px point per vehicle
    vehicle_type_ = detailed ? sf::Triangles : points ? sf::Points : sf::Quads;
    const float inv_top = static_cast<float>(1.0 / geo_.top_speed_mps());
    // At least 3 x 2.5 px: zoomed out, a vehicle is a visible dot, and queues read as lines.
    const float min_len = 3.0f * mpp, min_half = 1.25f * mpp;
    // Buses are boxes in a white frame, never smaller than 7 x 4 px, so they stand out from
    // the cars' arrows and quads; where cars are dots, buses are bigger dots.
    const float bus_min_len = 7.0f * mpp, bus_min_half = 2.0f * mpp, bus_frame = std::max(0.45f, 0.9f * mpp);
    const std::size_t per = detailed ? 9 : points ? 1 : 4;
    // Grown, never shrunk: resizing down and up again would clear megabytes every frame.
    if (vehicle_vertices_.size() < snap.vehicles.size() * per) vehicle_vertices_.resize(snap.vehicles.size() * per);
    sf::Vertex* out = vehicle_vertices_.data();
    bus_vertices_.clear();
    bus_frame_points_.clear();
    std::size_t drawn = 0;
    const float vx0 = vis.left, vy0 = vis.top, vx1 = vis.left + vis.width, vy1 = vis.top + vis.height;
    const sf::Color other = to_sf(o.transit ? kDimVehicle : kNeutralVehicle);
    for (const engine::VehicleSnapshot& v : snap.vehicles) {
        const sf::Vector2f p = geo_.to_map(v.position);
        if (p.x < vx0 || p.x > vx1 || p.y < vy0 || p.y > vy1) continue;
        ++drawn;
        const sf::Vector2f h{static_cast<float>(v.heading.x), static_cast<float>(-v.heading.y)};
        const network::VehicleClass cls =
            v.vehicle_type < type_classes_.size() ? type_classes_[v.vehicle_type] : network::VehicleClass::Car;
        const std::size_t lut = std::min<std::size_t>(
            kSpeedLutSize - 1, static_cast<std::size_t>(v.speed_mps * inv_top * (kSpeedLutSize - 1) + 0.5f));
        if (cls == network::VehicleClass::Bus) {
            const sf::Color fill = o.transit ? transit_bus_fill(v) : o.vehicles_by_speed ? speed_lut_[lut] : other;
            if (points) {
                // Far out a bigger dot, in a white ring in the transit layer: a ring round one
                // vehicle in ten would bury the cars' queues in the plain view.
                const sf::Vector2f mid = p - h * (0.5f * v.length_m);
                if (o.transit) bus_frame_points_.emplace_back(mid, kBusOutline);
                bus_vertices_.emplace_back(mid, fill);
                continue;
            }
            const float len = std::max(v.length_m, bus_min_len), half = std::max(vehicle_half_width(cls), bus_min_half);
            const sf::Vector2f n{-h.y, h.x};
            const std::size_t at = bus_vertices_.size();
            bus_vertices_.resize(at + 12);
            sf::Vertex* b = bus_vertices_.data() + at;
            b = emit_box(b, p + h * bus_frame, p - h * (len + bus_frame), n * (half + bus_frame), kBusOutline);
            emit_box(b, p, p - h * len, n * half, fill);
            continue;
        }
        const sf::Color fill = o.vehicles_by_speed ? speed_lut_[lut] : other;
        if (points) {
            // The middle of the vehicle, so a queue's dots line up behind the stop line.
            *out++ = sf::Vertex(p - h * (0.5f * v.length_m), fill);
            continue;
        }
        const float len = std::max(v.length_m, min_len);
        const float half = std::max(vehicle_half_width(cls), min_half);
        const sf::Vector2f n{-h.y * half, h.x * half};
        const sf::Vector2f rear = p - h * len;
        if (!detailed) {
            *out++ = sf::Vertex(p + n, fill);
            *out++ = sf::Vertex(p - n, fill);
            *out++ = sf::Vertex(rear - n, fill);
            *out++ = sf::Vertex(rear + n, fill);
            continue;
        }
        // An arrow-nosed box: the direction of travel is visible at a glance.
        const sf::Vector2f shoulder = p - h * std::min(1.4f, 0.3f * len);
        out = emit_box(out, shoulder, rear, n, fill);
        *out++ = sf::Vertex(shoulder + n, fill), *out++ = sf::Vertex(shoulder - n, fill), *out++ = sf::Vertex(p, fill);
    }
    vehicle_count_ = static_cast<std::size_t>(out - vehicle_vertices_.data());
    last_vehicles_ = drawn;
}

void MapRenderer::build_signal_heads(const engine::Snapshot& snap, sf::FloatRect vis) {
    head_vertices_.clear();
    const auto& corners = geo_.signal_head_corners();
    const auto& conns = geo_.signal_head_connection();
    for (std::size_t i = 0; i < conns.size(); ++i) {
        const sf::Vector2f c0 = corners[4 * i];
        if (!vis.contains(c0)) continue;
        const std::uint32_t c = conns[i];
        const sf::Color col =
            c < snap.connection_colors.size() ? signal_color(snap.connection_colors[c]) : sf::Color(128, 128, 128);
        for (std::size_t k = 0; k < 4; ++k) head_vertices_.emplace_back(corners[4 * i + k], col);
    }
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

void MapRenderer::draw_static(sf::RenderTarget& target, const sf::View& view, sf::FloatRect vis) {
    const sf::Vector2u size = target.getSize();
    const sf::FloatRect vp = view.getViewport();
    const sf::Vector2u px{static_cast<unsigned>(std::lround(vp.width * static_cast<float>(size.x))),
                          static_cast<unsigned>(std::lround(vp.height * static_cast<float>(size.y)))};
    if (px.x == 0 || px.y == 0) return;
    if (px != cache_px_) {
        cache_ok_ = static_cache_.create(px.x, px.y);
        cache_px_ = px;
        cache_valid_ = false;
    }
    // Copying the cached texture costs a full-pane quad; below ~150k vertices in view drawing
    // the geometry itself is cheaper (a software renderer samples every pixel of the copy).
    const bool worth_caching =
        lanes_->visible_vertices(vis) + junctions_->visible_vertices(vis) > kCacheMinVertices;
    if (!cache_ok_ || !worth_caching) {
        target.setView(view);
        lanes_->draw(target, vis);
        junctions_->draw(target, vis);
        return;
    }
    if (!cache_valid_ || cache_center_ != view.getCenter() || cache_size_ != view.getSize() ||
        cache_version_ != lane_version_) {
        sf::View full = view;
        full.setViewport({0.0f, 0.0f, 1.0f, 1.0f});
        static_cache_.setView(full);
        static_cache_.clear(to_sf(kBackground));
        lanes_->draw(static_cache_, vis);
        junctions_->draw(static_cache_, vis);
        static_cache_.display();
        cache_center_ = view.getCenter();
        cache_size_ = view.getSize();
        cache_version_ = lane_version_;
        cache_valid_ = true;
    }
    // A pixel view (the default view keeps the size the window was created with).
    target.setView(sf::View(sf::FloatRect(0.0f, 0.0f, static_cast<float>(size.x), static_cast<float>(size.y))));
    sf::Sprite sprite(static_cache_.getTexture());
    sprite.setPosition(std::round(vp.left * static_cast<float>(size.x)), std::round(vp.top * static_cast<float>(size.y)));
    target.draw(sprite, sf::BlendNone);  // opaque: no blending work for a full-pane quad
}

void MapRenderer::draw(sf::RenderTarget& target, const sf::View& view,
                       const std::shared_ptr<const engine::Snapshot>& snapshot, const MapDrawOptions& o,
                       FrameTimer& timer) {
    const sf::FloatRect vis = visible_rect(view, 20.0f);
    timer.mark(FramePart::Map);
    // Paused, or drawing faster than the simulation publishes: last frame's arrays still hold.
    const BuiltKey key{vis.left, vis.top, vis.width, vis.height, o.meters_per_pixel,
                       o.vehicles, o.vehicles_by_speed, o.transit, o.signal_heads};
    if (snapshot != built_snapshot_ || !(key == built_key_)) {
        if (o.vehicles) build_vehicles(*snapshot, vis, o);
        else vehicle_count_ = 0, last_vehicles_ = 0, bus_vertices_.clear(), bus_frame_points_.clear();
        if (o.signal_heads && o.meters_per_pixel <= kSignalHeadMaxMpp) build_signal_heads(*snapshot, vis);
        else head_vertices_.clear();
        built_snapshot_ = snapshot;
        built_key_ = key;
    }
    build_selection(o);
    timer.mark(FramePart::Vertices);

    draw_static(target, view, vis);
    target.setView(view);
    if (!head_vertices_.empty()) target.draw(head_vertices_.data(), head_vertices_.size(), sf::Quads);
    // SFML leaves the point size alone; the target's context must be the current one.
    const auto draw_points = [&](const sf::Vertex* v, std::size_t n, float size_px) {
        (void)target.setActive(true);
        glPointSize(size_px);
        target.draw(v, n, sf::Points);
        glPointSize(1.0f);
    };
    if (vehicle_count_ > 0) {
        if (vehicle_type_ == sf::Points) draw_points(vehicle_vertices_.data(), vehicle_count_, 2.0f);
        else target.draw(vehicle_vertices_.data(), vehicle_count_, vehicle_type_);
    }
    if (vehicle_type_ == sf::Points) {
        if (!bus_frame_points_.empty()) draw_points(bus_frame_points_.data(), bus_frame_points_.size(), 5.0f);
        if (!bus_vertices_.empty()) draw_points(bus_vertices_.data(), bus_vertices_.size(), 3.0f);
    } else if (!bus_vertices_.empty()) {
        target.draw(bus_vertices_.data(), bus_vertices_.size(), sf::Triangles);
    }
    if (!overlay_vertices_.empty()) target.draw(overlay_vertices_.data(), overlay_vertices_.size(), sf::Triangles);
    timer.mark(FramePart::Map);
}

}  // namespace ut::viewer
