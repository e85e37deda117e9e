// Random trips: reproducible from the seed (and independent of the thread count), Poisson
// departures at the asked rate, shares respected, every route a connected path, and on a
// cut-out map trips come in at entries and leave at exits, never stranded.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <set>

#include <tbb/global_control.h>

#include "demand/random_trips.hpp"
#include "network/connection_builder.hpp"
#include "network/grid_generator.hpp"
#include "network/link_roles.hpp"

using namespace ut;
using namespace ut::demand;

namespace {

network::Network grid(int size) {
    network::GridSpec spec;
    spec.rows = size;
    spec.columns = size;
    spec.signals = false;
    return network::make_grid(spec).network;
}

bool same(const Demand& a, const Demand& b) {
    if (a.trips.size() != b.trips.size() || a.route_links != b.route_links) return false;
    for (std::size_t i = 0; i < a.trips.size(); ++i) {
        const Trip& x = a.trips[i];
        const Trip& y = b.trips[i];
        if (x.depart_s != y.depart_s || x.vehicle_type != y.vehicle_type || x.route_begin != y.route_begin ||
            x.route_size != y.route_size)
            return false;
    }
    return true;
}

void check_routes(const network::Network& net, const Demand& d) {
    std::set<std::pair<std::uint32_t, std::uint32_t>> joined;
    for (const auto& c : net.connections) joined.emplace(c.from_link.index(), c.to_link.index());
    for (const Trip& t : d.trips) {
        const auto route = d.route(t);
        REQUIRE(route.size() >= 2);
        CHECK(d.origin(t) != d.destination(t));
        for (std::size_t i = 1; i < route.size(); ++i)
            CHECK(joined.count({route[i - 1].index(), route[i].index()}) == 1);
    }
}

}  // namespace

TEST_CASE("same seed gives identical trips and routes; another seed differs", "[demand][trips]") {
    const network::Network net = grid(5);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 2000;
    spec.end_s = 900;
    spec.vehicle_type_shares = {0.7, 0.2, 0.1};
    const auto a = generate_random_trips(net, spec);
    const auto b = generate_random_trips(net, spec);
    CHECK(same(a.demand, b.demand));
    spec.seed = 2;
    const auto c = generate_random_trips(net, spec);
    CHECK_FALSE(same(a.demand, c.demand));
    CHECK(a.unroutable == 0);
    CHECK(a.dropped == 0);
}

TEST_CASE("trips do not depend on the thread count", "[demand][trips]") {
    const network::Network net = grid(6);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 5000;
    spec.end_s = 600;
    spec.max_destinations = 40;
    Demand one, two;
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
        one = generate_random_trips(net, spec).demand;
    }
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
        two = generate_random_trips(net, spec).demand;
    }
    CHECK(same(one, two));
}

TEST_CASE("departures are a Poisson process at the asked rate", "[demand][trips]") {
    const network::Network net = grid(4);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 3600;  // expect 3600 trips in the hour, standard deviation 60
    spec.begin_s = 1000;
    spec.end_s = 4600;
    const Demand d = generate_random_trips(net, spec).demand;
    CHECK(std::abs(static_cast<double>(d.trips.size()) - 3600.0) < 4 * 60.0);
    double sum = 0.0, sum_sq = 0.0;
    for (std::size_t i = 0; i < d.trips.size(); ++i) {
        CHECK(d.trips[i].id.index() == i);
        CHECK(d.trips[i].depart_s >= spec.begin_s);
        CHECK(d.trips[i].depart_s < spec.end_s);
        if (i == 0) continue;
        const double gap = d.trips[i].depart_s - d.trips[i - 1].depart_s;
        REQUIRE(gap >= 0.0);
        sum += gap;
        sum_sq += gap * gap;
    }
    // Exponential gaps: mean 1 s and standard deviation equal to the mean.
    const double n = static_cast<double>(d.trips.size() - 1);
    const double mean = sum / n;
    const double sd = std::sqrt(sum_sq / n - mean * mean);
    CHECK(mean == Approx(1.0).margin(0.07));
    CHECK(sd == Approx(1.0).margin(0.1));
}

