// The network half of the SUMO export: nodes, edges and connections in SUMO's plain XML,
// which netconvert turns into a .net.xml (signal programs: sumo_tls_xml.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "output/sumo/sumo_export.hpp"
#include "output/sumo/sumo_xml.hpp"

namespace ut::output::sumo {
namespace {

using network::JunctionControl;

const char* node_type(JunctionControl c) {
    switch (c) {
        case JunctionControl::TrafficSignals: return "traffic_light";
        case JunctionControl::AllWayStop: return "allway_stop";
        case JunctionControl::DeadEnd: return "dead_end";
        case JunctionControl::Priority: return "priority";
    }
    return "priority";
}

std::string shape_attr(const Polyline& shape) {
    std::string s;
    for (const Vec2& p : shape) {
        if (!s.empty()) s += ' ';
        s += fmt::format("{:.2f},{:.2f}", p.x, p.y);
    }
    return s;
}

// How far before the stop line the driver of a movement that gives way sees the traffic it
// gives way to. Ours decides whether to go within max(25 m, 3 s at its speed) of the line
// and drives on at its speed before that (kYieldDecisionDistance_m and kYieldDecisionTime_s
// in engine/path_ahead.cpp). SUMO's connection `visibility` is the same idea; at its default
// of 4.5 m every SUMO driver on a minor link, or turning on a permissive green, slows down
// to be able to stop 4.5 m before the junction, foe in sight or not: 3.4 s more per straight
// passage over a minor link than ours on Portland (docs/validation.md).
constexpr double kYieldDecisionDistance_m = 25.0;
constexpr double kYieldDecisionTime_s = 3.0;

double foe_visibility_m(const network::Link& from) {
    return std::max(kYieldDecisionDistance_m, kYieldDecisionTime_s * from.speed_limit_mps);
}

std::string class_list(network::ClassMask mask) {
    std::string s;
    if (mask & network::class_bit(network::VehicleClass::Car)) s += "passenger ";
    if (mask & network::class_bit(network::VehicleClass::Bus)) s += "bus ";
    if (mask & network::class_bit(network::VehicleClass::Truck)) s += "truck ";
    if (!s.empty()) s.pop_back();
    return s;
}

}  // namespace

void write_nodes(std::ostream& out, const network::Network& net) {
    out << "<nodes>\n";
    for (std::uint32_t j = 0; j < net.junctions.size(); ++j) {
        const auto& junction = net.junctions[j];
        out << fmt::format("  <node id=\"{}\" x=\"{:.2f}\" y=\"{:.2f}\" type=\"{}\"/>\n", sumo_junction_id(JunctionId{j}),
                           junction.position.x, junction.position.y, node_type(junction.control));
    }
    out << "</nodes>\n";
}

void write_edges(std::ostream& out, const network::Network& net) {
    out << "<edges>\n";
    for (std::uint32_t k = 0; k < net.links.size(); ++k) {
        const auto& link = net.links[k];
        // Our link shapes are the centre of this direction's lanes: spreadType="center".
        out << fmt::format(
            "  <edge id=\"{}\" from=\"{}\" to=\"{}\" numLanes=\"{}\" speed=\"{:.3f}\" priority=\"{}\" "
            "spreadType=\"center\" shape=\"{}\"{}>\n",
            sumo_link_id(LinkId{k}), sumo_junction_id(link.from), sumo_junction_id(link.to), link.lanes.size(),
            link.speed_limit_mps, network::priority_rank(link.road_class), shape_attr(link.shape),
            // netconvert rejects an empty name attribute (unnamed OSM ways).
            link.name.empty() ? std::string() : fmt::format(" name=\"{}\"", xml_escape(link.name)));
        for (std::size_t i = 0; i < link.lanes.size(); ++i) {
            const auto& lane = link.lanes[i];
            std::string allow;
            if (lane.allowed_classes != network::kAllClasses) allow = fmt::format(" allow=\"{}\"", class_list(lane.allowed_classes));
            out << fmt::format("    <lane index=\"{}\" width=\"{:.2f}\"{}/>\n", i, lane.width_m, allow);
        }
        out << "  </edge>\n";
    }
    out << "</edges>\n";
}

// Connections, with the distance at which their drivers see their foes, and for straight
// on our speed through the junction: ours slows turns by their radius (netconvert is asked
// for the same lateral acceleration, write_netconvert_config) but drives a bend of up to
// 45 degrees where two roads meet at the road's limit, where SUMO would slow down for its
// curvature (a 27-degree kink between two OSM ways on West Burnside Street: a 2.6 m internal
// lane at 21 km/h). Those at signalised junctions carry the traffic light and their index in
// its state string (the connection's position among the junction's controlled ones).
void write_connections(std::ostream& out, const engine::CompiledNetwork& compiled,
                       const std::vector<std::int32_t>& link_index) {
    const network::Network& net = compiled.source();
    out << "<connections>\n";
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const auto& con = net.connections[c];
        out << fmt::format("  <connection from=\"{}\" to=\"{}\" fromLane=\"{}\" toLane=\"{}\" visibility=\"{:.1f}\"",
                           sumo_link_id(con.from_link), sumo_link_id(con.to_link), con.from_lane, con.to_lane,
                           foe_visibility_m(net.link(con.from_link)));
        if (con.turn == network::Turn::Straight)
            out << fmt::format(" speed=\"{:.3f}\"", compiled.lane_speed_mps[compiled.conn_internal_lane[c]]);
        if (link_index[c] >= 0)
            out << fmt::format(" tl=\"{}\" linkIndex=\"{}\"", sumo_junction_id(net.link(con.from_link).to), link_index[c]);
        out << "/>\n";
    }
    out << "</connections>\n";
}

}  // namespace ut::output::sumo
