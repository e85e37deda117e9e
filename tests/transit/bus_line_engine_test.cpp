// Bus lines in the engine: buses halt at their stops for the TCQSM dwell time, passengers
// arrive as a Poisson process and ride to their destination, loads are conserved, and the
// whole thing stays deterministic at any thread count and across a fork.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "demand/random_trips.hpp"
#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"
#include "network/grid_generator.hpp"
#include "transit/transit_state.hpp"

using namespace ut;

namespace {

transit::BusStop stop_at(const char* name, std::uint32_t route_index, double offset_m, double boardings_per_h,
                         double alight_weight = 1.0) {
    transit::BusStop s;
    s.name = name;
    s.route_index = route_index;
    s.offset_m = offset_m;
    s.boardings_per_h = boardings_per_h;
    s.alight_weight = alight_weight;
    return s;
}

// One line over `route` with these stops and departures, plus the given cars.
engine::SimulationInputs line_on(network::Network net, std::vector<LinkId> route, std::vector<transit::BusStop> stops,
                                 std::vector<double> departures, std::uint32_t capacity = 70,
                                 const std::vector<double>& cars = {}) {
    engine::SimulationInputs in;
    in.network = std::move(net);
    in.vehicle_types = test::uniform_drivers();
    in.vehicle_types[1].capacity = capacity;
    in.demand = test::trips_on(route, cars);
    transit::BusLine line;
    line.name = "L1";
    line.route = std::move(route);
    line.stops = std::move(stops);
    line.departures_s = std::move(departures);
    line.passengers_begin_s = 0.0;
    line.passengers_end_s = 1e9;
    in.transit.lines.push_back(line);
    transit::add_runs_to_demand(in.transit, in.demand);
    return in;
}

}  // namespace

TEST_CASE("dwell time is dead time + boardings x boarding time + alightings x alighting time", "[transit]") {
    transit::DwellTimes d;
    CHECK(transit::dwell_time_s(d, 0, 0) == Approx(3.0));
    CHECK(transit::dwell_time_s(d, 4, 2) == Approx(3.0 + 4 * 2.5 + 2 * 1.5));
    d.dead_time_s = 2.0;
    d.boarding_s = 3.0;
    d.alighting_s = 1.0;
    CHECK(transit::dwell_time_s(d, 10, 5) == Approx(2.0 + 30.0 + 5.0));
}

TEST_CASE("a bus halts with its front at the stop, stands for the dwell time, then goes on", "[transit]") {
    // 600 m road; stop at 300 m with nobody waiting: the dwell is the dead time alone.
    auto in = line_on(test::straight_road(600.0), {LinkId{0}}, {stop_at("middle", 0, 300.0, 0.0), stop_at("end", 0, 580.0, 0.0)},
                      {0.0});
    const double step = in.config.step_s;
    engine::Simulation sim(std::move(in));
    std::size_t events = 0;
    double stood_at = -1.0;
    bool moved_while_dwelling = false;
    while (sim.time_s() < 200.0) {
        sim.step();
        const transit::TransitState& tr = sim.transit();
        if (tr.events.size() > events) {
            events = tr.events.size();
            if (events == 1) stood_at = tr.seen[0].pos_m;
        }
        if (events == 1 && tr.runs[0].phase == transit::RunPhase::Dwelling && stood_at >= 0.0) {
            // From the step after it arrived (when it may still have crept at walking pace).
            if (sim.time_s() > tr.events[0].arrival_s + 1e-9)
                moved_while_dwelling = moved_while_dwelling || tr.seen[0].pos_m != stood_at || tr.seen[0].speed_mps != 0.0;
            else
                CHECK(tr.seen[0].speed_mps <= 0.5);
        }
    }
    const transit::TransitState& tr = sim.transit();
    REQUIRE(tr.events.size() == 2);
    CHECK(std::abs(stood_at - 300.0) <= 1.0);
    CHECK_FALSE(moved_while_dwelling);
    const transit::StopEvent& e = tr.events[0];
    const double dwell = e.departure_s - e.arrival_s;
    CHECK(dwell >= 3.0 - 1e-9);
    CHECK(dwell < 3.0 + step + 1e-9);
    CHECK(e.boarded == 0);
    CHECK(tr.seen[0].left == 1);
    CHECK(tr.stops_skipped == 0);
}

