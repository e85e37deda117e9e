// Read-only views of a running simulation: the draw snapshot and the state hash.
#include <algorithm>
#include <bit>

#include "core/random.hpp"
#include "engine/compiled_network.hpp"
#include "engine/sim_state.hpp"
#include "engine/simulation.hpp"

namespace ut::engine {
namespace {

struct Hasher {
    std::uint64_t h = 0x51ed270b27a1f00dULL;
    void add(std::uint64_t x) { h = mix64(h ^ x); }
    void add(double x) { add(std::bit_cast<std::uint64_t>(x)); }
};

// A bus of a line carries its load and capacity into the snapshot.
void set_bus_load(const SimState& st, std::uint32_t v, VehicleSnapshot& vs) {
    const VehicleType& type = st.vehicle_types[st.vehicles.type[v]];
    if (type.vehicle_class != network::VehicleClass::Bus || !st.transit.active()) return;
    const std::uint32_t run = st.transit.run_of_trip[st.vehicles.trip[v]];
    if (run == kNone) return;
    vs.passengers = static_cast<std::uint16_t>(std::min<std::uint32_t>(st.transit.runs[run].load, 65535));
    vs.capacity = static_cast<std::uint16_t>(std::min<std::uint32_t>(std::max<std::uint32_t>(type.capacity, 1), 65535));
}

void hash_transit(const transit::TransitState& tr, Hasher& h) {
    for (const transit::RunState& r : tr.runs) {
        h.add(static_cast<std::uint64_t>(r.phase) | static_cast<std::uint64_t>(r.next_stop) << 8 |
              static_cast<std::uint64_t>(r.load) << 32);
        h.add(r.dwell_until_s);
    }
    for (std::uint32_t n : tr.onboard) h.add(static_cast<std::uint64_t>(n));
    for (const transit::StopQueue& q : tr.stops) {
        h.add(q.arrivals | static_cast<std::uint64_t>(q.open) << 63);
        h.add(static_cast<std::uint64_t>(q.waiting_count()));
        h.add(q.next_arrival_s);
    }
    for (const transit::StopEvent& e : tr.events) {
        h.add(e.arrival_s);
        h.add(e.departure_s);
        h.add(static_cast<std::uint64_t>(e.boarded) | static_cast<std::uint64_t>(e.alighted) << 32);
        h.add(e.wait_s);
    }
}

}  // namespace

Snapshot Simulation::snapshot() const {
    const SimState& st = *state_;
    Snapshot snap;
    snap.time_s = st.time_s;
    snap.vehicles.reserve(st.counters.in_network);
    for (std::uint32_t lane : st.active_lanes) {
        const Polyline& shape = net_->lane_shape(lane);
        const double scale = polyline_length(shape) / net_->lane_length_m[lane];
        const std::uint32_t* list = st.lane_vehicles.data() + net_->lane_slot_begin[lane];
        for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) {
            const std::uint32_t v = list[i];
            const PointOnLine p = point_along(shape, st.vehicles.pos_m[v] * scale);
            VehicleSnapshot vs;
            vs.position = p.point;
            vs.heading = p.heading;
            vs.speed_mps = static_cast<float>(st.vehicles.speed_mps[v]);
            vs.length_m = static_cast<float>(st.vehicle_types[st.vehicles.type[v]].length_m);
            vs.vehicle_type = st.vehicles.type[v];
            vs.trip = TripId{st.vehicles.trip[v]};
            set_bus_load(st, v, vs);
            snap.vehicles.push_back(vs);
        }
    }
    snap.connection_colors.assign(net_->conn_from_lane.size(), signals::SignalColor::Green);
    for (std::size_t c = 0; c < snap.connection_colors.size(); ++c)
        if (st.conn_group[c] != kNone) snap.connection_colors[c] = st.group_color[st.conn_group[c]];
    return snap;
}

std::uint64_t Simulation::state_hash() const {
    const SimState& st = *state_;
    Hasher h;
    h.add(st.step);
    for (std::uint32_t lane : st.active_lanes) {
        h.add(static_cast<std::uint64_t>(lane));
        const std::uint32_t* list = st.lane_vehicles.data() + net_->lane_slot_begin[lane];
        for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) {
            const std::uint32_t v = list[i];
            h.add(static_cast<std::uint64_t>(st.vehicles.trip[v]));
            h.add(st.vehicles.pos_m[v]);
            h.add(st.vehicles.speed_mps[v]);
            h.add(st.vehicles.trip_time_loss_s[v]);
        }
    }
    for (const TripRecord& r : st.records) {
        h.add(r.enter_s);
        h.add(r.arrival_s);
        h.add(r.time_loss_s);
    }
    for (std::uint32_t t : st.waiting_trips) h.add(static_cast<std::uint64_t>(t));
    // Signals and detectors: a run whose controllers diverged would show it only later.
    for (signals::SignalColor c : st.group_color) h.add(static_cast<std::uint64_t>(c));
    for (const signals::ControllerState& c : st.signal_control.controllers) {
        h.add(static_cast<std::uint64_t>(c.timing) | static_cast<std::uint64_t>(c.target_timing) << 16 |
              static_cast<std::uint64_t>(c.transition) << 32 | static_cast<std::uint64_t>(c.barrier) << 40 |
              static_cast<std::uint64_t>(c.target_barrier) << 48);
        h.add(c.joined_s);
        for (const signals::RingState& r : c.rings) {
            h.add(static_cast<std::uint64_t>(r.phase) | static_cast<std::uint64_t>(r.interval) << 8 |
                  static_cast<std::uint64_t>(r.next) << 16 | static_cast<std::uint64_t>(r.reason) << 24);
            h.add(r.interval_start_s);
            h.add(r.green_start_s);
        }
        h.add(static_cast<std::uint64_t>(c.calls) | static_cast<std::uint64_t>(c.served) << 32);
        for (double t : c.last_actuation_s) h.add(t);
        h.add(static_cast<std::uint64_t>(c.priority_group));
        h.add(c.priority_until_s);
        h.add(c.priority_hold_since_s);
    }
    hash_transit(st.transit, h);
    const metrics::Detectors& det = st.detectors;
    for (std::size_t d = 0; d < det.size(); ++d) {
        h.add(static_cast<std::uint64_t>(det.presence[d]) | static_cast<std::uint64_t>(det.step_count[d]) << 8);
        h.add(det.count[d]);
        h.add(det.occupied_s[d]);
    }
    return h.h;
}

}  // namespace ut::engine
