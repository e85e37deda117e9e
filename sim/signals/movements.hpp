// Movement names as planners write them (HCM): the approach's direction of travel and the
// turn, e.g. "EBT" (eastbound through), "NBL", "SBR", "WBU". Where two approaches of a
// junction share a direction (odd geometry), a movement is named by its incoming link
// instead: "<link name>:T", "way 4711:L" (OSM way id) or "link 17:R" (link index).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

// "NB", "EB", "SB" or "WB" from the heading at the end of the link.
std::string bound_of(const network::Link& link);
char turn_letter(network::Turn turn);  // T, R, L, U

// Incoming links and connections of every junction, indexed once (linear in the network).
class MovementIndex {
public:
    explicit MovementIndex(const network::Network& net);

    // The connections through `junction` that a movement name denotes; empty with `error`
    // set (what is wrong and which names exist there) when it denotes none.
    std::vector<ConnectionId> connections(JunctionId junction, std::string_view name, std::string& error) const;
    // The names of the movements at `junction`: bound form where unambiguous, else link form.
    std::vector<std::string> names(JunctionId junction) const;
    // The movement names covering a group's connections (each once, in connection order).
    std::vector<std::string> group_names(JunctionId junction, const SignalGroup& group) const;

private:
    std::string name_of(JunctionId j, LinkId from, network::Turn turn) const;

    const network::Network* net_;
    std::vector<std::vector<LinkId>> incoming_;
    std::vector<std::vector<ConnectionId>> through_;  // connections through each junction
};

}  // namespace ut::signals
