// The timing diagram: one bar per signal group, time in the cycle from left to right, green /
// yellow / red as the engine will show them (evaluated with the engine's own fixed-time rule,
// so the picture cannot disagree with the simulation). The ends of each stage's green are
// handles: drag one to change that split. A white line shows where the cycle is now.
#include <cmath>

#include <fmt/format.h>
#include <imgui.h>

#include "signals/fixed_time.hpp"
#include "views.hpp"

namespace ut::viewer {

namespace {

ImU32 bar_color(signals::SignalColor c) {
    switch (c) {
        case signals::SignalColor::Red: return IM_COL32(200, 45, 45, 255);
        case signals::SignalColor::Yellow: return IM_COL32(245, 185, 0, 255);
        case signals::SignalColor::Green: return IM_COL32(40, 200, 85, 255);
        case signals::SignalColor::GreenPermissive: return IM_COL32(140, 225, 160, 255);
    }
    return IM_COL32(128, 128, 128, 255);
}

// Colours of every group at each of `columns` instants across the cycle.
std::vector<std::vector<signals::SignalColor>> sample_cycle(const signals::SignalPlan& plan, int columns) {
    const double cycle = plan.cycle_s();
    std::vector<std::vector<signals::SignalColor>> out(static_cast<std::size_t>(columns),
                                                       std::vector<signals::SignalColor>(plan.groups.size()));
    for (int c = 0; c < columns; ++c) {
        const double tau = (c + 0.5) / columns * cycle;
        signals::fixed_time_colors(plan, plan.offset_s + tau, out[static_cast<std::size_t>(c)]);
    }
    return out;
}

}  // namespace

void draw_timing_diagram(ViewContext& ctx, const signals::SignalPlan& plan) {
    EditorState& ed = ctx.st.editor;
    const double cycle = plan.cycle_s();
    if (cycle <= 0.0 || plan.groups.empty()) return;
    const float row_h = ImGui::GetTextLineHeight() + 3.0f, header_h = ImGui::GetTextLineHeight() + 2.0f;
    const float axis_h = ImGui::GetTextLineHeight() + 4.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 200.0f);
    // Names as wide as they need, up to 45 % of the width (then clipped; the tooltip has all).
    float label_w = 0.0f;
    for (const signals::SignalGroup& g : plan.groups) label_w = std::max(label_w, ImGui::CalcTextSize(g.name.c_str()).x);
    label_w = std::min(label_w + 8.0f, width * 0.45f);
    const float x0 = origin.x + label_w, x1 = origin.x + width - 4.0f;
    const float y0 = origin.y + header_h;
    const float y1 = y0 + row_h * static_cast<float>(plan.groups.size());
    const float px_per_s = (x1 - x0) / static_cast<float>(cycle);
    const auto sx = [&](double t) { return x0 + static_cast<float>(t) * px_per_s; };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::Dummy(ImVec2(width, header_h + (y1 - y0) + axis_h));

