// The engine's immutable view of the network: flat arrays indexed by lane, link and
// connection, built once by compile(). Every lane the engine moves vehicles on is here:
// road lanes [0, road_lane_count) first, then one internal lane per connection (the path
// through the junction), so car-following works the same on roads and inside junctions.
//
// Glossary
//   road lane      lane `lane_index` of link `lane_link`.
//   internal lane  the lane of connection `lane_connection`, from the end of a road lane to
//                  the start of another.
//   foe            a connection that crosses or merges with another at the same junction.
//   zip partner    a foe leaving the same link: the lanes of one approach crossing or merging
//                  into each other. They go in turn, nearest first (path_ahead.cpp), not by
//                  rank, so neither lane starves the other.
//   foes(c)        the foes from other links; zips(c) the zip partners.
//   yields_to(c)   the foes c must give way to when both may move: ranked by road class at
//                  priority junctions, by movement (through > right > left) at signals.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "core/geometry.hpp"
#include "network/network.hpp"

namespace ut::engine {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

class CompiledNetwork {
public:
    explicit CompiledNetwork(network::Network net);

    const network::Network& source() const { return net_; }

    std::uint32_t lane_count() const { return static_cast<std::uint32_t>(lane_length_m.size()); }
    std::uint32_t road_lane_count() const { return road_lane_count_; }
    bool is_internal(std::uint32_t lane) const { return lane >= road_lane_count_; }

    // Lanes
    std::vector<double> lane_length_m;
    std::vector<double> lane_speed_mps;
    std::vector<std::uint32_t> lane_link;        // road lanes; kNone for internal
    std::vector<std::uint32_t> lane_connection;  // internal lanes; kNone for road
    std::vector<std::uint8_t> lane_index;        // index within its link (road lanes)
    std::vector<std::uint32_t> lane_left;        // neighbour to the left on the same link, or kNone
    std::vector<std::uint32_t> lane_right;
    std::vector<network::ClassMask> lane_classes;
    std::vector<std::uint8_t> lane_has_zips;     // a connection from the lane has zip partners (0 for internal lanes)
    std::vector<std::uint32_t> lane_slot_begin;  // vehicle-list slots: [begin, begin + capacity)
    std::vector<std::uint32_t> lane_capacity;
    std::uint32_t total_slots = 0;

    // Connections leaving a road lane: lane_conns[lane_conn_begin[l] .. lane_conn_begin[l+1]).
    std::vector<std::uint32_t> lane_conn_begin;
    std::vector<std::uint32_t> lane_conns;

    // Connections entering a road lane: lane_in_conns[lane_in_begin[l] .. lane_in_begin[l+1]).
    std::vector<std::uint32_t> lane_in_begin;
    std::vector<std::uint32_t> lane_in_conns;

    // Links
    std::vector<std::uint32_t> link_first_lane;
    std::vector<std::uint8_t> link_lane_count;

    // Connections
    std::vector<std::uint32_t> conn_from_lane;
    std::vector<std::uint32_t> conn_to_lane;
    std::vector<std::uint32_t> conn_to_link;
    std::vector<std::uint32_t> conn_internal_lane;
    std::vector<std::uint32_t> conn_junction;
    std::vector<std::uint32_t> conn_foe_begin;    // foes(c) = conn_foes[begin[c] .. begin[c+1])
    std::vector<std::uint32_t> conn_foes;
    std::vector<std::uint32_t> conn_zip_begin;    // zips(c) = conn_zips[begin[c] .. begin[c+1])
    std::vector<std::uint32_t> conn_zips;
    std::vector<std::uint32_t> conn_yield_begin;  // yields_to(c) = conn_yields[begin[c] .. begin[c+1])
    std::vector<std::uint32_t> conn_yields;

    std::span<const std::uint32_t> connections_from(std::uint32_t lane) const {
        return {lane_conns.data() + lane_conn_begin[lane], lane_conn_begin[lane + 1] - lane_conn_begin[lane]};
    }
    std::span<const std::uint32_t> connections_into(std::uint32_t lane) const {
        return {lane_in_conns.data() + lane_in_begin[lane], lane_in_begin[lane + 1] - lane_in_begin[lane]};
    }
    std::span<const std::uint32_t> foes(std::uint32_t conn) const {
        return {conn_foes.data() + conn_foe_begin[conn], conn_foe_begin[conn + 1] - conn_foe_begin[conn]};
    }
    std::span<const std::uint32_t> zips(std::uint32_t conn) const {
        return {conn_zips.data() + conn_zip_begin[conn], conn_zip_begin[conn + 1] - conn_zip_begin[conn]};
    }
    std::span<const std::uint32_t> yields_to(std::uint32_t conn) const {
        return {conn_yields.data() + conn_yield_begin[conn], conn_yield_begin[conn + 1] - conn_yield_begin[conn]};
    }
    std::uint32_t road_lane(LinkId link, std::uint32_t index) const { return link_first_lane[link.index()] + index; }

    // Centre line of any lane (road or internal), for drawing and snapshots.
    const Polyline& lane_shape(std::uint32_t lane) const { return lane_shapes_[lane]; }

    // Slots per lane are sized for vehicles of at least this length packed bumper to bumper.
    static constexpr double kMinVehicleSpacing_m = 3.0;

private:
    network::Network net_;
    std::uint32_t road_lane_count_ = 0;
    std::vector<Polyline> lane_shapes_;
};

}  // namespace ut::engine
