// [[bus_lines]]: reading and checking the keys (bus_lines_resolve.cpp puts them on the network).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "scenario/bus_lines_section.hpp"

namespace ut::scenario {
namespace {

constexpr std::size_t kMaxDepartures = 100000;

std::uint32_t line_of_value(const TomlValue& v) { return static_cast<std::uint32_t>(v.location().line()); }

// [a, b] as a point: two numbers.
std::optional<Vec2> read_point(const TomlValue& v) {
    if (!v.is_array() || v.as_array().size() != 2) return std::nullopt;
    double xy[2];
    for (int i = 0; i < 2; ++i) {
        const TomlValue& c = v.as_array()[static_cast<std::size_t>(i)];
        if (c.is_floating()) xy[i] = c.as_floating();
        else if (c.is_integer()) xy[i] = static_cast<double>(c.as_integer());
        else return std::nullopt;
        if (!std::isfinite(xy[i])) return std::nullopt;
    }
    return Vec2{xy[0], xy[1]};
}

const char* kViaAllowed =
    "allowed: a list of via points, each a link id (a whole number, as in links.csv), a junction's name or OSM "
    "node id (text), or a place [x, y] (metres on a generated network, [lon, lat] on a map)";

std::vector<ViaSpec> read_via(SectionReader& s) {
    std::vector<ViaSpec> out;
    const TomlValue* v = s.raw("via");
    if (!v) {
        s.add_problem("", fmt::format("{} is missing", s.qualified("via")), kViaAllowed);
        return out;
    }
    if (!v->is_array() || v->as_array().empty()) {
        s.add_problem("via", fmt::format("{} must be a non-empty list, not {}", s.qualified("via"), describe_type(*v)), kViaAllowed);
        return out;
    }
    for (const TomlValue& e : v->as_array()) {
        ViaSpec via;
        via.line = line_of_value(e);
        if (e.is_integer()) {
            via.kind = ViaSpec::Kind::Link;
            via.link = e.as_integer();
        } else if (e.is_string()) {
            via.kind = ViaSpec::Kind::Junction;
            via.junction = e.as_string().str;
        } else if (const auto p = read_point(e)) {
            via.kind = ViaSpec::Kind::Point;
            via.point = *p;
        } else {
            s.problems().add(via.line, fmt::format("{} has {}, which is not a via point", s.qualified("via"), describe_type(e)),
                             kViaAllowed);
            continue;
        }
        out.push_back(via);
    }
    return out;
}

std::vector<double> read_departures(SectionReader& s, double duration_s) {
    std::vector<double> out;
    const bool has_list = s.has("departures_s");
    const bool has_headway = s.has("headway_s");
    if (has_list == has_headway) {
        s.add_problem(has_list ? "departures_s" : "",
                      fmt::format("[{}] needs either headway_s or departures_s", s.name()),
                      "allowed: headway_s with first_departure_s and last_departure_s, or a list departures_s = [0, 600, ...]");
        s.raw("first_departure_s");
        s.raw("last_departure_s");
        return out;
    }
    if (has_list) {
        const TomlValue* v = s.raw("departures_s");
        const NumberRange range = between(0.0, 7 * 86400.0);
        bool ok = v->is_array() && !v->as_array().empty();
        if (ok)
            for (const TomlValue& e : v->as_array()) {
                const double t = e.is_floating() ? e.as_floating() : e.is_integer() ? static_cast<double>(e.as_integer()) : -1.0;
                ok = ok && range.contains(t);
                out.push_back(t);
            }
        if (!ok || !std::is_sorted(out.begin(), out.end())) {
            s.add_problem("departures_s", fmt::format("{} must be a non-empty list of times in ascending order", s.qualified("departures_s")),
                          "allowed: times in seconds from 0 to 604800, e.g. [0, 600, 1200]");
            out.clear();
        }
        return out;
    }
    const double headway = s.number("headway_s", 0.0, above(0.0, 86400.0));
    const double first = s.number("first_departure_s", 0.0, between(0.0, 7 * 86400.0));
    const double last = s.number("last_departure_s", duration_s, between(0.0, 7 * 86400.0));
    if (last < first)
        s.add_problem("last_departure_s", fmt::format("{} = {} is before first_departure_s = {}", s.qualified("last_departure_s"),
                                                      format_number(last), format_number(first)),
                      "allowed: last_departure_s >= first_departure_s");
    if (headway <= 0.0 || last < first) return out;
    if ((last - first) / headway >= kMaxDepartures) {
        s.add_problem("headway_s", fmt::format("{} = {} gives more than {} departures", s.qualified("headway_s"),
                                               format_number(headway), kMaxDepartures),
                      "allowed: fewer departures (a longer headway or a shorter service)");
        return out;
    }
    for (double t = first; t <= last + 1e-9; t += headway) out.push_back(t);
    return out;
}

BusStopSpec read_stop(SectionReader& s, std::size_t index) {
    BusStopSpec stop;
    stop.line = s.line();
    stop.name = s.text("name", fmt::format("stop {}", index + 1));
    const int ways = (s.has("at") ? 1 : 0) + (s.has("route_m") ? 1 : 0) + (s.has("link") ? 1 : 0);
    if (ways != 1)
        s.add_problem("", fmt::format("stop '{}' needs exactly one of at, route_m or link", stop.name),
                      "allowed: at = [x, y] (a place, snapped onto the route), route_m = metres along the route, or "
                      "link = id with offset_m");
    if (const TomlValue* at = s.raw("at")) {
        stop.at = read_point(*at);
        if (!stop.at)
            s.add_problem("at", fmt::format("{} must be a place [x, y], not {}", s.qualified("at"), describe_type(*at)),
                          "allowed: two numbers: metres on a generated network, [lon, lat] on a map");
    }
    stop.place_line = s.line_of(s.has("at") ? "at" : s.has("route_m") ? "route_m" : "link");
    stop.route_m = s.optional_number("route_m", between(0.0, 1e7));
    stop.link = s.optional_integer("link", {0, std::numeric_limits<std::uint32_t>::max() - 1});
    stop.offset_m = s.number("offset_m", -1.0, between(0.0, 1e6));
    if (s.has("offset_m") && !s.has("link"))
        s.add_problem("offset_m", fmt::format("{} goes with link", s.qualified("offset_m")), "allowed: link = id, offset_m = metres");
    stop.boardings_per_h = s.number("boardings_per_hour", 0.0, between(0.0, 100000.0));
    stop.alight_weight = s.number("alight_weight", 1.0, between(0.0, 1e6));
    return stop;
}

}  // namespace

std::vector<BusLineSpec> read_bus_lines(SectionReader& root, double duration_s,
                                        const std::vector<engine::VehicleType>& types) {
    std::vector<BusLineSpec> out;
    std::vector<SectionReader> tables = root.table_array("bus_lines");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        SectionReader& s = tables[i];
        BusLineSpec spec;
        spec.line = s.line();
        spec.name = s.text("name", fmt::format("line {}", i + 1));
        for (const BusLineSpec& other : out)
            if (other.name == spec.name)
                s.add_problem("name", fmt::format("bus line name '{}' is used twice", spec.name), "allowed: a different name per line");
        spec.vehicle_type = s.text("vehicle_type", spec.vehicle_type);
        spec.type_line = s.line_of("vehicle_type");
        const auto type = std::find_if(types.begin(), types.end(), [&](const engine::VehicleType& t) { return t.name == spec.vehicle_type; });
        if (type == types.end() || type->vehicle_class != network::VehicleClass::Bus)
            s.add_problem("vehicle_type",
                          fmt::format("{} = \"{}\" is {}", s.qualified("vehicle_type"), spec.vehicle_type,
                                      type == types.end() ? "not a vehicle type" : "not of class bus"),
                          "allowed: \"bus\" or a [vehicle_types.NAME] with class = \"bus\"");
        spec.via_line = s.line_of("via");
        spec.via = read_via(s);
        spec.departures_s = read_departures(s, duration_s);
        spec.dwell.dead_time_s = s.number("dead_time_s", spec.dwell.dead_time_s, between(0.0, 120.0));
        spec.dwell.boarding_s = s.number("boarding_s", spec.dwell.boarding_s, between(0.0, 60.0));
        spec.dwell.alighting_s = s.number("alighting_s", spec.dwell.alighting_s, between(0.0, 60.0));
        spec.snap_radius_m = s.number("snap_radius_m", spec.snap_radius_m, above(0.0, 1000.0));
        spec.passengers_begin_s = s.optional_number("passengers_begin_s", between(0.0, 7 * 86400.0));
        spec.passengers_end_s = s.optional_number("passengers_end_s", between(0.0, 7 * 86400.0));
        std::vector<SectionReader> stops = s.table_array("stops");
        if (stops.empty() && !s.has("stops"))
            s.add_problem("", fmt::format("[[bus_lines]] '{}' has no stops", spec.name),
                          "allowed: one [[bus_lines.stops]] table per stop, in route order");
        for (std::size_t k = 0; k < stops.size(); ++k) {
            spec.stops.push_back(read_stop(stops[k], k));
            stops[k].report_unknown_keys();
        }
        s.report_unknown_keys();
        out.push_back(std::move(spec));
    }
    return out;
}

}  // namespace ut::scenario
