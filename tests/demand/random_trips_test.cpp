// Random trips: reproducible from the seed (and independent of the thread count), Poisson
// departures at the asked rate, shares respected, and every route a connected path.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <set>

#include <tbb/global_control.h>

#include "demand/random_trips.hpp"
#include "network/grid_generator.hpp"

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

TEST_CASE("pairs without a route are redrawn and counted", "[demand][trips]") {
    network::Network net = grid(3);
    // A link no connection reaches and none leaves: it is an origin or destination without a route.
    const JunctionId a = net.add_junction({{5000, 0}, network::JunctionControl::DeadEnd, "island a", 0});
    const JunctionId b = net.add_junction({{5100, 0}, network::JunctionControl::DeadEnd, "island b", 0});
    network::Link island;
    island.from = a;
    island.to = b;
    island.shape = {{5000, 0}, {5100, 0}};
    island.lanes.resize(1);
    const LinkId isolated = net.add_link(island);
    RandomTripSpec spec;
    spec.vehicles_per_hour = 3000;
    const auto result = generate_random_trips(net, spec);
    CHECK(result.unroutable > 0);
    CHECK(result.dropped == 0);
    check_routes(net, result.demand);
    for (const Trip& t : result.demand.trips) {
        CHECK(result.demand.origin(t) != isolated);
        CHECK(result.demand.destination(t) != isolated);
    }
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
