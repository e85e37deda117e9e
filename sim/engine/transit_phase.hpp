// Buses of a line in the step: the plan phase stops them at their stops (hold_at_bus_stop,
// note_line_bus), and update_transit, a serial phase after integrate, does the rest:
// passengers arrive at stops, a bus that has come to a halt at its stop opens its doors
// (alighting, then boarding up to capacity in arrival order), dwells, and leaves.
//
// The state is SimState::transit (transit/transit_state.hpp). In the parallel plan phase a
// line bus's task reads its run's state and writes only that run's RunSeen; everything else
// changes in update_transit, serially in run order, so results do not depend on threads.
// Random numbers (passenger arrivals and destinations) are keyed by (seed, stop, passenger).
// Without bus lines the phase returns at once, and a car never gets here (the plan phase
// asks for the vehicle class first).
#pragma once

#include <cstdint>
#include <memory>

#include "engine/path_ahead.hpp"
#include "engine/step_context.hpp"
#include "transit/bus_line.hpp"

namespace ut::engine {

// Sets up SimState::transit for these lines (after the demand and vehicle types are in).
void init_transit(SimState& st, std::shared_ptr<const transit::TransitLines> lines);

// For a bus-class vehicle v planned on `lane`: when it runs for a line, lowers the path's
// gap and limit so it halts with its front at its next stop (or stands while it dwells)
// and keeps it from changing lanes just before the stop. Returns its run, or kNone.
std::uint32_t hold_at_bus_stop(StepContext& ctx, std::uint32_t v, std::uint32_t lane, PathAhead& path);

// Records where run `run`'s bus ends the step (from the plan phase's results).
void note_line_bus(StepContext& ctx, std::uint32_t run, std::uint32_t next_lane, double next_pos_m, double speed_mps,
                   std::uint32_t next_cursor);

// The serial transit phase; call after integrate, before the clock advances.
void update_transit(StepContext& ctx);

}  // namespace ut::engine
