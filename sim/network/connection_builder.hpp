// Builds the lane-to-lane connections of every junction from geometry: classifies each
// (incoming link, outgoing link) pair as straight/right/left/U-turn by angle, and assigns
// incoming lanes to movements the way road markings do (right turns from the right lanes,
// left turns from the left lanes, through traffic on the rest), honouring Lane::allowed_turns
// where a lane already says (e.g. from OSM turn:lanes). No U-turns except at dead ends; an
// approach without the exact reverse link turns around onto the link nearly opposite it
// (>= 160 degrees: the other carriageway of a dual carriageway), which counts as a U-turn;
// where no link is within 30 degrees the straightest one within 45 is straight on (a bend).
// A link too short to change lanes on is taken as part of the junction it leads to: each of
// its lanes leads everywhere the link leads, since a vehicle keeps the lane it came in on.
// Roads that only go on into one road with as many lanes as they have together (a ramp
// adding a lane) keep to lanes of their own there, side by side, so they do not merge.
#pragma once

#include "network/network.hpp"

namespace ut::network {

struct ConnectionOptions {
    bool u_turns_at_dead_ends = true;
    double connection_points = 8;  // points on each connection's curved shape
    // Links shorter than this, with several lanes, get a connection from every lane to every
    // link they lead to. A vehicle changes lanes only once clear of the junction behind it
    // (engine/lane_change.cpp: its back 10 m past the lane start) and stops short of the stop
    // line, so a 12 m bus cannot change lanes on a link shorter than about 25 m: one that came
    // in on a lane not leading its way would wait there forever. Where every vehicle enters
    // the link straight on with a choice of lane (lane_choice_length_m), lanes that would
    // only merge into another lane's path are left out. 0: off.
    double min_lane_change_length_m = 25.0;
    // Straight on into a link shorter than this (at a junction without signals), each lane
    // also connects to the link's other lanes, so that a vehicle enters it in the lane its
    // route needs at the link's end: the engine looks one link ahead when choosing where to
    // enter, but changes lanes only on the link itself, which in a queue on a short link may
    // never come to pass. 0: off.
    double lane_choice_length_m = 60.0;
};

// Replaces net.connections. Deterministic: the same network gives the same connections.
void build_connections(Network& net, const ConnectionOptions& options = {});

// The turn from the end of `from` to the start of `to`, by angle; UTurn only onto the exact
// reverse link (build_connections also takes a nearly opposite link as a turnaround, and
// the straightest link within 45 degrees as straight on).
Turn classify_turn(const Link& from, const Link& to);

}  // namespace ut::network
