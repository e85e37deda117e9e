#include "import/road_tags.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "import/tag_values.hpp"

namespace ut::import {

using network::RoadClass;

namespace {

constexpr int kMaxLanesPerDirection = 8;

int default_lanes(RoadClass c) {
    return (c == RoadClass::Motorway || c == RoadClass::Trunk) ? 2 : 1;
}

void warn(std::vector<ImportWarning>& w, const RawWay& way, std::string msg) {
    w.push_back({way.id, std::move(msg)});
}

enum class Oneway { Both, Forward, Backward, Skip };

bool is_roundabout(const RawWay& way) {
    const std::string_view junction = way.tag(Tag::Junction);
    return junction == "roundabout" || junction == "circular";
}

Oneway parse_oneway(const RawWay& way, const ClassOfHighway& cls, const TagRules& rules,
                    std::vector<ImportWarning>& w) {
    const std::string_view v = way.tag(Tag::Oneway);
    // Roundabouts and motorways are one-way unless tagged otherwise (OSM wiki: implied).
    const bool implied = is_roundabout(way) ||
                         cls.road_class == RoadClass::Motorway ||
                         (cls.road_class == RoadClass::Link && cls.parent == RoadClass::Motorway);
    if (v.empty()) return implied ? Oneway::Forward : Oneway::Both;
    if (is_one_of(v, {"yes", "true", "1"})) return Oneway::Forward;
    if (is_one_of(v, {"-1", "reverse"})) return Oneway::Backward;
    if (is_one_of(v, {"no", "false", "0"})) return Oneway::Both;
    if (is_one_of(v, {"reversible", "alternating"})) return Oneway::Skip;
    if (rules.gis_oneway_values) {
        if (is_one_of(v, {"FT", "F", "T"})) return Oneway::Forward;  // T/F: from-to digitised
        if (is_one_of(v, {"TF"})) return Oneway::Backward;
        if (is_one_of(v, {"B", "N", "2", "FT;TF"})) return Oneway::Both;
    }
    warn(w, way, "oneway=" + std::string(v) + " not understood; using " +
                     (implied ? "one-way (implied by the road type)" : "two-way"));
    return implied ? Oneway::Forward : Oneway::Both;
}

// A lane count tag: -1 when absent, 0 when nonsense (after a warning).
int lane_tag(const RawWay& way, Tag t, std::vector<ImportWarning>& w) {
    const std::string_view v = way.tag(t);
    if (v.empty()) return -1;
    const auto n = parse_int(v);
    if (!n || *n < 1 || *n > 2 * kMaxLanesPerDirection) {
        warn(w, way, std::string(tag_key(t)) + "=" + std::string(v) +
                         " is not a lane count between 1 and 16; using the default");
        return 0;
    }
    return static_cast<int>(*n);
}

void split_lanes(const RawWay& way, Oneway ow, RoadClass c, DirectionSpec& fwd, DirectionSpec& bwd,
                 std::vector<ImportWarning>& w) {
    const int total = lane_tag(way, Tag::Lanes, w);
    const int lf = lane_tag(way, Tag::LanesForward, w);
    const int lb = lane_tag(way, Tag::LanesBackward, w);
    const int def = default_lanes(c);
    if (ow == Oneway::Forward || ow == Oneway::Backward) {
        DirectionSpec& d = ow == Oneway::Forward ? fwd : bwd;
        d.lanes = total > 0 ? total : def;
        return;
    }
    if (lf > 0) fwd.lanes = lf;
    if (lb > 0) bwd.lanes = lb;
    if (total > 0) {
        if (fwd.lanes == 0 && bwd.lanes > 0) fwd.lanes = std::max(1, total - bwd.lanes);
        if (bwd.lanes == 0 && fwd.lanes > 0) bwd.lanes = std::max(1, total - fwd.lanes);
        // Odd totals without forward/backward usually hide a centre turn lane: split evenly.
        if (fwd.lanes == 0) fwd.lanes = bwd.lanes = std::max(1, total / 2);
    }
    if (fwd.lanes == 0) fwd.lanes = def;
    if (bwd.lanes == 0) bwd.lanes = def;
}

// km/h of one maxspeed tag: 0 when absent or "use the default", after a warning when nonsense.
double speed_tag_kmh(const RawWay& way, Tag t, const ClassOfHighway& cls, const TagRules& rules,
                     std::vector<ImportWarning>& w) {
    const std::string_view v = way.tag(t);
    if (v.empty()) return 0.0;
    const double kmh = parse_maxspeed_kmh(v, cls.road_class, rules.bare_speed_unit);
    if (kmh >= 0.0) return kmh;
    warn(w, way, std::string(tag_key(t)) + "=" + std::string(v) + " is not a speed; using the default " +
                     format_number(default_speed_kmh(cls.road_class, cls.parent)) + " km/h for " +
                     to_string(cls.road_class) + " roads");
    return 0.0;
}

// maxspeed:forward/backward over maxspeed over the class default.
std::pair<double, double> speeds_mps(const RawWay& way, const ClassOfHighway& cls, const TagRules& rules,
                                     std::vector<ImportWarning>& w) {
    double both = speed_tag_kmh(way, Tag::Maxspeed, cls, rules, w);
    if (both <= 0.0) both = default_speed_kmh(cls.road_class, cls.parent);
    const double fwd = speed_tag_kmh(way, Tag::MaxspeedForward, cls, rules, w);
    const double bwd = speed_tag_kmh(way, Tag::MaxspeedBackward, cls, rules, w);
    return {(fwd > 0.0 ? fwd : both) / 3.6, (bwd > 0.0 ? bwd : both) / 3.6};
}

// turn:lanes lists lanes left to right; Lane 0 is the rightmost, so the list is reversed.
void apply_turns(const RawWay& way, Tag t, DirectionSpec& d, bool lanes_tagged,
                 std::vector<ImportWarning>& w) {
    const std::string_view v = way.tag(t);
    if (v.empty() || d.lanes == 0) return;
    std::vector<std::string_view> parts = split(v, '|');
    std::reverse(parts.begin(), parts.end());
    if (!lanes_tagged && static_cast<int>(parts.size()) <= kMaxLanesPerDirection) {
        d.lanes = static_cast<int>(parts.size());  // the markings are the best lane count we have
    }
    if (static_cast<int>(parts.size()) != d.lanes) {
        warn(w, way, std::string(tag_key(t)) + " lists " + std::to_string(parts.size()) +
                         " lanes but the road has " + std::to_string(d.lanes) +
                         "; turn markings ignored");
        return;
    }
    d.turns.clear();
    for (std::string_view p : parts) d.turns.push_back(parse_turn(p));
}

// bus:lanes / psv:lanes: "yes|yes|designated", left to right; designated = bus-only lane.
void apply_bus_lane_list(const RawWay& way, Tag t, DirectionSpec& d) {
    const std::string_view v = way.tag(t);
    if (v.empty() || d.lanes == 0) return;
    std::vector<std::string_view> parts = split(v, '|');
    if (static_cast<int>(parts.size()) != d.lanes) return;
    std::reverse(parts.begin(), parts.end());
    d.classes.assign(static_cast<std::size_t>(d.lanes), network::kAllClasses);
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (trim(parts[i]) == "designated") d.classes[i] = network::class_bit(network::VehicleClass::Bus);
}

void mark_rightmost_bus(DirectionSpec& d, int count) {
    if (count <= 0 || d.lanes == 0) return;
    if (d.classes.empty()) d.classes.assign(static_cast<std::size_t>(d.lanes), network::kAllClasses);
    for (int i = 0; i < std::min(count, d.lanes); ++i)
        d.classes[static_cast<std::size_t>(i)] = network::class_bit(network::VehicleClass::Bus);
}

void apply_bus(const RawWay& way, bool oneway, DirectionSpec& fwd, DirectionSpec& bwd,
               std::vector<ImportWarning>& w) {
    DirectionSpec& only = fwd.lanes > 0 ? fwd : bwd;
    apply_bus_lane_list(way, oneway ? Tag::BusLanes : Tag::BusLanesForward, oneway ? only : fwd);
    apply_bus_lane_list(way, oneway ? Tag::PsvLanes : Tag::PsvLanesForward, oneway ? only : fwd);
    if (!oneway) {
        apply_bus_lane_list(way, Tag::BusLanesBackward, bwd);
        apply_bus_lane_list(way, Tag::PsvLanesBackward, bwd);
    }
    auto count = [&](Tag t) {
        const auto n = parse_int(way.tag(t));
        return n && *n > 0 && *n <= kMaxLanesPerDirection ? static_cast<int>(*n) : 0;
    };
    if (oneway) {
        mark_rightmost_bus(only, std::max(count(Tag::LanesBus), count(Tag::LanesPsv)));
    } else {
        mark_rightmost_bus(fwd, std::max(count(Tag::LanesBusForward), count(Tag::LanesPsvForward)));
        mark_rightmost_bus(bwd, std::max(count(Tag::LanesBusBackward), count(Tag::LanesPsvBackward)));
    }
    // busway=lane: a bus lane on each side; busway:right is the forward side when driving
    // on the right, busway:left the backward side.
    const bool both = way.tag(Tag::Busway) == "lane" || way.tag(Tag::BuswayBoth) == "lane";
    if (both || way.tag(Tag::BuswayRight) == "lane") mark_rightmost_bus(oneway ? only : fwd, 1);
    if (!oneway && (both || way.tag(Tag::BuswayLeft) == "lane")) mark_rightmost_bus(bwd, 1);
    // A carriageway of bus lanes only would lock cars out of a road mapped for them.
    for (DirectionSpec* d : {&fwd, &bwd}) {
        if (d->classes.empty()) continue;
        const bool car_lane = std::any_of(d->classes.begin(), d->classes.end(), [](network::ClassMask m) {
            return (m & network::class_bit(network::VehicleClass::Car)) != 0;
        });
        if (!car_lane) {
            warn(w, way, "every lane of one direction is a bus lane; kept open to all traffic");
            d->classes.clear();
        }
    }
}

bool no_car_access(const RawWay& way) {
    auto allows = [](std::string_view v) {
        return is_one_of(v, {"yes", "designated", "destination", "permissive", "customers", "delivery"});
    };
    for (Tag t : {Tag::Motorcar, Tag::MotorVehicle}) {
        const std::string_view v = way.tag(t);
        if (allows(v)) return false;
        if (is_one_of(v, {"no", "private", "agricultural", "forestry"})) return true;
    }
    return is_one_of(way.tag(Tag::Access), {"no", "private", "agricultural", "forestry"});
}

}  // namespace

RoadSpec parse_road(const RawWay& way, const TagRules& rules, std::vector<ImportWarning>& w) {
    RoadSpec spec;
    ClassOfHighway cls;
    const std::string_view highway = way.tag(Tag::Highway);
    if (highway.empty() && !rules.osm) {
        cls = {true, rules.default_class, rules.default_class};
    } else {
        cls = classify_highway(highway);
        if (!cls.road) {
            spec.drop_reason = highway.empty() ? "not a road (no highway tag)" : "not a road for motor traffic";
            return spec;
        }
    }
    const RoadClass selected = cls.road_class == RoadClass::Link ? cls.parent : cls.road_class;
    if (std::find(rules.classes.begin(), rules.classes.end(), selected) == rules.classes.end()) {
        spec.drop_reason = std::string("road class not selected (") + to_string(selected) + ")";
        return spec;
    }
    if (is_one_of(way.tag(Tag::Area), {"yes", "true", "1"})) {
        spec.drop_reason = "area, not a road line";
        return spec;
    }
    if (no_car_access(way)) {
        spec.drop_reason = "no access for cars";
        return spec;
    }
    const Oneway ow = parse_oneway(way, cls, rules, w);
    if (ow == Oneway::Skip) {
        warn(w, way, "oneway=" + std::string(way.tag(Tag::Oneway)) +
                         " (direction changes over the day) is not supported; road skipped");
        spec.drop_reason = "reversible one-way";
        return spec;
    }
    spec.keep = true;
    spec.road_class = cls.road_class;
    spec.name = std::string(way.tag(Tag::Name));
    spec.roundabout = is_roundabout(way);
    split_lanes(way, ow, cls.road_class, spec.forward, spec.backward, w);
    const bool oneway = ow != Oneway::Both;
    const bool lanes_tagged = !way.tag(Tag::Lanes).empty();
    const auto [forward_mps, backward_mps] = speeds_mps(way, cls, rules, w);
    spec.forward.speed_mps = forward_mps;
    spec.backward.speed_mps = backward_mps;
    if (oneway) {
        DirectionSpec& d = ow == Oneway::Forward ? spec.forward : spec.backward;
        apply_turns(way, way.tag(Tag::TurnLanes).empty() ? Tag::TurnLanesForward : Tag::TurnLanes, d,
                    lanes_tagged, w);
    } else {
        // `lanes` alone does not say how a two-way road's lanes split; the markings do.
        apply_turns(way, Tag::TurnLanesForward, spec.forward, !way.tag(Tag::LanesForward).empty(), w);
        apply_turns(way, Tag::TurnLanesBackward, spec.backward, !way.tag(Tag::LanesBackward).empty(), w);
    }
    apply_bus(way, oneway, spec.forward, spec.backward, w);
    return spec;
}

}  // namespace ut::import
