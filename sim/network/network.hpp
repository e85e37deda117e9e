// The editable, lane-level road network: what import and the grid generator build, what a
// planner edits, and what compile() turns into the engine's immutable arrays.
//
// Glossary
//   junction    a node where links meet (an intersection, a dead end, a shape break kept
//               because attributes change).
//   link        a directed road segment between two junctions, with one or more lanes.
//   lane        lane 0 is the rightmost lane of a link (driving on the right); lane indices
//               grow to the left.
//   connection  a lane-to-lane movement through a junction, from the end of an incoming
//               lane to the start of an outgoing lane, with its own geometry.
//   movement    the turn a connection makes: straight, right, left or U-turn.
//
// Invariants (checked by validate()):
//   - every link has >= 1 lane, length > 0, a shape of >= 2 points starting at its from
//     junction and ending at its to junction;
//   - every connection joins a lane of a link ending at junction J to a lane of a link
//     starting at J;
//   - ids are dense indices into the vectors below.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/ids.hpp"

namespace ut::network {

enum class Turn : std::uint8_t { Straight = 0, Right = 1, Left = 2, UTurn = 3 };

// Bit set of turns, for lane permissions (from OSM turn:lanes, or the connection builder).
using TurnMask = std::uint8_t;
constexpr TurnMask turn_bit(Turn t) { return static_cast<TurnMask>(1u << static_cast<unsigned>(t)); }
constexpr TurnMask kAnyTurn = 0x0f;

enum class VehicleClass : std::uint8_t { Car = 0, Bus = 1, Truck = 2 };
using ClassMask = std::uint8_t;
constexpr ClassMask class_bit(VehicleClass c) { return static_cast<ClassMask>(1u << static_cast<unsigned>(c)); }
constexpr ClassMask kAllClasses = 0x07;

// Road hierarchy, used for default speeds and lane counts and for priority at junctions
// without signals (higher class has right of way).
enum class RoadClass : std::uint8_t {
    Motorway, Trunk, Primary, Secondary, Tertiary, Unclassified, Residential, Service, Link
};
const char* to_string(RoadClass c);
const char* to_string(Turn t);  // "straight", "right", "left", "U-turn"
// Who goes first among conflicting movements at a signal (and, after road class, at a
// priority junction): through before right before left before U-turn. Larger = first.
int movement_rank(Turn t);
// Drivers take a turn no faster than this sideways acceleration allows, sqrt(a * radius):
// 18 km/h round a 10 m corner. The SUMO export asks netconvert for the same limit.
constexpr double kTurnLateralAccel_mps2 = 2.5;
int priority_rank(RoadClass c);  // larger = more important

struct Network;
// Whether connection a gives way to connection b, conflicting with it, when both have green
// at a signal: the lower movement_rank yields, then the higher id (the engine's rule,
// engine/compiled_network.cpp, which signal plans must respect).
bool yields_at_signal(const Network& net, ConnectionId a, ConnectionId b);

enum class JunctionControl : std::uint8_t {
    Priority,        // major road has right of way, minor roads yield
    TrafficSignals,  // a signal controller decides; permissive movements still yield
    AllWayStop,
    DeadEnd,
};

struct Junction {
    Vec2 position;
    JunctionControl control = JunctionControl::Priority;
    std::string name;
    std::int64_t source_id = 0;  // e.g. the OSM node id; 0 when generated
};

// marked_turns exists so build_connections can run again after edits (the importer runs it
// twice): its first run records allowed_turns (the markings, e.g. OSM turn:lanes) there and
// then overwrites allowed_turns with the turns the lane actually got. To change a lane's
// markings after a build, set marked_turns.
constexpr TurnMask kTurnsNotRecorded = 0xff;

struct Lane {
    double width_m = 3.25;
    TurnMask allowed_turns = kAnyTurn;  // turns this lane may make at the link's end
    ClassMask allowed_classes = kAllClasses;
    TurnMask marked_turns = kTurnsNotRecorded;  // see kTurnsNotRecorded
};

struct Link {
    JunctionId from;
    JunctionId to;
    Polyline shape;  // centre line of the carriageway in this direction, from -> to
    double length_m = 0.0;
    double speed_limit_mps = 13.89;
    std::vector<Lane> lanes;
    RoadClass road_class = RoadClass::Residential;
    std::string name;
    std::int64_t source_id = 0;  // e.g. the OSM way id
};

struct Connection {
    LinkId from_link;
    std::uint8_t from_lane = 0;
    LinkId to_link;
    std::uint8_t to_lane = 0;
    Turn turn = Turn::Straight;
    Polyline shape;  // from the end of the incoming lane to the start of the outgoing lane
    double length_m = 0.0;
};

struct Network {
    std::vector<Junction> junctions;
    std::vector<Link> links;
    std::vector<Connection> connections;

    JunctionId add_junction(Junction j);
    // Computes length from the shape when length_m is 0.
    LinkId add_link(Link l);
    ConnectionId add_connection(Connection c);

    const Junction& junction(JunctionId id) const { return junctions[id.index()]; }
    const Link& link(LinkId id) const { return links[id.index()]; }
    const Connection& connection(ConnectionId id) const { return connections[id.index()]; }

    // Links ending / starting at each junction, in id order.
    std::vector<std::vector<LinkId>> incoming_links() const;
    std::vector<std::vector<LinkId>> outgoing_links() const;
};

// Geometry of a lane: the link's centre line shifted so lanes sit side by side, lane 0 on
// the right. The link shape is taken as the centre of all its lanes.
Polyline lane_shape(const Link& link, std::size_t lane_index);

}  // namespace ut::network
