// Router: obviously shortest routes on a small grid, nothing to unreachable links, and the
// forward search (route) agreeing with the reverse one (next_hops_to).
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "demand/router.hpp"
#include "network/grid_generator.hpp"

using namespace ut;
using namespace ut::network;

namespace {

Network small_grid() {
    GridSpec spec;
    spec.rows = 3;
    spec.columns = 3;
    spec.lanes_per_direction = 1;
    spec.signals = false;
    return make_grid(spec).network;
}

LinkId between(const Network& net, const std::string& from, const std::string& to) {
    for (std::uint32_t k = 0; k < net.links.size(); ++k) {
        const Link& l = net.links[k];
        if (net.junction(l.from).name == from && net.junction(l.to).name == to) return LinkId{k};
    }
    FAIL("no link " << from << " -> " << to);
    return {};
}

bool joined(const Network& net, LinkId a, LinkId b) {
    for (const auto& c : net.connections)
        if (c.from_link == a && c.to_link == b) return true;
    return false;
}

// Free-flow time of a route as the router defines it (without its first link).
double route_time_s(const Network& net, const std::vector<LinkId>& route) {
    double t = 0.0;
    for (std::size_t i = 1; i < route.size(); ++i) {
        double conn = std::numeric_limits<double>::max();
        for (const auto& c : net.connections)
            if (c.from_link == route[i - 1] && c.to_link == route[i]) conn = std::min(conn, c.length_m);
        const Link& from = net.link(route[i - 1]);
        const Link& to = net.link(route[i]);
        t += conn / from.speed_limit_mps + to.length_m / to.speed_limit_mps;
    }
    return t;
}

}  // namespace

TEST_CASE("the router finds the obviously shortest route on a small grid", "[demand][router]") {
    const Network net = small_grid();
    const demand::Router router(net);
    const LinkId start = between(net, "r0c0", "r0c1");

    const auto two = router.route(start, between(net, "r0c1", "r0c2"));
    REQUIRE(two);
    CHECK(*two == std::vector<LinkId>{start, between(net, "r0c1", "r0c2")});

    // Straight along row 0, then left up column 2: the only three-link way there.
    const auto three = router.route(start, between(net, "r0c2", "r1c2"));
    REQUIRE(three);
    CHECK(*three == std::vector<LinkId>{start, between(net, "r0c1", "r0c2"), between(net, "r0c2", "r1c2")});

    CHECK(*router.route(start, start) == std::vector<LinkId>{start});
    CHECK(router.free_flow_time_s(start) == Approx(net.link(start).length_m / net.link(start).speed_limit_mps));
}

TEST_CASE("turning back without U-turns takes a loop, and every route is connected", "[demand][router]") {
    const Network net = small_grid();
    const demand::Router router(net);
    const LinkId start = between(net, "r0c0", "r0c1");
    const LinkId back = between(net, "r0c1", "r0c0");
    const auto route = router.route(start, back);
    REQUIRE(route);
    CHECK(route->size() >= 5);
    CHECK(route->front() == start);
    CHECK(route->back() == back);
    for (std::size_t i = 1; i < route->size(); ++i) CHECK(joined(net, (*route)[i - 1], (*route)[i]));
}

TEST_CASE("route and next_hops_to agree on the shortest time", "[demand][router]") {
    const Network net = small_grid();
    const demand::Router router(net);
    for (std::uint32_t to = 0; to < net.links.size(); to += 5) {
        const auto next = router.next_hops_to(LinkId{to});
        CHECK_FALSE(next[to].valid());
        for (std::uint32_t from = 0; from < net.links.size(); from += 3) {
            if (from == to) continue;
            const auto route = router.route(LinkId{from}, LinkId{to});
            REQUIRE(route);
            std::vector<LinkId> walked{LinkId{from}};
            while (walked.back() != LinkId{to} && walked.size() <= net.links.size())
                walked.push_back(next[walked.back().index()]);
            REQUIRE(walked.back() == LinkId{to});
            CHECK(route_time_s(net, walked) == Approx(route_time_s(net, *route)));
        }
    }
}

TEST_CASE("no route to a link that cannot be reached", "[demand][router]") {
    Network net = small_grid();
    const JunctionId a = net.add_junction({{5000, 0}, JunctionControl::DeadEnd, "island a", 0});
    const JunctionId b = net.add_junction({{5100, 0}, JunctionControl::DeadEnd, "island b", 0});
    Link island;
    island.from = a;
    island.to = b;
    island.shape = {{5000, 0}, {5100, 0}};
    island.lanes.resize(1);
    const LinkId isolated = net.add_link(island);
    const demand::Router router(net);
    CHECK_FALSE(router.route(LinkId{0}, isolated));
    CHECK_FALSE(router.route(isolated, LinkId{0}));
    const auto next = router.next_hops_to(isolated);
    for (const LinkId hop : next) CHECK_FALSE(hop.valid());
    CHECK_FALSE(router.route(LinkId{0}, LinkId{999999}));
}
