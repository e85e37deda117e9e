// The running simulation: immutable compiled network + mutable state, advanced in steps.
// A Simulation is a value: copying it (fork()) gives an independent run that continues
// with the same random numbers.
#pragma once

#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <vector>

#include "demand/demand.hpp"
#include "engine/commands.hpp"
#include "engine/engine_config.hpp"
#include "engine/records.hpp"
#include "engine/snapshot.hpp"
#include "engine/vehicle_type.hpp"
#include "network/network.hpp"
#include "signals/signal_plan.hpp"
#include "transit/bus_line.hpp"

namespace ut::signals {
struct SignalControl;
}
namespace ut::metrics {
struct Detectors;
}
namespace ut::transit {
struct TransitState;
}

namespace ut::engine {

class CompiledNetwork;
struct SimState;
struct Executor;  // the thread arena the parallel phases run in

struct SimulationInputs {
    network::Network network;
    demand::Demand demand;
    std::vector<VehicleType> vehicle_types = default_vehicle_types();
    std::vector<signals::SignalPlan> signal_plans;
    EngineConfig config;
    // Bus lines; their runs' trips must already be in `demand` (transit::add_runs_to_demand).
    transit::TransitLines transit;
};

// Wall time spent in each phase of the step since the simulation (or its fork) began: where
// a benchmark's time goes, measured with two clock reads per phase and step.
struct PhaseTimes {
    static constexpr const char* kNames[] = {"commands", "insert", "detectors", "signals", "scan", "plan", "integrate"};
    double seconds[std::size(kNames)] = {};
};

class Simulation {
public:
    // Throws std::invalid_argument when the inputs are inconsistent (message says what).
    explicit Simulation(SimulationInputs inputs);
    Simulation(const Simulation& other);
    Simulation& operator=(const Simulation& other);
    Simulation(Simulation&&) noexcept;
    Simulation& operator=(Simulation&&) noexcept;
    ~Simulation();

    void step();
    // Steps until time_s() >= t_s. progress(t) is called every simulated minute or so.
    void run_until(double t_s, const std::function<void(double)>& progress = {});
    Simulation fork() const { return *this; }

    // Queues a command for the start of the next step. Throws std::invalid_argument naming
    // what is wrong when it refers to things the network does not have.
    void submit(Command command);

    // Runs the following steps on `threads` threads (0 = all). Results do not depend on it.
    void set_threads(unsigned threads);

    double time_s() const;
    std::uint64_t step_index() const;
    const EngineConfig& config() const;
    const network::Network& network() const;
    const CompiledNetwork& compiled_network() const { return *net_; }
    const std::vector<signals::SignalPlan>& signal_plans() const;
    // Controller states, the phase-change log and the detectors (signal_phase.cpp).
    const signals::SignalControl& signal_control() const;
    const metrics::Detectors& detectors() const;
    const demand::Demand& demand() const;
    const std::vector<VehicleType>& vehicle_types() const;
    // Bus lines and their state: runs, loads, passengers waiting, stop events.
    const transit::TransitState& transit() const;

    // Indexed by trip id; trips still driving show their figures so far.
    std::vector<TripRecord> trip_records() const;
    std::vector<LinkStats> link_stats() const;            // indexed by link id
    NetworkCounters counters() const;
    Snapshot snapshot() const;
    // A hash over the whole dynamic state, for determinism checks.
    std::uint64_t state_hash() const;
    const PhaseTimes& phase_times() const { return phase_times_; }

private:
    void step_phases();

    std::shared_ptr<const CompiledNetwork> net_;
    std::unique_ptr<SimState> state_;
    std::shared_ptr<Executor> executor_;
    PhaseTimes phase_times_;
};

}  // namespace ut::engine
