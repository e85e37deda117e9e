// The measures the worker samples from a run: network delay and throughput from the trip
// records, the selected junction's queue and delay, the selected link's speed and flow.
// Computed from public query results only (trip records, link stats, a snapshot).
#pragma once

#include <vector>

#include "core/ids.hpp"
#include "engine/records.hpp"
#include "engine/snapshot.hpp"
#include "network/network.hpp"
#include "run_frame.hpp"
#include "transit/transit_state.hpp"

namespace ut::viewer {

constexpr std::uint32_t kNoBusLine = ~0u;

struct Selection {
    JunctionId junction;  // invalid = none
    LinkId link;
    std::uint32_t bus_line = kNoBusLine;  // index into the scenario's bus lines; independent of the others
};

// Halted below this speed counts as queued (a crawl at walking pace is still a queue).
constexpr double kQueueSpeed_mps = 1.0;

struct SampleInputs {
    const network::Network* net = nullptr;
    const std::vector<std::vector<LinkId>>* incoming = nullptr;  // per junction
    const std::vector<engine::TripRecord>* trips = nullptr;
    const engine::Snapshot* snapshot = nullptr;
    const std::vector<engine::LinkStats>* links_now = nullptr;
    const std::vector<engine::LinkStats>* links_prev = nullptr;  // at the previous sample
    double prev_time_s = 0.0;
    double time_s = 0.0;
    double totals_since_s = 0.0;
    Selection selection;
    const transit::TransitState* transit = nullptr;  // bus lines (for the selected line's series)
};

struct SampleResult {
    Sample sample;
    TripTotals totals;
};

SampleResult take_sample(const SampleInputs& in);

// A finished run's plotted measures from its trip records, one sample per `interval_s` up to
// `duration_s`: delay and throughput of the trips arriving in each interval, vehicles in the
// network at its end (the junction and link series stay empty: the files have no time series).
std::vector<Sample> samples_from_trips(const std::vector<engine::TripRecord>& trips, double duration_s,
                                       double interval_s);
// Trips that arrived after `since_s`: count, mean travel time, delay and stops.
TripTotals trip_totals(const std::vector<engine::TripRecord>& trips, double since_s);

// The selected bus line's series: passengers on its buses, waiting at its stops, and the
// latest headway (gap between the last two buses' arrivals, averaged over its stops).
void line_sample(const transit::TransitState& transit, std::uint32_t line, Sample& s);

// Vehicles halted on the approaches of `junction` (within each approach link's length).
int junction_queue(const network::Network& net, const std::vector<LinkId>& approaches,
                   const engine::Snapshot& snap);

// Link counters accumulated between two cumulative readings (later - earlier).
std::vector<engine::LinkStats> stats_between(const std::vector<engine::LinkStats>& later,
                                             const std::vector<engine::LinkStats>& earlier);

}  // namespace ut::viewer
