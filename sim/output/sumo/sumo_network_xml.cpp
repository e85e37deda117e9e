// The network half of the SUMO export: nodes, edges, connections and signal programs in
// SUMO's plain XML, which netconvert turns into a .net.xml.
#include <fmt/format.h>

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

// Connections; those at signalised junctions carry the traffic light and their index in
// its state string (the connection's position among the junction's controlled ones).
void write_connections(std::ostream& out, const network::Network& net, const std::vector<std::int32_t>& link_index) {
    out << "<connections>\n";
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const auto& con = net.connections[c];
        out << fmt::format("  <connection from=\"{}\" to=\"{}\" fromLane=\"{}\" toLane=\"{}\"", sumo_link_id(con.from_link),
                           sumo_link_id(con.to_link), con.from_lane, con.to_lane);
        if (link_index[c] >= 0)
            out << fmt::format(" tl=\"{}\" linkIndex=\"{}\"", sumo_junction_id(net.link(con.from_link).to), link_index[c]);
        out << "/>\n";
    }
    out << "</connections>\n";
}

// The programs, then the controlled connections once more: netconvert keeps a connection's
// tl/linkIndex only when it comes with the tlLogic file; from the connection file alone it
// renumbers them in its own order, which scrambles our state strings.
void write_tls(std::ostream& out, const network::Network& net, const std::vector<signals::SignalPlan>& plans,
               const std::vector<std::int32_t>& link_index) {
    out << "<tlLogics>\n";
    for (const auto& plan : plans) {
        std::vector<std::uint32_t> controlled;  // connection per state position
        std::vector<std::int32_t> group_of;     // plan group per state position
        for (std::size_t g = 0; g < plan.groups.size(); ++g) {
            for (ConnectionId c : plan.groups[g].connections) {
                const auto pos = static_cast<std::size_t>(link_index[c.index()]);
                if (controlled.size() <= pos) {
                    controlled.resize(pos + 1);
                    group_of.resize(pos + 1, -1);
                }
                controlled[pos] = c.index();
                group_of[pos] = static_cast<std::int32_t>(g);
            }
        }
        out << fmt::format("  <tlLogic id=\"{}\" type=\"static\" programID=\"urbantwin\" offset=\"{:.2f}\">\n",
                           sumo_junction_id(plan.junction), plan.offset_s);
        for (const auto& stage : plan.stages) {
            auto state = [&](char green_char_protected, char green_char_permissive) {
                std::string s(group_of.size(), 'r');
                for (std::uint16_t g : stage.green_groups)
                    for (std::size_t pos = 0; pos < group_of.size(); ++pos)
                        if (group_of[pos] == g)
                            s[pos] = plan.groups[g].permissive ? green_char_permissive : green_char_protected;
                return s;
            };
            if (stage.green_s > 0) out << fmt::format("    <phase duration=\"{:.2f}\" state=\"{}\"/>\n", stage.green_s, state('G', 'g'));
            if (stage.yellow_s > 0) out << fmt::format("    <phase duration=\"{:.2f}\" state=\"{}\"/>\n", stage.yellow_s, state('y', 'y'));
            if (stage.all_red_s > 0) out << fmt::format("    <phase duration=\"{:.2f}\" state=\"{}\"/>\n", stage.all_red_s, state('r', 'r'));
        }
        out << "  </tlLogic>\n";
    }
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        if (link_index[c] < 0) continue;
        const auto& con = net.connections[c];
        out << fmt::format("  <connection from=\"{}\" to=\"{}\" fromLane=\"{}\" toLane=\"{}\" tl=\"{}\" linkIndex=\"{}\"/>\n",
                           sumo_link_id(con.from_link), sumo_link_id(con.to_link), con.from_lane, con.to_lane,
                           sumo_junction_id(net.link(con.from_link).to), link_index[c]);
    }
    out << "</tlLogics>\n";
}

}  // namespace ut::output::sumo