TEST_CASE("a car behind a dwelling bus on a one-lane road waits for it", "[transit]") {
    auto with_bus = line_on(test::straight_road(800.0), {LinkId{0}}, {stop_at("a", 0, 400.0, 0.0), stop_at("b", 0, 790.0, 0.0)},
                            {0.0}, 70, {3.0});
    transit::DwellTimes long_dwell;
    long_dwell.dead_time_s = 60.0;
    with_bus.transit.lines[0].dwell = long_dwell;
    engine::Simulation sim(std::move(with_bus));
    sim.run_until(400.0);
    const auto records = sim.trip_records();
    const TripId car = sim.transit().lines->runs[0].trip.index() == 0 ? TripId{1} : TripId{0};
    const TripId bus = sim.transit().lines->runs[0].trip;
    REQUIRE(records[car.index()].arrived());
    REQUIRE(records[bus.index()].arrived());
    // Free flow, 800 m at ~13.9 m/s is under a minute; behind the bus it takes the dwell too.
    CHECK(records[car.index()].arrival_s - records[car.index()].enter_s > 60.0 + 50.0);
    CHECK(records[car.index()].arrival_s >= records[bus.index()].arrival_s);
    CHECK(sim.counters().collisions_prevented == 0);
}

TEST_CASE("every event's dwell follows the formula, loads are conserved and capped, the left behind ride later",
          "[transit]") {
    // Busy first stop, small buses: some passengers must wait for the next bus.
    auto in = line_on(test::two_links(500.0), {LinkId{0}, LinkId{1}},
                      {stop_at("a", 0, 100.0, 900.0, 0.0), stop_at("b", 0, 400.0, 300.0), stop_at("c", 1, 200.0, 100.0),
                       stop_at("d", 1, 480.0, 0.0)},
                      {60.0, 240.0, 420.0, 600.0, 780.0, 960.0}, 12);
    const double step = in.config.step_s;
    const transit::DwellTimes d = in.transit.lines[0].dwell;
    engine::Simulation sim(std::move(in));
    sim.run_until(1500.0);
    const transit::TransitState& tr = sim.transit();
    REQUIRE(tr.events.size() == 6 * 4);
    std::map<std::uint32_t, std::int64_t> on_board;  // per run: boarded - alighted so far
    std::uint64_t left_behind = 0;
    std::uint64_t boarded = 0;
    for (std::size_t i = 0; i < tr.events.size(); ++i) {
        const transit::StopEvent& e = tr.events[i];
        on_board[e.run] += static_cast<std::int64_t>(e.boarded) - static_cast<std::int64_t>(e.alighted);
        CHECK(on_board[e.run] == e.load);
        CHECK(e.load <= 12);
        const double formula = transit::dwell_time_s(d, e.boarded, e.alighted);
        CHECK(e.departure_s - e.arrival_s >= formula - 1e-9);
        CHECK(e.departure_s - e.arrival_s < formula + step + 1e-9);
        boarded += e.boarded;
        if (e.left_behind > 0) {
            ++left_behind;
            // The next bus at this stop takes the first of them (they waited at least as long
            // as the gap between the buses).
            for (std::size_t k = i + 1; k < tr.events.size(); ++k) {
                if (tr.events[k].stop != e.stop) continue;
                CHECK(tr.events[k].boarded > 0);
                CHECK(tr.events[k].wait_s / tr.events[k].boarded >= 0.0);
                break;
            }
        }
    }
    CHECK(left_behind > 0);
    for (const auto& [run, n] : on_board) CHECK(n == 0);  // everybody got off by the last stop
    // Everybody who came was carried or is still waiting.
    std::uint64_t arrived = 0;
    std::uint64_t waiting = 0;
    for (const transit::StopQueue& q : tr.stops) {
        arrived += q.arrivals;
        waiting += q.waiting_count();
    }
    CHECK(arrived == boarded + waiting);
    CHECK(sim.counters().collisions_prevented == 0);
}

