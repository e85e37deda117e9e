// Small plotting helpers of our own on ImGui's draw lists (ImPlot is not packaged): time
// series with a shared time axis, automatic y range from zero, a vertical marker (the fork),
// a legend, and a hover read-out. Enough for "A vs B over time"; not a general plot library.
#pragma once

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

namespace ut::viewer {

struct PlotSeries {
    std::string label;
    ImU32 color = IM_COL32_WHITE;
    std::vector<ImVec2> points;  // (time_s, value); NaN values leave a gap
    bool dashed = false;         // a second line style, so A and B differ beyond colour
};

struct PlotOptions {
    std::string title;
    std::string unit;  // after the value in the read-out, e.g. "s", "veh/h"
    float height = 110.0f;
    double marker_x = std::nan("");  // e.g. the fork time
    std::string marker_label;
    int decimals = 0;
};

void time_plot(const char* id, const PlotOptions& options, std::span<const PlotSeries> series);

// "12:30" for times under an hour, "1:02:30" above.
std::string clock_label(double t_s);

}  // namespace ut::viewer
