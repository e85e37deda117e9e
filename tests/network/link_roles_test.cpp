// link_roles(): the core is the largest strongly connected part, entries reach it, exits are
// reached from it, the rest is detached; ties go to the part of the lowest link id. Links
// here are bare graph nodes (their geometry does not matter):
//
//   0 -> 1 -> [ 2 -> 3 -> 4 -> 2 ] -> 5 -> 6        entries 0, 1; core 2, 3, 4; exits 5, 6
//   10 -> [ 7 <-> 8 ] -> 9                           an island, what feeds it and what it feeds
#include <catch2/catch.hpp>

#include "network/link_roles.hpp"

using namespace ut;
using namespace ut::network;

namespace {

// Links in a row along x (geometry does not matter here), joined as `joins` says.
Network graph(std::size_t links, std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> joins) {
    Network net;
    for (std::size_t l = 0; l < links; ++l) {
        const double x = 100.0 * static_cast<double>(l);
        const JunctionId a = net.add_junction({{x, 0}, JunctionControl::Priority, "", 0});
        const JunctionId b = net.add_junction({{x + 50, 0}, JunctionControl::Priority, "", 0});
        Link link;
        link.from = a;
        link.to = b;
        link.shape = {{x, 0}, {x + 50, 0}};
        link.lanes.resize(1);
        net.add_link(link);
    }
    for (const auto& [from, to] : joins) {
        Connection c;
        c.from_link = LinkId{from};
        c.to_link = LinkId{to};
        net.add_connection(c);
    }
    return net;
}

}  // namespace

TEST_CASE("link roles: core, entries, exits, and what is detached", "[network][roles]") {
    // 0, 1: entry chain; 2, 3, 4: the ring; 5, 6: exit chain; 7 <-> 8: island; 9 fed by the
    // island only; 10 leads into the island only.
    const Network net = graph(11, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 2}, {4, 5}, {5, 6},
                                   {7, 8}, {8, 7}, {8, 9}, {10, 7}});
    const std::vector<LinkRole> r = link_roles(net);
    const std::vector<LinkRole> expected = {LinkRole::Entry,    LinkRole::Entry,    LinkRole::Core,    LinkRole::Core,
                                            LinkRole::Core,     LinkRole::Exit,     LinkRole::Exit,    LinkRole::Detached,
                                            LinkRole::Detached, LinkRole::Detached, LinkRole::Detached};
    CHECK(r == expected);
    const LinkRoleCounts c = count_roles(r);
    CHECK(c.core == 3);
    CHECK(c.entry == 2);
    CHECK(c.exit == 2);
    CHECK(c.detached == 4);
    CHECK(can_start_trip(LinkRole::Entry));
    CHECK_FALSE(can_start_trip(LinkRole::Exit));
    CHECK(can_end_trip(LinkRole::Exit));
    CHECK_FALSE(can_end_trip(LinkRole::Entry));
    CHECK(std::string(to_string(LinkRole::Entry)) == "entry");
}

TEST_CASE("link roles: a link between entry and exit that bypasses the core is neither", "[network][roles]") {
    // 0 -> 1 <-> 2 (core: 1, 2), and 0 -> 3 -> 4 where 4 leads to nothing: 3 and 4 reach no
    // core link and no core link reaches them.
    const Network net = graph(5, {{0, 1}, {1, 2}, {2, 1}, {0, 3}, {3, 4}});
    const std::vector<LinkRole> r = link_roles(net);
    CHECK(r[0] == LinkRole::Entry);
    CHECK(r[1] == LinkRole::Core);
    CHECK(r[2] == LinkRole::Core);
    CHECK(r[3] == LinkRole::Detached);
    CHECK(r[4] == LinkRole::Detached);
}

TEST_CASE("link roles: ties go to the part holding the lowest link id; empty networks", "[network][roles]") {
    const Network net = graph(4, {{2, 3}, {3, 2}, {0, 1}, {1, 0}});
    const std::vector<LinkRole> r = link_roles(net);
    CHECK(r == std::vector<LinkRole>{LinkRole::Core, LinkRole::Core, LinkRole::Detached, LinkRole::Detached});
    CHECK(link_roles(Network{}).empty());
    // Nothing joined: every link is a part of its own; link 0 is the core.
    CHECK(link_roles(graph(3, {})) == std::vector<LinkRole>{LinkRole::Core, LinkRole::Detached, LinkRole::Detached});
}

TEST_CASE("link roles: a long chain does not overflow the stack", "[network][roles]") {
    constexpr std::uint32_t n = 200000;
    Network net = graph(n, {});
    for (std::uint32_t l = 0; l + 1 < n; ++l) {
        Connection c;
        c.from_link = LinkId{l};
        c.to_link = LinkId{l + 1};
        net.add_connection(c);
    }
    Connection back;  // closes the ring: one part of n links
    back.from_link = LinkId{n - 1};
    back.to_link = LinkId{0};
    net.add_connection(back);
    CHECK(count_roles(link_roles(net)).core == n);
}
