// The panel on the right: the selected junction's timing editor, the plots, the A/B
// comparison and the display options, as tabs, with a status line underneath.
#include <imgui.h>

#include "views.hpp"

namespace ut::viewer {

namespace {

void draw_view_tab(ViewContext& ctx) {
    AppState& st = ctx.st;
    ImGui::Checkbox("Street names", &st.show_labels);
    ImGui::Checkbox("Vehicles", &st.vehicles);
    ImGui::Checkbox("Frame time counter (F2)", &st.show_frame_stats);
    if (ImGui::Button("Fit the map (F)")) st.camera_fitted = false;
    ImGui::Separator();
    ImGui::TextWrapped("Mouse: drag to pan, wheel to zoom, click a junction to edit its signals, "
                       "click a street to plot it.");
    ImGui::TextWrapped("Keys: space play/pause, right arrow step, F fit, F2 frame time, F11 presentation, "
                       "Ctrl+Z / Ctrl+Y undo / redo.");
    ImGui::Separator();
    const network::Network& net = ctx.geo.network();
    ImGui::Text("Scenario: %s", ctx.scenario.name.c_str());
    if (st.frame->finished) ImGui::TextWrapped("Showing finished runs: %s", st.before_after.first.c_str());
    if (st.frame->finished && st.frame->b) ImGui::TextWrapped("and %s", st.before_after.second.c_str());
    ImGui::Text("%zu junctions, %zu links, %zu connections", net.junctions.size(), net.links.size(),
                net.connections.size());
}

}  // namespace

void draw_side_panel(ViewContext& ctx) {
    AppState& st = ctx.st;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x - st.side_panel_w, st.top_bar_h));
    ImGui::SetNextWindowSize(ImVec2(st.side_panel_w, display.y - st.top_bar_h));
    ImGui::Begin("##side", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);  // the clear colour is its background
    draw_panel_border();
    const auto flags = [&](const char* name) {
        return st.select_tab == name ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    const bool finished = st.frame->finished;  // nothing to edit in finished runs
    if (ImGui::BeginTabBar("tabs")) {
        if (!finished && ImGui::BeginTabItem("Junction", nullptr, flags("junction"))) {
            draw_signal_editor(ctx);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Plots", nullptr, flags("plots"))) {
            draw_plots(ctx);
            ImGui::EndTabItem();
        }
        const bool forked = st.frame->b.has_value();
        if (ImGui::BeginTabItem(forked ? "Compare A/B###compare" : "Compare###compare", nullptr, flags("compare"))) {
            draw_compare(ctx);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("View", nullptr, flags("view"))) {
            draw_view_tab(ctx);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    st.select_tab.clear();
    if (!st.frame->message.empty()) {
        ImGui::Separator();
        ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.2f, 1.0f), "%s", st.frame->message.c_str());
    }
    ImGui::End();
}

}  // namespace ut::viewer
