// Link layers: one value per link from its measures (link_measures.hpp: the last few
// simulated minutes of a live run, or a finished run's links.csv), and its colour. "No data"
// (nobody drove there) keeps the plain road colour, so an empty street never looks like a
// fast or a slow one.
//
//   speed      space-mean speed (vehicle-metres / vehicle-seconds) as a share of the limit
//   delay      time lost per vehicle that left the link (s/veh)
//   los        level of service A-F from the speed share, as HCM urban streets do
//              (A > 85 %, B > 67 %, C > 50 %, D > 40 %, E > 30 % of the limit, else F)
//   emissions  CO2 estimate per km of road per hour, from vehicle-km and a speed-dependent
//              factor (a typical petrol car curve; an indication, not a certified model)
//   transit    buses seen on the link (transit.hpp); passengers on them once the engine
//              reports bus loads
//   diff       B - A delay per vehicle (s/veh): blue = better with the edit, orange = worse
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "link_measures.hpp"
#include "network/network.hpp"
#include "palette.hpp"

namespace ut::viewer {

// In the order of the layer menu.
enum class Layer : std::uint8_t { None, Speed, Delay, Los, Emissions, Transit, Diff };
inline constexpr Layer kLayers[] = {Layer::None,      Layer::Speed,   Layer::Delay, Layer::Los,
                                    Layer::Emissions, Layer::Transit, Layer::Diff};

const char* layer_name(Layer l);
std::optional<Layer> layer_from_name(const std::string& name);

struct LinkValues {
    std::vector<double> value;  // per link; NaN = no data
};

LinkValues link_values(Layer layer, const network::Network& net, const LinkMeasures& measures);
LinkValues diff_values(const LinkMeasures& a, const LinkMeasures& b);
// What the transit layer shows of these measures: passengers when known, else buses; no
// bus data at all (a scenario without buses, a finished run) shows nothing.
enum class TransitData : std::uint8_t { None, Buses, Passengers };
TransitData transit_data(const LinkMeasures& measures);

// Colour of one value of the layer; nullopt = draw the plain road.
std::optional<Rgb> layer_color(Layer layer, double value, TransitData transit = TransitData::Buses);

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
LegendInfo layer_legend(Layer layer, TransitData transit = TransitData::Buses);

// Level of service letter for a speed share (0..1), as an index 0 (A) .. 5 (F).
int los_level(double speed_share);
// CO2 grams per vehicle-km at a mean speed.
double co2_g_per_km(double speed_kmh);

}  // namespace ut::viewer
