// What every step phase needs: the compiled network, the state, and helpers to read a
// vehicle's route. Phases are free functions over this context (step_phases.hpp).
#pragma once

#include <cstdint>

#include "engine/compiled_network.hpp"
#include "engine/idm.hpp"
#include "engine/sim_state.hpp"

namespace ut::engine {

struct StepContext {
    const CompiledNetwork& net;
    SimState& st;
    double dt;

    const demand::Trip& trip_of(std::uint32_t v) const { return st.demand->trips[st.vehicles.trip[v]]; }

    // The link at position k of vehicle v's route, or kNone past its end.
    std::uint32_t route_link(std::uint32_t v, std::uint32_t k) const {
        return k < st.vehicles.route_size[v] ? st.demand->route_links[st.vehicles.route_begin[v] + k].index() : kNone;
    }

    // Moves vehicle v's route cursor, keeping its next_link with it: the step reads the next
    // link of every vehicle, and the route array is too large to read it from at random.
    void set_route_cursor(std::uint32_t v, std::uint32_t cursor) {
        st.vehicles.route_cursor[v] = cursor;
        st.vehicles.next_link[v] = route_link(v, cursor + 1);
    }

    const VehicleType& type_of(std::uint32_t v) const { return st.vehicle_types[st.vehicles.type[v]]; }
    double length_of(std::uint32_t v) const { return type_of(v).length_m; }

    double desired_speed(std::uint32_t v, std::uint32_t lane) const {
        const VehicleType& t = type_of(v);
        return std::min(t.max_speed_mps, net.lane_speed_mps[lane] * st.vehicles.speed_factor[v]);
    }

    std::uint32_t* lane_begin(std::uint32_t lane) { return st.lane_vehicles.data() + net.lane_slot_begin[lane]; }
    const std::uint32_t* lane_begin(std::uint32_t lane) const {
        return st.lane_vehicles.data() + net.lane_slot_begin[lane];
    }
    // Lane lists lie a few hundred bytes apart: a phase walking the active lanes asks for
    // the list it will need a few lanes ahead, so that it is in cache when it gets there.
    static constexpr std::size_t kPrefetchLanesAhead = 8;
    void prefetch_lane_ahead(const std::vector<std::uint32_t>& lanes, std::size_t i) const {
        if (i + kPrefetchLanesAhead < lanes.size()) __builtin_prefetch(lane_begin(lanes[i + kPrefetchLanesAhead]));
    }

    // Back-most vehicle of a lane, or kNone when empty.
    std::uint32_t last_vehicle(std::uint32_t lane) const {
        const std::uint32_t n = st.lane_count[lane];
        return n ? lane_begin(lane)[n - 1] : kNone;
    }

    // Free space at the start of a lane: from the lane start to the back of its last vehicle.
    double space_at_start(std::uint32_t lane) const {
        const std::uint32_t last = last_vehicle(lane);
        return last == kNone ? net.lane_length_m[lane] : st.vehicles.pos_m[last] - length_of(last);
    }

    // How far vehicle v is sure to move this step even braking as hard as it can: a
    // follower may close up by this much more than the current gap without touching it.
    double sure_travel(std::uint32_t v) const {
        const double speed = st.vehicles.speed_mps[v];
        return std::max(0.0, speed * dt - 0.5 * type_of(v).emergency_decel_mps2 * dt * dt);
    }

    // Whether a vehicle `length_m` long may appear at the start of road lane `lane` driving
    // at `speed`: there is room behind the lane's last vehicle, and the vehicles about to
    // arrive from the junction could follow it braking no harder than comfortably.
    bool can_appear_at_start(std::uint32_t lane, double length_m, double min_gap_m, double speed) const {
        if (space_at_start(lane) < length_m + min_gap_m) return false;
        for (std::uint32_t c : net.connections_into(lane)) {
            // The nearest vehicle coming this way: inside the junction, or at the front of
            // the approach lane heading for this connection.
            const std::uint32_t internal = net.conn_internal_lane[c];
            const std::uint32_t from = net.conn_from_lane[c];
            std::uint32_t f;
            double gap;
            if (st.lane_count[internal] > 0) {
                f = lane_begin(internal)[0];
                gap = net.lane_length_m[internal] - st.vehicles.pos_m[f];
            } else if (st.lane_count[from] > 0 && st.vehicles.next_conn[lane_begin(from)[0]] == c) {
                f = lane_begin(from)[0];
                gap = net.lane_length_m[from] - st.vehicles.pos_m[f] + net.lane_length_m[internal];
            } else {
                continue;
            }
            const VehicleType& t = type_of(f);
            if (idm_acceleration(t, st.vehicles.speed_mps[f], desired_speed(f, lane), gap, speed) < -t.comfortable_decel_mps2)
                return false;
        }
        return true;
    }

    bool lane_allows(std::uint32_t lane, std::uint32_t v) const {
        return !st.lane_closed[lane] &&
               (net.lane_classes[lane] & network::class_bit(type_of(v).vehicle_class)) != 0;
    }

    // Whether a road lane has a connection to `link` that vehicle v may use.
    bool lane_reaches(std::uint32_t lane, std::uint32_t link, std::uint32_t v) const {
        if (link == kNone) return true;
        for (std::uint32_t c : net.connections_from(lane))
            if (net.conn_to_link[c] == link && lane_allows(net.conn_to_lane[c], v)) return true;
        return false;
    }

