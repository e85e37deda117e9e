#include "vehicle_painter.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "palette.hpp"
#include "transit.hpp"

namespace ut::viewer {

namespace {

constexpr std::size_t kSpeedLutSize = 64;
constexpr std::uint32_t kBusOutline = argb(245, 245, 245);

std::uint32_t to_argb(Rgb c) { return argb(c.r, c.g, c.b); }

std::uint32_t signal_argb(signals::SignalColor c) {
    switch (c) {
        case signals::SignalColor::Red: return argb(230, 40, 40);
        case signals::SignalColor::Yellow: return argb(255, 190, 0);
        case signals::SignalColor::Green: return argb(40, 220, 90);
        case signals::SignalColor::GreenPermissive: return argb(150, 240, 170);  // paler: must yield
    }
    return argb(255, 255, 255);
}

float half_width(network::VehicleClass c) { return c == network::VehicleClass::Car ? 0.9f : 1.25f; }

// A box from `rear` to `front`, reaching `n` to each side.
void paint_box(PaneRaster& image, const PaneTransform& to_px, sf::Vector2f front, sf::Vector2f rear, sf::Vector2f n,
               std::uint32_t c) {
    const std::array<PixelPoint, 4> q{to_px(front + n), to_px(front - n), to_px(rear - n), to_px(rear + n)};
    image.fill_convex(q.data(), 4, c);
}

// A bus in the transit layer: by its load share once the engine reports loads.
std::uint32_t transit_bus_fill(const engine::VehicleSnapshot& v) {
    const std::optional<BusLoad> load = bus_load(v);
    if (load && load->capacity > 0.0) return to_argb(bus_color(load->passengers / load->capacity));
    return to_argb(bus_color(std::nullopt));
}

// Where a vehicle is in map coordinates: its front and unit heading.
sf::Vector2f front_of(const MapGeometry& geo, const engine::VehicleSnapshot& v) { return geo.to_map(v.position); }
sf::Vector2f heading_of(const engine::VehicleSnapshot& v) {
    return {static_cast<float>(v.heading.x), static_cast<float>(-v.heading.y)};
}
// The middle of the vehicle, where its dot goes far out: queues of dots line up behind the stop line.
sf::Vector2f middle(sf::Vector2f front, sf::Vector2f heading, float length_m) { return front - heading * (0.5f * length_m); }

}  // namespace

VehiclePainter::VehiclePainter(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes)
    : geo_(geometry), type_classes_(std::move(type_classes)),
      inv_top_speed_(static_cast<float>(1.0 / geometry.top_speed_mps())) {
    for (std::size_t i = 0; i < kSpeedLutSize; ++i)
        speed_lut_.push_back(to_argb(viewer::speed_color(static_cast<double>(i) / (kSpeedLutSize - 1), 1.0)));
}

network::VehicleClass VehiclePainter::class_of(const engine::VehicleSnapshot& v) const {
    return v.vehicle_type < type_classes_.size() ? type_classes_[v.vehicle_type] : network::VehicleClass::Car;
}

std::uint32_t VehiclePainter::speed_color(const engine::VehicleSnapshot& v) const {
    const auto i = static_cast<std::size_t>(v.speed_mps * inv_top_speed_ * (kSpeedLutSize - 1) + 0.5f);
    return speed_lut_[std::min(kSpeedLutSize - 1, i)];
}

std::size_t VehiclePainter::paint(PaneRaster& image, const PaneTransform& to_px, const engine::Snapshot& snap,
                                  sf::FloatRect vis, const VehicleStyle& style) {
    const float mpp = style.meters_per_pixel;
    const bool detailed = 4.5f / mpp >= 5.0f;
    const bool points = 4.5f / mpp < 1.5f;
    const float min_len = 3.0f * mpp, min_half = 1.25f * mpp;
    const std::uint32_t other = to_argb(style.transit ? kDimVehicle : kNeutralVehicle);
    const float x0 = vis.left, y0 = vis.top, x1 = vis.left + vis.width, y1 = vis.top + vis.height;
    buses_.clear();
    std::size_t drawn = 0;
    for (const engine::VehicleSnapshot& v : snap.vehicles) {
        const sf::Vector2f front = front_of(geo_, v);
        if (front.x < x0 || front.x > x1 || front.y < y0 || front.y > y1) continue;
        ++drawn;
        const network::VehicleClass cls = class_of(v);
        const sf::Vector2f heading = heading_of(v);
        if (cls == network::VehicleClass::Bus) {  // after all cars, so they stay on top
            const std::uint32_t fill = style.transit ? transit_bus_fill(v) : style.by_speed ? speed_color(v) : other;
            buses_.push_back({front, heading, v.length_m, fill});
            continue;
        }
        const std::uint32_t fill = style.by_speed ? speed_color(v) : other;
        if (points) {
            image.fill_square(to_px(middle(front, heading, v.length_m)), 2, fill);
            continue;
        }
        const float len = std::max(v.length_m, min_len);
        const sf::Vector2f n = sf::Vector2f{-heading.y, heading.x} * std::max(half_width(cls), min_half);
        const sf::Vector2f rear = front - heading * len;
        if (!detailed) {
            paint_box(image, to_px, front, rear, n, fill);
            continue;
        }
        // An arrow-nosed box: the direction of travel is visible at a glance.
        const sf::Vector2f shoulder = front - heading * std::min(1.4f, 0.3f * len);
        const std::array<PixelPoint, 5> arrow{to_px(front), to_px(shoulder - n), to_px(rear - n), to_px(rear + n),
                                              to_px(shoulder + n)};
        image.fill_convex(arrow.data(), 5, fill);
    }
    paint_buses(image, to_px, mpp, style.transit);
    return drawn;
}

void VehiclePainter::paint_buses(PaneRaster& image, const PaneTransform& to_px, float mpp, bool rings) const {
    if (4.5f / mpp < 1.5f) {
        // Far out a bigger dot, in a white ring in the transit layer (all rings first, so no
        // ring covers another bus): a ring round one vehicle in ten would bury the cars' queues
        // in the plain view.
        if (rings)
            for (const BusMark& b : buses_) image.fill_square(to_px(middle(b.front, b.heading, b.length_m)), 5, kBusOutline);
        for (const BusMark& b : buses_) image.fill_square(to_px(middle(b.front, b.heading, b.length_m)), 3, b.fill);
        return;
    }
    // Boxes in a white frame, never smaller than 7 x 4 px, so they stand out from the cars.
    const float min_len = 7.0f * mpp, min_half = 2.0f * mpp, frame = std::max(0.45f, 0.9f * mpp);
    const float half = std::max(half_width(network::VehicleClass::Bus), min_half);
    for (const BusMark& b : buses_) {
        const float len = std::max(b.length_m, min_len);
        const sf::Vector2f side{-b.heading.y, b.heading.x};
        paint_box(image, to_px, b.front + b.heading * frame, b.front - b.heading * (len + frame), side * (half + frame),
                  kBusOutline);
        paint_box(image, to_px, b.front, b.front - b.heading * len, side * half, b.fill);
    }
}

void paint_signal_heads(PaneRaster& image, const PaneTransform& to_px, const MapGeometry& geo,
                        const engine::Snapshot& snap, sf::FloatRect visible) {
    const auto& corners = geo.signal_head_corners();
    const auto& conns = geo.signal_head_connection();
    for (std::size_t i = 0; i < conns.size(); ++i) {
        if (!visible.contains(corners[4 * i])) continue;
        const std::uint32_t c = conns[i];
        const std::uint32_t color =
            c < snap.connection_colors.size() ? signal_argb(snap.connection_colors[c]) : argb(128, 128, 128);
        const std::array<PixelPoint, 4> q{to_px(corners[4 * i]), to_px(corners[4 * i + 1]), to_px(corners[4 * i + 2]),
                                          to_px(corners[4 * i + 3])};
        image.fill_convex(q.data(), 4, color);
    }
}

}  // namespace ut::viewer
