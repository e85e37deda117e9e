// scan_fronts and plan_lanes: the parallel part of the step. Each task owns whole lanes:
// it reads the committed state of any lane but writes only its own lanes' vehicles'
// next_* fields, their trip records and its lanes' accumulators.
#include <algorithm>
#include <limits>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "engine/idm.hpp"
#include "engine/lane_change.hpp"
#include "engine/path_ahead.hpp"
#include "engine/step_phases.hpp"
#include "engine/transit_phase.hpp"
#include "metrics/detectors.hpp"

namespace ut::engine {
namespace {

constexpr double kLaneChangeCooldown_s = 3.0;
constexpr double kMergeRequestDistance_m = 100.0;
constexpr std::size_t kLanesPerTask = 16;

template <class Body>
void for_each_active_lane(StepContext& ctx, Body&& body) {
    const auto& active = ctx.st.active_lanes;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, active.size(), kLanesPerTask),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t i = r.begin(); i != r.end(); ++i) {
                              ctx.prefetch_lane_ahead(active, i);
                              body(active[i]);
                          }
                      });
}

// Moves the vehicle to a road lane further along its route, for a gridlocked vehicle:
// the first lane with room for it. Returns false when there is none (it then arrives).
bool find_teleport_target(const StepContext& ctx, std::uint32_t v, std::uint32_t& lane_out,
                          std::uint32_t& cursor_out) {
    for (std::uint32_t k = ctx.st.vehicles.route_cursor[v] + 1;; ++k) {
        const std::uint32_t link = ctx.route_link(v, k);
        if (link == kNone) return false;
        const std::uint32_t first = ctx.net.link_first_lane[link];
        for (std::uint32_t l = first; l < first + ctx.net.link_lane_count[link]; ++l) {
            if (ctx.lane_allows(l, v) && ctx.can_appear_at_start(l, ctx.length_of(v), ctx.type_of(v).min_gap_m, 0.0)) {
                lane_out = l;
                cursor_out = k;
                return true;
            }
        }
    }
}

// Courtesy: the first vehicle behind a neighbour that must move into this lane slows down to
// let it in, when it can do so braking comfortably. Without it a driver stuck in the wrong
// lane in dense traffic would wait for a gap that never comes.
double yield_to_merging(const StepContext& ctx, std::uint32_t lane, std::uint32_t index, double accel) {
    const SimState& st = ctx.st;
    const std::uint32_t* list = ctx.lane_begin(lane);
    const std::uint32_t v = list[index];
    const double x = st.vehicles.pos_m[v];
    for (const int side : {1, -1}) {
        const std::uint32_t n = side > 0 ? ctx.net.lane_left[lane] : ctx.net.lane_right[lane];
        if (n == kNone || st.merge_request_step[n] != st.step || st.merge_request_side[n] != -side) continue;
        const double back = st.merge_request_back_m[n];
        if (x >= back) continue;
        if (index > 0) {
            const std::uint32_t leader = list[index - 1];
            if (st.vehicles.pos_m[leader] <= back) continue;  // someone else is closer behind it
        }
        const VehicleType& t = ctx.type_of(v);
        const double a = idm_acceleration(t, st.vehicles.speed_mps[v], ctx.desired_speed(v, lane), back - x, 0.0);
        if (a >= -t.comfortable_decel_mps2) accel = std::min(accel, a);
    }
    return accel;
}

