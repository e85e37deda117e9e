// Which connections of a junction conflict: their paths cross, or they merge into the same
// outgoing lane. Connections leaving the same lane (diverging) do not conflict. This is the
// basis of both the engine's yielding and the signal plan safety check.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "network/network.hpp"

namespace ut::network {

enum class ConflictKind : std::uint8_t { Crossing, Merging };

struct Conflict {
    ConnectionId a;
    ConnectionId b;  // a < b
    ConflictKind kind;
};

// All conflicting pairs, sorted by (a, b). Parallel over junctions; the result does not
// depend on the thread count.
std::vector<Conflict> compute_conflicts(const Network& net);

// The conflicts among `connections`, which should all pass through one junction (e.g. the
// connections a signal plan controls), sorted by (a, b). Cost: pairs of these only.
std::vector<Conflict> junction_conflicts(const Network& net, std::span<const ConnectionId> connections);

}  // namespace ut::network
