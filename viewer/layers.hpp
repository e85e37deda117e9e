// Link layers: one value per link from the counters of the last few simulated minutes, and
// its colour. "No data" (nobody drove there in the window) keeps the plain road colour, so an
// empty street never looks like a fast or a slow one.
//
//   speed      space-mean speed (vehicle-metres / vehicle-seconds) as a share of the limit
//   delay      time lost per vehicle that left the link (s/veh)
//   los        level of service A-F from the speed share, as HCM urban streets do
//              (A > 85 %, B > 67 %, C > 50 %, D > 40 %, E > 30 % of the limit, else F)
//   emissions  CO2 estimate per km of road per hour, from vehicle-km and a speed-dependent
//              factor (a typical petrol car curve; an indication, not a certified model)
//   diff       B - A delay per vehicle (s/veh): blue = better with the edit, orange = worse
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/records.hpp"
#include "network/network.hpp"
#include "palette.hpp"

namespace ut::viewer {

enum class Layer : std::uint8_t { None, Speed, Delay, Los, Emissions, Diff };

const char* layer_name(Layer l);
std::optional<Layer> layer_from_name(const std::string& name);

struct LinkValues {
    std::vector<double> value;  // per link; NaN = no data
};

LinkValues link_values(Layer layer, const network::Network& net, const std::vector<engine::LinkStats>& window,
                       double window_s);
LinkValues diff_values(const std::vector<engine::LinkStats>& a, const std::vector<engine::LinkStats>& b);

// Colour of one value of the layer; nullopt = draw the plain road.
std::optional<Rgb> layer_color(Layer layer, double value);

// Legend: the scale's ends and a few ticks, in the layer's unit.
struct LegendStop {
    double value;
    std::string label;
};
struct LegendInfo {
    std::string title;
    std::vector<LegendStop> stops;  // for categorical layers, one per category
    bool categorical = false;
    std::string note;  // one plain sentence on what the colour means
};
LegendInfo layer_legend(Layer layer);

// Level of service letter for a speed share (0..1), as an index 0 (A) .. 5 (F).
int los_level(double speed_share);
// CO2 grams per vehicle-km at a mean speed.
double co2_g_per_km(double speed_kmh);

}  // namespace ut::viewer