void plan_vehicle(StepContext& ctx, std::uint32_t lane, std::uint32_t index) {
    SimState& st = ctx.st;
    auto& veh = st.vehicles;
    const std::uint32_t* list = ctx.lane_begin(lane);
    const std::uint32_t v = list[index];
    const VehicleType& type = ctx.type_of(v);
    const double x = veh.pos_m[v];
    const double speed = veh.speed_mps[v];
    const double lane_v0 = ctx.desired_speed(v, lane);

    // Built in place: the path is a few hundred bytes, too many to copy for every front vehicle.
    PathAhead path = index == 0 ? look_ahead(ctx, v, lane) : PathAhead{};
    double v0 = lane_v0;
    if (index == 0) {
        v0 = std::min(v0, path.speed_cap_mps);
    } else {
        const std::uint32_t leader = list[index - 1];
        path.gap_m = veh.pos_m[leader] - ctx.length_of(leader) - x;
        path.leader_speed_mps = veh.speed_mps[leader];
        path.limit_m = path.gap_m + ctx.sure_travel(leader);
        path.limit_is_vehicle = true;
        if (ctx.net.lane_has_zips[lane] && veh.next_conn[v] != kNone)
            follow_zip_leader(ctx, nearest_zip_leader(ctx, veh.next_conn[v], v, ctx.net.lane_length_m[lane] - x), path);
    }
    // A bus of a line halts at its stops (transit_phase.hpp); cars never look.
    const std::uint32_t bus_run =
        type.vehicle_class == network::VehicleClass::Bus ? hold_at_bus_stop(ctx, v, lane, path) : kNone;
    double accel = idm_acceleration(type, speed, v0, path.gap_m, path.leader_speed_mps);
    if (!ctx.net.is_internal(lane)) accel = yield_to_merging(ctx, lane, index, accel);

    LaneChangeChoice change = swap_with_neighbour(ctx, lane, index);
    if (change.target_lane != kNone) accel = 0.0;
    else change = choose_lane_change(ctx, lane, index, accel);
    double limit = path.limit_m;
    if (change.target_lane != kNone) {
        accel = std::min(accel, change.accel_mps2);
        limit = std::min({limit, change.leader_back_m - x, ctx.net.lane_length_m[lane] - x - 0.01});
    }
    accel = std::clamp(accel, -type.emergency_decel_mps2, type.max_accel_mps2);
    Motion m = ballistic_step(speed, accel, ctx.dt);
    if (m.distance_m > limit) {
        // Counted only when the vehicle would really have run into the one ahead; a halted
        // vehicle next to a long one still overhanging the junction is not a collision.
        if (path.limit_is_vehicle && m.distance_m > std::max(0.0, path.limit_m) + 1e-6)
            ++st.lane_stats.collisions_prevented[lane];
        m.distance_m = std::max(0.0, limit);
        m.speed_mps = std::min(m.speed_mps, m.distance_m / ctx.dt);
    }
    // A follower close behind a leader that leaves the lane may reach the lane end in the
    // same step (at a long step): it may go on only where its own look ahead lets it (a red
    // light, a full exit, its destination), and moves onto the lanes that look found.
    if (index > 0 && change.target_lane == kNone && x + m.distance_m > ctx.net.lane_length_m[lane]) {
        path = look_ahead(ctx, v, lane);
        if (m.distance_m > path.limit_m) {
            m.distance_m = std::max(0.0, path.limit_m);
            m.speed_mps = std::min(m.speed_mps, m.distance_m / ctx.dt);
        }
    }

    // Where the vehicle ends up.
    std::uint32_t next_lane = lane;
    double next_pos = x + m.distance_m;
    std::uint32_t next_cursor = veh.route_cursor[v];
    std::uint8_t event = kEventNone;
    veh.lane_change_cooldown_s[v] = std::max(0.0f, veh.lane_change_cooldown_s[v] - static_cast<float>(ctx.dt));
    if (change.target_lane != kNone) {
        next_lane = change.target_lane;
        veh.lane_change_cooldown_s[v] = static_cast<float>(kLaneChangeCooldown_s);
    } else if (m.distance_m >= path.exit_m) {
        next_lane = kNone;
        event = kEventArrived;
    } else if (next_pos > ctx.net.lane_length_m[lane] && path.count == 0) {
        next_pos = ctx.net.lane_length_m[lane];  // a stop at the lane end, a rounding hair beyond it
    } else if (next_pos > ctx.net.lane_length_m[lane]) {
        int k = path.count - 1;
        while (k > 0 && path.start_m[k] >= m.distance_m) --k;
        next_lane = path.lanes[k];
        next_pos = std::min(m.distance_m - path.start_m[k], ctx.net.lane_length_m[next_lane]);
        next_cursor = path.cursor_after[k];
    }

    // Halts, stops and gridlock.
    if (m.speed_mps < st.config.halt_speed_mps) {
        if (!veh.halted[v]) ++veh.trip_stops[v];
        veh.halted[v] = 1;
        const float before = veh.halted_s[v];
        veh.halted_s[v] += static_cast<float>(ctx.dt);
        if (before < st.config.gridlock_wait_s && veh.halted_s[v] >= st.config.gridlock_wait_s) {
            ++st.lane_stats.gridlock_events[lane];
            if (st.config.teleport_on_gridlock && index == 0 && event == kEventNone) {
                ++st.lane_stats.teleports[lane];
                ++st.records[veh.trip[v]].teleports;
                veh.halted_s[v] = 0.0f;
                if (find_teleport_target(ctx, v, next_lane, next_cursor)) {
                    next_pos = ctx.length_of(v);
                    m.speed_mps = 0.0;
                    event = kEventTeleported;
                } else {
                    next_lane = kNone;
                    event = kEventArrived;
                }
            }
        }
    } else {
        veh.halted[v] = 0;
        veh.halted_s[v] = 0.0f;
    }

    const double loss = ctx.dt * std::max(0.0, 1.0 - m.speed_mps / lane_v0);
    veh.trip_time_loss_s[v] += loss;
    veh.trip_distance_m[v] += m.distance_m;
    st.lane_stats.vehicle_seconds[lane] += ctx.dt;
    st.lane_stats.vehicle_meters[lane] += m.distance_m;
    st.lane_stats.time_loss_s[lane] += loss;

    veh.next_pos_m[v] = next_pos;
    veh.next_speed_mps[v] = m.speed_mps;
    veh.next_lane[v] = next_lane;
    veh.next_cursor[v] = next_cursor;
    veh.next_event[v] = event;
    if (next_lane != lane) ++st.lane_leavers[lane];
    if (bus_run != kNone) note_line_bus(ctx, bus_run, next_lane, next_pos, m.speed_mps, next_cursor);
}

}  // namespace

