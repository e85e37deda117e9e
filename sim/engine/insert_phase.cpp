// insert_departures: trips whose departure time has come enter at the start of their
// origin link, on the lane that leads on along the route and has the most room, if there
// is room for them at a safe speed. Otherwise they wait, first come first served per link,
// and are counted as waiting to enter.
#include <algorithm>
#include <cmath>

#include "core/random.hpp"
#include "engine/idm.hpp"
#include "engine/step_phases.hpp"

namespace ut::engine {
namespace {

// The largest speed at which a vehicle can enter `gap_m` behind a leader at `leader_speed`
// without the IDM braking harder than comfortable; negative when it cannot enter at all.
double safe_entry_speed(const VehicleType& t, double v0, double gap_m, double leader_speed) {
    if (gap_m >= kNoLeaderGap_m) return v0;
    if (gap_m < t.min_gap_m) return -1.0;
    for (double v = v0; v >= 0.0; v -= 1.0) {
        if (idm_acceleration(t, v, v0, gap_m, leader_speed) >= -t.comfortable_decel_mps2) return v;
    }
    return idm_acceleration(t, 0.0, v0, gap_m, leader_speed) >= -t.comfortable_decel_mps2 ? 0.0 : -1.0;
}

std::uint32_t take_slot(SimState& st) {
    if (!st.free_slots.empty()) {
        const std::uint32_t s = st.free_slots.back();
        st.free_slots.pop_back();
        return s;
    }
    const auto s = static_cast<std::uint32_t>(st.vehicles.size());
    st.vehicles.resize(s + 1);
    return s;
}

// Returns the lane it entered, or kNone.
std::uint32_t try_insert(StepContext& ctx, std::uint32_t trip_index) {
    SimState& st = ctx.st;
    const CompiledNetwork& net = ctx.net;
    const demand::Trip& trip = st.demand->trips[trip_index];
    const VehicleType& type = st.vehicle_types[trip.vehicle_type.index()];
    const std::uint32_t link = st.demand->route_links[trip.route_begin].index();
    const std::uint32_t next_link = trip.route_size > 1 ? st.demand->route_links[trip.route_begin + 1].index() : kNone;

    const std::uint32_t first = net.link_first_lane[link];
    // Uniform with the type's standard deviation (half-width sqrt(3) sd), clipped to +-2 sd.
    const double unit = 2.0 * random_unit(st.config.seed, trip_index, 0, RandomPurpose::DriverSpeedFactor) - 1.0;
    const double sd = type.speed_factor_deviation;
    const double speed_factor = type.speed_factor * std::clamp(1.0 + unit * sd * std::sqrt(3.0), 1.0 - 2.0 * sd, 1.0 + 2.0 * sd);
    std::uint32_t best_lane = kNone;
    double best_speed = -1.0;
    double best_room = -1.0;
    for (std::uint32_t l = first; l < first + net.link_lane_count[link]; ++l) {
        if (st.lane_closed[l] || !(net.lane_classes[l] & network::class_bit(type.vehicle_class))) continue;
        bool reaches = next_link == kNone;
        for (std::uint32_t c : net.connections_from(l)) reaches = reaches || net.conn_to_link[c] == next_link;
        if (!reaches) continue;
        const double front = std::min(type.length_m, net.lane_length_m[l]);
        const std::uint32_t last = ctx.last_vehicle(l);
        const double gap = last == kNone ? kNoLeaderGap_m : st.vehicles.pos_m[last] - ctx.length_of(last) - front;
        const double leader_speed = last == kNone ? 0.0 : st.vehicles.speed_mps[last];
        const double v0 = std::min(type.max_speed_mps, net.lane_speed_mps[l] * speed_factor);
        const double speed = safe_entry_speed(type, v0, gap, leader_speed);
        if (speed < 0.0 || ctx.st.lane_count[l] >= net.lane_capacity[l]) continue;
        if (!ctx.can_appear_at_start(l, front, 0.0, speed)) continue;
        if (gap > best_room) {
            best_room = gap;
            best_lane = l;
            best_speed = speed;
        }
    }
    if (best_lane == kNone) return kNone;

    const std::uint32_t v = take_slot(st);
    auto& veh = st.vehicles;
    veh.pos_m[v] = std::min(type.length_m, net.lane_length_m[best_lane]);
    veh.speed_mps[v] = best_speed;
    veh.lane[v] = best_lane;
    veh.trip[v] = trip_index;
    veh.route_begin[v] = trip.route_begin;
    veh.route_size[v] = trip.route_size;
    // The type first: the lane choice asks which lanes this vehicle may use.
    veh.type[v] = static_cast<std::uint8_t>(trip.vehicle_type.index());
    veh.speed_factor[v] = static_cast<float>(speed_factor);
    ctx.set_route_cursor(v, 0);
    ctx.choose_route_lane(best_lane, v);
    veh.halted_s[v] = 0.0f;
    veh.lane_change_cooldown_s[v] = 0.0f;
    veh.halted[v] = 0;
    veh.trip_time_loss_s[v] = 0.0;
    veh.trip_distance_m[v] = 0.0;
    veh.trip_stops[v] = 0;
    std::uint32_t* list = ctx.lane_begin(best_lane);
    list[st.lane_count[best_lane]++] = v;  // at the back: it is behind every vehicle there
    ++st.lane_stats.entered[best_lane];
    st.records[trip_index].enter_s = st.time_s;
    ++st.counters.departed;
    ++st.counters.in_network;
    return best_lane;
}

// Adds the lanes vehicles were inserted into to the (sorted) active set.
void activate_lanes(SimState& st) {
    if (st.inserted_lanes.empty()) return;
    std::sort(st.inserted_lanes.begin(), st.inserted_lanes.end());
    st.inserted_lanes.erase(std::unique(st.inserted_lanes.begin(), st.inserted_lanes.end()), st.inserted_lanes.end());
    st.scratch.clear();
    std::set_union(st.active_lanes.begin(), st.active_lanes.end(), st.inserted_lanes.begin(),
                   st.inserted_lanes.end(), std::back_inserter(st.scratch));
    st.active_lanes.swap(st.scratch);
}

}  // namespace

void insert_departures(StepContext& ctx) {
    SimState& st = ctx.st;
    const auto& trips = st.demand->trips;
    while (st.next_trip < trips.size() && trips[st.next_trip].depart_s <= st.time_s + 1e-9)
        st.waiting_trips.push_back(static_cast<std::uint32_t>(st.next_trip++));

    std::size_t kept = 0;
    st.inserted_lanes.clear();
    for (std::uint32_t t : st.waiting_trips) {
        const std::uint32_t link = st.demand->route_links[trips[t].route_begin].index();
        const bool blocked = st.link_blocked_step[link] == st.step + 1;
        const std::uint32_t lane = blocked ? kNone : try_insert(ctx, t);
        if (lane == kNone) {
            st.link_blocked_step[link] = st.step + 1;
            st.waiting_trips[kept++] = t;
        } else {
            st.inserted_lanes.push_back(lane);
        }
    }
    st.waiting_trips.resize(kept);
    activate_lanes(st);
    st.counters.waiting_to_enter = kept;
    st.counters.not_yet_departed = trips.size() - st.next_trip;
}

}  // namespace ut::engine
