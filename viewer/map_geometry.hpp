// Everything about the map that never changes while a run goes on, built once from the
// compiled network: lane quads, junction areas, where each signal head sits, label spots,
// bounds, and picking (which junction or link is under the mouse).
//
// Glossary
//   map coordinates  world metres relative to the network's centre, y flipped for SFML.
//   signal head      a short bar across the end of an incoming lane, one slice per
//                    connection leaving that lane (right turn on the right), coloured by
//                    the connection's signal state every frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/Vertex.hpp>

#include "core/geometry.hpp"
#include "core/ids.hpp"
#include "engine/compiled_network.hpp"
#include "network/network.hpp"

namespace ut::viewer {

struct LabelSpot {
    sf::Vector2f position;  // map coordinates, middle of the link
    sf::Vector2f direction;
    std::uint32_t link = 0;
    float length_m = 0.0f;
};

class MapGeometry {
public:
    explicit MapGeometry(const engine::CompiledNetwork& net);

    sf::Vector2f to_map(Vec2 w) const {
        return {static_cast<float>(w.x - origin_.x), static_cast<float>(origin_.y - w.y)};
    }
    Vec2 to_world(sf::Vector2f m) const { return {origin_.x + m.x, origin_.y - m.y}; }

    const engine::CompiledNetwork& net() const { return net_; }
    const network::Network& network() const { return net_.source(); }
    sf::FloatRect bounds() const { return bounds_; }
    double top_speed_mps() const { return top_speed_mps_; }

    // Road lanes: 4 vertices per lane segment; lane_quad_link[i] is the link of quad i.
    const std::vector<sf::Vertex>& lane_quads() const { return lane_quads_; }
    const std::vector<std::uint32_t>& lane_quad_link() const { return lane_quad_link_; }
    // Junction areas as triangles.
    const std::vector<sf::Vertex>& junction_triangles() const { return junction_triangles_; }
    // Signal heads: 4 corners per head; signal_head_connection[i] is the connection of head i.
    const std::vector<sf::Vector2f>& signal_head_corners() const { return head_corners_; }
    const std::vector<std::uint32_t>& signal_head_connection() const { return head_connection_; }
    const std::vector<LabelSpot>& labels() const { return labels_; }

    bool signalised(JunctionId j) const { return j.index() < signalised_.size() && signalised_[j.index()]; }
    sf::Vector2f junction_position(JunctionId j) const { return to_map(network().junction(j).position); }

    // The path of a connection through its junction (map coordinates).
    std::vector<sf::Vector2f> connection_path(ConnectionId c) const;

    std::optional<JunctionId> pick_junction(sf::Vector2f map_point, float max_distance_m) const;
    std::optional<LinkId> pick_link(sf::Vector2f map_point, float max_distance_m) const;

private:
    void build_lanes();
    void build_junctions();
    void build_signal_heads();

    const engine::CompiledNetwork& net_;
    Vec2 origin_;
    sf::FloatRect bounds_;
    double top_speed_mps_ = 13.89;
    std::vector<sf::Vertex> lane_quads_;
    std::vector<std::uint32_t> lane_quad_link_;
    std::vector<sf::Vertex> junction_triangles_;
    std::vector<sf::Vector2f> head_corners_;
    std::vector<std::uint32_t> head_connection_;
    std::vector<LabelSpot> labels_;
    std::vector<bool> signalised_;
};

}  // namespace ut::viewer
