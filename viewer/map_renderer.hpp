// Draws one run on the map: lanes (coloured by the active layer), junction areas, signal
// heads by state, the selection, and all vehicles. Vehicles go into one vertex array per
// frame (no per-vehicle draw calls): oriented arrow shapes when they are big enough to see,
// plain quads of at least 2 px when zoomed out (cheaper, and a car shorter than a pixel has no
// visible shape anyway). Buses get a white outline so they stand out at any speed.
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
    JunctionId selected_junction;
    LinkId selected_link;
    std::vector<ConnectionId> highlight;  // e.g. the signal group under the mouse in the editor
};

class MapRenderer {
public:
    MapRenderer(const MapGeometry& geometry, std::vector<network::VehicleClass> type_classes);

    // Per-link colours for the lanes; nullptr = plain road.
    void set_lane_colors(const std::vector<std::optional<Rgb>>* per_link);

    void draw(sf::RenderTarget& target, const sf::View& view, const engine::Snapshot& snapshot,
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
    sf::PrimitiveType vehicle_type_ = sf::Triangles;
    std::vector<sf::Vertex> head_vertices_;
    std::vector<sf::Vertex> overlay_vertices_;  // selection and highlighted paths (triangles)
    std::size_t last_vehicles_ = 0;

    sf::RenderTexture static_cache_;
    bool cache_ok_ = false;          // false: render-to-texture unavailable, draw directly
    bool cache_valid_ = false;
    sf::Vector2f cache_center_, cache_size_;
    sf::Vector2u cache_px_;
    std::uint64_t lane_version_ = 0, cache_version_ = ~0ull;
};

}  // namespace ut::viewer
