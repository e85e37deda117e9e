// The dynamic part of transit: where each run is in its stop sequence, who is on board, who
// waits at each stop, and the log of stop events. Plain data inside SimState, so a fork
// copies it and a checkpoint can save it; no pointers, only indices into TransitLines.
//
// Glossary
//   seat counter  per run and stop of its line, the passengers on board who get off there
//                 (TransitState::onboard, from BusRun::first_seat); the load is their sum.
//   stop event    a bus's halt at a stop: arrival, departure, boarded, alighted, load when it
//                 leaves, passengers left behind (the bus was full).
//
// Invariants: for every run, load == sum of its seat counters == boarded - alighted so far
// <= capacity; a stop's queue holds passengers in arrival order (first come, first served).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "transit/bus_line.hpp"

namespace ut::transit {

enum class RunPhase : std::uint8_t {
    NotInService = 0,  // not entered yet, or arrived at the route's end
    Approaching,       // driving to stop `next_stop`
    Dwelling,          // standing at stop `next_stop` until `dwell_until_s`
    Done,              // past its last stop
};

struct Passenger {
    double arrival_s = 0.0;           // when it reached the stop
    std::uint32_t destination = 0;    // stop index within the line
};

struct StopQueue {
    std::vector<Passenger> waiting;   // [head, end) are waiting; compacted when boarding
    std::uint32_t head = 0;
    double next_arrival_s = 0.0;      // of the next passenger (the Poisson process's next event)
    std::uint64_t arrivals = 0;       // passengers so far; also the key of the next draw
    std::uint8_t open = 0;            // 1 once passengers come (see BusLine::passengers_begin_s)
    std::uint32_t waiting_count() const { return static_cast<std::uint32_t>(waiting.size()) - head; }
};

// What the plan phase saw of a line bus this step (written only by the task planning it).
struct RunSeen {
    std::uint32_t route_index = 0;    // route cursor after the step
    double pos_m = 0.0;               // front, on its lane after the step
    double speed_mps = 0.0;
    std::uint8_t on_road = 0;         // 1: on a road lane (pos_m is along the cursor's link)
    std::uint8_t left = 0;            // 1: it left the network this step
    std::uint64_t step = ~std::uint64_t{0};  // step it was seen in
};

struct RunState {
    RunPhase phase = RunPhase::NotInService;
    std::uint32_t next_stop = 0;      // stop index within the line
    std::uint32_t load = 0;
    double arrival_s = 0.0;           // at the current stop (Dwelling)
    double dwell_until_s = 0.0;
    std::uint32_t event = 0;          // its open StopEvent (Dwelling)
};

struct StopEvent {
    std::uint32_t run = 0;
    std::uint32_t stop = 0;           // within the line
    double arrival_s = 0.0;
    double departure_s = -1.0;        // < 0 while the bus still stands there
    std::uint32_t boarded = 0;
    std::uint32_t alighted = 0;
    std::uint32_t load = 0;           // on board when it leaves
    std::uint32_t left_behind = 0;    // still waiting when it leaves because it was full
    double wait_s = 0.0;              // summed over the boarded passengers
};

struct TransitState {
    std::shared_ptr<const TransitLines> lines;  // immutable; shared by forks
    std::vector<std::uint32_t> run_of_trip;     // per trip: its run, or ~0u (read for buses only)
    std::vector<RunState> runs;
    std::vector<RunSeen> seen;                  // per run
    std::vector<std::uint32_t> onboard;         // seat counters (see glossary)
    std::vector<StopQueue> stops;               // global stop numbering (line_first_stop)
    std::vector<StopEvent> events;              // in the order they happened (then run order)
    std::uint64_t stops_skipped = 0;            // a bus that passed a stop without halting (teleport)
    std::uint64_t carried_off = 0;              // passengers aboard a bus leaving the network (after a skipped stop)

    bool active() const { return lines && !lines->empty(); }
};

}  // namespace ut::transit
