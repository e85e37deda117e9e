// Generated cities. Geometry conventions shared by both generators:
//   - every street is two links, one per direction, each offset to the right of the street
//     centre line by half its carriageway width, so the directions sit side by side;
//   - links stop short of a junction by half the crossing street's width plus a margin (the
//     stop line), which leaves room for the connection curves; at dead ends they run to the
//     junction point and the U-turn curve bulges past it;
//   - junctions are named r<row>c<column> (0-based, row 0 at the south, column 0 at the west).
#include "network/grid_generator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "network/connection_builder.hpp"
#include "signals/plan_builder.hpp"

namespace ut::network {
namespace {

constexpr double kStopLineMargin_m = 2.0;
constexpr double kLaneWidth_m = Lane{}.width_m;

void require(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument(what);
}

struct Street {
    int lanes = 1;
    double speed_mps = 13.89;
    RoadClass road_class = RoadClass::Residential;
    std::string name;
};

double carriageway_m(int lanes) { return lanes * kLaneWidth_m; }

// One direction of a street, from junction a to junction b, stopping setback_a after a and
// setback_b before b. Setbacks never eat more than 60 % of a short block.
void add_direction(Network& net, JunctionId a, JunctionId b, const Street& street, double setback_a, double setback_b) {
    const Vec2 pa = net.junction(a).position;
    const Vec2 pb = net.junction(b).position;
    const Vec2 dir = normalized(pb - pa);
    const Vec2 right{dir.y, -dir.x};
    const double gap = distance(pa, pb);
    const double scale = setback_a + setback_b > 0.6 * gap ? 0.6 * gap / (setback_a + setback_b) : 1.0;
    const Vec2 side = right * (carriageway_m(street.lanes) / 2.0);
    Link l;
    l.from = a;
    l.to = b;
    l.shape = {pa + dir * (setback_a * scale) + side, pb - dir * (setback_b * scale) + side};
    l.speed_limit_mps = street.speed_mps;
    l.lanes.resize(static_cast<std::size_t>(street.lanes));
    l.road_class = street.road_class;
    l.name = street.name;
    net.add_link(std::move(l));
}

void add_street(Network& net, JunctionId a, JunctionId b, const Street& street, double setback_a, double setback_b) {
    add_direction(net, a, b, street, setback_a, setback_b);
    add_direction(net, b, a, street, setback_b, setback_a);
}

std::vector<JunctionId> signalised(const Network& net) {
    std::vector<JunctionId> out;
    for (std::uint32_t j = 0; j < net.junctions.size(); ++j)
        if (net.junctions[j].control == JunctionControl::TrafficSignals) out.push_back(JunctionId{j});
    return out;
}

}  // namespace

GeneratedNetwork make_grid(const GridSpec& spec) {
    require(spec.rows >= 2 && spec.columns >= 2,
            fmt::format("grid: {} rows x {} columns; a grid needs at least 2 rows and 2 columns", spec.rows,
                        spec.columns));
    require(spec.rows * static_cast<long long>(spec.columns) <= 1'000'000,
            fmt::format("grid: {} x {} junctions is too many; use at most 1,000,000", spec.rows, spec.columns));
    require(spec.block_length_m >= 10.0 && std::isfinite(spec.block_length_m),
            fmt::format("grid: block_length_m = {}; use at least 10 m", spec.block_length_m));
    require(spec.lanes_per_direction >= 1 && spec.lanes_per_direction <= 6,
            fmt::format("grid: lanes_per_direction = {}; use 1 to 6", spec.lanes_per_direction));
    require(spec.speed_limit_mps > 0.0 && std::isfinite(spec.speed_limit_mps),
            fmt::format("grid: speed_limit_mps = {}; it must be positive", spec.speed_limit_mps));

    GeneratedNetwork g;
    Network& net = g.network;
    const int rows = spec.rows;
    const int cols = spec.columns;
    auto id = [&](int r, int c) { return JunctionId{static_cast<std::uint32_t>(r * cols + c)}; };
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const int approaches = int(r > 0) + int(r + 1 < rows) + int(c > 0) + int(c + 1 < cols);
            Junction j;
            j.position = {c * spec.block_length_m, r * spec.block_length_m};
            j.control = spec.signals && approaches >= 3 ? JunctionControl::TrafficSignals : JunctionControl::Priority;
            j.name = fmt::format("r{}c{}", r, c);
            net.add_junction(std::move(j));
        }
    }
    // Every street has the same width, so the stop line is the same everywhere.
    const double setback = carriageway_m(spec.lanes_per_direction) + kStopLineMargin_m;
    Street street{spec.lanes_per_direction, spec.speed_limit_mps, RoadClass::Secondary, {}};
    net.links.reserve(static_cast<std::size_t>(4 * rows * cols));
    for (int r = 0; r < rows; ++r) {
        street.name = fmt::format("row {}", r);
        for (int c = 0; c + 1 < cols; ++c) add_street(net, id(r, c), id(r, c + 1), street, setback, setback);
    }
    for (int c = 0; c < cols; ++c) {
        street.name = fmt::format("column {}", c);
        for (int r = 0; r + 1 < rows; ++r) add_street(net, id(r, c), id(r + 1, c), street, setback, setback);
    }
    build_connections(net);

    if (spec.signals) {
        signals::PlanBuilderOptions options;
        options.protected_lefts = true;
        options.green_through_s = spec.green_through_s;
        options.green_left_s = spec.green_left_s;
        g.signal_plans = signals::derive_fixed_time_plans(net, signalised(net), options);
    }
    return g;
}

