// Clean-up after connections exist: keep the core of the link graph and its fringe (entries
// into it and exits out of it, network/link_roles.hpp), so every kept link is on a route
// into or out of the core and trips never strand; drop the rest with their junctions.
#pragma once

#include <cstdint>
#include <vector>

#include "network/network.hpp"

namespace ut::import {

struct Compaction {
    std::vector<std::uint32_t> junction_map;  // old index -> new index, or 0xffffffff if removed
    std::vector<std::uint32_t> link_map;
};

// Removes the links not kept and the junctions no kept link touches, preserving the order of
// what stays. Clears connections (they must be rebuilt).
Compaction compact(network::Network& net, const std::vector<std::uint8_t>& keep_link);

}  // namespace ut::import
