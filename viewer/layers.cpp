#include "layers.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ut::viewer {

namespace {
constexpr double kDelayScale_s = 60.0;        // a minute lost per vehicle on one link is the top
constexpr double kDiffScale_s = 20.0;         // +-20 s/veh saturates the difference colours
constexpr double kEmissionScale_kg_km_h = 40.0;
constexpr double kBusScale = 10.0;          // ten buses in the period (one every 30 s in 5 min) is the top
constexpr double kPassengerScale = 200.0;   // passengers through a link in the period (e.g. 10 buses of 20) is the top
}  // namespace

const char* layer_name(Layer l) {
    switch (l) {
        case Layer::None: return "none";
        case Layer::Speed: return "speed";
        case Layer::Delay: return "delay";
        case Layer::Los: return "los";
        case Layer::Emissions: return "emissions";
        case Layer::Transit: return "transit";
        case Layer::Diff: return "diff";
    }
    return "none";
}

std::optional<Layer> layer_from_name(const std::string& name) {
    for (Layer l : kLayers)
        if (name == layer_name(l)) return l;
    return std::nullopt;
}

int los_level(double share) {
    constexpr double kBounds[] = {0.85, 0.67, 0.50, 0.40, 0.30};
    for (int i = 0; i < 5; ++i)
        if (share > kBounds[i]) return i;
    return 5;
}

double co2_g_per_km(double speed_kmh) {
    // High at crawling speeds (idling per km), lowest around 60-70 km/h, rising with drag.
    const double v = std::max(speed_kmh, 5.0);
    return 90.0 + 1500.0 / v + 0.012 * v * v;
}

TransitData transit_data(const LinkMeasures& m) {
    TransitData d = TransitData::None;
    for (const LinkMeasure& x : m.link) {
        if (!std::isnan(x.passengers)) return TransitData::Passengers;
        if (!std::isnan(x.buses)) d = TransitData::Buses;
    }
    return d;
}

LinkValues link_values(Layer layer, const network::Network& net, const LinkMeasures& measures) {
    LinkValues out;
    out.value.assign(net.links.size(), std::nan(""));
    const std::size_t n = std::min(measures.link.size(), net.links.size());
    const bool passengers = layer == Layer::Transit && transit_data(measures) == TransitData::Passengers;
    for (std::size_t i = 0; i < n; ++i) {
        const LinkMeasure& m = measures.link[i];
        if (layer == Layer::Transit) {
            // A street no bus used stays plain: the layer is about where buses run.
            const double v = passengers ? m.passengers : m.buses;
            if (m.buses > 0.0) out.value[i] = v;
            continue;
        }
        if (std::isnan(m.speed_mps)) continue;
        const double share = m.speed_mps / std::max(net.links[i].speed_limit_mps, 0.1);
        switch (layer) {
            case Layer::Speed: out.value[i] = share; break;
            case Layer::Los: out.value[i] = los_level(share); break;
            case Layer::Delay: out.value[i] = m.delay_s; break;
            case Layer::Emissions: {
                const double road_km = std::max(net.links[i].length_m / 1000.0, 0.01);
                const double hours = std::max(measures.period_s, 1.0) / 3600.0;
                out.value[i] = m.vehicle_km * co2_g_per_km(m.speed_mps * 3.6) / 1000.0 / road_km / hours;
                break;
            }
            case Layer::None:
            case Layer::Transit:
            case Layer::Diff: break;
        }
    }
    return out;
}

LinkValues diff_values(const LinkMeasures& a, const LinkMeasures& b) {
    LinkValues out;
    const std::size_t n = std::min(a.link.size(), b.link.size());
    out.value.assign(n, std::nan(""));
    // A link only one run used has lost no time in the other.
    const auto delay = [](const LinkMeasure& m) { return std::isnan(m.delay_s) ? 0.0 : m.delay_s; };
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(a.link[i].speed_mps) && std::isnan(b.link[i].speed_mps)) continue;
        out.value[i] = delay(b.link[i]) - delay(a.link[i]);
    }
    return out;
}

std::optional<Rgb> layer_color(Layer layer, double v, TransitData transit) {
    if (std::isnan(v)) return std::nullopt;
    switch (layer) {
        case Layer::Speed: return badness_color(1.0 - v);
        case Layer::Delay: return badness_color(v / kDelayScale_s);
        case Layer::Los: return los_color(static_cast<int>(v));
        case Layer::Emissions: return badness_color(v / kEmissionScale_kg_km_h);
        case Layer::Transit:
            return badness_color(v / (transit == TransitData::Passengers ? kPassengerScale : kBusScale));
        case Layer::Diff:
            // Differences below half a second per vehicle are noise: show them as no change.
            return std::abs(v) < 0.5 ? kNoChange : diff_color(v, kDiffScale_s);
        case Layer::None: break;
    }
    return std::nullopt;
}

LegendInfo layer_legend(Layer layer, TransitData transit) {
    LegendInfo g;
    switch (layer) {
        case Layer::Speed:
            g.title = "Link speed, % of the limit";
            g.stops = {{1.0, "100 %"}, {0.75, "75 %"}, {0.5, "50 %"}, {0.25, "25 %"}, {0.0, "0 %"}};
            g.note = "Bright links are slow.";
            break;
        case Layer::Delay:
            g.title = "Delay per vehicle on the link";
            for (double s : {0.0, 15.0, 30.0, 45.0, 60.0}) g.stops.push_back({s, fmt::format("{:.0f} s", s)});
            g.stops.back().label = "60+ s";
            g.note = "Time lost against free-flow driving.";
            break;
        case Layer::Los:
            g.title = "Level of service";
            g.categorical = true;
            for (int i = 0; i < 6; ++i) g.stops.push_back({static_cast<double>(i), std::string(1, static_cast<char>('A' + i))});
            g.note = "A: free flow ... F: stop and go (HCM, by speed).";
            break;
        case Layer::Emissions:
            g.title = "CO2, kg per km of road per hour";
            for (double s : {0.0, 10.0, 20.0, 30.0, 40.0}) g.stops.push_back({s, fmt::format("{:.0f}", s)});
            g.stops.back().label = "40+";
            g.note = "Estimate from traffic and speed.";
            break;
        case Layer::Transit:
            if (transit == TransitData::Passengers) {
                g.title = "Bus passengers through the link";
                for (double s : {0.0, 50.0, 100.0, 150.0, 200.0}) g.stops.push_back({s, fmt::format("{:.0f}", s)});
                g.stops.back().label = "200+";
                g.note = "On the line buses through the link in 5 min; buses by load share (bright = full).";
            } else {
                g.title = "Buses seen on the link";
                for (double s : {0.0, 2.5, 5.0, 7.5, 10.0}) g.stops.push_back({s, fmt::format("{:g}", s)});
                g.stops.back().label = "10+";
                g.note = transit == TransitData::None
                             ? "No bus data: the scenario has no buses, or the run files do not record them."
                             : "These buses run on no line ([[bus_lines]]), so their load is not known. Counted every 10 s.";
            }
            break;
        case Layer::Diff:
            g.title = "Delay per vehicle, B minus A";
            g.stops = {{-20.0, "-20 s/veh"}, {0.0, "same"}, {20.0, "+20 s/veh"}};
            g.note = "Blue: less delay in B. Orange: more.";
            break;
        case Layer::None: break;
    }
    return g;
}

}  // namespace ut::viewer
