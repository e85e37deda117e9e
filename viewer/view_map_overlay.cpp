// What is drawn over the map: the legend (vehicle speed, the active layer, signal colours),
// street names when zoomed in, A/B captions on the panes, and the frame-time counter.
#include <cmath>
#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "views.hpp"

namespace ut::viewer {

namespace {

constexpr float kLabelMaxMpp = 0.9f;  // street names from this zoom in
constexpr float kLabelCell_px = 170.0f;

void gradient_bar(ImDrawList* dl, ImVec2 p, ImVec2 size, const std::function<Rgb(double)>& color_at) {
    constexpr int kSteps = 32;
    for (int i = 0; i < kSteps; ++i) {
        const float a = p.x + size.x * static_cast<float>(i) / kSteps;
        const float b = p.x + size.x * static_cast<float>(i + 1) / kSteps;
        dl->AddRectFilled(ImVec2(a, p.y), ImVec2(b + 0.5f, p.y + size.y), to_imgui(color_at((i + 0.5) / kSteps)));
    }
}

void legend_scale(const std::vector<LegendStop>& stops, const std::function<Rgb(double)>& color_at, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    gradient_bar(dl, p, ImVec2(width, 12.0f), color_at);
    ImGui::Dummy(ImVec2(width, 14.0f));
    const ImVec2 q = ImGui::GetCursorScreenPos();
    for (std::size_t i = 0; i < stops.size(); ++i) {
        const float x = p.x + width * static_cast<float>(i) / static_cast<float>(std::max<std::size_t>(stops.size() - 1, 1));
        const float w = ImGui::CalcTextSize(stops[i].label.c_str()).x;
        const float lx = std::clamp(x - w * 0.5f, p.x, p.x + width - w);
        dl->AddText(ImVec2(lx, q.y), IM_COL32(220, 220, 220, 255), stops[i].label.c_str());
    }
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

// A bus as the map draws it: a filled box in a white frame.
void swatch_bus(Rgb fill, const char* text) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 3.0f), ImVec2(p.x + 26.0f, p.y + 13.0f), IM_COL32(245, 245, 245, 255));
    dl->AddRectFilled(ImVec2(p.x + 2.0f, p.y + 5.0f), ImVec2(p.x + 24.0f, p.y + 11.0f), to_imgui(fill));
    ImGui::Dummy(ImVec2(30.0f, 14.0f));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

void draw_legend(ViewContext& ctx) {
    const AppState& st = ctx.st;
    const sf::FloatRect area = ctx.map_area;
    ImGui::SetNextWindowPos(ImVec2(area.left + 10.0f, area.top + area.height - 10.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.82f);
    ImGui::Begin("##legend", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
    const float width = 260.0f;
    const double top_kmh = ctx.geo.top_speed_mps() * 3.6;
    const RunView& run = edited_run(*st.frame);
    const bool finished = st.frame->finished;
    // Only the transit layer's legend depends on it, and it reads every link: not every frame.
    const TransitData transit =
        st.layer == Layer::Transit && run.measures ? transit_data(*run.measures) : TransitData::None;
    if (st.vehicles && !finished) {
        if (st.layer == Layer::None) {
            ImGui::TextUnformatted("Vehicle speed");
            std::vector<LegendStop> stops{{0, "stopped"}, {0.5, fmt::format("{:.0f}", top_kmh / 2)},
                                          {1, fmt::format("{:.0f} km/h", top_kmh)}};
            legend_scale(stops, [](double t) { return speed_color(t, 1.0); }, width);
        } else if (st.layer != Layer::Transit) {
            ImGui::TextDisabled("Vehicles in grey while a layer colours the streets");
        }
        const bool bus_colour = st.layer == Layer::Transit;
        const char* bus_text = !bus_colour                           ? "bus (box in a white frame)"
                               : transit == TransitData::Passengers ? "bus of no line (load not known); cars dimmed"
                                                                    : "bus (load not known); cars dimmed";
        swatch_bus(bus_colour ? kBus : st.layer == Layer::None ? speed_color(0.3, 1.0) : kNeutralVehicle, bus_text);
        if (bus_colour && transit == TransitData::Passengers) {
            ImGui::TextUnformatted("Bus of a line: load, share of capacity");
            legend_scale({{0.0, "empty"}, {0.5, "half"}, {1.0, "full"}}, [](double t) { return bus_color(t); }, width);
        }
    }
    if (st.layer != Layer::None) {
        const LegendInfo info = layer_legend(st.layer, transit);
        ImGui::Separator();
        ImGui::TextUnformatted(info.title.c_str());
        if (info.categorical) {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            for (const LegendStop& s : info.stops) {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                const auto c = layer_color(st.layer, s.value);
                dl->AddRectFilled(p, ImVec2(p.x + 28.0f, p.y + 14.0f), to_imgui(c.value_or(kRoad)));
                dl->AddText(ImVec2(p.x + 10.0f, p.y), IM_COL32(0, 0, 0, 255), s.label.c_str());
                ImGui::Dummy(ImVec2(32.0f, 16.0f));
                ImGui::SameLine();
            }
            ImGui::NewLine();
        } else {
            const double lo = info.stops.front().value, hi = info.stops.back().value;
            legend_scale(info.stops,
                         [&](double t) { return layer_color(st.layer, lo + (hi - lo) * t, transit).value_or(kRoad); },
                         width);
        }
        const double period = run.measures ? run.measures->period_s : 0.0;
        const std::string when = run.measures && run.measures->whole_run
                                     ? fmt::format("Whole run ({}).", minutes_text(period))
                                     : fmt::format("Last {}.", minutes_text(period));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextDisabled("%s %s", info.note.c_str(), when.c_str());
        ImGui::PopTextWrapPos();
        if (st.layer == Layer::Diff && !st.frame->b)
            ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), finished ? "Open a second run to compare." : "Fork first: there is no B yet.");
    }
    if (st.camera.meters_per_pixel <= 1.2f && !finished) {
        ImGui::Separator();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const char* names[] = {"red", "yellow", "green", "green, yield"};
        const ImU32 cols[] = {IM_COL32(230, 40, 40, 255), IM_COL32(255, 190, 0, 255), IM_COL32(40, 220, 90, 255),
                              IM_COL32(150, 240, 170, 255)};
        ImGui::TextUnformatted("Signal heads:");
        for (int i = 0; i < 4; ++i) {
            ImGui::SameLine();
            const ImVec2 p = ImGui::GetCursorScreenPos();
            dl->AddRectFilled(ImVec2(p.x, p.y + 3.0f), ImVec2(p.x + 10.0f, p.y + 13.0f), cols[i]);
            ImGui::Dummy(ImVec2(12.0f, 14.0f));
            ImGui::SameLine();
            ImGui::TextUnformatted(names[i]);
        }
    }
    ImGui::End();
}

void draw_labels(ViewContext& ctx, const Pane& pane) {
    const Camera& cam = ctx.st.camera;
    if (!ctx.st.show_labels || cam.meters_per_pixel > kLabelMaxMpp) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect(ImVec2(pane.rect.left, pane.rect.top),
                     ImVec2(pane.rect.left + pane.rect.width, pane.rect.top + pane.rect.height), true);
    // Placed label boxes: a name is not repeated within kLabelCell_px (the two directions of
    // a street sit side by side), and no two labels overlap.
    std::vector<std::pair<const std::string*, ImVec4>> placed;
    const network::Network& net = ctx.geo.network();
    for (const LabelSpot& l : ctx.geo.labels()) {
        const sf::Vector2f px = cam.to_pixel(l.position, pane.area);
        if (!pane.rect.contains(px)) continue;
        if (l.length_m / cam.meters_per_pixel < 60.0f) continue;  // no room on a short link
        const std::string& name = net.links[l.link].name;
        const ImVec2 size = ImGui::CalcTextSize(name.c_str());
        const ImVec4 box{px.x - size.x * 0.5f - 3.0f, px.y - size.y * 0.5f - 1.0f, px.x + size.x * 0.5f + 3.0f,
                         px.y + size.y * 0.5f + 1.0f};
        const bool clash = std::any_of(placed.begin(), placed.end(), [&](const auto& p) {
            const ImVec4& b = p.second;
            if (*p.first == name && std::hypot((b.x + b.z) * 0.5f - px.x, (b.y + b.w) * 0.5f - px.y) < kLabelCell_px)
                return true;
            return box.x < b.z && b.x < box.z && box.y < b.w && b.y < box.w;
        });
        if (clash) continue;
        placed.emplace_back(&name, box);
        dl->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.z, box.w), IM_COL32(20, 22, 26, 170), 3.0f);
        dl->AddText(ImVec2(box.x + 3.0f, box.y + 1.0f), IM_COL32(235, 235, 235, 255), name.c_str());
        if (placed.size() > 250) break;
    }
    dl->PopClipRect();
}

