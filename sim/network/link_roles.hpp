// Where each link stands in the network's link graph (link A -> link B when a connection
// joins them), for a map cut out of a larger one. At the edge of an extract a road is cut:
// a dual carriageway becomes an inbound link starting at a dead end and an outbound one
// ending at another, neither strongly connected to anything. Such links still carry traffic
// into and out of the map (SUMO keeps them; its randomTrips starts and ends trips there).
//
// Glossary
//   core      the largest strongly connected part: every core link reaches every other.
//   entry     not core, but the core can be reached from it (traffic comes into the map).
//   exit      not core, but it can be reached from the core (traffic leaves the map).
//   detached  neither: an island, or a part reachable only from or to other detached links.
//
// Invariants: entry and exit are disjoint (a link that reaches the core and is reached from
// it is in the core); no connection leads from a core or exit link to an entry link, so a
// route from the core never leaves core and exits; any link of core + entries reaches any
// link of core + exits. The result depends only on the network (not on threads or memory).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "network/network.hpp"

namespace ut::network {

enum class LinkRole : std::uint8_t { Core, Entry, Exit, Detached };

const char* to_string(LinkRole r);  // "core", "entry", "exit", "detached"

// Where a trip may start (core or entry) and end (core or exit) so that it has a route.
constexpr bool can_start_trip(LinkRole r) { return r == LinkRole::Core || r == LinkRole::Entry; }
constexpr bool can_end_trip(LinkRole r) { return r == LinkRole::Core || r == LinkRole::Exit; }

// One role per link, by link id. The core is the largest strongly connected part; on a tie,
// the one holding the lowest link id. An empty network gives an empty vector.
std::vector<LinkRole> link_roles(const Network& net);

struct LinkRoleCounts {
    std::size_t core = 0;
    std::size_t entry = 0;
    std::size_t exit = 0;
    std::size_t detached = 0;
};
LinkRoleCounts count_roles(const std::vector<LinkRole>& roles);

}  // namespace ut::network