    // Which way (+1 left, -1 right, 0 neither) vehicle v must change lanes from `lane` to
    // reach a lane leading to `link`; 0 also when `lane` itself leads there.
    int direction_to_reach(std::uint32_t lane, std::uint32_t link, std::uint32_t v) const {
        if (lane_allows(lane, v) && lane_reaches(lane, link, v)) return 0;
        for (std::uint32_t l = net.lane_left[lane]; l != kNone; l = net.lane_left[l])
            if (lane_allows(l, v) && lane_reaches(l, link, v)) return 1;
        for (std::uint32_t l = net.lane_right[lane]; l != kNone; l = net.lane_right[l])
            if (lane_allows(l, v) && lane_reaches(l, link, v)) return -1;
        return 0;
    }


    // How far ahead a driver picks the lane that spares it lane changes: past one ordinary
    // link, and through a chain of short links between the nodes of one junction (where
    // there is no room to change lanes at all).
    static constexpr double kLaneChoiceLookahead_m = 100.0;
    static constexpr int kLaneChoiceDepth = 4;

    // The connection vehicle v takes from road lane `lane` (the link at route index k) onto
    // the route's next link: the usable one whose target lane lets it drive furthest beyond
    // that lane without changing lanes (the first of equals); kNone if none.
    std::uint32_t choose_connection(std::uint32_t lane, std::uint32_t k, std::uint32_t v) const {
        return best_connection(lane, k, v).connection;
    }

    struct ConnectionChoice {
        std::uint32_t connection = kNone;
        double reach_m = -1.0;  // reach_beyond its target lane
    };
    ConnectionChoice best_connection(std::uint32_t lane, std::uint32_t k, std::uint32_t v) const {
        const std::uint32_t next_link = route_link(v, k + 1);
        ConnectionChoice best;
        for (std::uint32_t c : net.connections_from(lane)) {
            const std::uint32_t to = net.conn_to_lane[c];
            if (net.conn_to_link[c] != next_link || !lane_allows(to, v)) continue;
            const double reach = reach_beyond(to, k + 1, v, kLaneChoiceLookahead_m, kLaneChoiceDepth);
            if (reach > best.reach_m) best = {c, reach};
            if (best.reach_m >= kLaneChoiceLookahead_m) break;
        }
        return best;
    }

    // Sets vehicle v's connection at the end of road lane `lane`, and which way (+1 left,
    // -1 right, 0 neither) a lane of the same link lies whose connection would spare it a
    // lane change the current one forces soon after the junction (with no room to make it,
    // when the links there are short). The lane-change phase then moves it over in time.
    // kKeepLane: the route will soon need this very lane; no discretionary change out of it.
    void choose_route_lane(std::uint32_t lane, std::uint32_t v) {
        auto& veh = st.vehicles;
        veh.better_lane_side[v] = 0;
        if (veh.next_link[v] == kNone) {
            veh.next_conn[v] = kNone;
            return;
        }
        const std::uint32_t k = veh.route_cursor[v];
        const ConnectionChoice here = best_connection(lane, k, v);
        veh.next_conn[v] = here.connection;
        if (here.connection == kNone || here.reach_m >= kLaneChoiceLookahead_m) return;
        veh.better_lane_side[v] = kKeepLane;  // unless a better one is found
        double best = here.reach_m + kBetterLaneMargin_m;
        for (const int side : {1, -1}) {
            for (std::uint32_t l = side > 0 ? net.lane_left[lane] : net.lane_right[lane]; l != kNone;
                 l = side > 0 ? net.lane_left[l] : net.lane_right[l]) {
                if (!lane_allows(l, v)) continue;
                const double reach = best_connection(l, k, v).reach_m;
                if (reach > best) {
                    best = reach;
                    veh.better_lane_side[v] = static_cast<std::int8_t>(side);
                }
            }
        }
    }
    static constexpr double kBetterLaneMargin_m = 10.0;
    static constexpr std::int8_t kKeepLane = 2;  // better_lane_side: this lane is the one the route needs soon

    // How far vehicle v can drive beyond the end of road lane `lane` (the link at route
    // index k) without changing lanes, up to budget_m.
    double reach_beyond(std::uint32_t lane, std::uint32_t k, std::uint32_t v, double budget_m, int depth) const {
        const std::uint32_t next_link = route_link(v, k + 1);
        if (next_link == kNone) return budget_m;  // it arrives on this lane
        double best = 0.0;
        for (std::uint32_t c : net.connections_from(lane)) {
            const std::uint32_t to = net.conn_to_lane[c];
            if (net.conn_to_link[c] != next_link || !lane_allows(to, v)) continue;
            const double through = net.lane_length_m[net.conn_internal_lane[c]] + net.lane_length_m[to];
            const double reach = through >= budget_m || depth <= 1
                                     ? std::min(through, budget_m)
                                     : through + reach_beyond(to, k + 1, v, budget_m - through, depth - 1);
            best = std::max(best, reach);
            if (best >= budget_m) break;
        }
        return best;
    }
};

}  // namespace ut::engine
