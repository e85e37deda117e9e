#include "layers.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ut::viewer {

namespace {
constexpr double kDelayScale_s = 60.0;        // a minute lost per vehicle on one link is the top
constexpr double kDiffScale_s = 20.0;         // +-20 s/veh saturates the difference colours
constexpr double kEmissionScale_kg_km_h = 40.0;
}  // namespace

const char* layer_name(Layer l) {
    switch (l) {
        case Layer::None: return "none";
        case Layer::Speed: return "speed";
        case Layer::Delay: return "delay";
        case Layer::Los: return "los";
        case Layer::Emissions: return "emissions";
        case Layer::Diff: return "diff";
    }
    return "none";
}

std::optional<Layer> layer_from_name(const std::string& name) {
    for (Layer l : {Layer::None, Layer::Speed, Layer::Delay, Layer::Los, Layer::Emissions, Layer::Diff})
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

LinkValues link_values(Layer layer, const network::Network& net, const std::vector<engine::LinkStats>& window,
                       double window_s) {
    LinkValues out;
    out.value.assign(net.links.size(), std::nan(""));
    const std::size_t n = std::min(window.size(), net.links.size());
    for (std::size_t i = 0; i < n; ++i) {
        const engine::LinkStats& s = window[i];
        if (s.vehicle_seconds <= 0.0) continue;
        const double speed = s.vehicle_meters / s.vehicle_seconds;
        const double share = speed / std::max(net.links[i].speed_limit_mps, 0.1);
        switch (layer) {
            case Layer::Speed: out.value[i] = share; break;
            case Layer::Los: out.value[i] = los_level(share); break;
            case Layer::Delay:
                // Vehicles still stuck have lost time too: count them as one leaving.
                out.value[i] = s.time_loss_s / static_cast<double>(std::max<std::uint64_t>(s.left, 1));
                break;
            case Layer::Emissions: {
                const double km = s.vehicle_meters / 1000.0;
                const double road_km = std::max(net.links[i].length_m / 1000.0, 0.01);
                const double hours = std::max(window_s, 1.0) / 3600.0;
                out.value[i] = km * co2_g_per_km(speed * 3.6) / 1000.0 / road_km / hours;
                break;
            }
            case Layer::None:
            case Layer::Diff: break;
        }
    }
    return out;
}

LinkValues diff_values(const std::vector<engine::LinkStats>& a, const std::vector<engine::LinkStats>& b) {
    LinkValues out;
    const std::size_t n = std::min(a.size(), b.size());
    out.value.assign(n, std::nan(""));
    const auto delay = [](const engine::LinkStats& s) {
        return s.time_loss_s / static_cast<double>(std::max<std::uint64_t>(s.left, 1));
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i].vehicle_seconds <= 0.0 && b[i].vehicle_seconds <= 0.0) continue;
        out.value[i] = delay(b[i]) - delay(a[i]);
    }
    return out;
}

std::optional<Rgb> layer_color(Layer layer, double v) {
    if (std::isnan(v)) return std::nullopt;
    switch (layer) {
        case Layer::Speed: return badness_color(1.0 - v);
        case Layer::Delay: return badness_color(v / kDelayScale_s);
        case Layer::Los: return los_color(static_cast<int>(v));
        case Layer::Emissions: return badness_color(v / kEmissionScale_kg_km_h);
        case Layer::Diff:
            // Differences below half a second per vehicle are noise: show them as no change.
            return std::abs(v) < 0.5 ? kNoChange : diff_color(v, kDiffScale_s);
        case Layer::None: break;
    }
    return std::nullopt;
}

LegendInfo layer_legend(Layer layer) {
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
