// How plan files and phase logs name a junction, so a planner finds the same junction in
// both: its OSM node id, else its name when no other junction has that name, else its
// index in the network.
#pragma once

#include <cstdint>
#include <string>

#include "network/network.hpp"

namespace ut::signals {

struct JunctionKey {
    enum class Kind { OsmId, Name, Index } kind = Kind::Index;
    std::int64_t number = 0;  // the OSM node id or the index
    std::string name;
};

JunctionKey junction_key(const network::Network& net, JunctionId j);

// As a phase log's junction column says it: "123456789", "Main & 1st" or "index 12".
std::string to_string(const JunctionKey& key);

}  // namespace ut::signals
