// Clean-up after connections exist: keep the largest strongly connected part of the link
// graph (link A -> link B when a connection joins them), so every kept link can reach every
// other one and trips never strand; drop the rest with their junctions.
#pragma once

#include <cstdint>
#include <vector>

#include "network/network.hpp"

namespace ut::import {

// 1 for the links of the largest strongly connected component (ties: the one holding the
// lowest link id), 0 for the others.
std::vector<std::uint8_t> largest_strongly_connected(const network::Network& net);

struct Compaction {
    std::vector<std::uint32_t> junction_map;  // old index -> new index, or 0xffffffff if removed
    std::vector<std::uint32_t> link_map;
};

// Removes the links not kept and the junctions no kept link touches, preserving the order of
// what stays. Clears connections (they must be rebuilt).
Compaction compact(network::Network& net, const std::vector<std::uint8_t>& keep_link);

}  // namespace ut::import
