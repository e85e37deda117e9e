#include "engine/simulation.hpp"

#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "engine/compiled_network.hpp"
#include "engine/sim_state.hpp"
#include "engine/step_phases.hpp"
#include "engine/transit_phase.hpp"
#include "network/conflicts.hpp"
#include "signals/conflict_check.hpp"

namespace ut::engine {

struct Executor {
    tbb::task_arena arena;
    explicit Executor(unsigned threads)
        : arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads)) {}
};

void VehicleArrays::resize(std::size_t n) {
    pos_m.resize(n);
    speed_mps.resize(n);
    lane.resize(n, kNone);
    trip.resize(n);
    route_cursor.resize(n);
    route_begin.resize(n);
    route_size.resize(n);
    next_link.resize(n, kNone);
    next_conn.resize(n, kNone);
    better_lane_side.resize(n);
    type.resize(n);
    speed_factor.resize(n, 1.0f);
    halted_s.resize(n);
    lane_change_cooldown_s.resize(n);
    halted.resize(n);
    trip_time_loss_s.resize(n);
    trip_distance_m.resize(n);
    trip_stops.resize(n);
    next_pos_m.resize(n);
    next_speed_mps.resize(n);
    next_lane.resize(n, kNone);
    next_cursor.resize(n);
    next_event.resize(n);
}

namespace {

// out[i] = in[order[i]]; then `in` holds the result and `out` the old values (kept as a
// buffer for next time).
template <class T>
void gather(std::vector<T>& in, std::vector<T>& out, const std::vector<std::uint32_t>& order) {
    out.resize(order.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, order.size(), 8192), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) out[i] = in[order[i]];
    });
    in.swap(out);
}

}  // namespace

void VehicleArrays::permute(const std::vector<std::uint32_t>& order, VehicleArrays& scratch) {
    gather(pos_m, scratch.pos_m, order);
    gather(speed_mps, scratch.speed_mps, order);
    gather(lane, scratch.lane, order);
    gather(trip, scratch.trip, order);
    gather(route_cursor, scratch.route_cursor, order);
    gather(route_begin, scratch.route_begin, order);
    gather(route_size, scratch.route_size, order);
    gather(next_link, scratch.next_link, order);
    gather(next_conn, scratch.next_conn, order);
    gather(better_lane_side, scratch.better_lane_side, order);
    gather(type, scratch.type, order);
    gather(speed_factor, scratch.speed_factor, order);
    gather(halted_s, scratch.halted_s, order);
    gather(lane_change_cooldown_s, scratch.lane_change_cooldown_s, order);
    gather(halted, scratch.halted, order);
    gather(trip_time_loss_s, scratch.trip_time_loss_s, order);
    gather(trip_distance_m, scratch.trip_distance_m, order);
    gather(trip_stops, scratch.trip_stops, order);
    // The plan's outputs are rewritten every step before they are read: only resized.
    for (auto* v : {&next_pos_m, &next_speed_mps}) v->resize(order.size());
    for (auto* v : {&next_lane, &next_cursor}) v->resize(order.size());
    next_event.resize(order.size());
}

void LaneAccumulators::resize(std::size_t n) {
    vehicle_seconds.resize(n);
    vehicle_meters.resize(n);
    time_loss_s.resize(n);
    entered.resize(n);
    left.resize(n);
    gridlock_events.resize(n);
    teleports.resize(n);
    collisions_prevented.resize(n);
}

namespace {

void check_inputs(const SimulationInputs& in) {
    if (!(in.config.step_s > 0.0 && in.config.step_s <= 2.0))
        throw std::invalid_argument(fmt::format("step_s = {} is out of range; use a step in (0, 2] seconds", in.config.step_s));
    if (in.vehicle_types.empty() || in.vehicle_types.size() > 255)
        throw std::invalid_argument("between 1 and 255 vehicle types are needed");
    for (const VehicleType& t : in.vehicle_types)
        if (t.length_m < CompiledNetwork::kMinVehicleSpacing_m)
            throw std::invalid_argument(fmt::format("vehicle type '{}' has length_m = {}; vehicles must be at least {} m long",
                                                    t.name, t.length_m, CompiledNetwork::kMinVehicleSpacing_m));
    const auto links = in.network.links.size();
    for (const demand::Trip& trip : in.demand.trips) {
        if (trip.vehicle_type.index() >= in.vehicle_types.size())
            throw std::invalid_argument(fmt::format("trip {} uses vehicle type {}, but only {} types exist",
                                                    trip.id.value, trip.vehicle_type.index(), in.vehicle_types.size()));
        for (LinkId l : in.demand.route(trip))
            if (l.index() >= links)
                throw std::invalid_argument(fmt::format("trip {} routes over link {}, which the network does not have",
                                                        trip.id.value, l.value));
    }
    std::vector<double> link_length_m;
    for (const network::Link& l : in.network.links) link_length_m.push_back(l.length_m);
    const std::vector<std::string> problems = transit::check_lines(in.transit, link_length_m);
    if (!problems.empty()) throw std::invalid_argument(fmt::format("{}", fmt::join(problems, "; ")));
    for (const transit::BusRun& run : in.transit.runs) {
        const transit::BusLine& line = in.transit.lines.at(run.line);
        if (run.trip.index() >= in.demand.trips.size() || in.demand.trips[run.trip.index()].route_size != line.route.size())
            throw std::invalid_argument(fmt::format("bus line '{}': run {} has no trip of its route in the demand "
                                                    "(add the runs with transit::add_runs_to_demand)", line.name, run.number));
        if (line.vehicle_type.index() >= in.vehicle_types.size())
            throw std::invalid_argument(fmt::format("bus line '{}' uses vehicle type {}, but only {} types exist", line.name,
                                                    line.vehicle_type.index(), in.vehicle_types.size()));
    }
}

}  // namespace

