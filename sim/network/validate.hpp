// Checks the invariants documented in network.hpp and reports every problem found, not
// just the first, each naming the element (and its source id) and what to do.
#pragma once

#include <string>
#include <vector>

#include "network/network.hpp"

namespace ut::network {

struct NetworkProblem {
    std::string message;
};

std::vector<NetworkProblem> validate(const Network& net);

}  // namespace ut::network
