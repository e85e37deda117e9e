// Helpers for the signal tests: links found by their end junctions' names, routes, Poisson
// arrivals (core/random.hpp, so runs are reproducible), and per-route delay figures.
//
// The isolated junction is make_arterial with one junction:
//
//                 a1 north end
//                      |
//   west end ======== a1 ======== east end      (arterial: 2 lanes each way)
//                      |
//                 a1 south end                  (side street: 1 lane each way)
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "demand/demand.hpp"
#include "demand/router.hpp"
#include "engine/records.hpp"
#include "network/grid_generator.hpp"
#include "network/network.hpp"

namespace ut::test {

inline LinkId link_between(const network::Network& net, const std::string& from, const std::string& to) {
    for (std::uint32_t l = 0; l < net.links.size(); ++l)
        if (net.junction(net.links[l].from).name == from && net.junction(net.links[l].to).name == to) return LinkId{l};
    throw std::invalid_argument("no link from " + from + " to " + to);
}

inline JunctionId junction_named(const network::Network& net, const std::string& name) {
    for (std::uint32_t j = 0; j < net.junctions.size(); ++j)
        if (net.junctions[j].name == name) return JunctionId{j};
    throw std::invalid_argument("no junction " + name);
}

inline std::vector<LinkId> route(const network::Network& net, LinkId from, LinkId to) {
    auto r = demand::Router(net).route(from, to);
    if (!r) throw std::invalid_argument("no route");
    return *r;
}

// Poisson arrivals at `rate_veh_per_h` over [begin_s, end_s) on one route; `stream` keeps
// the draws of different routes independent.
inline void add_poisson_trips(demand::Demand& d, const std::vector<LinkId>& route, double rate_veh_per_h,
                              double begin_s, double end_s, std::uint64_t seed, std::uint64_t stream) {
    if (rate_veh_per_h <= 0.0) return;
    double t = begin_s;
    for (std::uint64_t k = 0;; ++k) {
        const double u = random_unit(seed, stream, k, RandomPurpose::DemandDeparture);
        t += -std::log(1.0 - u) * 3600.0 / rate_veh_per_h;
        if (t >= end_s) break;
        d.add_trip(t, VehicleTypeId{0}, route);
    }
}

struct RouteFigures {
    std::size_t trips = 0;
    double mean_delay_s = 0.0;  // time loss, arrived trips
    double mean_stops = 0.0;
    double mean_travel_s = 0.0;
};

// Figures over arrived trips whose route starts at `origin` and departed in [from_s, to_s).
inline RouteFigures figures_for(const demand::Demand& d, const std::vector<engine::TripRecord>& records, LinkId origin,
                                LinkId destination, double from_s, double to_s) {
    RouteFigures f;
    for (const demand::Trip& t : d.trips) {
        const engine::TripRecord& r = records[t.id.index()];
        if (d.origin(t) != origin || d.destination(t) != destination || t.depart_s < from_s || t.depart_s >= to_s ||
            !r.arrived())
            continue;
        ++f.trips;
        f.mean_delay_s += r.time_loss_s;
        f.mean_stops += r.stops;
        f.mean_travel_s += r.arrival_s - r.enter_s;
    }
    if (f.trips > 0) {
        const double n = static_cast<double>(f.trips);
        f.mean_delay_s /= n;
        f.mean_stops /= n;
        f.mean_travel_s /= n;
    }
    return f;
}

// Mean time loss of all arrived trips that departed in [from_s, to_s), and how many arrived.
inline std::pair<double, std::size_t> mean_delay(const demand::Demand& d, const std::vector<engine::TripRecord>& records,
                                                 double from_s, double to_s) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const demand::Trip& t : d.trips) {
        const engine::TripRecord& r = records[t.id.index()];
        if (t.depart_s < from_s || t.depart_s >= to_s || !r.arrived()) continue;
        sum += r.time_loss_s + (r.enter_s - r.depart_s);  // waiting to enter counts as delay too
        ++n;
    }
    return {n ? sum / static_cast<double>(n) : 0.0, n};
}

}  // namespace ut::test

#include <cstdlib>
#include <fstream>
#include <memory>

namespace ut::test {

// With UT_SIGNALS_CSV=DIR set, the evidence tests write their figures' data there as CSV
// (tests/signals/signals_plots.py draws docs/img/signals_*.png from them); else nothing.
inline std::unique_ptr<std::ofstream> figure_csv(const std::string& name) {
    const char* dir = std::getenv("UT_SIGNALS_CSV");
    if (!dir || !*dir) return nullptr;
    return std::make_unique<std::ofstream>(std::string(dir) + "/" + name);
}

}  // namespace ut::test

namespace ut::test {

// A NEMA dual-ring plan file for the isolated junction (make_arterial with one junction),
// leading protected lefts, whose rings change at different times: ring 1 runs WBL 15 s then
// EBT 35 s, ring 2 EBL 22 s then WBT 28 s; then the side streets, 30 s each. Fixed time,
// 80 s cycle, offset 7 s; `more_plans` adds [[junction.plan]] tables (time-of-day plans).
inline std::string dual_ring_plan_file(const std::string& more_plans = "") {
    return R"([[junction]]
name = "a1"
rings = ["1 2 | 4", "5 6 | 8"]
[[junction.phase]]
number = 1
movements = ["WBL"]
max_green_s = 12
[[junction.phase]]
number = 2
movements = ["EBT", "EBR"]
permissive = ["EBL"]
min_green_s = 10
max_green_s = 45
[[junction.phase]]
number = 4
movements = ["SBT", "SBR"]
permissive = ["SBL"]
max_green_s = 35
[[junction.phase]]
number = 5
movements = ["EBL"]
max_green_s = 12
[[junction.phase]]
number = 6
movements = ["WBT", "WBR"]
permissive = ["WBL"]
min_green_s = 10
max_green_s = 45
[[junction.phase]]
number = 8
movements = ["NBT", "NBR"]
permissive = ["NBL"]
max_green_s = 35
[[junction.plan]]
name = "fixed"
controller = "fixed"
offset_s = 7
splits = { 1 = 15, 2 = 35, 4 = 30, 5 = 22, 6 = 28, 8 = 30 }
)" + more_plans;
}

}  // namespace ut::test
