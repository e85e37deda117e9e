// The timing diagram: one bar per signal group (movement), time in the cycle from left to
// right, green / yellow / red as the engine will show them (drawn with the engine's own
// fixed-time rule, signals/fixed_time.hpp, so the picture cannot disagree with the run).
// Above the bars, one line per ring with its stages or phases; the end of each green is a
// handle: drag it to change that split. A white line shows where the cycle is now.
//
// Time runs in "layout time" (signals/ring_barrier.hpp): 0 = the start of the first stage
// or barrier group, which is the offset for stage plans.
#include <cmath>

#include <fmt/format.h>
#include <imgui.h>

#include "signals/fixed_time.hpp"
#include "signals/ring_barrier.hpp"
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

struct Layout {
    signals::SignalPlan ring;  // the plan in ring form
    signals::CycleLayout cycle;
    double t0_s = 0.0;  // simulation time (mod cycle) of layout time 0
};

std::optional<Layout> layout_of(const signals::SignalPlan& plan) {
    Layout l;
    l.ring = signals::to_ring_form(plan);
    if (l.ring.timings.empty() || !signals::structure_problems(l.ring).empty()) return std::nullopt;
    const signals::TimingPlan& timing = l.ring.timings.front();
    if (timing.split_s.size() != l.ring.phases.size()) return std::nullopt;  // actuated: no cycle
    l.cycle = signals::layout_cycle(l.ring, timing);
    if (l.cycle.cycle_s <= 0.0) return std::nullopt;
    l.t0_s = timing.offset_s - l.cycle.reference_s;
    return l;
}

// Green-end handle of phase p: drag to change its green (one undo step per drag).
void green_handle(ViewContext& ctx, std::size_t p, float x, float y0, float y1, double green_s, float px_per_s) {
    EditorState& ed = ctx.st.editor;
    const JunctionId j = ctx.st.selection.junction;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::SetCursorScreenPos(ImVec2(x - 4.0f, y0));
    ImGui::PushID(static_cast<int>(p));
    ImGui::InvisibleButton("handle", ImVec2(8.0f, y1 - y0));
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemHovered() || active) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), IM_COL32_WHITE, 3.0f);
        ImGui::SetTooltip("Green %.1f s - drag to change", green_s);
    }
    if (ImGui::IsItemActivated()) {
        ed.drag_before = ctx.actions.draft(j);
        ed.drag_had_draft = ctx.actions.has_draft(j);
        ed.drag_start_value = green_s;
    }
    if (active && ed.drag_before) {
        const double dx_s = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f).x / px_per_s;
        const double green = std::round((ed.drag_start_value + dx_s) * 2.0) / 2.0;
        const EditResult r = set_green(*ed.drag_before, p, green, ctx.actions.rules());
        if (r.plan) ed.drafts[j.index()] = *r.plan, ed.refused.clear();
        else ed.refused = r.refused;
    }
    if (ImGui::IsItemDeactivated() && ed.drag_before) {
        const std::optional<signals::SignalPlan> now = ctx.actions.draft(j);
        if (now && ctx.actions.has_draft(j) && std::abs(ctx.actions.draft(j)->cycle_s() - ed.drag_before->cycle_s()) > 1e-9)
            ed.history.record({j, *ed.drag_before, *now, fmt::format("row {} green by dragging", p + 1)});
        else if (!ed.drag_had_draft)
            ed.drafts.erase(j.index());
        ed.drag_before.reset();
    }
    ImGui::PopID();
}

}  // namespace

void draw_timing_diagram(ViewContext& ctx, const signals::SignalPlan& plan) {
    EditorState& ed = ctx.st.editor;
    const std::optional<Layout> layout = layout_of(plan);
    if (!layout || plan.groups.empty()) {
        ImGui::TextDisabled("No fixed cycle to draw (actuated control, or the plan is not usable).");
        return;
    }
    const double cycle = layout->cycle.cycle_s;
    const auto& rings = layout->ring.rings;
    const float line_h = ImGui::GetTextLineHeight();
    const float row_h = line_h + 3.0f, header_h = (line_h + 2.0f) * static_cast<float>(rings.size());
    const float axis_h = line_h + 4.0f;
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

    // One header line per ring: its stages (stage plans) or NEMA phase numbers.
    const bool stages = !is_ring_form(plan);
    for (std::size_t r = 0; r < rings.size(); ++r) {
        const float hy = origin.y + (line_h + 2.0f) * static_cast<float>(r);
        for (const auto& barrier_group : rings[r])
            for (std::uint8_t p : barrier_group) {
                const signals::PhaseWindow& w = layout->cycle.windows[p];
                dl->AddRect(ImVec2(sx(w.start_s), hy), ImVec2(sx(w.end_s), hy + line_h + 1.0f), IM_COL32(90, 90, 96, 255));
                const std::string n = stages ? fmt::format("{}", p + 1) : fmt::format("{}", layout->ring.phases[p].number);
                dl->AddText(ImVec2(sx((w.start_s + w.end_s) * 0.5) - ImGui::CalcTextSize(n.c_str()).x * 0.5f, hy),
                            IM_COL32(200, 200, 200, 255), n.c_str());
            }
    }
    // One bar per group, sampled once per pixel column.
    const int columns = std::max(1, static_cast<int>(x1 - x0));
    std::vector<std::vector<signals::SignalColor>> colors(static_cast<std::size_t>(columns),
                                                          std::vector<signals::SignalColor>(plan.groups.size()));
    for (int c = 0; c < columns; ++c)
        signals::fixed_time_colors(layout->ring, layout->t0_s + (c + 0.5) / columns * cycle, colors[static_cast<std::size_t>(c)]);
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
    const double tau = layout->cycle.cycle_time(now, layout->ring.timings.front().offset_s);
    dl->AddLine(ImVec2(sx(tau), y0 - 2.0f), ImVec2(sx(tau), y1 + 2.0f), IM_COL32(255, 255, 255, 230), 2.0f);

    // Handles at the end of each green (phases of every ring; for stage plans, the stages).
    for (std::size_t p = 0; p < layout->ring.phases.size(); ++p) {
        const signals::PhaseWindow& w = layout->cycle.windows[p];
        if (w.end_s <= w.start_s) continue;  // in no ring
        green_handle(ctx, p, sx(w.green_end_s), y0, y1, w.green_end_s - w.start_s, px_per_s);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y1 + axis_h + 2.0f));
    ImGui::Dummy(ImVec2(0.0f, 0.0f));  // the window's content extends to here
}

}  // namespace ut::viewer
