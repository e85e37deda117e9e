// Paints the moving part of a map pane into its CPU image (pane_raster.hpp): signal heads by
// state, cars and buses. Shapes by zoom, so every vehicle stays visible and readable:
//   a car at least 5 px long   an arrow-nosed box pointing where it drives
//   a car of 1.5 to 5 px       a box of at least 3 x 2.5 px, so queues read as lines
//   under 1.5 px               a 2 px dot at the middle of the car
// Buses are boxes in a white frame, never smaller than 7 x 4 px (far out 3 px dots, in the
// transit layer within a white ring), painted after all cars so they stay on top. Cars are
// coloured by speed (viridis), neutral grey while a layer colours the streets, dimmed in the
// transit layer, where buses take the bus colour (by load once the engine reports it).
#pragma once

#include <cstdint>
#include <vector>

#include <SFML/Graphics/Rect.hpp>

#include "engine/snapshot.hpp"
#include "map_geometry.hpp"
#include "network/network.hpp"
#include "pane_raster.hpp"

namespace ut::viewer {

// Map coordinates to the pane image's pixels.
struct PaneTransform {
    float left = 0.0f, top = 0.0f;  // map coordinates at the image's top left corner
    float scale_x = 1.0f, scale_y = 1.0f;  // pixels per map metre
    PixelPoint operator()(sf::Vector2f m) const { return {(m.x - left) * scale_x, (m.y - top) * scale_y}; }
};

struct VehicleStyle {
    float meters_per_pixel = 1.0f;
    bool by_speed = true;  // false: neutral grey (a layer colours the streets)
    bool transit = false;  // the transit layer: cars dimmed, buses in the bus colour
};

class VehiclePainter {
public:
    VehiclePainter(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes);

    // Paints the vehicles whose front is inside `visible` (map coordinates); returns how many.
    std::size_t paint(PaneRaster& image, const PaneTransform& to_px, const engine::Snapshot& snap,
                      sf::FloatRect visible, const VehicleStyle& style);

private:
    network::VehicleClass class_of(const engine::VehicleSnapshot& v) const;
    std::uint32_t speed_color(const engine::VehicleSnapshot& v) const;
    // A visible bus, kept from the pass over all vehicles (reading the snapshot again at
    // random would cost a cache miss per bus).
    struct BusMark {
        sf::Vector2f front, heading;
        float length_m = 0.0f;
        std::uint32_t fill = 0;
    };
    void paint_buses(PaneRaster& image, const PaneTransform& to_px, float meters_per_pixel, bool rings) const;

    const MapGeometry& geo_;
    std::vector<network::VehicleClass> type_classes_;
    std::vector<std::uint32_t> speed_lut_;
    float inv_top_speed_ = 1.0f;
    std::vector<BusMark> buses_;  // this paint's visible buses (reused)
};

// Signal heads inside `visible`, each a short bar in its connection's signal colour.
void paint_signal_heads(PaneRaster& image, const PaneTransform& to_px, const MapGeometry& geo,
                        const engine::Snapshot& snap, sf::FloatRect visible);

}  // namespace ut::viewer
