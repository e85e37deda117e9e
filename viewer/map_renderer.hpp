// Draws one run on the map: lanes (coloured by the active layer), junction areas, signal
// heads by state, all vehicles, and the selection.
//
// How, and why so (the viewer must stay smooth with 100,000 vehicles, also on a software
// OpenGL such as Mesa's llvmpipe under Xvfb, where every GL primitive costs 200-700 ns and
// every blended pixel tens of nanoseconds), the pane is painted on the CPU:
//   1. roads: lanes and junctions (tiled, tiled_buffer.hpp) are painted into an image of the
//      pane only when the camera, the pane size or the lane colours change;
//   2. compose: when a new snapshot arrives (or the view changes), that image is copied and
//      the signal heads, cars and buses are painted into the copy (vehicle_painter.hpp),
//      then uploaded as one texture;
//   3. every frame: the texture is copied into the window (pane_texture.hpp: a memory copy
//      under llvmpipe), and the selection and highlighted paths, a few translucent
//      triangles, are drawn over it with GL.
// So a still map costs one copy whatever the network's size, a playing one a pass over the
// vehicles per published snapshot, and a moving camera a pass over the visible lanes.
// Shapes follow OpenGL's pixel rule (pane_raster.hpp), so the picture is the GL path's.
//
// One renderer per pane (A and B), sharing the MapGeometry; each keeps its own lane colours.
#pragma once

#include <memory>
#include <vector>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/View.hpp>

#include "engine/snapshot.hpp"
#include "frame_timer.hpp"
#include "layers.hpp"
#include "map_geometry.hpp"
#include "network/network.hpp"
#include "pane_raster.hpp"
#include "pane_texture.hpp"
#include "tiled_buffer.hpp"
#include "vehicle_painter.hpp"

namespace ut::viewer {

struct MapDrawOptions {
    float meters_per_pixel = 1.0f;
    bool vehicles = true;
    bool vehicles_by_speed = true;  // false: neutral grey (when a layer colours the roads)
    bool transit = false;           // the transit layer: buses in the bus colour, cars dimmed
    bool signal_heads = true;
    JunctionId selected_junction;
    LinkId selected_link;
    std::vector<ConnectionId> highlight;  // e.g. the signal group under the mouse in the editor
    bool finish_layers = false;           // --gl-finish: wait for the GPU after each part (exact split)
};

class MapRenderer {
public:
    MapRenderer(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes);

    // Per-link colours for the lanes; nullptr = plain road.
    void set_lane_colors(const std::vector<std::optional<Rgb>>* per_link);

    // Draws into the window's back buffer, in the pane given by the view's viewport.
    void draw(sf::RenderWindow& window, const sf::View& view, const std::shared_ptr<const engine::Snapshot>& snapshot,
              const MapDrawOptions& options, FrameTimer& timer);

    std::size_t last_vehicle_count() const { return last_vehicles_; }

private:
    // Repaints the roads image if the view, the pane size or the lane colours changed.
    void refresh_roads(const sf::View& view, sf::Vector2u px, sf::FloatRect visible);
    void compose(const engine::Snapshot& snap, const PaneTransform& to_px, sf::FloatRect visible,
                 const MapDrawOptions& o);
    void build_selection(const MapDrawOptions& o);

    const MapGeometry& geo_;
    std::unique_ptr<TiledBuffer> lanes_;
    std::unique_ptr<TiledBuffer> junctions_;
    VehiclePainter painter_;
    std::vector<sf::Vertex> overlay_vertices_;  // selection and highlighted paths (triangles)
    std::size_t last_vehicles_ = 0;

    // 1. roads
    PaneRaster roads_;
    sf::Vector2f roads_center_, roads_size_;
    sf::Vector2u roads_px_;
    std::uint64_t lane_version_ = 0, roads_lane_version_ = ~0ull;
    std::uint64_t roads_serial_ = 0;  // counts repaints
    bool plain_lanes_ = true;         // the lanes have the plain road colour (as built)

    // 2. compose: what the image was composed from. The snapshot is held, so its address is
    // never another snapshot's.
    struct ComposeKey {
        std::uint64_t roads_serial = ~0ull;
        float meters_per_pixel = 0;
        bool vehicles = false, by_speed = false, transit = false, signal_heads = false;
        bool operator==(const ComposeKey&) const = default;
    };
    std::shared_ptr<const engine::Snapshot> composed_snapshot_;
    ComposeKey composed_key_;
    PaneRaster image_;

    // 3. the screen copy
    PaneTexture texture_;
};

}  // namespace ut::viewer
