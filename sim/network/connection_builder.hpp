// Builds the lane-to-lane connections of every junction from geometry: classifies each
// (incoming link, outgoing link) pair as straight/right/left/U-turn by angle, and assigns
// incoming lanes to movements the way road markings do (right turns from the right lanes,
// left turns from the left lanes, through traffic on the rest), honouring Lane::allowed_turns
// where a lane already says (e.g. from OSM turn:lanes). No U-turns except at dead ends.
#pragma once

#include "network/network.hpp"

namespace ut::network {

struct ConnectionOptions {
    bool u_turns_at_dead_ends = true;
    double connection_points = 8;  // points on each connection's curved shape
};

// Replaces net.connections. Deterministic: the same network gives the same connections.
void build_connections(Network& net, const ConnectionOptions& options = {});

// The turn from the end of `from` to the start of `to`.
Turn classify_turn(const Link& from, const Link& to);

}  // namespace ut::network