TEST_CASE("passengers arrive at a stop at its rate over a long run", "[transit][slow]") {
    // 720 passengers an hour for 10 hours: 7,200 expected, standard deviation ~85.
    auto in = line_on(test::straight_road(400.0), {LinkId{0}},
                      {stop_at("a", 0, 100.0, 720.0, 0.0), stop_at("b", 0, 200.0, 0.0, 1.0), stop_at("c", 0, 300.0, 0.0, 3.0)},
                      {36000.0});
    in.config.seed = 11;
    engine::Simulation sim(std::move(in));
    sim.run_until(36000.0);
    const transit::StopQueue& q = sim.transit().stops[0];
    CHECK(std::abs(static_cast<double>(q.arrivals) - 7200.0) < 3.0 * std::sqrt(7200.0));
    // Destinations in proportion to the alighting weights (1 : 3).
    std::uint64_t to_c = 0;
    for (std::size_t i = q.head; i < q.waiting.size(); ++i) to_c += q.waiting[i].destination == 2 ? 1 : 0;
    const double share = static_cast<double>(to_c) / static_cast<double>(q.waiting_count());
    CHECK(share == Approx(0.75).margin(0.03));
}

namespace {

engine::SimulationInputs grid_with_line(unsigned threads) {
    network::GridSpec grid;
    grid.rows = 5;
    grid.columns = 5;
    auto generated = network::make_grid(grid);
    demand::RandomTripSpec spec;
    spec.vehicles_per_hour = 2500.0;
    spec.end_s = 900.0;
    spec.seed = 3;
    spec.vehicle_type_shares = {0.9, 0.05, 0.05};
    engine::SimulationInputs in;
    in.demand = demand::generate_random_trips(generated.network, spec).demand;
    // Along row 2 from west to east: the links of the row, found by their ends.
    std::vector<LinkId> route;
    for (int c = 0; c + 1 < grid.columns; ++c)
        for (std::uint32_t l = 0; l < generated.network.links.size(); ++l)
            if (generated.network.links[l].from.index() == static_cast<std::uint32_t>(2 * grid.columns + c) &&
                generated.network.links[l].to.index() == static_cast<std::uint32_t>(2 * grid.columns + c + 1))
                route.push_back(LinkId{l});
    REQUIRE(route.size() == 4);
    transit::BusLine line;
    line.name = "row 2";
    line.route = route;
    for (std::uint32_t k = 0; k < 4; ++k) line.stops.push_back(stop_at("s", k, 120.0, k < 3 ? 400.0 : 0.0));
    for (double t = 0.0; t < 900.0; t += 120.0) line.departures_s.push_back(t);
    line.passengers_end_s = 900.0;
    in.transit.lines.push_back(line);
    transit::add_runs_to_demand(in.transit, in.demand);
    in.network = std::move(generated.network);
    in.signal_plans = std::move(generated.signal_plans);
    in.config.threads = threads;
    in.config.seed = 3;
    return in;
}

}  // namespace

TEST_CASE("bus lines are bit-identical at 1 and 4 threads and after a fork", "[transit][determinism]") {
    engine::Simulation one(grid_with_line(1));
    engine::Simulation four(grid_with_line(4));
    one.run_until(600.0);
    four.run_until(600.0);
    CHECK(one.state_hash() == four.state_hash());
    engine::Simulation fork = four.fork();
    one.run_until(1200.0);
    fork.run_until(1200.0);
    CHECK(one.state_hash() == fork.state_hash());
    const auto& a = one.transit().events;
    const auto& b = fork.transit().events;
    REQUIRE(a.size() == b.size());
    REQUIRE(a.size() > 10);
    std::uint64_t carried = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].arrival_s == b[i].arrival_s);
        CHECK(a[i].boarded == b[i].boarded);
        CHECK(a[i].load == b[i].load);
        carried += a[i].boarded;
    }
    CHECK(carried > 0);
}
