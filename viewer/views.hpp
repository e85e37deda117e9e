// The panels of the viewer, one file each (view_*.cpp), all drawing from the same context.
// Panels only read the frame and the app state and call Actions; none of them touches the
// simulation.
#pragma once

#include <SFML/Graphics/Rect.hpp>
#include <imgui.h>

#include "actions.hpp"
#include "app_state.hpp"
#include "map_geometry.hpp"
#include "plot.hpp"
#include "scenario/scenario.hpp"
#include "sfml_imgui.hpp"
#include "sim_runner.hpp"
#include "text_format.hpp"

namespace ut::viewer {

// A part of the window showing one run on the map.
struct Pane {
    sf::FloatRect rect;  // pixels
    sf::FloatRect area;  // the rectangle whose middle shows the camera centre (see Camera)
    bool is_b = false;
};

struct ViewContext {
    AppState& st;
    SimRunner& runner;
    const MapGeometry& geo;
    Actions& actions;
    const Fonts& fonts;
    const scenario::Scenario& scenario;
    sf::FloatRect map_area;  // pixels: the window minus bars and panels
    std::vector<Pane> panes;
    bool capturing = false;  // this frame goes into a PNG: leave out hover-only decorations
};

void draw_top_bar(ViewContext& ctx);          // view_run_control.cpp
double run_speed(int speed_index);            // simulated s per wall s of a speed choice; 0 = max
void draw_side_panel(ViewContext& ctx);       // view_side_panel.cpp
void draw_signal_editor(ViewContext& ctx);    // view_signal_editor.cpp
void draw_timing_diagram(ViewContext& ctx, const signals::SignalPlan& plan);  // view_timing_diagram.cpp
void draw_plots(ViewContext& ctx);            // view_plots.cpp
void draw_compare(ViewContext& ctx);          // view_compare.cpp
void draw_map_overlay(ViewContext& ctx);      // view_map_overlay.cpp: legend, labels, captions, frame time
void draw_presentation(ViewContext& ctx);     // view_presentation.cpp

// A measure of A (and of B from the fork on) as plot series, and a plot of it with the fork
// marked (view_plots.cpp).
std::vector<PlotSeries> ab_series(const RunFrame& f, double Sample::*field);
void ab_plot(const char* id, const RunFrame& f, std::string title, std::string unit, double Sample::*field);

// The before/after outcome in plain words, for the compare tab and the presentation cards.
struct Card {
    std::string title;   // "Average trip"
    std::string before;  // "14.2 min"  (A, or the run when there is no fork)
    std::string after;   // "11.0 min"  (B; empty without a fork)
    std::string change;  // "-22 %"
    int verdict = 0;     // -1 better with the edit, +1 worse, 0 about the same / no data
};
std::vector<Card> outcome_cards(const ViewContext& ctx);  // view_compare.cpp

// Shared small helpers (view_common.cpp).
ImU32 to_imgui(Rgb c, unsigned alpha = 255);
// The top bar and the side panel are ImGui windows without a background (the window is
// cleared to their colour, ImGuiSfml::panel_color): this draws the border they would have.
void draw_panel_border();
// The run whose plans the editor edits: B after a fork, else the only run.
const RunView& edited_run(const RunFrame& f);

}  // namespace ut::viewer
