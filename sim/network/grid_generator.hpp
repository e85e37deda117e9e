// Generated test cities: a rectangular grid of two-way streets and a signalised arterial
// with side streets. Used by the demo, the tests and the benchmarks; imported maps produce
// the same Network type.
#pragma once

#include <vector>

#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::network {

struct GridSpec {
    int rows = 5;                   // junction rows (>= 2)
    int columns = 5;                // junction columns (>= 2)
    double block_length_m = 200.0;  // distance between neighbouring junctions
    int lanes_per_direction = 2;    // 1..6
    double speed_limit_mps = 13.89;
    bool signals = true;            // fixed-time signals at every junction with >= 3 approaches
    double green_through_s = 25.0;  // per stage, when signals = true
    double green_left_s = 10.0;
};

struct ArterialSpec {
    int junctions = 6;              // signalised junctions along the arterial (>= 1)
    double spacing_m = 300.0;
    double side_street_length_m = 200.0;
    int arterial_lanes = 2;
    int side_lanes = 1;
    double arterial_speed_mps = 13.89;
    double side_speed_mps = 11.11;
    bool signals = true;
};

struct GeneratedNetwork {
    Network network;
    std::vector<signals::SignalPlan> signal_plans;
    // An imported map's frame: network coordinates are UTM (EPSG `utm_epsg`) minus
    // `utm_origin`; 0 for a generated network (plain metres).
    int utm_epsg = 0;
    Vec2 utm_origin;
};

// Both throw std::invalid_argument (naming the field) for a spec out of range. Both build
// connections; signal_plans holds one derived fixed-time plan per signalised junction.
//
// Grid: junction (row r, column c) is at (c, r) x block_length_m, has id r * columns + c
// and is named "r<r>c<c>" (0-based; row 0 in the south, column 0 in the west). Streets are
// named "row <r>" and "column <c>"; signals at every junction with >= 3 approaches (the
// corners are priority junctions), with protected lefts.
GeneratedNetwork make_grid(const GridSpec& spec);

// Arterial: west-east along y = 0. Junctions "west end" (dead end, id 0), "a1".."aN" (x =
// i x spacing_m), "east end", then per arterial junction its side streets' dead ends
// "a<i> north end" and "a<i> south end". Links are named "arterial" (primary) and
// "side street <i> north|south" (residential). Signal plans serve the arterial first and
// have offsets for a green wave eastbound at arterial_speed_mps.
GeneratedNetwork make_arterial(const ArterialSpec& spec);

}  // namespace ut::network