TEST_CASE("routes are connected paths, types follow shares, destinations come from the sample",
          "[demand][trips]") {
    const network::Network net = grid(5);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 6000;
    spec.end_s = 1800;
    spec.vehicle_type_shares = {0.8, 0.0, 0.2};
    spec.max_destinations = 10;
    spec.min_trip_length_m = 300;
    const Demand d = generate_random_trips(net, spec).demand;
    REQUIRE(d.trips.size() > 2500);
    check_routes(net, d);
    std::set<LinkId> destinations;
    std::size_t type_count[3] = {0, 0, 0};
    for (const Trip& t : d.trips) {
        destinations.insert(d.destination(t));
        ++type_count[t.vehicle_type.index()];
        const auto& from = net.link(d.origin(t)).shape;
        const auto& to = net.link(d.destination(t)).shape;
        CHECK(distance((from.front() + from.back()) * 0.5, (to.front() + to.back()) * 0.5) >= spec.min_trip_length_m);
    }
    CHECK(destinations.size() <= 10);
    CHECK(type_count[1] == 0);
    CHECK(static_cast<double>(type_count[2]) / static_cast<double>(d.trips.size()) == Approx(0.2).margin(0.03));
}

// A grid with a road cut at the edge of the map beside its south-west corner, as a dual
// carriageway is: a one-way link in from a dead end and one out to another (neither strongly
// connected to anything), and an island link no connection reaches and none leaves.
struct CutGrid {
    network::Network net = grid(3);
    LinkId entry, exit, island;
    CutGrid() {
        auto road = [&](Vec2 a, Vec2 b, JunctionId from, JunctionId to) {
            network::Link l;
            l.from = from.valid() ? from : net.add_junction({a, network::JunctionControl::DeadEnd, "edge", 0});
            l.to = to.valid() ? to : net.add_junction({b, network::JunctionControl::DeadEnd, "edge", 0});
            l.shape = {a, b};
            l.lanes.resize(1);
            return net.add_link(l);
        };
        const JunctionId corner{0};  // r0c0 at (0, 0)
        entry = road({-300, -20}, {0, 0}, {}, corner);
        exit = road({0, 0}, {-300, 20}, corner, {});
        island = road({5000, 0}, {5100, 0}, {}, {});
        network::build_connections(net);
    }
};

TEST_CASE("trips start on core or entry links and end on core or exit links, each with a route", "[demand][trips]") {
    const CutGrid g;
    const std::vector<network::LinkRole> roles = network::link_roles(g.net);
    REQUIRE(roles[g.entry.index()] == network::LinkRole::Entry);
    REQUIRE(roles[g.exit.index()] == network::LinkRole::Exit);
    REQUIRE(roles[g.island.index()] == network::LinkRole::Detached);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 6000;
    spec.max_destinations = 0;  // every link a trip can end on
    const auto result = generate_random_trips(g.net, spec);
    REQUIRE(result.demand.trips.size() > 5000);
    CHECK(result.unroutable == 0);  // never drawn a pair without a route
    CHECK(result.dropped == 0);
    check_routes(g.net, result.demand);
    std::size_t from_entry = 0, to_exit = 0;
    for (const Trip& t : result.demand.trips) {
        const LinkId o = result.demand.origin(t), d = result.demand.destination(t);
        CHECK(network::can_start_trip(roles[o.index()]));
        CHECK(network::can_end_trip(roles[d.index()]));
        from_entry += o == g.entry;
        to_exit += d == g.exit;
    }
    // Uniform over the 25 links trips can start on (and end on): about 240 each.
    CHECK(from_entry > 150);
    CHECK(to_exit > 150);
}

TEST_CASE("200,000 trips on a 100x100 grid are generated in seconds", "[demand][trips][slow]") {
    const network::Network net = grid(100);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 200000;
    spec.end_s = 3600;
    const auto start = std::chrono::steady_clock::now();
    const auto result = generate_random_trips(net, spec);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN("200k trips on " << net.links.size() << " links: " << seconds << " s, "
                          << result.demand.route_links.size() << " route links");
    CHECK(result.demand.trips.size() == Approx(200000).epsilon(0.01));
    CHECK(result.unroutable == 0);
    CHECK(seconds < 30.0);  // a few seconds on 2 free cores; generous for a shared CI machine
}