GeneratedNetwork make_arterial(const ArterialSpec& spec) {
    require(spec.junctions >= 1 && spec.junctions <= 100'000,
            fmt::format("arterial: junctions = {}; use 1 to 100000", spec.junctions));
    require(spec.spacing_m >= 10.0 && std::isfinite(spec.spacing_m),
            fmt::format("arterial: spacing_m = {}; use at least 10 m", spec.spacing_m));
    require(spec.side_street_length_m >= 10.0 && std::isfinite(spec.side_street_length_m),
            fmt::format("arterial: side_street_length_m = {}; use at least 10 m", spec.side_street_length_m));
    require(spec.arterial_lanes >= 1 && spec.arterial_lanes <= 6,
            fmt::format("arterial: arterial_lanes = {}; use 1 to 6", spec.arterial_lanes));
    require(spec.side_lanes >= 1 && spec.side_lanes <= 6,
            fmt::format("arterial: side_lanes = {}; use 1 to 6", spec.side_lanes));
    require(spec.arterial_speed_mps > 0.0 && spec.side_speed_mps > 0.0,
            fmt::format("arterial: speeds must be positive (arterial_speed_mps = {}, side_speed_mps = {})",
                        spec.arterial_speed_mps, spec.side_speed_mps));

    GeneratedNetwork g;
    Network& net = g.network;
    const int n = spec.junctions;
    auto add = [&](Vec2 p, JunctionControl control, std::string name) {
        return net.add_junction({p, control, std::move(name), 0});
    };
    // Ids: west end, a1..aN along the arterial, east end, then the side streets' ends.
    std::vector<JunctionId> along;
    along.push_back(add({0.0, 0.0}, JunctionControl::DeadEnd, "west end"));
    for (int i = 1; i <= n; ++i)
        along.push_back(add({i * spec.spacing_m, 0.0},
                            spec.signals ? JunctionControl::TrafficSignals : JunctionControl::Priority,
                            fmt::format("a{}", i)));
    along.push_back(add({(n + 1) * spec.spacing_m, 0.0}, JunctionControl::DeadEnd, "east end"));

    const double arterial_stop = carriageway_m(spec.side_lanes) + kStopLineMargin_m;
    const double side_stop = carriageway_m(spec.arterial_lanes) + kStopLineMargin_m;
    const Street arterial{spec.arterial_lanes, spec.arterial_speed_mps, RoadClass::Primary, "arterial"};
    for (std::size_t k = 0; k + 1 < along.size(); ++k) {
        const double from_stop = k == 0 ? 0.0 : arterial_stop;
        const double to_stop = k + 2 == along.size() ? 0.0 : arterial_stop;
        add_street(net, along[k], along[k + 1], arterial, from_stop, to_stop);
    }
    for (int i = 1; i <= n; ++i) {
        const Vec2 p = net.junction(along[static_cast<std::size_t>(i)]).position;
        for (const auto& [sign, side] : {std::pair{1.0, "north"}, std::pair{-1.0, "south"}}) {
            const JunctionId end = add({p.x, sign * spec.side_street_length_m}, JunctionControl::DeadEnd,
                                       fmt::format("a{} {} end", i, side));
            const Street street{spec.side_lanes, spec.side_speed_mps, RoadClass::Residential,
                                fmt::format("side street {} {}", i, side)};
            add_street(net, along[static_cast<std::size_t>(i)], end, street, side_stop, 0.0);
        }
    }
    build_connections(net);

    if (spec.signals) {
        g.signal_plans = signals::derive_fixed_time_plans(net, signalised(net));
        // A green wave eastbound: the arterial through stage (the first, as the arterial is
        // the most important road) starts when a platoon from a1 at the speed limit arrives.
        for (signals::SignalPlan& plan : g.signal_plans) {
            const double travel_s = (net.junction(plan.junction).position.x - spec.spacing_m) / spec.arterial_speed_mps;
            const double cycle = plan.cycle_s();
            plan.offset_s = cycle > 0.0 ? std::fmod(travel_s, cycle) : 0.0;
        }
    }
    return g;
}

}  // namespace ut::network
