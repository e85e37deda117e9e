// Presentation mode, for public consultation: the map fills the screen, controls are hidden,
// type is large. After a fork a slider splits the map into before (A, left) and after (B,
// right) over the same streets; three to five cards say what changed in plain words; a
// button saves the screen as a PNG (without the buttons).
#include <cmath>

#include <fmt/format.h>
#include <imgui.h>

#include "views.hpp"

namespace ut::viewer {

namespace {

constexpr ImGuiWindowFlags kOverlay = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;

void draw_side_label(ViewContext& ctx, const char* text, float x, float anchor_x, Rgb color) {
    ImGui::PushFont(ctx.fonts.large);
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 at{x - size.x * anchor_x, ctx.map_area.top + 20.0f};
    dl->AddRectFilled(ImVec2(at.x - 12.0f, at.y - 6.0f), ImVec2(at.x + size.x + 12.0f, at.y + size.y + 10.0f),
                      IM_COL32(20, 22, 26, 215), 6.0f);
    dl->AddRectFilled(ImVec2(at.x - 12.0f, at.y + size.y + 4.0f), ImVec2(at.x + size.x + 12.0f, at.y + size.y + 10.0f),
                      to_imgui(color));
    dl->AddText(at, IM_COL32_WHITE, text);
    ImGui::PopFont();
}

void draw_slider(ViewContext& ctx) {
    PresentationState& p = ctx.st.present;
    const sf::FloatRect a = ctx.map_area;
    const float x = a.left + a.width * p.slider;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->AddLine(ImVec2(x, a.top), ImVec2(x, a.top + a.height), IM_COL32(255, 255, 255, 255), 4.0f);
    if (ctx.capturing) return;
    // The knob: drag it (or anywhere on the line) to move the split.
    const float knob_y = a.top + a.height * 0.5f;
    ImGui::SetNextWindowPos(ImVec2(x - 22.0f, a.top));
    ImGui::SetNextWindowSize(ImVec2(44.0f, a.height));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::Begin("##slider", nullptr, kOverlay & ~ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::SetCursorScreenPos(ImVec2(x - 22.0f, a.top));
    ImGui::InvisibleButton("split", ImVec2(44.0f, a.height));
    if (ImGui::IsItemActive()) p.slider = std::clamp((ImGui::GetIO().MousePos.x - a.left) / a.width, 0.02f, 0.98f);
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::End();
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    fg->AddCircleFilled(ImVec2(x, knob_y), 20.0f, IM_COL32(255, 255, 255, 255), 32);
    fg->AddTriangleFilled(ImVec2(x - 14.0f, knob_y), ImVec2(x - 5.0f, knob_y - 8.0f), ImVec2(x - 5.0f, knob_y + 8.0f),
                          IM_COL32(30, 32, 36, 255));
    fg->AddTriangleFilled(ImVec2(x + 14.0f, knob_y), ImVec2(x + 5.0f, knob_y + 8.0f), ImVec2(x + 5.0f, knob_y - 8.0f),
                          IM_COL32(30, 32, 36, 255));
}

void draw_cards(ViewContext& ctx) {
    const std::vector<Card> cards = outcome_cards(ctx);
    const bool forked = ctx.st.frame->b.has_value();
    const sf::FloatRect a = ctx.map_area;
    const float gap = 16.0f;
    const float card_w = std::min(380.0f, (a.width - gap * static_cast<float>(cards.size() + 1)) / static_cast<float>(cards.size()));
    const float total = card_w * static_cast<float>(cards.size()) + gap * static_cast<float>(cards.size() - 1);
    float x = a.left + (a.width - total) * 0.5f;
    const char* arrow = ctx.fonts.arrows ? " \u2192 " : " -> ";
    for (std::size_t i = 0; i < cards.size(); ++i, x += card_w + gap) {
        const Card& c = cards[i];
        ImGui::SetNextWindowPos(ImVec2(x, a.top + a.height - 20.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
        ImGui::SetNextWindowSize(ImVec2(card_w, 0.0f));
        ImGui::SetNextWindowBgAlpha(0.88f);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 10.0f);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16.0f, 12.0f));
        ImGui::Begin(fmt::format("##card{}", i).c_str(), nullptr, kOverlay & ~ImGuiWindowFlags_AlwaysAutoResize);
        ImGui::PushFont(ctx.fonts.medium);
        ImGui::TextWrapped("%s", c.title.c_str());
        ImGui::PopFont();
        ImGui::PushFont(ctx.fonts.large);
        if (forked) ImGui::TextWrapped("%s%s%s", c.before.c_str(), arrow, c.after.c_str());
        else ImGui::TextWrapped("%s", c.before.c_str());
        ImGui::PopFont();
        ImGui::PushFont(ctx.fonts.medium);
        if (forked && !c.change.empty()) {
            const ImVec4 col = c.verdict < 0   ? ImGui::ColorConvertU32ToFloat4(to_imgui(kBetter))
                               : c.verdict > 0 ? ImGui::ColorConvertU32ToFloat4(to_imgui(kWorse))
                                               : ImVec4(0.8f, 0.8f, 0.8f, 1.0f);
            ImGui::TextColored(col, "%s  %s", c.change.c_str(),
                               c.verdict < 0 ? "better" : c.verdict > 0 ? "worse" : "about the same");
        } else {
            ImGui::TextDisabled("%s", forked ? " " : "so far");
        }
        ImGui::PopFont();
        ImGui::End();
        ImGui::PopStyleVar(2);
    }
}

// What the colours mean, in one line of plain words (bottom left above the cards).
void draw_map_key(ViewContext& ctx) {
    const Layer layer = ctx.st.layer;
    const bool forked = ctx.st.frame->b.has_value();
    ImGui::SetNextWindowPos(ImVec2(ctx.map_area.left + 16.0f, ctx.map_area.top + 16.0f));
    ImGui::SetNextWindowBgAlpha(0.8f);
    ImGui::Begin("##mapkey", nullptr, kOverlay);
    ImGui::PushFont(ctx.fonts.medium);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto swatch = [&](Rgb c, const char* text) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 1.4f, p.y + h * 0.8f), to_imgui(c));
        ImGui::Dummy(ImVec2(h * 1.5f, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(text);
    };
    if (layer == Layer::Diff && forked) {
        ImGui::TextUnformatted("Streets after the change:");
        swatch(kBetter, "less waiting");
        swatch(kWorse, "more waiting");
    } else if (layer == Layer::Transit) {
        ImGui::TextUnformatted("Buses:");
        swatch(kBus, "a bus");
        swatch(badness_color(1.0), "streets with many buses");
    } else if (layer == Layer::None) {
        ImGui::TextUnformatted("Cars and buses:");
        swatch(speed_color(0.0, 1.0), "standing");
        swatch(speed_color(1.0, 1.0), "moving freely");
    } else {
        ImGui::TextUnformatted(layer_legend(layer).title.c_str());
        swatch(badness_color(1.0), "worst");
        swatch(badness_color(0.0), "best");
    }
    ImGui::PopFont();
    ImGui::End();
}

void draw_buttons(ViewContext& ctx) {
    PresentationState& p = ctx.st.present;
    const sf::FloatRect a = ctx.map_area;
    ImGui::SetNextWindowPos(ImVec2(a.left + a.width - 12.0f, a.top + 12.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##present_buttons", nullptr, kOverlay);
    if (ImGui::Button("Save picture (PNG)")) {
        const auto t = static_cast<long>(ctx.st.frame->a.time_s);
        ctx.st.pending_capture = (std::filesystem::path(p.export_dir) /
                                  fmt::format("{}-{:02}h{:02}m.png", ctx.scenario.name, t / 3600, t / 60 % 60))
                                     .string();
        ctx.st.capture_wait = 1;
    }
    ImGui::SameLine();
    if (ImGui::Button("Exit (Esc)")) p.on = false;
    if (!p.last_export.empty()) ImGui::TextDisabled("saved %s", p.last_export.c_str());
    ImGui::End();
}

}  // namespace

void draw_presentation(ViewContext& ctx) {
    const bool forked = ctx.st.frame->b.has_value();
    const sf::FloatRect a = ctx.map_area;
    if (forked) {
        const float x = a.left + a.width * ctx.st.present.slider;
        draw_side_label(ctx, ctx.st.before_after.first.c_str(), x - 24.0f, 1.0f, kRunA);
        draw_side_label(ctx, ctx.st.before_after.second.c_str(), x + 24.0f, 0.0f, kRunB);
        draw_slider(ctx);
    } else {
        draw_side_label(ctx, ctx.scenario.name.c_str(), a.left + a.width * 0.5f, 0.5f, kRunALight);
    }
    draw_cards(ctx);
    draw_map_key(ctx);
    if (!ctx.capturing) draw_buttons(ctx);
}

}  // namespace ut::viewer
