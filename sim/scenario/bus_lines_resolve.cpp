// [[bus_lines]] on the built network: via points to links and junctions, the route between
// them, stops snapped onto it. Every problem names the line of the file it comes from.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "import/projection.hpp"
#include "scenario/bus_lines_section.hpp"
#include "transit/route_builder.hpp"

namespace ut::scenario {
namespace {

// Places as given ([lon, lat] on a map) to network metres.
Vec2 to_network(const network::GeneratedNetwork& g, Vec2 p, const std::string& file) {
    if (g.utm_epsg == 0) return p;
    std::vector<Vec2> out;
    import::project_points("EPSG:4326", import::Georeference{g.utm_epsg, g.utm_origin}, {import::SourcePoint{p.x, p.y}}, out, file);
    return out.front();
}

struct Resolver {
    const network::GeneratedNetwork& g;
    const std::vector<engine::VehicleType>& types;
    Problems& problems;
    demand::Router router;
    std::map<std::string, std::vector<JunctionId>> junction_by_key;

    Resolver(const network::GeneratedNetwork& net, const std::vector<engine::VehicleType>& t, Problems& p)
        : g(net), types(t), problems(p), router(net.network) {
        for (std::uint32_t j = 0; j < net.network.junctions.size(); ++j) {
            const network::Junction& junction = net.network.junctions[j];
            if (!junction.name.empty()) junction_by_key[junction.name].push_back(JunctionId{j});
            if (junction.source_id != 0) junction_by_key[std::to_string(junction.source_id)].push_back(JunctionId{j});
        }
    }

    std::optional<transit::ViaPoint> via_point(const BusLineSpec& spec, const ViaSpec& via) {
        const auto links = g.network.links.size();
        switch (via.kind) {
            case ViaSpec::Kind::Link:
                if (via.link >= 0 && static_cast<std::size_t>(via.link) < links) return LinkId{static_cast<std::uint32_t>(via.link)};
                problems.add(via.line, fmt::format("bus line '{}': via link {} does not exist", spec.name, via.link),
                             fmt::format("allowed: a link id from 0 to {} (links.csv, or the links layer of urbantwin import)", links - 1));
                return std::nullopt;
            case ViaSpec::Kind::Junction: {
                const auto found = junction_by_key.find(via.junction);
                if (found != junction_by_key.end() && found->second.size() == 1) return found->second[0];
                problems.add(via.line,
                             fmt::format("bus line '{}': via junction '{}' {}", spec.name, via.junction,
                                         found == junction_by_key.end() ? "is not a junction's name or OSM node id"
                                                                        : "names several junctions"),
                             "allowed: a junction's name or OSM node id (the junctions layer of urbantwin import), a link id or a place");
                return std::nullopt;
            }
            case ViaSpec::Kind::Point:
                return to_network(g, via.point, problems.file());
        }
        return std::nullopt;
    }

    std::string describe_route(const std::vector<LinkId>& route) const {
        std::string out;
        for (std::size_t i = 0; i < route.size() && i < 12; ++i) out += (i ? " " : "") + std::to_string(route[i].value);
        return route.size() > 12 ? out + " ..." : out;
    }

    // The stop's place on the route, or nothing (reported).
    std::optional<transit::RoutePosition> place_stop(const BusLineSpec& spec, const BusStopSpec& stop,
                                                     const std::vector<LinkId>& route, double after_m, double bus_length_m) {
        const network::Network& net = g.network;
        const double length = transit::route_length_m(net, route);
        const std::string where = fmt::format("bus line '{}': stop '{}'", spec.name, stop.name);
        if (stop.at) {
            const transit::RoutePosition p =
                transit::snap_to_route(net, route, to_network(g, *stop.at, problems.file()), after_m, bus_length_m);
            if (p.distance_m <= spec.snap_radius_m) return p;
            problems.add(stop.place_line, fmt::format("{} is {:.0f} m from the line's route (links {})", where, p.distance_m, describe_route(route)),
                         fmt::format("allowed: a place within snap_radius_m = {} m of the route; move the stop or add a via point so the route passes it",
                                     format_number(spec.snap_radius_m)));
            return std::nullopt;
        }
        if (stop.route_m) {
            if (auto p = transit::position_along_route(net, route, *stop.route_m)) return p;
            problems.add(stop.place_line, fmt::format("{}: route_m = {} is past the end of the route", where, format_number(*stop.route_m)),
                         fmt::format("allowed: from 0 to the route's length, {:.0f} m", length));
            return std::nullopt;
        }
        if (stop.link) {
            double start = 0.0;
            for (std::uint32_t k = 0; k < route.size(); ++k) {
                const double link_length = net.link(route[k]).length_m;
                if (route[k].value == *stop.link && start + link_length >= after_m) {
                    const double offset = stop.offset_m < 0.0 ? link_length / 2.0 : stop.offset_m;
                    if (offset <= link_length) return transit::RoutePosition{k, offset, start + offset, 0.0};
                    problems.add(stop.place_line, fmt::format("{}: offset_m = {} is beyond the end of link {}", where, format_number(offset), *stop.link),
                                 fmt::format("allowed: from 0 to {:.1f} m (the link's length)", link_length));
                    return std::nullopt;
                }
                start += link_length;
            }
            problems.add(stop.place_line, fmt::format("{}: link {} is not on the line's route (links {})", where, *stop.link, describe_route(route)),
                         "allowed: a link of the route, after the previous stop; or add the link as a via point");
        }
        return std::nullopt;
    }