Simulation::Simulation(SimulationInputs in) {
    check_inputs(in);
    net_ = std::make_shared<const CompiledNetwork>(std::move(in.network));
    executor_ = std::make_shared<Executor>(in.config.threads);
    state_ = std::make_unique<SimState>();
    SimState& st = *state_;
    st.config = in.config;
    st.demand = std::make_shared<const demand::Demand>(std::move(in.demand));
    st.vehicle_types = std::move(in.vehicle_types);
    st.lane_vehicles.assign(net_->total_slots, kNone);
    st.lane_count.assign(net_->lane_count(), 0);
    st.lane_closed.assign(net_->lane_count(), 0);
    st.front_conn.assign(net_->lane_count(), kNone);
    st.front_eta_s.assign(net_->lane_count(), 0.0f);
    st.merge_request_side.assign(net_->lane_count(), 0);
    st.merge_request_back_m.assign(net_->lane_count(), 0.0);
    st.merge_request_step.assign(net_->lane_count(), ~std::uint64_t{0});
    st.lane_leavers.assign(net_->lane_count(), 0);
    st.link_blocked_step.assign(net_->source().links.size(), 0);
    st.lane_stats.resize(net_->lane_count());
    st.records.resize(st.demand->trips.size());
    for (const demand::Trip& t : st.demand->trips) st.records[t.id.index()].depart_s = t.depart_s;
    st.counters.not_yet_departed = st.demand->trips.size();
    st.plans = std::move(in.signal_plans);
    index_signal_plans(*net_, st);
    if (!in.transit.empty()) init_transit(st, std::make_shared<const transit::TransitLines>(std::move(in.transit)));

    // Reserve for the most vehicles that could be in the network at once, so the step does
    // not reallocate the vehicle arrays as traffic builds up.
    const std::size_t expected = std::min<std::size_t>(st.demand->trips.size(), net_->total_slots);
    auto& veh = st.vehicles;
    for (auto* v : {&veh.pos_m, &veh.speed_mps, &veh.next_pos_m, &veh.next_speed_mps}) v->reserve(expected);
    for (auto* v : {&veh.lane, &veh.trip, &veh.route_cursor, &veh.next_lane, &veh.next_cursor}) v->reserve(expected);
    st.transfers.reserve(expected / 8 + 64);
}

Simulation::Simulation(const Simulation& other)
    : net_(other.net_), state_(std::make_unique<SimState>(*other.state_)), executor_(other.executor_) {}

Simulation& Simulation::operator=(const Simulation& other) {
    if (this != &other) {
        net_ = other.net_;
        state_ = std::make_unique<SimState>(*other.state_);
        executor_ = other.executor_;
        phase_times_ = {};
    }
    return *this;
}

Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;
Simulation::~Simulation() = default;

void Simulation::step_phases() {
    SimState& st = *state_;
    StepContext ctx{*net_, st, st.config.step_s};
    auto lap_start = std::chrono::steady_clock::now();
    auto lap = [&](int phase) {
        const auto now = std::chrono::steady_clock::now();
        phase_times_.seconds[phase] += std::chrono::duration<double>(now - lap_start).count();
        lap_start = now;
    };
    apply_commands(ctx);
    lap(0);
    insert_departures(ctx);
    lap(1);
    metrics::update_detectors(*net_, st);
    lap(2);
    update_signals(ctx);
    lap(3);
    const std::uint64_t vehicles = st.counters.in_network;  // each is planned once this step
    scan_fronts(ctx);
    lap(4);
    plan_lanes(ctx);
    lap(5);
    integrate(ctx);
    update_transit(ctx);
    lap(6);
    st.counters.vehicle_steps += vehicles;
    ++st.step;
    st.time_s = static_cast<double>(st.step) * st.config.step_s;
}

void Simulation::step() {
    executor_->arena.execute([this] { step_phases(); });
}