void scan_fronts(StepContext& ctx) {
    for_each_active_lane(ctx, [&](std::uint32_t lane) {
        if (ctx.net.is_internal(lane)) return;
        SimState& st = ctx.st;
        const std::uint32_t v = ctx.lane_begin(lane)[0];
        const std::uint32_t next_link = st.vehicles.next_link[v];
        st.front_conn[lane] = st.vehicles.next_conn[v];
        const double distance = ctx.net.lane_length_m[lane] - st.vehicles.pos_m[v];
        // A driver with priority who has been standing for a while (blocked further on) is
        // not "approaching": the others may go, and the junction's occupancy then holds it.
        st.front_eta_s[lane] = st.vehicles.halted_s[v] >= kStandingPriority_s
                                   ? std::numeric_limits<float>::max()
                                   : static_cast<float>(distance / std::max(st.vehicles.speed_mps[v], 1.0));
        // next_conn != kNone: this lane already leads on (the usual case, checked cheaply).
        const bool leads_on = st.vehicles.next_conn[v] != kNone && ctx.lane_allows(lane, v);
        if (next_link != kNone && distance < kMergeRequestDistance_m && !leads_on) {
            const int side = ctx.direction_to_reach(lane, next_link, v);
            if (side != 0) {
                st.merge_request_side[lane] = static_cast<std::int8_t>(side);
                st.merge_request_back_m[lane] = st.vehicles.pos_m[v] - ctx.length_of(v);
                st.merge_request_step[lane] = st.step;
            }
        }
    });
}

void plan_lanes(StepContext& ctx) {
    for_each_active_lane(ctx, [&](std::uint32_t lane) {
        ctx.st.lane_leavers[lane] = 0;
        const std::uint32_t n = ctx.st.lane_count[lane];
        for (std::uint32_t i = 0; i < n; ++i) plan_vehicle(ctx, lane, i);
        if (!ctx.net.is_internal(lane)) metrics::count_crossings(ctx.net, ctx.st, lane);
    });
}

}  // namespace ut::engine