    std::optional<transit::BusLine> line(const BusLineSpec& spec) {
        transit::BusLine line;
        line.name = spec.name;
        const auto type = std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.name == spec.vehicle_type; });
        line.vehicle_type = VehicleTypeId{static_cast<std::uint8_t>(type - types.begin())};
        line.dwell = spec.dwell;
        line.departures_s = spec.departures_s;
        std::vector<transit::ViaPoint> via;
        for (const ViaSpec& v : spec.via)
            if (auto p = via_point(spec, v)) via.push_back(*p);
        if (via.size() != spec.via.size() || via.empty()) return std::nullopt;
        const transit::RouteResult r = transit::build_route(g.network, router, via, spec.snap_radius_m);
        if (!r.error.empty()) {
            problems.add(r.bad_via < spec.via.size() ? spec.via[r.bad_via].line : spec.via_line,
                         fmt::format("bus line '{}': {}", spec.name, r.error),
                         "allowed: via points in driving order that a bus can drive between (check one-way streets and bus permissions)");
            return std::nullopt;
        }
        line.route = r.route;
        bool ok = true;
        double after = 0.0;
        const double bus_length = type->length_m;
        for (const BusStopSpec& s : spec.stops) {
            const auto p = place_stop(spec, s, line.route, after, bus_length);
            if (!p) {
                ok = false;
                continue;
            }
            const double link_length = g.network.link(line.route[p->route_index]).length_m;
            if (p->offset_m < bus_length && p->route_index > 0) {
                if (link_length < bus_length) {
                    problems.add(s.place_line,
                                 fmt::format("bus line '{}': stop '{}' is on link {}, which is {:.1f} m long: a {} m bus "
                                             "standing there would block the junction behind it",
                                             spec.name, s.name, line.route[p->route_index].value, link_length, format_number(bus_length)),
                                 "allowed: a stop on a link at least as long as the bus; move it along the route");
                    ok = false;
                    continue;
                }
            }
            transit::BusStop stop;
            stop.name = s.name;
            stop.route_index = p->route_index;
            // The whole bus stands on the stop's link (its back not in the junction behind, and
            // on the first link not before where buses enter).
            stop.offset_m = std::max(p->offset_m, std::min(bus_length, link_length));
            stop.route_m = p->route_m - p->offset_m + stop.offset_m;
            stop.boardings_per_h = s.boardings_per_h;
            stop.alight_weight = s.alight_weight;
            if (!line.stops.empty() && stop.route_m <= line.stops.back().route_m + 1e-6) {
                problems.add(s.line, fmt::format("bus line '{}': stop '{}' is not after stop '{}' along the route", spec.name, s.name,
                                                 line.stops.back().name),
                             "allowed: stops in the order the bus reaches them");
                ok = false;
                continue;
            }
            after = stop.route_m;
            line.stops.push_back(stop);
        }
        if (!ok) return std::nullopt;
        for (std::size_t k = 0; k < line.stops.size(); ++k) {
            if (line.stops[k].boardings_per_h <= 0.0) continue;
            bool any = false;
            for (std::size_t m = k + 1; m < line.stops.size(); ++m) any = any || line.stops[m].alight_weight > 0.0;
            if (!any)
                problems.add(spec.stops[k].line,
                             fmt::format("bus line '{}': passengers board at stop '{}' but no later stop has alight_weight > 0",
                                         spec.name, line.stops[k].name),
                             "allowed: boardings_per_hour = 0 at the last stop, and a later stop with alight_weight > 0");
        }
        line.passengers_begin_s = spec.passengers_begin_s.value_or(-1.0);
        line.passengers_end_s = spec.passengers_end_s.value_or(line.departures_s.empty() ? 0.0 : line.departures_s.back());
        return line;
    }
};

}  // namespace

transit::TransitLines resolve_bus_lines(const std::vector<BusLineSpec>& specs, const network::GeneratedNetwork& net,
                                        const std::vector<engine::VehicleType>& types, Problems& problems) {
    transit::TransitLines out;
    if (specs.empty()) return out;
    Resolver resolver(net, types, problems);
    for (const BusLineSpec& spec : specs)
        if (auto line = resolver.line(spec)) out.lines.push_back(std::move(*line));
    return out;
}

}  // namespace ut::scenario
