#include "network/network.hpp"

namespace ut::network {

const char* to_string(RoadClass c) {
    switch (c) {
        case RoadClass::Motorway: return "motorway";
        case RoadClass::Trunk: return "trunk";
        case RoadClass::Primary: return "primary";
        case RoadClass::Secondary: return "secondary";
        case RoadClass::Tertiary: return "tertiary";
        case RoadClass::Unclassified: return "unclassified";
        case RoadClass::Residential: return "residential";
        case RoadClass::Service: return "service";
        case RoadClass::Link: return "link";
    }
    return "unknown";
}

const char* to_string(Turn t) {
    switch (t) {
        case Turn::Straight: return "straight";
        case Turn::Right: return "right";
        case Turn::Left: return "left";
        case Turn::UTurn: return "U-turn";
    }
    return "?";
}

int movement_rank(Turn t) {
    switch (t) {
        case Turn::Straight: return 3;
        case Turn::Right: return 2;
        case Turn::Left: return 1;
        case Turn::UTurn: return 0;
    }
    return 0;
}

int priority_rank(RoadClass c) {
    switch (c) {
        case RoadClass::Motorway: return 8;
        case RoadClass::Trunk: return 7;
        case RoadClass::Primary: return 6;
        case RoadClass::Secondary: return 5;
        case RoadClass::Link: return 4;
        case RoadClass::Tertiary: return 4;
        case RoadClass::Unclassified: return 2;
        case RoadClass::Residential: return 2;
        case RoadClass::Service: return 1;
    }
    return 0;
}

bool yields_at_signal(const Network& net, ConnectionId a, ConnectionId b) {
    const int ra = movement_rank(net.connection(a).turn);
    const int rb = movement_rank(net.connection(b).turn);
    return ra != rb ? ra < rb : a.value > b.value;
}

JunctionId Network::add_junction(Junction j) {
    junctions.push_back(std::move(j));
    return JunctionId{static_cast<std::uint32_t>(junctions.size() - 1)};
}

LinkId Network::add_link(Link l) {
    if (l.length_m <= 0.0) l.length_m = polyline_length(l.shape);
    links.push_back(std::move(l));
    return LinkId{static_cast<std::uint32_t>(links.size() - 1)};
}

ConnectionId Network::add_connection(Connection c) {
    if (c.length_m <= 0.0) c.length_m = polyline_length(c.shape);
    connections.push_back(std::move(c));
    return ConnectionId{static_cast<std::uint32_t>(connections.size() - 1)};
}

std::vector<std::vector<LinkId>> Network::incoming_links() const {
    std::vector<std::vector<LinkId>> in(junctions.size());
    for (std::uint32_t i = 0; i < links.size(); ++i) in[links[i].to.index()].push_back(LinkId{i});
    return in;
}

std::vector<std::vector<LinkId>> Network::outgoing_links() const {
    std::vector<std::vector<LinkId>> out(junctions.size());
    for (std::uint32_t i = 0; i < links.size(); ++i) out[links[i].from.index()].push_back(LinkId{i});
    return out;
}

Polyline lane_shape(const Link& link, std::size_t lane_index) {
    double total_width = 0.0;
    for (const Lane& lane : link.lanes) total_width += lane.width_m;
    double offset = -total_width / 2.0;  // right edge
    for (std::size_t i = 0; i < lane_index && i < link.lanes.size(); ++i) offset += link.lanes[i].width_m;
    offset += link.lanes.empty() ? 0.0 : link.lanes[std::min(lane_index, link.lanes.size() - 1)].width_m / 2.0;
    return offset_polyline(link.shape, offset);
}

}  // namespace ut::network
