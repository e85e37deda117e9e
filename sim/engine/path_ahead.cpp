#include "engine/path_ahead.hpp"

#include <algorithm>

namespace ut::engine {
namespace {

using signals::SignalColor;

// Yielding is decided close to the stop line; further away the vehicle just drives on.
constexpr double kYieldDecisionDistance_m = 25.0;
constexpr double kYieldDecisionTime_s = 3.0;
constexpr double kCrossingTime_s = 2.0;

// Space a vehicle needs at the start of the exit lane before it may enter the junction
// ("don't block the box"), after the vehicles already inside on the same connection and on
// the zip partners into the same lane.
bool exit_has_room(const StepContext& ctx, std::uint32_t c, std::uint32_t v) {
    const std::uint32_t exit = ctx.net.conn_to_lane[c];
    double needed = ctx.length_of(v) + ctx.type_of(v).min_gap_m;
    auto add_inside = [&](std::uint32_t conn) {
        const std::uint32_t internal = ctx.net.conn_internal_lane[conn];
        const std::uint32_t* list = ctx.lane_begin(internal);
        for (std::uint32_t i = 0; i < ctx.st.lane_count[internal]; ++i)
            needed += ctx.length_of(list[i]) + ctx.type_of(list[i]).min_gap_m;
    };
    add_inside(c);
    for (std::uint32_t f : ctx.net.zips(c))
        if (ctx.net.conn_to_lane[f] == exit) add_inside(f);
    // A moving queue makes room as the vehicle crosses; only a slow or standing one blocks.
    const std::uint32_t last = ctx.last_vehicle(exit);
    const double leaving = last == kNone ? 0.0 : ctx.st.vehicles.speed_mps[last] * kCrossingTime_s;
    return ctx.space_at_start(exit) + leaving >= std::min(needed, ctx.net.lane_length_m[exit]);
}

// Whether priority vehicle u, `distance_m` before a junction, arrives within the critical gap.
bool arrives_soon(const SimState& st, std::uint32_t u, double distance_m) {
    return distance_m / std::max(st.vehicles.speed_mps[u], 1.0) < st.config.critical_gap_s;
}

// When the front vehicle of a priority lane turns elsewhere, the one behind it may still be
// heading across: whether the first vehicle behind the front that takes connection f
// reaches the stop line within the critical gap (a vehicle standing for a while is not
// approaching, as for the front; see scan_fronts).
bool arrives_behind_front(const StepContext& ctx, std::uint32_t lane, std::uint32_t f) {
    const SimState& st = ctx.st;
    const double reach_m = st.config.critical_gap_s * ctx.net.lane_speed_mps[lane];
    const std::uint32_t* list = ctx.lane_begin(lane);
    for (std::uint32_t i = 1; i < st.lane_count[lane]; ++i) {
        const std::uint32_t u = list[i];
        const double distance = ctx.net.lane_length_m[lane] - st.vehicles.pos_m[u];
        if (distance > reach_m) return false;
        if (st.vehicles.next_conn[u] != f) continue;
        return st.vehicles.halted_s[u] < kStandingPriority_s && arrives_soon(st, u, distance);
    }
    return false;
}

// Where one junction is drawn as several nodes joined by short links, the priority vehicle
// that will cross a yielding movement's path may still be a link or two back when the
// approach lane itself is empty. Whether a vehicle on the lanes feeding `lane` (`dist_m`
// before its start) reaches the start of `lane` within the critical gap: the nearest one on
// each feeding path counts, inside the junction or at the front of the lane before it.
constexpr int kUpstreamDepth = 4;
bool arrives_from_upstream(const StepContext& ctx, std::uint32_t lane, double dist_m, int depth) {
    const SimState& st = ctx.st;
    const CompiledNetwork& net = ctx.net;
    for (std::uint32_t c : net.connections_into(lane)) {
        const std::uint32_t internal = net.conn_internal_lane[c];
        double d = dist_m + net.lane_length_m[internal];
        if (st.lane_count[internal] > 0) {
            const std::uint32_t u = ctx.lane_begin(internal)[0];
            if (arrives_soon(st, u, d - st.vehicles.pos_m[u])) return true;
            continue;
        }
        const std::uint32_t from = net.conn_from_lane[c];
        d += net.lane_length_m[from];
        if (st.lane_count[from] > 0) {
            const std::uint32_t u = ctx.lane_begin(from)[0];
            if (st.vehicles.next_conn[u] == c && arrives_soon(st, u, d - st.vehicles.pos_m[u])) return true;
        } else if (depth > 1 && d < st.config.critical_gap_s * net.lane_speed_mps[from] &&
                   arrives_from_upstream(ctx, from, d, depth - 1)) {
            return true;
        }
    }
    return false;
}

}  // namespace

ZipLeader nearest_zip_leader(const StepContext& ctx, std::uint32_t c, std::uint32_t v, double stop_line_m) {
    const SimState& st = ctx.st;
    const CompiledNetwork& net = ctx.net;
    ZipLeader leader;
    leader.stop_line_m = stop_line_m;
    // Fast drivers sort themselves out further back: their zone and tolerance begin past
    // the distance they need to brake comfortably.
    const double speed = st.vehicles.speed_mps[v];
    const double braking_m = speed * speed / (2.0 * ctx.type_of(v).comfortable_decel_mps2);
    if (stop_line_m > kZipZone_m + braking_m) return leader;
    const double tolerance_m = kZipOverlapPerMetre * std::max(0.0, stop_line_m - braking_m);
    const double to_end = stop_line_m + net.lane_length_m[net.conn_internal_lane[c]];
    auto consider = [&](std::uint32_t u, double u_to_end_m) {
        const double gap = to_end - u_to_end_m - ctx.length_of(u) + tolerance_m;
        if (gap < leader.gap_m) {
            leader.gap_m = gap;
            leader.speed_mps = st.vehicles.speed_mps[u];
            leader.vehicle = u;
        }
    };
    auto ahead = [&](std::uint32_t f, double u_to_end_m) {
        return u_to_end_m < to_end || (u_to_end_m == to_end && f < c);
    };
    for (std::uint32_t f : net.zips(c)) {
        const std::uint32_t group = st.conn_group[f];
        if (group != kNone && st.group_color[group] == SignalColor::Red) continue;
        const std::uint32_t internal = net.conn_internal_lane[f];
        const std::uint32_t* inside = ctx.lane_begin(internal);
        for (std::uint32_t i = 0; i < st.lane_count[internal]; ++i) {
            const double d = net.lane_length_m[internal] - st.vehicles.pos_m[inside[i]];
            if (ahead(f, d)) consider(inside[i], d);
        }
        // The partner lane's vehicles heading into f, front first: the last one still ahead.
        const std::uint32_t from = net.conn_from_lane[f];
        const std::uint32_t* list = ctx.lane_begin(from);
        for (std::uint32_t i = 0; i < st.lane_count[from]; ++i) {
            const std::uint32_t u = list[i];
            const double d = net.lane_length_m[from] - st.vehicles.pos_m[u] + net.lane_length_m[internal];
            if (!ahead(f, d)) break;
            if (u != v && st.vehicles.next_conn[u] == f) consider(u, d);
        }
    }
    return leader;
}

void follow_zip_leader(const StepContext& ctx, const ZipLeader& zip, PathAhead& path) {
    if (zip.gap_m >= path.gap_m) return;
    // A partner still alongside cannot be followed at a gap yet: the driver falls back
    // behind it, and the conflict begins at the stop line, not where the driver is now.
    path.gap_m = zip.gap_m;
    path.leader_speed_mps = zip.speed_mps;
    const double limit = std::max(zip.gap_m + ctx.sure_travel(zip.vehicle), zip.stop_line_m);
    if (limit < path.limit_m) {
        path.limit_m = limit;
        path.limit_is_vehicle = false;  // the partner is in another lane: no collision to prevent
    }
}

bool may_enter(const StepContext& ctx, std::uint32_t c, std::uint32_t v, double distance_m) {
    const SimState& st = ctx.st;
    const std::uint32_t group = st.conn_group[c];
    bool protected_green = false;
    if (group != kNone) {
        const SignalColor color = st.group_color[group];
        if (color == SignalColor::Red) return false;
        if (color == SignalColor::Yellow) {
            const double speed = st.vehicles.speed_mps[v];
            // Go on yellow only when a comfortable stop is no longer possible.
            return distance_m <= speed * speed / (2.0 * ctx.type_of(v).comfortable_decel_mps2);
        }
        protected_green = color == SignalColor::Green;
    }
    if (!exit_has_room(ctx, c, v)) return false;
    // Whatever the signal says, vehicles still clearing the junction on a conflicting path
    // go first (a late left turner, a vehicle that entered on yellow).
    for (std::uint32_t f : ctx.net.foes(c))
        if (st.lane_count[ctx.net.conn_internal_lane[f]] > 0) return false;
    if (protected_green) return true;
    if (distance_m > std::max(kYieldDecisionDistance_m, st.vehicles.speed_mps[v] * kYieldDecisionTime_s)) return true;

    for (std::uint32_t f : ctx.net.yields_to(c)) {
        if (group != kNone) {
            const std::uint32_t foe_group = st.conn_group[f];
            if (foe_group != kNone && st.group_color[foe_group] == SignalColor::Red) continue;
        }
        const std::uint32_t foe_lane = ctx.net.conn_from_lane[f];
        if (st.lane_count[foe_lane] > 0) {
            if (st.front_conn[foe_lane] == f ? st.front_eta_s[foe_lane] < st.config.critical_gap_s
                                             : arrives_behind_front(ctx, foe_lane, f))
                return false;
        } else if (arrives_from_upstream(ctx, foe_lane, 0.0, kUpstreamDepth)) {
            return false;
        }
    }
    return true;
}

PathAhead look_ahead(const StepContext& ctx, std::uint32_t v, std::uint32_t lane) {
    const CompiledNetwork& net = ctx.net;
    const auto& veh = ctx.st.vehicles;
    const VehicleType& type = ctx.type_of(v);
    const double speed = veh.speed_mps[v];
    const double horizon = std::max(60.0, speed * speed / (2.0 * type.comfortable_decel_mps2) +
                                              2.0 * speed * type.time_headway_s + type.min_gap_m + 20.0);
    PathAhead path;
    double dist = net.lane_length_m[lane] - veh.pos_m[v];
    std::uint32_t current = lane;
    std::uint32_t cursor = veh.route_cursor[v];

    ZipLeader zip_leader;
    auto stop_at = [&](double d) {
        path.gap_m = d;
        path.leader_speed_mps = 0.0;
        path.limit_m = d;
    };
    while (path.count < PathAhead::kMaxLanes && dist <= horizon) {
        std::uint32_t next;
        if (!net.is_internal(current)) {
            const std::uint32_t next_link = cursor == veh.route_cursor[v] ? veh.next_link[v] : ctx.route_link(v, cursor + 1);
            if (next_link == kNone) {
                path.exit_m = dist;
                break;
            }
            std::uint32_t c = veh.next_conn[v];
            if (current != lane) c = ctx.choose_connection(current, cursor, v);
            else if (!ctx.lane_allows(current, v)) c = kNone;
            // A driver who could no longer stop before the line even braking as hard as it
            // can goes on (as on yellow): a refusal that late, say a foe arriving or the exit
            // filling up in the last metre, would be a stop no brakes make.
            const bool can_stop = dist >= speed * speed / (2.0 * type.emergency_decel_mps2);
            if (c == kNone || (can_stop && !may_enter(ctx, c, v, dist))) {
                stop_at(dist);
                break;
            }
            next = net.conn_internal_lane[c];
            if (net.lane_has_zips[current]) {
                const ZipLeader zip = nearest_zip_leader(ctx, c, v, dist);
                if (zip.gap_m < zip_leader.gap_m) zip_leader = zip;
            }
        } else {
            next = net.conn_to_lane[net.lane_connection[current]];
            ++cursor;
        }
        path.lanes[path.count] = next;
        path.start_m[path.count] = dist;
        path.cursor_after[path.count] = cursor;
        ++path.count;
        path.speed_cap_mps = std::min(path.speed_cap_mps,
                                      approach_speed(ctx.desired_speed(v, next), dist, type.comfortable_decel_mps2));
        const std::uint32_t last = ctx.last_vehicle(next);
        if (last != kNone) {
            path.gap_m = dist + veh.pos_m[last] - ctx.length_of(last);
            path.leader_speed_mps = veh.speed_mps[last];
            path.limit_m = path.gap_m + ctx.sure_travel(last);
            path.limit_is_vehicle = true;
            break;
        }
        dist += net.lane_length_m[next];
        current = next;
    }
    // Beyond the lanes it looked at the driver cannot know the way is clear: it drives so
    // that it could stop there (on a chain of short links a fast driver otherwise met a
    // queue it had not seen at a speed no braking could undo).
    if (path.count == PathAhead::kMaxLanes && path.limit_m >= kNoLeaderGap_m) stop_at(dist);
    follow_zip_leader(ctx, zip_leader, path);
    return path;
}

}  // namespace ut::engine
