#include "engine/transit_phase.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/random.hpp"

namespace ut::engine {
namespace {

using transit::RunPhase;

constexpr double kNoStop = std::numeric_limits<double>::infinity();
// A bus counts as at its stop when its front is this close to the stop and it has slowed to
// a crawl (the IDM approaches a standstill point asymptotically).
constexpr double kAtStop_m = 1.0;
constexpr double kAtStopSpeed_mps = 0.5;
// Closer than this to its stop a bus keeps its lane (in-lane stop; no overtaking its stop).
constexpr double kKeepLaneBeforeStop_m = 60.0;

const transit::BusStop& stop_of(const transit::TransitLines& lines, std::uint32_t run, std::uint32_t stop) {
    return lines.lines[lines.runs[run].line].stops[stop];
}

// Distance from vehicle v's front to where its front must stop for `stop`: on its lane's
// link, or on the next link of its route; kNoStop further away. Negative: it is past it.
double distance_to_stop(const StepContext& ctx, std::uint32_t v, std::uint32_t lane, const transit::BusStop& stop) {
    const auto& veh = ctx.st.vehicles;
    const std::uint32_t cursor = veh.route_cursor[v];
    const double left_on_lane = ctx.net.lane_length_m[lane] - veh.pos_m[v];
    if (ctx.net.is_internal(lane)) return stop.route_index == cursor + 1 ? left_on_lane + stop.offset_m : kNoStop;
    if (stop.route_index == cursor) return std::min(stop.offset_m, ctx.net.lane_length_m[lane]) - veh.pos_m[v];
    if (stop.route_index == cursor + 1) {
        const std::uint32_t c = veh.next_conn[v];
        const double through = c == kNone ? 0.0 : ctx.net.lane_length_m[ctx.net.conn_internal_lane[c]];
        return left_on_lane + through + stop.offset_m;
    }
    return kNoStop;
}

// Passengers of stop `global` (stop `index` of `line`) who have arrived by `now_s`.
void advance_arrivals(const SimState& st, const transit::BusLine& line, std::uint32_t index, std::uint32_t global,
                      transit::StopQueue& q, double now_s) {
    const double rate_per_s = line.stops[index].boardings_per_h / 3600.0;
    if (!(rate_per_s > 0.0)) return;
    const std::uint64_t seed = st.config.seed;
    while (q.next_arrival_s <= now_s && q.next_arrival_s < line.passengers_end_s) {
        // Destination: a later stop, in proportion to the alighting weights.
        double total = 0.0;
        for (std::size_t s = index + 1; s < line.stops.size(); ++s) total += line.stops[s].alight_weight;
        double pick = total * random_unit(seed, global, q.arrivals, RandomPurpose::PassengerDestination);
        std::uint32_t dest = index + 1;
        for (std::size_t s = index + 1; s < line.stops.size(); ++s) {
            dest = static_cast<std::uint32_t>(s);
            pick -= line.stops[s].alight_weight;
            if (pick < 0.0 && line.stops[s].alight_weight > 0.0) break;
        }
        q.waiting.push_back({q.next_arrival_s, dest});
        ++q.arrivals;
        const double u = random_unit(seed, global, q.arrivals, RandomPurpose::PassengerArrival);
        q.next_arrival_s += -std::log1p(-u) / rate_per_s;
    }
}

// A run at its current stop: what boarding and alighting there touch.
struct AtStop {
    transit::TransitState& tr;
    std::uint32_t run;
    const transit::BusLine& line;
    std::uint32_t first_seat;
    std::uint32_t capacity;
    transit::RunState& rs;
    transit::StopQueue& q;
};

AtStop at_stop(SimState& st, std::uint32_t run) {
    transit::TransitState& tr = st.transit;
    const transit::BusRun& br = tr.lines->runs[run];
    const transit::BusLine& line = tr.lines->lines[br.line];
    transit::RunState& rs = tr.runs[run];
    return {tr, run, line, br.first_seat, st.vehicle_types[line.vehicle_type.index()].capacity, rs,
            tr.stops[tr.lines->line_first_stop[br.line] + rs.next_stop]};
}

// Passengers start coming to stop `index` of `line` (global number `global`): from the line's
// passengers_begin_s, or (when that is < 0) one scheduled headway before `first_bus_s`, when
// the line's first bus reaches the stop, as if the service had been running before.
void open_stop(SimState& st, const transit::BusLine& line, std::uint32_t index, std::uint32_t global, double first_bus_s) {
    transit::StopQueue& q = st.transit.stops[global];
    q.open = 1;
    const double rate_per_s = line.stops[index].boardings_per_h / 3600.0;
    const double begin = line.passengers_begin_s >= 0.0 ? line.passengers_begin_s
                                                        : std::max(0.0, first_bus_s - line.scheduled_headway_s());
    const double u = random_unit(st.config.seed, global, 0, RandomPurpose::PassengerArrival);
    q.next_arrival_s = rate_per_s > 0.0 ? begin - std::log1p(-u) / rate_per_s : kNoStop;
    advance_arrivals(st, line, index, global, q, first_bus_s);
}

// Boards passengers who reached the stop by `now_s` while the bus has room, first come
// first served; returns how many.
std::uint32_t board(AtStop& a, double now_s, transit::StopEvent& ev) {
    std::uint32_t boarded = 0;
    transit::StopQueue& q = a.q;
    while (q.head < q.waiting.size() && a.rs.load < a.capacity && q.waiting[q.head].arrival_s <= now_s) {
        const transit::Passenger& p = q.waiting[q.head++];
        ++a.tr.onboard[a.first_seat + p.destination];
        ++a.rs.load;
        ev.wait_s += now_s - p.arrival_s;
        ++boarded;
    }
    // Keep the queue compact: drop the boarded front once it is most of the vector.
    if (q.head > 64 && q.head * 2 > q.waiting.size()) {
        q.waiting.erase(q.waiting.begin(), q.waiting.begin() + q.head);
        q.head = 0;
    }
    ev.boarded += boarded;
    return boarded;
}

// Run `run`'s bus has come to a halt at its next stop: doors open, riders for this stop get
// off, then those waiting get on.
void arrive_at_stop(SimState& st, std::uint32_t run, double now_s) {
    AtStop a = at_stop(st, run);
    if (!a.q.open) {
        const std::uint32_t line = st.transit.lines->runs[run].line;
        open_stop(st, a.line, a.rs.next_stop, st.transit.lines->line_first_stop[line] + a.rs.next_stop, now_s);
    }
    transit::StopEvent ev;
    ev.run = run;
    ev.stop = a.rs.next_stop;
    ev.arrival_s = now_s;
    std::uint32_t& getting_off = a.tr.onboard[a.first_seat + a.rs.next_stop];
    ev.alighted = getting_off;
    a.rs.load -= getting_off;
    getting_off = 0;
    board(a, now_s, ev);
    a.rs.phase = RunPhase::Dwelling;
    a.rs.arrival_s = now_s;
    a.rs.dwell_until_s = now_s + transit::dwell_time_s(a.line.dwell, ev.boarded, ev.alighted);
    a.rs.event = static_cast<std::uint32_t>(a.tr.events.size());
    a.tr.events.push_back(ev);
}

void to_next_stop(transit::TransitState& tr, std::uint32_t run) {
    transit::RunState& rs = tr.runs[run];
    const auto stops = static_cast<std::uint32_t>(tr.lines->lines[tr.lines->runs[run].line].stops.size());
    ++rs.next_stop;
    rs.phase = rs.next_stop < stops ? RunPhase::Approaching : RunPhase::Done;
}

// The dwell is over: passengers who came while the doors were open board too (each adds a
// boarding time), then the bus leaves.
void end_dwell(SimState& st, std::uint32_t run, double now_s) {
    AtStop a = at_stop(st, run);
    transit::StopEvent& ev = a.tr.events[a.rs.event];
    const std::uint32_t late = board(a, a.rs.dwell_until_s, ev);
    if (late > 0) {
        a.rs.dwell_until_s += late * a.line.dwell.boarding_s;
        if (now_s + 1e-9 < a.rs.dwell_until_s) return;
    }
    ev.departure_s = now_s;
    ev.load = a.rs.load;
    ev.left_behind = a.q.waiting_count();
    to_next_stop(a.tr, run);
}

// A bus that went past its stop without halting (a teleport out of a jam): the stop is
// skipped, and whoever meant to get off there gets off at the next stop.
void skip_stop(transit::TransitState& tr, std::uint32_t run) {
    transit::RunState& rs = tr.runs[run];
    const std::uint32_t seat = tr.lines->runs[run].first_seat + rs.next_stop;
    const auto stops = tr.lines->lines[tr.lines->runs[run].line].stops.size();
    if (rs.next_stop + 1 < stops) {
        tr.onboard[seat + 1] += tr.onboard[seat];
        tr.onboard[seat] = 0;
    }  // past the last stop they stay aboard, and leave the network with the bus
    ++tr.stops_skipped;
    to_next_stop(tr, run);
}

enum class Where { Before, At, Past };

Where where_is(const transit::RunSeen& seen, const transit::BusStop& stop) {
    if (seen.left || seen.route_index > stop.route_index) return Where::Past;
    if (seen.route_index < stop.route_index) return Where::Before;
    if (!seen.on_road) return Where::Past;  // in the junction after the stop's link
    if (seen.pos_m > stop.offset_m + kAtStop_m) return Where::Past;
    if (seen.pos_m >= stop.offset_m - kAtStop_m && seen.speed_mps <= kAtStopSpeed_mps) return Where::At;
    return Where::Before;
}

}  // namespace

void init_transit(SimState& st, std::shared_ptr<const transit::TransitLines> lines) {
    transit::TransitState& tr = st.transit;
    tr = {};
    tr.lines = std::move(lines);
    if (!tr.active()) return;
    const transit::TransitLines& tl = *tr.lines;
    tr.run_of_trip.assign(st.demand->trips.size(), kNone);
    for (std::uint32_t r = 0; r < tl.runs.size(); ++r) tr.run_of_trip[tl.runs[r].trip.index()] = r;
    tr.runs.assign(tl.runs.size(), {});
    tr.seen.assign(tl.runs.size(), {});
    tr.onboard.assign(tl.seat_count, 0);
    tr.stops.assign(tl.stop_count, {});
    for (std::uint32_t l = 0; l < tl.lines.size(); ++l) {
        const transit::BusLine& line = tl.lines[l];
        for (std::uint32_t s = 0; s < line.stops.size(); ++s) {
            const std::uint32_t g = tl.line_first_stop[l] + s;
            transit::StopQueue& q = tr.stops[g];
            const double rate_per_s = line.stops[s].boardings_per_h / 3600.0;
            if (line.passengers_begin_s >= 0.0 || line.departures_s.size() < 2) open_stop(st, line, s, g, 0.0);
            // Room for the passengers of the whole service at once, so queues rarely grow.
            const double span = line.passengers_end_s - std::max(0.0, line.passengers_begin_s);
            q.waiting.reserve(static_cast<std::size_t>(std::min(rate_per_s * std::max(0.0, span) * 1.2 + 16.0, 1e6)));
        }
    }
}

std::uint32_t hold_at_bus_stop(StepContext& ctx, std::uint32_t v, std::uint32_t lane, PathAhead& path) {
    const transit::TransitState& tr = ctx.st.transit;
    if (!tr.active()) return kNone;
    const std::uint32_t run = tr.run_of_trip[ctx.st.vehicles.trip[v]];
    if (run == kNone) return kNone;
    const transit::RunState& rs = tr.runs[run];
    double d = kNoStop;
    if (rs.phase == RunPhase::Dwelling) d = 0.0;
    else if (rs.phase == RunPhase::Approaching || rs.phase == RunPhase::NotInService)
        d = distance_to_stop(ctx, v, lane, stop_of(*tr.lines, run, rs.next_stop));
    if (d == kNoStop || d < -kAtStop_m) return run;
    d = std::max(d, 0.0);
    // The IDM halts min_gap_m short of a standing leader: put the "leader" that far beyond
    // the stop, so the front halts at the stop; the limit keeps it from rolling past.
    const double gap = d + ctx.type_of(v).min_gap_m;
    if (gap < path.gap_m) {
        path.gap_m = gap;
        path.leader_speed_mps = 0.0;
    }
    if (d < path.limit_m) {
        path.limit_m = d;
        path.limit_is_vehicle = false;
    }
    if (d < kKeepLaneBeforeStop_m) {
        float& cooldown = ctx.st.vehicles.lane_change_cooldown_s[v];
        cooldown = std::max(cooldown, static_cast<float>(ctx.dt));
    }
    return run;
}

void note_line_bus(StepContext& ctx, std::uint32_t run, std::uint32_t next_lane, double next_pos_m, double speed_mps,
                   std::uint32_t next_cursor) {
    transit::RunSeen& seen = ctx.st.transit.seen[run];
    seen.step = ctx.st.step;
    seen.left = next_lane == kNone;
    seen.on_road = next_lane != kNone && !ctx.net.is_internal(next_lane);
    seen.route_index = next_cursor;
    seen.pos_m = next_pos_m;
    seen.speed_mps = speed_mps;
}

void update_transit(StepContext& ctx) {
    SimState& st = ctx.st;
    transit::TransitState& tr = st.transit;
    if (!tr.active()) return;
    const transit::TransitLines& lines = *tr.lines;
    const double now = st.time_s + ctx.dt;
    for (std::uint32_t l = 0; l < lines.lines.size(); ++l)
        for (std::uint32_t s = 0; s < lines.lines[l].stops.size(); ++s) {
            const std::uint32_t g = lines.line_first_stop[l] + s;
            if (tr.stops[g].open) advance_arrivals(st, lines.lines[l], s, g, tr.stops[g], now);
        }
    for (std::uint32_t r = 0; r < tr.runs.size(); ++r) {
        const transit::RunSeen& seen = tr.seen[r];
        transit::RunState& rs = tr.runs[r];
        if (seen.step != st.step) continue;  // not in the network this step
        if (rs.phase == RunPhase::NotInService) rs.phase = RunPhase::Approaching;
        // Each pass opens the doors (Dwelling), skips a stop (next_stop grows) or stops.
        while (rs.phase == RunPhase::Approaching) {
            const Where w = where_is(seen, stop_of(lines, r, rs.next_stop));
            if (w == Where::Before) break;
            if (w == Where::At) arrive_at_stop(st, r, now);
            else skip_stop(tr, r);
        }
        if (rs.phase == RunPhase::Dwelling && now + 1e-9 >= rs.dwell_until_s) end_dwell(st, r, now);
        if (seen.left) {
            // Gone from the network: anyone still aboard (after skipped stops) leaves with it.
            for (std::uint32_t s = 0; s < lines.lines[lines.runs[r].line].stops.size(); ++s)
                tr.onboard[lines.runs[r].first_seat + s] = 0;
            tr.carried_off += rs.load;
            rs.load = 0;
            rs.phase = RunPhase::Done;
        }
    }
}

}  // namespace ut::engine
