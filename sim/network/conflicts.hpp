// Which connections of a junction conflict: their paths cross, or they merge into the same
// outgoing lane. Connections leaving the same lane (diverging) do not conflict. This is the
// basis of both the engine's yielding and the signal plan safety check.
#pragma once

#include <cstdint>
#include <vector>

#include "network/network.hpp"

namespace ut::network {

enum class ConflictKind : std::uint8_t { Crossing, Merging };

struct Conflict {
    ConnectionId a;
    ConnectionId b;  // a < b
    ConflictKind kind;
};

// All conflicting pairs, sorted by (a, b).
std::vector<Conflict> compute_conflicts(const Network& net);

}  // namespace ut::network
