// Bus lines: what a scenario (or, later, a GTFS feed) says a line is, resolved against the
// network. Plain data, immutable once the simulation starts; the engine's transit state
// (transit_state.hpp) refers to it by index.
//
// Glossary
//   line       a named route with stops, a timetable and passenger demand per stop.
//   stop       a place on the route where the line's buses halt: the link (by its index in
//              the route, so a route passing a link twice is unambiguous) and where on the
//              link the bus's front stops.
//   run        one departure of a line: one bus driving the whole route once. Each run is a
//              demand::Trip of its own (the line's route, the line's vehicle type), so the
//              insertion, routing and every trip output treat it as any vehicle.
//   dwell      the time a bus stands at a stop: door dead time + boardings x boarding time
//              + alightings x alighting time (the TCQSM's dwell time with one door channel,
//              TCRP Report 165, 3rd ed., chapter 6; defaults inside its ranges, docs/transit.md).
//
// Invariants (check_lines): stops are in route order (route_index, then offset), every stop's
// offset lies on its link, departures are sorted, rates >= 0, and a stop with passengers to
// board has a later stop with an alighting weight > 0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "demand/demand.hpp"

namespace ut::transit {

struct DwellTimes {
    double dead_time_s = 3.0;       // doors opening and closing, pulling in and out (TCQSM: 2-5 s)
    double boarding_s = 2.5;        // per boarding passenger (TCQSM: 2.25-2.75 s, pay on board)
    double alighting_s = 1.5;       // per alighting passenger (TCQSM: 1.5-2.0 s)
};

// Dwell time at a stop with these boardings and alightings through one door channel.
inline double dwell_time_s(const DwellTimes& d, std::uint32_t boardings, std::uint32_t alightings) {
    return d.dead_time_s + boardings * d.boarding_s + alightings * d.alighting_s;
}

struct BusStop {
    std::string name;
    std::uint32_t route_index = 0;   // the stop's link is line.route[route_index]
    double offset_m = 0.0;           // where the bus's front stops, metres from the link's start
    double route_m = 0.0;            // the same place as a distance along the route (for outputs)
    double boardings_per_h = 0.0;    // passengers arriving to board (a Poisson process)
    double alight_weight = 1.0;      // relative share of riders from earlier stops who get off here
};

struct BusLine {
    std::string name;
    VehicleTypeId vehicle_type{1};   // the built-in bus unless the scenario says otherwise
    std::vector<LinkId> route;       // first link = where runs enter, last = where they leave
    std::vector<BusStop> stops;      // in route order
    std::vector<double> departures_s;  // from the route's first link, ascending
    DwellTimes dwell;
    std::uint32_t capacity = 0;      // passengers a bus of the line carries (its vehicle type's)
    // Passengers arrive at the stops in [passengers_begin_s, passengers_end_s). A begin < 0
    // means: at each stop, from one scheduled headway before the line's first bus reaches it
    // (as if the service had been running; with one departure, from time 0).
    double passengers_begin_s = -1.0;
    double passengers_end_s = 0.0;

    // Scheduled headway (s) for regularity figures: the median gap between departures,
    // 0 with fewer than two.
    double scheduled_headway_s() const;
};

struct BusRun {
    std::uint32_t line = 0;
    std::uint32_t number = 0;        // 0, 1, ... within its line, in departure order
    double depart_s = 0.0;
    TripId trip;                     // its trip in the demand (add_runs_to_demand)
    std::uint32_t first_seat = 0;    // into TransitState::onboard: one counter per stop of its line
};

struct TransitLines {
    std::vector<BusLine> lines;
    std::vector<BusRun> runs;                    // by line, then departure
    std::vector<std::uint32_t> line_first_stop;  // stops of line l: [line_first_stop[l], +stops) in the global stop numbering
    std::uint32_t stop_count = 0;                // over all lines
    std::uint32_t seat_count = 0;                // sum over runs of the stops of their line

    bool empty() const { return lines.empty(); }
};

// Builds the runs of every line and appends their trips to `demand` (which is re-sorted by
// departure; the runs learn their trip ids). Call once, after the other demand exists.
void add_runs_to_demand(TransitLines& transit, demand::Demand& demand);

// Problems with the lines as plain sentences (empty when none): what check_lines' invariants
// (above) say, for data that did not come through the scenario reader (e.g. a test, GTFS).
std::vector<std::string> check_lines(const TransitLines& transit, const std::vector<double>& link_length_m);

}  // namespace ut::transit
