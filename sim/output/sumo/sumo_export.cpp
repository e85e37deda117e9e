#include "output/sumo/sumo_export.hpp"

#include <fmt/format.h>

#include "engine/compiled_network.hpp"
#include "output/atomic_file.hpp"
#include "output/sumo/sumo_xml.hpp"

namespace ut::output::sumo {

std::string sumo_link_id(LinkId id) { return fmt::format("L{}", id.value); }
std::string sumo_junction_id(JunctionId id) { return fmt::format("J{}", id.value); }

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

SumoExportFiles export_to_sumo(const SumoExportInput& in, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw OutputError(fmt::format("cannot create {}: {}", dir.string(), ec.message()));

    // Each signalised connection's index in its junction's state string.
    std::vector<std::int32_t> link_index(in.network.connections.size(), -1);
    for (const auto& plan : in.signal_plans) {
        std::int32_t next = 0;
        for (const auto& group : plan.groups)
            for (ConnectionId c : group.connections) link_index[c.index()] = next++;
    }

    SumoExportFiles files;
    auto path = [&](const char* ext) { return dir / (in.name + ext); };
    files.nodes = path(".nod.xml");
    files.edges = path(".edg.xml");
    files.connections = path(".con.xml");
    files.tls = path(".tll.xml");
    files.routes = path(".rou.xml");
    files.config = path(".sumocfg");
    files.netconvert_config = path(".netccfg");
    write_file_atomically(files.nodes, [&](std::ostream& o) { write_nodes(o, in.network); });
    write_file_atomically(files.edges, [&](std::ostream& o) { write_edges(o, in.network); });
    write_file_atomically(files.connections,
                          [&](std::ostream& o) { write_connections(o, engine::CompiledNetwork(in.network), link_index); });
    write_file_atomically(files.tls, [&](std::ostream& o) { write_tls(o, in.network, in.signal_plans, link_index); });
    write_file_atomically(files.routes, [&](std::ostream& o) { write_routes(o, in); });
    write_file_atomically(files.config, [&](std::ostream& o) { write_sumo_config(o, in); });
    write_file_atomically(files.netconvert_config, [&](std::ostream& o) { write_netconvert_config(o, in.name); });
    write_file_atomically(path(".add.xml"), [&](std::ostream& o) {
        o << fmt::format("<additional>\n  <edgeData id=\"links\" file=\"{}.edgedata.xml\"/>\n", in.name);
        write_tls_switches(o, in.network, in.signal_plans, link_index);
        write_bus_stops(o, in);
        o << "</additional>\n";
    });
    return files;
}

}  // namespace ut::output::sumo
