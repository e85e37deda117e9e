// Conflicts at a 4-way junction: what crosses, what merges, what does not.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "network/conflicts.hpp"
#include "network/connection_builder.hpp"
#include "network/grid_generator.hpp"
#include "network/junction_fixtures.hpp"

using namespace ut;
using namespace ut::network;
using test::inbound;
using test::outbound;

namespace {

// Arms: 0 = east, 1 = north, 2 = west, 3 = south.
Network crossing(int lanes) {
    Network net = test::star_junction({{0, lanes}, {90, lanes}, {180, lanes}, {270, lanes}});
    build_connections(net);
    return net;
}

ConnectionId find(const Network& net, LinkId from, int from_lane, LinkId to) {
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const Connection& x = net.connections[c];
        if (x.from_link == from && x.from_lane == from_lane && x.to_link == to) return ConnectionId{c};
    }
    FAIL("no such connection");
    return {};
}

std::optional<ConflictKind> conflict(const std::vector<Conflict>& all, ConnectionId a, ConnectionId b) {
    const auto [lo, hi] = std::minmax(a, b);
    for (const Conflict& c : all)
        if (c.a == lo && c.b == hi) return c.kind;
    return std::nullopt;
}

}  // namespace

TEST_CASE("northbound through crosses eastbound through", "[network][conflicts]") {
    const Network net = crossing(2);
    const auto all = compute_conflicts(net);
    for (int north_lane : {0, 1})
        for (int east_lane : {0, 1}) {
            const ConnectionId northbound = find(net, inbound(3), north_lane, outbound(1));
            const ConnectionId eastbound = find(net, inbound(2), east_lane, outbound(0));
            CHECK(conflict(all, northbound, eastbound) == ConflictKind::Crossing);
        }
    // Opposing throughs run side by side.
    CHECK_FALSE(conflict(all, find(net, inbound(3), 0, outbound(1)), find(net, inbound(1), 0, outbound(3))));
}

TEST_CASE("right turns into different roads do not conflict", "[network][conflicts]") {
    const Network net = crossing(2);
    const auto all = compute_conflicts(net);
    const ConnectionId east_right = find(net, inbound(2), 0, outbound(3));   // from the west, to the south
    const ConnectionId west_right = find(net, inbound(0), 0, outbound(1));   // from the east, to the north
    const ConnectionId north_right = find(net, inbound(3), 0, outbound(0));  // from the south, to the east
    CHECK_FALSE(conflict(all, east_right, west_right));
    CHECK_FALSE(conflict(all, east_right, north_right));
    // A right turn and the opposing left into the same road use different lanes there.
    CHECK_FALSE(conflict(all, east_right, find(net, inbound(0), 1, outbound(3))));
    // The opposing left crosses the through traffic.
    CHECK(conflict(all, find(net, inbound(0), 1, outbound(3)), find(net, inbound(2), 1, outbound(0))) ==
          ConflictKind::Crossing);
}

TEST_CASE("movements into the same lane merge; movements out of the same lane diverge", "[network][conflicts]") {
    const Network net = crossing(1);
    const auto all = compute_conflicts(net);
    // Single lanes: a right from the east and a through from the south both end in the north lane.
    const ConnectionId right = find(net, inbound(0), 0, outbound(1));
    const ConnectionId through = find(net, inbound(3), 0, outbound(1));
    CHECK(conflict(all, right, through) == ConflictKind::Merging);
    for (const Conflict& c : all) {
        const Connection& a = net.connection(c.a);
        const Connection& b = net.connection(c.b);
        CHECK(c.a < c.b);
        CHECK_FALSE((a.from_link == b.from_link && a.from_lane == b.from_lane));
    }
    CHECK(std::is_sorted(all.begin(), all.end(),
                         [](const Conflict& x, const Conflict& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); }));
}

TEST_CASE("compute_conflicts equals the junction-by-junction conflicts", "[network][conflicts]") {
    GridSpec spec;
    spec.rows = 3;
    spec.columns = 3;
    const Network net = make_grid(spec).network;
    const auto all = compute_conflicts(net);
    std::vector<std::vector<ConnectionId>> by_junction(net.junctions.size());
    for (std::uint32_t c = 0; c < net.connections.size(); ++c)
        by_junction[net.link(net.connections[c].from_link).to.index()].push_back(ConnectionId{c});
    std::vector<Conflict> joined;
    for (const auto& ids : by_junction) {
        const auto part = junction_conflicts(net, ids);
        joined.insert(joined.end(), part.begin(), part.end());
    }
    std::sort(joined.begin(), joined.end(),
              [](const Conflict& x, const Conflict& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
    REQUIRE(joined.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(joined[i].a == all[i].a);
        CHECK(joined[i].b == all[i].b);
        CHECK(joined[i].kind == all[i].kind);
    }
    CHECK(!all.empty());
}
