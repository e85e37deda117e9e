// Per bus line KPIs of a run: what summary.json's "transit" section and the CLI's transit
// line report. Computed from the stop events and the transit state only.
//
// Definitions
//   carried       passengers who boarded a bus of the line.
//   load          passengers on board when a bus leaves a stop; mean and max over those
//                 departures (the load on the stretch after each stop).
//   wait          from a passenger's arrival at a stop to boarding, of those who boarded.
//   left behind   passengers still waiting when a full bus leaves (one passenger left
//                 behind twice counts twice: TCQSM's "pass-ups").
//   headway       time between the arrivals of consecutive buses of the line at a stop, over
//                 all stops; cv = standard deviation / mean (TCQSM's headway adherence);
//                 bunched = share of headways under half the scheduled headway.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/vehicle_type.hpp"
#include "transit/transit_state.hpp"

namespace ut::metrics {

struct LineSummary {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

    std::string line;
    std::uint32_t stops = 0;
    std::uint32_t capacity = 0;
    std::uint32_t runs_planned = 0;
    std::uint32_t runs_started = 0;   // entered the network
    std::uint32_t runs_finished = 0;  // left it at the route's end
    std::uint64_t stop_events = 0;
    std::uint64_t carried = 0;
    std::uint64_t alighted = 0;
    std::uint64_t on_board = 0;       // at the end of the run
    std::uint64_t waiting = 0;        // at the line's stops at the end of the run
    std::uint64_t arrived_at_stops = 0;  // passengers who came to the stops so far
    std::uint64_t left_behind = 0;
    double mean_load = kNone;
    std::uint32_t max_load = 0;
    double mean_wait_s = kNone;
    double mean_dwell_s = kNone;
    double scheduled_headway_s = kNone;
    double mean_headway_s = kNone;
    double headway_cv = kNone;
    double bunched_share = kNone;
};

std::vector<LineSummary> compute_transit_summary(const transit::TransitState& state,
                                                 const std::vector<engine::VehicleType>& types);

}  // namespace ut::metrics
