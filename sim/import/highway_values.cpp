// Meanings of OSM highway, maxspeed and turn:lanes values (see the OSM wiki pages of those
// keys); defaults by road class for what a way does not say.
#include <array>
#include <cctype>
#include <string>

#include "import/road_tags.hpp"
#include "import/tag_values.hpp"

namespace ut::import {

using network::RoadClass;

const char* tag_key(Tag t) {
    static constexpr std::array<const char*, static_cast<std::size_t>(Tag::Count)> keys = {
        "highway", "name", "lanes", "lanes:forward", "lanes:backward", "oneway", "junction",
        "maxspeed", "maxspeed:forward", "maxspeed:backward",
        "turn:lanes", "turn:lanes:forward", "turn:lanes:backward",
        "lanes:bus", "lanes:bus:forward", "lanes:bus:backward",
        "lanes:psv", "lanes:psv:forward", "lanes:psv:backward",
        "bus:lanes", "bus:lanes:forward", "bus:lanes:backward",
        "psv:lanes", "psv:lanes:forward", "psv:lanes:backward",
        "busway", "busway:left", "busway:right", "busway:both",
        "access", "motor_vehicle", "motorcar", "area"};
    return keys[static_cast<std::size_t>(t)];
}

std::string_view RawWay::tag(Tag t) const {
    for (const auto& [k, v] : tags)
        if (k == t) return v;
    return {};
}

ClassOfHighway classify_highway(std::string_view h) {
    struct Entry {
        std::string_view value;
        RoadClass cls;
    };
    static constexpr std::array<Entry, 11> roads = {{
        {"motorway", RoadClass::Motorway}, {"trunk", RoadClass::Trunk},
        {"primary", RoadClass::Primary}, {"secondary", RoadClass::Secondary},
        {"tertiary", RoadClass::Tertiary}, {"unclassified", RoadClass::Unclassified},
        {"residential", RoadClass::Residential}, {"living_street", RoadClass::Residential},
        {"road", RoadClass::Unclassified}, {"service", RoadClass::Service},
        {"services", RoadClass::Service},
    }};
    h = trim(h);
    for (const Entry& e : roads)
        if (iequals(h, e.value)) return {true, e.cls, e.cls};
    constexpr std::string_view link = "_link";
    if (h.size() > link.size() && h.substr(h.size() - link.size()) == link) {
        const ClassOfHighway parent = classify_highway(h.substr(0, h.size() - link.size()));
        if (parent.road && parent.road_class <= RoadClass::Tertiary)
            return {true, RoadClass::Link, parent.road_class};
    }
    return {};
}

double default_speed_kmh(RoadClass c, RoadClass parent) {
    switch (c) {
        case RoadClass::Motorway: return 120.0;
        case RoadClass::Trunk: return 90.0;
        case RoadClass::Primary: return 60.0;
        case RoadClass::Secondary: return 50.0;
        case RoadClass::Tertiary: return 50.0;
        case RoadClass::Unclassified: return 40.0;
        case RoadClass::Residential: return 30.0;
        case RoadClass::Service: return 20.0;
        case RoadClass::Link:
            return parent == RoadClass::Motorway || parent == RoadClass::Trunk ? 60.0 : 40.0;
    }
    return 50.0;
}

namespace {

// "DE:urban", "AT:rural", "DE:zone:30": implicit limits by country and context.
double country_limit_kmh(std::string_view country, std::string_view context) {
    const auto zone = [&]() -> double {
        for (std::string_view prefix : {"zone:", "zone"}) {
            if (context.size() > prefix.size() && context.substr(0, prefix.size()) == prefix) {
                const auto n = parse_int(context.substr(prefix.size()));
                if (n && *n > 0 && *n <= 130) return static_cast<double>(*n);
            }
        }
        return -1.0;
    }();
    if (zone > 0.0) return zone;
    if (iequals(context, "urban")) return 50.0;
    if (iequals(context, "rural"))
        return is_one_of(country, {"DE", "AT", "CZ", "PL"}) ? 100.0 : is_one_of(country, {"FR"}) ? 80.0 : 90.0;
    if (iequals(context, "motorway")) return is_one_of(country, {"DE", "AT", "FR", "IT"}) ? 130.0 : 120.0;
    if (iequals(context, "trunk")) return 100.0;
    if (is_one_of(context, {"living_street", "walk"})) return 7.0;
    if (is_one_of(context, {"zone", "bicycle_road", "school"})) return 30.0;
    return -1.0;
}

}  // namespace

double parse_maxspeed_kmh(std::string_view value, RoadClass road_class, SpeedUnit bare_unit) {
    std::string_view v = trim(value);
    if (const auto semi = v.find(';'); semi != std::string_view::npos) v = trim(v.substr(0, semi));
    if (v.empty()) return 0.0;
    if (iequals(v, "none")) return road_class == RoadClass::Motorway ? 130.0 : 100.0;
    if (iequals(v, "walk")) return 7.0;
    // Posted on a sign or changed by gantries: nothing to read, the class default applies.
    if (is_one_of(v, {"signals", "variable", "sign", "implicit", "default", "unposted"})) return 0.0;
    if (v.size() > 3 && v[2] == ':' && std::isalpha(static_cast<unsigned char>(v[0])) &&
        std::isalpha(static_cast<unsigned char>(v[1])))
        return country_limit_kmh(v.substr(0, 2), v.substr(3));
    std::size_t n = 0;
    while (n < v.size() && (std::isdigit(static_cast<unsigned char>(v[n])) || v[n] == '.')) ++n;
    const auto number = parse_double(v.substr(0, n));
    if (!number) return -1.0;
    const std::string_view unit = trim(v.substr(n));
    double kmh = *number;
    if (unit.empty()) {
        if (bare_unit == SpeedUnit::MilesPerHour) kmh *= 1.609344;
        if (bare_unit == SpeedUnit::MetresPerSecond) kmh *= 3.6;
    } else if (is_one_of(unit, {"mph"})) {
        kmh *= 1.609344;
    } else if (is_one_of(unit, {"knots", "kn"})) {
        kmh *= 1.852;
    } else if (!is_one_of(unit, {"km/h", "kmh", "kph"})) {
        return -1.0;
    }
    return kmh >= 1.0 && kmh <= 300.0 ? kmh : -1.0;
}

network::TurnMask parse_turn(std::string_view one_lane) {
    using network::Turn;
    using network::turn_bit;
    network::TurnMask mask = 0;
    for (std::string_view t : split(one_lane, ';')) {
        if (is_one_of(t, {"left", "slight_left", "sharp_left"})) mask |= turn_bit(Turn::Left);
        else if (is_one_of(t, {"right", "slight_right", "sharp_right"})) mask |= turn_bit(Turn::Right);
        // A lane that merges still carries traffic straight on before it ends.
        else if (is_one_of(t, {"through", "merge_to_left", "merge_to_right"})) mask |= turn_bit(Turn::Straight);
        else if (is_one_of(t, {"reverse"})) mask |= turn_bit(Turn::UTurn);
    }
    // "none", empty or unknown markings: the lane says nothing, the connection builder decides.
    return mask == 0 ? network::kAnyTurn : mask;
}

}  // namespace ut::import
