#include <cmath>

#include <fmt/format.h>

#include "views.hpp"

namespace ut::viewer {

ImU32 to_imgui(Rgb c, unsigned alpha) { return IM_COL32(c.r, c.g, c.b, alpha); }

void draw_panel_border() {
    const ImGuiStyle& style = ImGui::GetStyle();
    if (style.WindowBorderSize <= 0.0f) return;
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const ImVec2 end(pos.x + size.x, pos.y + size.y);
    ImGui::PushClipRect(pos, end, false);  // the content's clip rect leaves the border out
    ImGui::GetWindowDrawList()->AddRect(pos, end, ImGui::GetColorU32(ImGuiCol_Border), style.WindowRounding, 0,
                                        style.WindowBorderSize);
    ImGui::PopClipRect();
}

const RunView& edited_run(const RunFrame& f) { return f.b ? *f.b : f.a; }

}  // namespace ut::viewer