void draw_caption(ViewContext& ctx, const Pane& pane, const char* text, Rgb color) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    ImGui::PushFont(ctx.fonts.medium);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 at{pane.rect.left + 12.0f, pane.rect.top + 10.0f};
    dl->AddRectFilled(ImVec2(at.x - 6.0f, at.y - 4.0f), ImVec2(at.x + size.x + 6.0f, at.y + size.y + 6.0f),
                      IM_COL32(20, 22, 26, 210), 4.0f);
    dl->AddRectFilled(ImVec2(at.x - 6.0f, at.y + size.y + 2.0f), ImVec2(at.x + size.x + 6.0f, at.y + size.y + 6.0f),
                      to_imgui(color));
    dl->AddText(at, IM_COL32_WHITE, text);
    ImGui::PopFont();
}

void draw_frame_stats(ViewContext& ctx, std::size_t vehicles_drawn) {
    const FrameStats s = ctx.st.timer.stats();
    ImGui::SetNextWindowPos(ImVec2(ctx.map_area.left + ctx.map_area.width - 10.0f,
                                   ctx.map_area.top + ctx.map_area.height - 10.0f),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.75f);
    ImGui::Begin("##frametime", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    ImGui::Text("frame %.1f ms  (p95 %.1f, max %.1f)  %.0f fps", s.mean_ms, s.p95_ms, s.max_ms, s.fps);
    std::string parts;
    for (std::size_t p = 0; p < s.part_mean_ms.size(); ++p)
        parts += fmt::format("{}{} {:.1f}", p ? "  " : "", FrameTimer::name(static_cast<FramePart>(p)), s.part_mean_ms[p]);
    ImGui::TextDisabled("%s", parts.c_str());
    ImGui::TextDisabled("%zu vehicles drawn", vehicles_drawn);
    ImGui::End();
}

}  // namespace

void draw_map_overlay(ViewContext& ctx) {
    for (const Pane& pane : ctx.panes) draw_labels(ctx, pane);
    if (ctx.panes.size() == 2 && !ctx.st.present.on) {
        draw_caption(ctx, ctx.panes[0], ctx.st.label_a.c_str(), kRunA);
        draw_caption(ctx, ctx.panes[1], ctx.st.label_b.c_str(), kRunB);
        ImGui::GetBackgroundDrawList()->AddLine(ImVec2(ctx.panes[1].rect.left, ctx.panes[1].rect.top),
                                                ImVec2(ctx.panes[1].rect.left, ctx.panes[1].rect.top + ctx.panes[1].rect.height),
                                                IM_COL32(230, 230, 230, 255), 2.0f);
    }
    if (!ctx.st.present.on) draw_legend(ctx);
    if (ctx.st.show_frame_stats && !ctx.st.present.on) draw_frame_stats(ctx, ctx.st.vehicles_drawn);
}

}  // namespace ut::viewer
