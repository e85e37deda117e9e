// Draws one run on the map: lanes (coloured by the active layer), junction areas, signal
// heads by state, the selection, and all vehicles. Vehicles go into one vertex array per
// frame (no per-vehicle draw calls): oriented arrow shapes when they are big enough to see,
// plain quads of at least 2 px when zoomed out (cheaper, and a car shorter than a pixel has no
// visible shape anyway). Buses get a white outline so they stand out at any speed.
//
// One renderer per pane (A and B), sharing the MapGeometry; each keeps its own lane colours.
#pragma once

#include <memory>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
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

    const MapGeometry& geo_;
    std::vector<network::VehicleClass> type_classes_;
    std::unique_ptr<TiledBuffer> lanes_;
    std::unique_ptr<TiledBuffer> junctions_;
    std::vector<sf::Color> speed_lut_;
    std::vector<sf::Vertex> vehicle_vertices_;  // reused every frame: no allocation in steady state
    sf::PrimitiveType vehicle_type_ = sf::Triangles;
    std::vector<sf::Vertex> head_vertices_;
    std::vector<sf::Vertex> overlay_vertices_;  // selection and highlighted paths (triangles)
    std::size_t last_vehicles_ = 0;
};

}  // namespace ut::viewer