    // Stage spans across the top, numbered as in the table below.
    double t = 0.0;
    for (std::size_t i = 0; i < plan.stages.size(); ++i) {
        const double d = plan.stages[i].duration_s();
        dl->AddRect(ImVec2(sx(t), origin.y), ImVec2(sx(t + d), y0 - 1.0f), IM_COL32(90, 90, 96, 255));
        const std::string n = fmt::format("{}", i + 1);
        dl->AddText(ImVec2(sx(t + d * 0.5) - ImGui::CalcTextSize(n.c_str()).x * 0.5f, origin.y), IM_COL32(200, 200, 200, 255),
                    n.c_str());
        t += d;
    }
    // One bar per group.
    const int columns = std::max(1, static_cast<int>(x1 - x0));
    const auto colors = sample_cycle(plan, columns);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t g = 0; g < plan.groups.size(); ++g) {
        const float ry = y0 + row_h * static_cast<float>(g);
        const bool hovered = mouse.x >= origin.x && mouse.x <= x1 && mouse.y >= ry && mouse.y < ry + row_h &&
                             ImGui::IsWindowHovered();
        if (hovered) ed.hovered_group = static_cast<int>(g);
        const bool lit = ed.hovered_group == static_cast<int>(g);
        dl->PushClipRect(ImVec2(origin.x, ry), ImVec2(x0 - 4.0f, ry + row_h), true);
        dl->AddText(ImVec2(origin.x, ry + 1.0f), lit ? IM_COL32(255, 255, 255, 255) : IM_COL32(190, 190, 190, 255),
                    plan.groups[g].name.c_str());
        dl->PopClipRect();
        if (hovered)
            ImGui::SetTooltip("%s%s\nIts movements are outlined on the map.", plan.groups[g].name.c_str(),
                              plan.groups[g].permissive ? " (permissive: yields)" : "");
        int run_start = 0;
        for (int c = 1; c <= columns; ++c) {
            const std::size_t cs = static_cast<std::size_t>(c), ps = static_cast<std::size_t>(run_start);
            if (c < columns && colors[cs][g] == colors[ps][g]) continue;
            dl->AddRectFilled(ImVec2(x0 + static_cast<float>(run_start), ry + 2.0f),
                              ImVec2(x0 + static_cast<float>(c), ry + row_h - 2.0f), bar_color(colors[ps][g]));
            run_start = c;
        }
        if (lit) dl->AddRect(ImVec2(x0 - 1.0f, ry + 1.0f), ImVec2(x1 + 1.0f, ry + row_h - 1.0f), IM_COL32_WHITE);
    }
    // Time axis.
    const double tick = cycle > 150.0 ? 30.0 : cycle > 60.0 ? 20.0 : 10.0;
    for (double s = 0.0; s <= cycle + 1e-9; s += tick) {
        dl->AddLine(ImVec2(sx(s), y1), ImVec2(sx(s), y1 + 3.0f), IM_COL32(160, 160, 160, 255));
        const std::string l = fmt::format("{:.0f}", s);
        dl->AddText(ImVec2(sx(s) - ImGui::CalcTextSize(l.c_str()).x * 0.5f, y1 + 3.0f), IM_COL32(160, 160, 160, 255),
                    l.c_str());
    }
    dl->AddText(ImVec2(origin.x, y1 + 3.0f), IM_COL32(160, 160, 160, 255), "s in cycle");
    // Where the cycle is now (of the run the editor edits).
    const double now = edited_run(*ctx.st.frame).time_s;
    double tau = std::fmod(now - plan.offset_s, cycle);
    if (tau < 0.0) tau += cycle;
    dl->AddLine(ImVec2(sx(tau), y0 - 2.0f), ImVec2(sx(tau), y1 + 2.0f), IM_COL32(255, 255, 255, 230), 2.0f);

    // Handles at the end of each stage's green: drag to change the split.
    const PlanLimits& lim = ed.limits;
    const JunctionId j = ctx.st.selection.junction;
    t = 0.0;
    for (std::size_t i = 0; i < plan.stages.size(); ++i) {
        const double green_end = t + plan.stages[i].green_s;
        ImGui::SetCursorScreenPos(ImVec2(sx(green_end) - 4.0f, y0));
        ImGui::PushID(static_cast<int>(i));
        ImGui::InvisibleButton("handle", ImVec2(8.0f, y1 - y0));
        const bool active = ImGui::IsItemActive();
        if (ImGui::IsItemHovered() || active) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
            dl->AddLine(ImVec2(sx(green_end), y0), ImVec2(sx(green_end), y1), IM_COL32_WHITE, 3.0f);
            ImGui::SetTooltip("Stage %zu green %.1f s - drag to change", i + 1, plan.stages[i].green_s);
        }
        if (ImGui::IsItemActivated()) {
            ed.drag_before = ctx.actions.draft(j);
            ed.drag_had_draft = ctx.actions.has_draft(j);
            ed.drag_start_value = plan.stages[i].green_s;
        }
        if (active && ed.drag_before) {
            const double dx_s = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f).x / px_per_s;
            const double green = std::round((ed.drag_start_value + dx_s) * 2.0) / 2.0;
            const EditResult r = set_green(*ed.drag_before, i, green, lim, ctx.actions.conflicts(j));
            if (r.plan) ed.drafts[j.index()] = *r.plan, ed.refused.clear();
            else ed.refused = r.refused;
        }
        if (ImGui::IsItemDeactivated() && ed.drag_before) {
            const double final_green = ctx.actions.draft(j)->stages[i].green_s;
            if (std::abs(final_green - ed.drag_start_value) > 1e-9)
                ed.history.record({j, *ed.drag_before, *ctx.actions.draft(j),
                                   fmt::format("stage {} green {:.1f} s", i + 1, final_green)});
            else if (!ed.drag_had_draft)
                ed.drafts.erase(j.index());
            ed.drag_before.reset();
        }
        ImGui::PopID();
        t += plan.stages[i].duration_s();
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y1 + axis_h + 2.0f));
    ImGui::Dummy(ImVec2(0.0f, 0.0f));  // the window's content extends to here
}

}  // namespace ut::viewer
