// The top bar: run control (play, pause, step, speed up to as fast as possible, jump to a
// time), the clock, fork / close compare, the layer, presentation mode, and how fast the
// simulation actually runs. For finished runs, which runs are shown instead of the controls.
#include <array>
#include <cmath>
#include <iterator>

#include <imgui.h>

#include "views.hpp"

namespace ut::viewer {

namespace {

struct Speed {
    const char* label;
    double value;  // simulated s per wall s; 0 = as fast as possible
};
constexpr std::array<Speed, 8> kSpeeds{{{"0.5x", 0.5},
                                        {"1x (real time)", 1.0},
                                        {"2x", 2.0},
                                        {"5x", 5.0},
                                        {"10x", 10.0},
                                        {"30x", 30.0},
                                        {"100x", 100.0},
                                        {"as fast as possible", 0.0}}};

// In the order of Layer (layers.hpp).
const char* kLayerLabels[] = {"Plain roads",    "Speed",   "Delay", "Level of service", "CO2 (estimate)",
                              "Transit load", "B - A difference"};
static_assert(std::size(kLayerLabels) == std::size(kLayers));

void separator() {
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
}

}  // namespace

double run_speed(int speed_index) {
    return kSpeeds[static_cast<std::size_t>(std::clamp(speed_index, 0, static_cast<int>(kSpeeds.size()) - 1))].value;
}

namespace {

void draw_run_controls(ViewContext& ctx) {
    AppState& st = ctx.st;
    const RunFrame& f = *st.frame;
    st.run.speed_index = std::clamp(st.run.speed_index, 0, static_cast<int>(kSpeeds.size()) - 1);
    const double speed = kSpeeds[static_cast<std::size_t>(st.run.speed_index)].value;

    if (f.running && std::isnan(f.target_time_s)) {
        if (ImGui::Button("Pause  (space)")) ctx.runner.pause();
    } else if (ImGui::Button("Play  (space)")) {
        ctx.runner.play(speed);
    }
    ImGui::SameLine();
    if (ImGui::Button("Step")) ctx.runner.step_once();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One simulation step (%.1f s)", ctx.runner.step_s());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150.0f);
    if (ImGui::BeginCombo("##speed", kSpeeds[static_cast<std::size_t>(st.run.speed_index)].label)) {
        for (std::size_t i = 0; i < kSpeeds.size(); ++i) {
            if (ImGui::Selectable(kSpeeds[i].label, static_cast<int>(i) == st.run.speed_index)) {
                st.run.speed_index = static_cast<int>(i);
                if (f.running && std::isnan(f.target_time_s)) ctx.runner.play(kSpeeds[i].value);
            }
        }
        ImGui::EndCombo();
    }
    separator();
    ImGui::Text("Time %s", clock_text(f.a.time_s).c_str());
    if (!std::isnan(f.target_time_s)) {
        ImGui::SameLine();
        ImGui::TextDisabled("-> %s", clock_text(f.target_time_s).c_str());
    }
    separator();
    ImGui::SetNextItemWidth(70.0f);
    ImGui::InputDouble("min##jump", &st.run.jump_to_min, 0.0, 0.0, "%.0f");
    ImGui::SameLine();
    if (ImGui::Button("Jump")) ctx.runner.run_to(st.run.jump_to_min * 60.0);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Run to this time as fast as possible (A and B together), then pause.");
    separator();
    if (!f.b) {
        if (ImGui::Button("Fork A/B")) ctx.actions.fork_with_draft();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Split the run now: A goes on as it was, B with the selected junction's draft.\n"
                              "Both continue with the same random numbers.");
    } else if (ImGui::Button("Close B")) {
        ctx.actions.close_compare();
    }
}

// Finished runs do not run: the bar says which runs are shown and what they cover.
void draw_finished_runs(ViewContext& ctx) {
    const RunFrame& f = *ctx.st.frame;
    const auto describe = [](const char* label, const RunView& r) {
        ImGui::Text("%s", label);
        ImGui::SameLine();
        ImGui::TextDisabled("(%s simulated, %llu trips finished)", minutes_text(r.time_s).c_str(),
                            static_cast<unsigned long long>(r.counters.arrived));
    };
    ImGui::TextDisabled("Finished runs");
    separator();
    describe(f.b ? ctx.st.label_a.c_str() : ctx.st.before_after.first.c_str(), f.a);
    if (f.b) {
        separator();
        describe(ctx.st.label_b.c_str(), *f.b);
    }
}

}  // namespace

void draw_top_bar(ViewContext& ctx) {
    AppState& st = ctx.st;
    const RunFrame& f = *st.frame;
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetIO().DisplaySize.x, 0.0f));
    ImGui::Begin("##top", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoBackground);  // the clear colour is its background
    draw_panel_border();
    if (f.finished) draw_finished_runs(ctx);
    else draw_run_controls(ctx);
    separator();
    ImGui::SetNextItemWidth(150.0f);
    int layer = static_cast<int>(st.layer);
    if (ImGui::Combo("##layer", &layer, kLayerLabels, IM_ARRAYSIZE(kLayerLabels))) st.layer = static_cast<Layer>(layer);
    if (!f.finished) {
        ImGui::SameLine();
        ImGui::Checkbox("Vehicles", &st.vehicles);
    }
    separator();
    if (ImGui::Button("Present  (F11)")) st.present.on = true;
    if (!f.finished) {
        separator();
        if (f.sim_seconds_per_s > 0.0 && f.running) ImGui::Text("%.1fx real time", f.sim_seconds_per_s);
        else ImGui::TextDisabled("paused");
        ImGui::SameLine();
        ImGui::TextDisabled("step %.1f ms, %llu vehicles", f.step_ms,
                            static_cast<unsigned long long>(f.a.counters.in_network));
    }
    st.top_bar_h = ImGui::GetWindowHeight();
    ImGui::End();
}

}  // namespace ut::viewer
