#include "engine/lane_change.hpp"

#include "engine/idm.hpp"

namespace ut::engine {
namespace {

constexpr double kNoChangeNearEnd_m = 20.0;  // no discretionary weaving right at the stop line
constexpr double kFollowerMargin_m = 1.0;
constexpr double kNoChangeNearStart_m = 10.0;

struct Neighbours {
    std::uint32_t leader = kNone;
    std::uint32_t follower = kNone;
};

// Vehicles of `lane` just ahead of and just behind position x (lists are sorted front first).
Neighbours neighbours_at(const StepContext& ctx, std::uint32_t lane, double x) {
    const std::uint32_t* list = ctx.lane_begin(lane);
    std::uint32_t lo = 0;
    std::uint32_t hi = ctx.st.lane_count[lane];
    while (lo < hi) {  // first index whose position is <= x
        const std::uint32_t mid = (lo + hi) / 2;
        if (ctx.st.vehicles.pos_m[list[mid]] > x) lo = mid + 1;
        else hi = mid;
    }
    Neighbours n;
    if (lo > 0) n.leader = list[lo - 1];
    if (lo < ctx.st.lane_count[lane]) n.follower = list[lo];
    return n;
}

double accel_behind(const StepContext& ctx, std::uint32_t follower, std::uint32_t lane, std::uint32_t leader,
                    double leader_pos, double leader_speed) {
    const auto& veh = ctx.st.vehicles;
    const double gap = leader == kNone ? kNoLeaderGap_m : leader_pos - ctx.length_of(leader) - veh.pos_m[follower];
    return idm_acceleration(ctx.type_of(follower), veh.speed_mps[follower], ctx.desired_speed(follower, lane), gap,
                            leader_speed);
}

// The vehicle that has just left `lane` into the junction with its back still over the
// lane's end (the furthest back of those), or kNone: a driver changing into the lane near
// its end must stay behind it.
std::uint32_t overhanging_vehicle(const StepContext& ctx, std::uint32_t lane) {
    std::uint32_t found = kNone;
    double back_m = ctx.net.lane_length_m[lane];
    for (std::uint32_t c : ctx.net.connections_from(lane)) {
        const std::uint32_t last = ctx.last_vehicle(ctx.net.conn_internal_lane[c]);
        if (last == kNone) continue;
        const double back = ctx.net.lane_length_m[lane] + ctx.st.vehicles.pos_m[last] - ctx.length_of(last);
        if (back < back_m) {
            back_m = back;
            found = last;
        }
    }
    return found;
}

}  // namespace

LaneChangeChoice swap_with_neighbour(const StepContext& ctx, std::uint32_t lane, std::uint32_t index) {
    const SimState& st = ctx.st;
    if (index != 0 || st.merge_request_step[lane] != st.step) return {};
    const int side = st.merge_request_side[lane];
    const std::uint32_t target = side > 0 ? ctx.net.lane_left[lane] : ctx.net.lane_right[lane];
    if (target == kNone || st.lane_count[target] == 0 || st.merge_request_step[target] != st.step ||
        st.merge_request_side[target] != -side)
        return {};
    const std::uint32_t v = ctx.lane_begin(lane)[0];
    const std::uint32_t u = ctx.lane_begin(target)[0];
    const double halt = st.config.halt_speed_mps;
    if (st.vehicles.speed_mps[v] >= halt || st.vehicles.speed_mps[u] >= halt) return {};
    return {target, 0.0, ctx.net.lane_length_m[target]};
}

LaneChangeChoice choose_lane_change(const StepContext& ctx, std::uint32_t lane, std::uint32_t index,
                                    double accel_here) {
    const CompiledNetwork& net = ctx.net;
    const auto& veh = ctx.st.vehicles;
    const std::uint32_t* list = ctx.lane_begin(lane);
    const std::uint32_t v = list[index];
    if (net.is_internal(lane) || veh.lane_change_cooldown_s[v] > 0.0f) return {};

    const bool to_left = ctx.st.step % 2 == 0;
    const std::uint32_t target = to_left ? net.lane_left[lane] : net.lane_right[lane];
    if (target == kNone || !ctx.lane_allows(target, v)) return {};

    const VehicleType& type = ctx.type_of(v);
    const double x = veh.pos_m[v];
    const double v_self = veh.speed_mps[v];
    const std::uint32_t next_link = veh.next_link[v];
    // next_conn is the connection this lane offers towards next_link (none: it offers none).
    const int side = to_left ? 1 : -1;
    const bool forced = !ctx.lane_allows(lane, v) || (next_link != kNone && veh.next_conn[v] == kNone);
    // A change the route needs soon (forced, or towards a lane that spares a forced one
    // later) is made whenever it is safe, without asking whether it pays.
    const bool mandatory = forced || veh.better_lane_side[v] == side;
    const double length = type.length_m;
    // Right after a junction, vehicles still inside it are about to enter the target lane
    // behind us unseen by the follower check: change only once clear of the lane start.
    if (x - length < kNoChangeNearStart_m) return {};
    const double to_end = net.lane_length_m[lane] - x;
    if (forced) {
        if (ctx.direction_to_reach(lane, next_link, v) != side) return {};
    } else if (!mandatory) {
        if (veh.better_lane_side[v] == StepContext::kKeepLane || to_end < kNoChangeNearEnd_m) return {};
        // A driver already accelerating almost as on a free road has nothing to gain.
        const double free_accel = idm_acceleration(type, v_self, ctx.desired_speed(v, lane), kNoLeaderGap_m, 0.0);
        if (free_accel - accel_here <= type.lane_change_threshold_mps2) return {};
        if (!ctx.lane_reaches(target, next_link, v)) return {};
    }

    const Neighbours nb = neighbours_at(ctx, target, x);
    double gap_lead = kNoLeaderGap_m;
    double lead_speed = 0.0;
    double leader_back = net.lane_length_m[target];
    if (nb.leader != kNone) {
        leader_back = veh.pos_m[nb.leader] - ctx.length_of(nb.leader);
        gap_lead = leader_back - x;
        leader_back += ctx.sure_travel(nb.leader);
        lead_speed = veh.speed_mps[nb.leader];
        if (gap_lead < 0.5) return {};
    } else if (const std::uint32_t ahead = overhanging_vehicle(ctx, target); ahead != kNone) {
        leader_back = net.lane_length_m[target] + veh.pos_m[ahead] - ctx.length_of(ahead);
        gap_lead = leader_back - x;
        leader_back += ctx.sure_travel(ahead);
        lead_speed = veh.speed_mps[ahead];
        if (gap_lead < 0.5) return {};
    } else if (!mandatory) {
        // Unknown beyond the lane end: assume it may end in a stop, as the current lane may.
        gap_lead = to_end;
    }
    const double a_new = idm_acceleration(type, v_self, ctx.desired_speed(v, target), gap_lead, lead_speed);

    const double b_safe = mandatory ? type.emergency_decel_mps2 * 0.5 : type.comfortable_decel_mps2 * 1.3;
    double follower_gain = 0.0;
    if (nb.follower != kNone) {
        const std::uint32_t f = nb.follower;
        const double gap_follow = x - length - veh.pos_m[f];
        const double vf = veh.speed_mps[f];
        const double reach = vf * ctx.dt + 0.5 * ctx.type_of(f).max_accel_mps2 * ctx.dt * ctx.dt + kFollowerMargin_m;
        if (gap_follow < reach) return {};
        const double a_f_new = idm_acceleration(ctx.type_of(f), vf, ctx.desired_speed(f, target), gap_follow, v_self);
        if (a_f_new < -b_safe) return {};
        if (!mandatory) {
            const double lead_pos = nb.leader == kNone ? 0.0 : veh.pos_m[nb.leader];
            follower_gain += a_f_new - accel_behind(ctx, f, target, nb.leader, lead_pos, lead_speed);
        }
    }
    if (a_new < -b_safe) return {};
    if (mandatory) return {target, a_new, leader_back};

    // MOBIL: own advantage plus politeness times the followers' net change.
    if (index + 1 < ctx.st.lane_count[lane]) {
        const std::uint32_t old_f = list[index + 1];
        const std::uint32_t old_leader = index > 0 ? list[index - 1] : kNone;
        const double before = accel_behind(ctx, old_f, lane, v, x, v_self);
        const double after = accel_behind(ctx, old_f, lane, old_leader,
                                          old_leader == kNone ? 0.0 : veh.pos_m[old_leader],
                                          old_leader == kNone ? 0.0 : veh.speed_mps[old_leader]);
        follower_gain += after - before;
    }
    const double incentive = (a_new - accel_here) + type.politeness * follower_gain;
    if (incentive > type.lane_change_threshold_mps2) return {target, a_new, leader_back};
    return {};
}

}  // namespace ut::engine
