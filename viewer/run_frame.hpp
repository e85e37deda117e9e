// What the simulation worker hands to the UI: plain copies of one or two runs at a moment,
// published as an immutable shared frame so the UI can draw it while the worker steps on.
//
// Glossary
//   run A / B   A is the simulation as loaded (and as it was at a fork); B is the fork with
//               the planner's edit. Both advance together and share the random numbers.
//   sample      the plotted measures, taken every sample interval of simulated time, so the
//               plots do not depend on how fast the UI or the worker happen to run.
//   window      link counters accumulated over the last few simulated minutes (the layers
//               show current conditions, not the average since the start).
//   finished    a frame made from the output folders of finished runs (run_files.hpp): no
//               vehicles and no signal states, whole-run link measures, nothing advances.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/records.hpp"
#include "engine/snapshot.hpp"
#include "link_measures.hpp"
#include "signals/signal_plan.hpp"

namespace ut::viewer {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Sample {
    double time_s = 0.0;
    double mean_delay_s = kNaN;      // mean time loss of the trips that arrived in the interval
    double throughput_veh_h = 0.0;   // trips arrived in the interval, per hour
    double in_network = 0.0;
    double junction_queue = kNaN;    // halted vehicles on the selected junction's approaches
    double junction_delay_s = kNaN;  // time loss per vehicle that left those approaches
    double link_speed_kmh = kNaN;    // selected link, space-mean over the interval
    double link_flow_veh_h = kNaN;
    double line_passengers = kNaN;   // selected bus line: on board its buses
    double line_waiting = kNaN;      // at its stops
    double line_headway_s = kNaN;    // latest gap between its buses at its stops (mean over stops)
};

// Trips that arrived after `since_s` (the fork, or the start): the before/after cards.
struct TripTotals {
    double since_s = 0.0;
    std::uint64_t arrived = 0;
    double mean_travel_s = kNaN;
    double mean_delay_s = kNaN;
    double mean_stops = kNaN;
};

struct RunView {
    double time_s = 0.0;
    std::shared_ptr<const engine::Snapshot> snapshot;
    std::shared_ptr<const LinkMeasures> measures;  // per link, over the window (or the whole run)
    engine::NetworkCounters counters;
    std::shared_ptr<const std::vector<signals::SignalPlan>> plans;
    std::shared_ptr<const std::vector<Sample>> samples;
    TripTotals totals;
    std::uint64_t state_hash = 0;  // filled while paused (for reports), 0 otherwise
};

struct RunFrame {
    std::uint64_t serial = 0;
    RunView a;
    std::optional<RunView> b;
    double fork_time_s = kNaN;
    bool running = false;        // playing or heading for a target time
    double target_time_s = kNaN;
    double sim_seconds_per_s = 0.0;  // achieved simulation speed (simulated s per wall s)
    double step_ms = 0.0;            // wall time of the last step (both runs)
    std::string message;             // the last refused command, if any
    bool finished = false;           // finished runs read from their files (see the glossary)
};

}  // namespace ut::viewer
