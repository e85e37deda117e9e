// The engine's dynamic state: plain arrays, copyable as a whole (a fork) and hashable.
//
// Vehicles live in slots (struct of arrays, indexed by slot); a slot is taken at insertion
// and freed at arrival. Each lane keeps the slots of the vehicles on it in a fixed range of
// `lane_vehicles`, sorted front first (largest position first). Positions are of the front
// bumper, in metres from the lane's start. Every so often the slots are renumbered in lane
// order (renumber_vehicles), so that the step walks the vehicle arrays nearly sequentially.
//
// Per-lane accumulators are written only by the task that owns the lane in a parallel
// phase, and summed per link on demand, so no two threads ever write the same memory.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "demand/demand.hpp"
#include "engine/commands.hpp"
#include "engine/engine_config.hpp"
#include "engine/records.hpp"
#include "engine/vehicle_type.hpp"
#include "metrics/detectors.hpp"
#include "signals/signal_control.hpp"
#include "signals/signal_plan.hpp"
#include "transit/transit_state.hpp"

namespace ut::engine {

struct VehicleArrays {
    std::vector<double> pos_m;
    std::vector<double> speed_mps;
    std::vector<std::uint32_t> lane;
    std::vector<std::uint32_t> trip;
    std::vector<std::uint32_t> route_cursor;  // index into the trip's route of the current (or just left) link
    std::vector<std::uint32_t> route_begin;   // the trip's route, copied here so the step reads it in one load
    std::vector<std::uint32_t> route_size;
    std::vector<std::uint32_t> next_link;     // the route's link after route_cursor (kNone: the route ends); see set_route_cursor
    std::vector<std::uint32_t> next_conn;     // on a road lane: the connection it takes at the lane's end (kNone: none or route ends)
    std::vector<std::int8_t> better_lane_side;  // +1/-1: a lane that way leads on better; see StepContext::choose_route_lane
    std::vector<std::uint8_t> type;
    std::vector<float> speed_factor;
    std::vector<float> halted_s;           // continuous time below the halt speed
    std::vector<float> lane_change_cooldown_s;
    std::vector<std::uint8_t> halted;      // 1 while halted (to count stops)
    // The trip's figures so far, kept with the vehicle (the step touches them every time)
    // and added to its TripRecord when it arrives.
    std::vector<double> trip_time_loss_s;
    std::vector<double> trip_distance_m;
    std::vector<std::uint32_t> trip_stops;

    // Written by the plan phase, applied by the integrate phase.
    std::vector<double> next_pos_m;
    std::vector<double> next_speed_mps;
    std::vector<std::uint32_t> next_lane;  // kNone = leaves the network (arrived)
    std::vector<std::uint32_t> next_cursor;
    std::vector<std::uint8_t> next_event;  // VehicleEvent bits

    std::size_t size() const { return pos_m.size(); }
    void resize(std::size_t n);
    // Slot i becomes the vehicle that was in slot order[i]; the other slots are dropped.
    // `scratch` keeps the buffers between calls, so this allocates only while growing.
    void permute(const std::vector<std::uint32_t>& order, VehicleArrays& scratch);
};

enum VehicleEvent : std::uint8_t {
    kEventNone = 0,
    kEventArrived = 1,
    kEventTeleported = 2,
    kEventGridlock = 4,
};

struct LaneAccumulators {
    std::vector<double> vehicle_seconds;
    std::vector<double> vehicle_meters;
    std::vector<double> time_loss_s;
    std::vector<std::uint64_t> entered;
    std::vector<std::uint64_t> left;
    std::vector<std::uint32_t> gridlock_events;
    std::vector<std::uint32_t> teleports;
    std::vector<std::uint32_t> collisions_prevented;

    void resize(std::size_t n);
};

struct SimState {
    EngineConfig config;
    std::shared_ptr<const demand::Demand> demand;
    std::vector<VehicleType> vehicle_types;

    double time_s = 0.0;
    std::uint64_t step = 0;

    VehicleArrays vehicles;
    std::vector<std::uint32_t> free_slots;      // stack; top is reused first
    std::vector<std::uint32_t> lane_vehicles;   // per-lane ranges, see CompiledNetwork::lane_slot_begin
    std::vector<std::uint32_t> lane_count;
    std::vector<std::uint8_t> lane_closed;
    std::vector<std::uint32_t> active_lanes;    // lanes with vehicles, ascending

    // Signals: plans, and the colour of each group (flattened), and each connection's group.
    std::vector<signals::SignalPlan> plans;
    std::vector<std::uint32_t> plan_group_offset;
    std::vector<signals::SignalColor> group_color;
    std::vector<std::uint32_t> conn_group;      // kNone when unsignalised

    // ---- Signal control and detectors (owned by the signals work: sim/signals, sim/metrics,
    // engine/signal_phase.cpp). Plain data: controller states, wiring and the phase log. ----
    signals::SignalControl signal_control;
    metrics::Detectors detectors;               // updated once per step, before the signals
    // ---- end of signal control ----

    // Per road lane, the connection its front vehicle will take next and when it gets
    // there (seconds), refreshed each step before planning; used for yielding.
    std::vector<std::uint32_t> front_conn;
    std::vector<float> front_eta_s;
    // Per road lane, a front vehicle that must change lanes before the lane ends asks the
    // neighbour lane to let it in: the side (+1 left, -1 right), where its back is, and the
    // step the request is for (requests from emptied lanes are stale, not cleared).
    std::vector<std::int8_t> merge_request_side;
    std::vector<double> merge_request_back_m;
    std::vector<std::uint64_t> merge_request_step;

    // Demand not yet in the network.
    std::size_t next_trip = 0;                   // trips [next_trip, end) have not departed yet
    std::vector<std::uint32_t> waiting_trips;    // departure time passed, no space yet; in trip order
    std::vector<std::uint64_t> link_blocked_step;  // per link: last step an insertion failed (keeps FIFO order)

    // Bus lines: runs, passengers on board and at stops, stop events (engine/transit_phase.hpp).
    transit::TransitState transit;

    std::vector<TripRecord> records;             // per trip
    LaneAccumulators lane_stats;
    NetworkCounters counters;

    std::vector<Command> pending_commands;

    // Scratch reused every step (kept here so the step allocates nothing).
    struct Transfer {
        std::uint32_t lane;
        double pos_m;
        std::uint32_t vehicle;
    };
    std::vector<Transfer> transfers;
    // Per chunk of consecutive active lanes, so that the integrate phase can gather in
    // parallel and join the chunks in order.
    struct LaneChunk {
        std::vector<Transfer> transfers;
        std::vector<std::uint32_t> arrived;
        std::vector<std::uint32_t> active;
    };
    std::vector<LaneChunk> lane_chunks;
    std::vector<std::uint32_t> lane_leavers;     // per lane: vehicles leaving it this step
    std::vector<std::uint32_t> touched_lanes;
    std::vector<std::uint32_t> arrived_slots;
    std::vector<std::uint32_t> inserted_lanes;
    std::vector<std::uint32_t> scratch;
    VehicleArrays renumber_scratch;
};

// Adds vehicle v's trip figures so far to its trip's record.
inline void add_trip_so_far(const VehicleArrays& veh, std::uint32_t v, std::vector<TripRecord>& records) {
    TripRecord& rec = records[veh.trip[v]];
    rec.time_loss_s += veh.trip_time_loss_s[v];
    rec.distance_m += veh.trip_distance_m[v];
    rec.stops += veh.trip_stops[v];
}

}  // namespace ut::engine
