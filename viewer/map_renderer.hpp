// Draws one run on the map: lanes (coloured by the active layer), junction areas, signal
// heads by state, the selection, and all vehicles. Vehicles go into two vertex arrays per
// frame (no per-vehicle draw calls). Cars: oriented arrow shapes when they are big enough to
// see, plain quads of at least 2 px when zoomed out (cheaper, and a car shorter than a pixel
// has no visible shape anyway). Buses: boxes in a white frame, at least 7 x 4 px (far out,
// where cars are 2 px points, 3 px points; in the transit layer within a white ring), drawn
// over the cars; in the transit layer the cars are dimmed and the buses take the bus
// colour (by load once the engine reports it, palette.hpp).
//
// The static part (lanes, junctions) is rendered into a texture that is reused while the
// camera and the lane colours stay put, so a still map costs one textured quad per frame
// whatever the network's size; panning re-renders it. Zoomed far out (a car under 1.5 px),
// vehicles become 2 px points: one vertex each instead of four.
//
// One renderer per pane (A and B), sharing the MapGeometry; each keeps its own lane colours.
#pragma once

#include <memory>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/View.hpp>

#include "engine/snapshot.hpp"
#include "frame_timer.hpp"
#include "layers.hpp"
#include "map_geometry.hpp"
#include "network/network.hpp"
#include "tiled_buffer.hpp"

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
};

class MapRenderer {
public:
    MapRenderer(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes);

    // Per-link colours for the lanes; nullptr = plain road.
    void set_lane_colors(const std::vector<std::optional<Rgb>>* per_link);

    void draw(sf::RenderTarget& target, const sf::View& view, const std::shared_ptr<const engine::Snapshot>& snapshot,
              const MapDrawOptions& options, FrameTimer& timer);

    std::size_t last_vehicle_count() const { return last_vehicles_; }

private:
    void build_vehicles(const engine::Snapshot& snap, sf::FloatRect visible, const MapDrawOptions& o);
    void build_signal_heads(const engine::Snapshot& snap, sf::FloatRect visible);
    void build_selection(const MapDrawOptions& o);
    // Draws lanes and junctions for `view` through the cached texture (re-rendered if stale).
    void draw_static(sf::RenderTarget& target, const sf::View& view, sf::FloatRect visible);

    const MapGeometry& geo_;
    std::vector<network::VehicleClass> type_classes_;
    std::unique_ptr<TiledBuffer> lanes_;
    std::unique_ptr<TiledBuffer> junctions_;
    std::vector<sf::Color> speed_lut_;
    std::vector<sf::Vertex> vehicle_vertices_;  // reused every frame: no allocation in steady state
    std::size_t vehicle_count_ = 0;             // vertices of this frame at the front
    std::vector<sf::Vertex> bus_vertices_;      // triangles (points far out), drawn over the cars
    std::vector<sf::Vertex> bus_frame_points_;  // far out, transit layer: a white ring under each bus
    sf::PrimitiveType vehicle_type_ = sf::Triangles;
    std::vector<sf::Vertex> head_vertices_;
    std::vector<sf::Vertex> overlay_vertices_;  // selection and highlighted paths (triangles)
    std::size_t last_vehicles_ = 0;
    // What the vehicle and signal-head arrays were built from; held, so its address is never
    // another snapshot's.
    struct BuiltKey {
        float left = 0, top = 0, width = 0, height = 0, meters_per_pixel = 0;
        bool vehicles = false, by_speed = false, transit = false, signal_heads = false;
        bool operator==(const BuiltKey&) const = default;
    };
    std::shared_ptr<const engine::Snapshot> built_snapshot_;
    BuiltKey built_key_;

    sf::RenderTexture static_cache_;
    bool cache_ok_ = false;          // false: render-to-texture unavailable, draw directly
    bool cache_valid_ = false;
    sf::Vector2f cache_center_, cache_size_;
    sf::Vector2u cache_px_;
    std::uint64_t lane_version_ = 0, cache_version_ = ~0ull;
    bool plain_lanes_ = true;  // the lanes have the plain road colour (as built)
};

}  // namespace ut::viewer
