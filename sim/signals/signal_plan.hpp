// Signal timing as data: which connections move together (signal groups), and the sequence
// of stages a controller runs through. The engine sees only the colour of each group at
// each step; how the colours are chosen is the controller's business (signal_controller.hpp).
//
// Glossary
//   signal group  a set of connections that always show the same colour (a movement).
//   stage         an interval in which a fixed set of groups is green, followed by its
//                 yellow and all-red clearance. (NEMA phases and rings build on this.)
//   cycle         the sum of all stage times; offset shifts the cycle start relative to t=0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace ut::signals {

enum class SignalColor : std::uint8_t {
    Red = 0,
    Yellow = 1,
    Green = 2,           // protected: no conflicting movement has green
    GreenPermissive = 3  // green, but the movement yields to conflicting traffic
};

struct SignalGroup {
    std::string name;
    std::vector<ConnectionId> connections;
    bool permissive = false;  // its green is a GreenPermissive
};

struct Stage {
    std::vector<std::uint16_t> green_groups;  // indices into SignalPlan::groups
    double green_s = 20.0;
    double yellow_s = 3.0;
    double all_red_s = 2.0;

    double duration_s() const { return green_s + yellow_s + all_red_s; }
};

struct SignalPlan {
    JunctionId junction;
    std::vector<SignalGroup> groups;
    std::vector<Stage> stages;
    double offset_s = 0.0;

    double cycle_s() const;
};

}  // namespace ut::signals
