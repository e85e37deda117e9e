#include "engine/compiled_network.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "network/conflicts.hpp"

namespace ut::engine {
namespace {

using network::Turn;

// Internal-lane speed: tight turns are driven slower (lateral acceleration ~ 2.5 m/s^2).
double turn_speed_mps(const network::Network& net, const network::Connection& c) {
    const double road = std::min(net.link(c.from_link).speed_limit_mps, net.link(c.to_link).speed_limit_mps);
    if (c.turn == Turn::Straight) return road;
    const double angle = std::abs(turn_angle(end_heading(net.link(c.from_link).shape),
                                             start_heading(net.link(c.to_link).shape)));
    const double radius = angle > 0.1 ? std::max(3.0, c.length_m / angle) : 1000.0;
    return std::clamp(std::sqrt(network::kTurnLateralAccel_mps2 * radius), 3.0, road);
}

// Per-connection lists as one array with begin offsets, each list sorted.
void flatten(std::vector<std::vector<std::uint32_t>>& lists, std::vector<std::uint32_t>& begin,
             std::vector<std::uint32_t>& flat) {
    begin.assign(lists.size() + 1, 0);
    for (std::size_t c = 0; c < lists.size(); ++c) {
        std::sort(lists[c].begin(), lists[c].end());
        begin[c + 1] = begin[c] + static_cast<std::uint32_t>(lists[c].size());
        flat.insert(flat.end(), lists[c].begin(), lists[c].end());
    }
}

}  // namespace

CompiledNetwork::CompiledNetwork(network::Network net) : net_(std::move(net)) {
    const auto& links = net_.links;
    const auto& conns = net_.connections;

    link_first_lane.resize(links.size());
    link_lane_count.resize(links.size());
    for (std::uint32_t k = 0; k < links.size(); ++k) {
        link_first_lane[k] = static_cast<std::uint32_t>(lane_length_m.size());
        link_lane_count[k] = static_cast<std::uint8_t>(links[k].lanes.size());
        const auto n = static_cast<std::uint32_t>(links[k].lanes.size());
        for (std::uint32_t i = 0; i < n; ++i) {
            lane_length_m.push_back(std::max(links[k].length_m, 0.1));
            lane_speed_mps.push_back(links[k].speed_limit_mps);
            lane_link.push_back(k);
            lane_connection.push_back(kNone);
            lane_index.push_back(static_cast<std::uint8_t>(i));
            lane_right.push_back(i > 0 ? link_first_lane[k] + i - 1 : kNone);
            lane_left.push_back(i + 1 < n ? link_first_lane[k] + i + 1 : kNone);
            lane_classes.push_back(links[k].lanes[i].allowed_classes);
            lane_shapes_.push_back(network::lane_shape(links[k], i));
        }
    }
    road_lane_count_ = static_cast<std::uint32_t>(lane_length_m.size());

    conn_from_lane.resize(conns.size());
    conn_to_lane.resize(conns.size());
    conn_to_link.resize(conns.size());
    conn_internal_lane.resize(conns.size());
    conn_junction.resize(conns.size());
    for (std::uint32_t c = 0; c < conns.size(); ++c) {
        const auto& con = conns[c];
        conn_from_lane[c] = road_lane(con.from_link, con.from_lane);
        conn_to_lane[c] = road_lane(con.to_link, con.to_lane);
        conn_to_link[c] = con.to_link.index();
        conn_junction[c] = links[con.from_link.index()].to.index();
        conn_internal_lane[c] = static_cast<std::uint32_t>(lane_length_m.size());
        lane_length_m.push_back(std::max(con.length_m, 0.5));
        lane_speed_mps.push_back(turn_speed_mps(net_, con));
        lane_link.push_back(kNone);
        lane_connection.push_back(c);
        lane_index.push_back(0);
        lane_left.push_back(kNone);
        lane_right.push_back(kNone);
        lane_classes.push_back(lane_classes[conn_to_lane[c]]);
        lane_shapes_.push_back(con.shape.size() >= 2 ? con.shape
                                                     : Polyline{lane_shapes_[conn_from_lane[c]].back(),
                                                                lane_shapes_[conn_to_lane[c]].front()});
    }

    // Outgoing connections per road lane, in connection id order (the builder's order).
    lane_conn_begin.assign(road_lane_count_ + 1, 0);
    for (std::uint32_t c = 0; c < conns.size(); ++c) ++lane_conn_begin[conn_from_lane[c] + 1];
    for (std::uint32_t l = 0; l < road_lane_count_; ++l) lane_conn_begin[l + 1] += lane_conn_begin[l];
    lane_conns.resize(conns.size());
    {
        std::vector<std::uint32_t> fill(lane_conn_begin.begin(), lane_conn_begin.end() - 1);
        for (std::uint32_t c = 0; c < conns.size(); ++c) lane_conns[fill[conn_from_lane[c]]++] = c;
    }

    lane_in_begin.assign(road_lane_count_ + 1, 0);
    for (std::uint32_t c = 0; c < conns.size(); ++c) ++lane_in_begin[conn_to_lane[c] + 1];
    for (std::uint32_t l = 0; l < road_lane_count_; ++l) lane_in_begin[l + 1] += lane_in_begin[l];
    lane_in_conns.resize(conns.size());
    {
        std::vector<std::uint32_t> fill(lane_in_begin.begin(), lane_in_begin.end() - 1);
        for (std::uint32_t c = 0; c < conns.size(); ++c) lane_in_conns[fill[conn_to_lane[c]]++] = c;
    }

    // Who yields to whom: a strict order per junction, so two movements never wait for
    // each other (no yield deadlock by construction).
    auto rank = [&](std::uint32_t c) {
        const auto& con = conns[c];
        const auto& junction = net_.junctions[conn_junction[c]];
        const int road = junction.control == network::JunctionControl::TrafficSignals
                             ? 0
                             : network::priority_rank(links[con.from_link.index()].road_class);
        return std::tuple{road, network::movement_rank(con.turn), -static_cast<std::int64_t>(c)};
    };
    std::vector<std::vector<std::uint32_t>> yields(conns.size());
    std::vector<std::vector<std::uint32_t>> foe_lists(conns.size());
    std::vector<std::vector<std::uint32_t>> zip_lists(conns.size());
    for (const network::Conflict& conflict : network::compute_conflicts(net_)) {
        const std::uint32_t a = conflict.a.index();
        const std::uint32_t b = conflict.b.index();
        if (conns[a].from_link == conns[b].from_link) {
            zip_lists[a].push_back(b);
            zip_lists[b].push_back(a);
            continue;
        }
        foe_lists[a].push_back(b);
        foe_lists[b].push_back(a);
        if (rank(a) < rank(b)) yields[a].push_back(b);
        else yields[b].push_back(a);
    }
    flatten(foe_lists, conn_foe_begin, conn_foes);
    flatten(zip_lists, conn_zip_begin, conn_zips);
    flatten(yields, conn_yield_begin, conn_yields);
    lane_has_zips.assign(lane_count(), 0);  // every lane, so a step may ask of any lane
    for (std::uint32_t c = 0; c < conns.size(); ++c)
        if (!zips(c).empty()) lane_has_zips[conn_from_lane[c]] = 1;

    lane_slot_begin.resize(lane_count());
    lane_capacity.resize(lane_count());
    for (std::uint32_t l = 0; l < lane_count(); ++l) {
        lane_slot_begin[l] = total_slots;
        lane_capacity[l] = static_cast<std::uint32_t>(lane_length_m[l] / kMinVehicleSpacing_m) + 4;
        total_slots += lane_capacity[l];
    }
}

}  // namespace ut::engine
