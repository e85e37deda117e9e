// The step, as a named list of phases (see Simulation::step for their order):
//   apply_commands    queued UI/script commands, between steps
//   insert_departures trips whose departure time has come enter where there is space
//   update_signals    colour of every signal group at the current time
//   scan_fronts       per road lane, which connection its front vehicle takes and when
//   plan_lanes        parallel over active lanes: car-following, lane changes, junction
//                     decisions; reads only the committed state, writes each vehicle's next_*
//   integrate         applies next_* : lane lists are compacted, transfers merged in a stable
//                     order (target lane, position, vehicle), arrivals recorded
#pragma once

#include "engine/step_context.hpp"

namespace ut::engine {

void apply_commands(StepContext& ctx);
void insert_departures(StepContext& ctx);
void update_signals(StepContext& ctx);
void scan_fronts(StepContext& ctx);
void plan_lanes(StepContext& ctx);
void integrate(StepContext& ctx);

// Re-chooses every vehicle's next connection, after lanes were closed or opened.
void refresh_next_connections(StepContext& ctx);

// Rebuilds the signal bookkeeping (group offsets, connection -> group) after plans change.
void index_signal_plans(const CompiledNetwork& net, SimState& st);

}  // namespace ut::engine