void Simulation::run_until(double t_s, const std::function<void(double)>& progress) {
    double next_report = time_s() + 60.0;
    executor_->arena.execute([&] {
        while (time_s() + 1e-9 < t_s) {
            step_phases();
            if (progress && time_s() >= next_report) {
                progress(time_s());
                next_report += 60.0;
            }
        }
    });
    if (progress) progress(time_s());
}

void Simulation::set_threads(unsigned threads) {
    state_->config.threads = threads;
    executor_ = std::make_shared<Executor>(threads);
}

void Simulation::submit(Command command) {
    const network::Network& net = net_->source();
    if (auto* lane = std::get_if<SetLaneClosed>(&command)) {
        if (lane->link.index() >= net.links.size())
            throw std::invalid_argument(fmt::format("SetLaneClosed: link {} does not exist", lane->link.value));
        if (lane->lane >= net.links[lane->link.index()].lanes.size())
            throw std::invalid_argument(fmt::format("SetLaneClosed: link {} has {} lanes, no lane {}", lane->link.value,
                                                    net.links[lane->link.index()].lanes.size(), lane->lane));
    } else if (auto* plan = std::get_if<SetSignalPlan>(&command)) {
        const JunctionId j = plan->plan.junction;
        if (j.index() >= net.junctions.size())
            throw std::invalid_argument(fmt::format("SetSignalPlan: junction {} does not exist", j.value));
        for (const auto& group : plan->plan.groups)
            for (ConnectionId c : group.connections)
                if (c.index() >= net.connections.size() || net_->conn_junction[c.index()] != j.index())
                    throw std::invalid_argument(fmt::format(
                        "SetSignalPlan: group '{}' names connection {}, which is not at junction {}", group.name,
                        c.value, j.value));
        // An edited plan is held to the same safety check as a loaded one.
        std::vector<ConnectionId> at_junction;
        for (std::uint32_t c = 0; c < net_->conn_junction.size(); ++c)
            if (net_->conn_junction[c] == j.index()) at_junction.push_back(ConnectionId{c});
        const signals::ConflictTable table(net, network::junction_conflicts(net, at_junction));
        const std::vector<std::string> problems = signals::check_plan(net, table, plan->plan);
        if (!problems.empty())
            throw std::invalid_argument(fmt::format("SetSignalPlan refused: {}", fmt::join(problems, "; ")));
    }
    state_->pending_commands.push_back(std::move(command));
}

double Simulation::time_s() const { return state_->time_s; }
std::uint64_t Simulation::step_index() const { return state_->step; }
const EngineConfig& Simulation::config() const { return state_->config; }
const network::Network& Simulation::network() const { return net_->source(); }
const demand::Demand& Simulation::demand() const { return *state_->demand; }
const std::vector<VehicleType>& Simulation::vehicle_types() const { return state_->vehicle_types; }
const std::vector<signals::SignalPlan>& Simulation::signal_plans() const { return state_->plans; }
const transit::TransitState& Simulation::transit() const { return state_->transit; }
std::vector<TripRecord> Simulation::trip_records() const {
    const SimState& st = *state_;
    std::vector<TripRecord> out = st.records;
    for (std::uint32_t lane : st.active_lanes) {
        const std::uint32_t* list = st.lane_vehicles.data() + net_->lane_slot_begin[lane];
        for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) add_trip_so_far(st.vehicles, list[i], out);
    }
    return out;
}

std::vector<LinkStats> Simulation::link_stats() const {
    const SimState& st = *state_;
    std::vector<LinkStats> out(net_->source().links.size());
    for (std::uint32_t l = 0; l < net_->road_lane_count(); ++l) {
        LinkStats& s = out[net_->lane_link[l]];
        s.entered += st.lane_stats.entered[l];
        s.left += st.lane_stats.left[l];
        s.vehicle_seconds += st.lane_stats.vehicle_seconds[l];
        s.vehicle_meters += st.lane_stats.vehicle_meters[l];
        s.time_loss_s += st.lane_stats.time_loss_s[l];
        s.gridlock_events += st.lane_stats.gridlock_events[l];
        s.teleports += st.lane_stats.teleports[l];
    }
    // A vehicle stuck inside a junction is counted on the link it came from.
    for (std::uint32_t l = net_->road_lane_count(); l < net_->lane_count(); ++l) {
        LinkStats& s = out[net_->lane_link[net_->conn_from_lane[net_->lane_connection[l]]]];
        s.gridlock_events += st.lane_stats.gridlock_events[l];
        s.teleports += st.lane_stats.teleports[l];
    }
    return out;
}

NetworkCounters Simulation::counters() const {
    const SimState& st = *state_;
    NetworkCounters c = st.counters;
    c.gridlock_events = c.teleports = c.collisions_prevented = 0;
    for (std::uint32_t l = 0; l < net_->lane_count(); ++l) {
        c.gridlock_events += st.lane_stats.gridlock_events[l];
        c.teleports += st.lane_stats.teleports[l];
        c.collisions_prevented += st.lane_stats.collisions_prevented[l];
    }
    return c;
}

}  // namespace ut::engine
