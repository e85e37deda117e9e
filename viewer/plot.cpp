#include "plot.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ut::viewer {

namespace {

// A "nice" tick step (1, 2 or 5 x 10^k) giving about `ticks` intervals over `range`.
double nice_step(double range, int ticks) {
    const double raw = range / std::max(ticks, 1);
    const double mag = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-12))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10.0 * mag;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    constexpr float kDash = 5.0f;
    for (float s = 0.0f; s < len; s += 2.0f * kDash) {
        const float e = std::min(len, s + kDash);
        const ImVec2 p{a.x + (b.x - a.x) * s / len, a.y + (b.y - a.y) * s / len};
        const ImVec2 q{a.x + (b.x - a.x) * e / len, a.y + (b.y - a.y) * e / len};
        dl->AddLine(p, q, col, thickness);
    }
}

}  // namespace

std::string clock_label(double t_s) {
    const long t = static_cast<long>(std::floor(std::max(t_s, 0.0)));
    if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
    return fmt::format("{}:{:02}", t / 60, t % 60);
}

void time_plot(const char* id, const PlotOptions& o, std::span<const PlotSeries> series) {
    ImGui::PushID(id);
    const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("plot", ImVec2(width, o.height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line_h = ImGui::GetTextLineHeight();
    // Room for the y labels on the left, the title (and half a label) on top, times below.
    const ImVec2 p0{origin.x + 44.0f, origin.y + line_h * 1.6f + 4.0f};
    const ImVec2 p1{origin.x + width - 6.0f, origin.y + o.height - line_h - 2.0f};
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + o.height), IM_COL32(24, 26, 30, 255), 3.0f);
    dl->AddText(ImVec2(origin.x + 6.0f, origin.y + 2.0f), IM_COL32(230, 230, 230, 255), o.title.c_str());

    double x0 = 1e300, x1 = -1e300, y1 = 0.0;
    for (const PlotSeries& s : series)
        for (const ImVec2& p : s.points) {
            x0 = std::min(x0, static_cast<double>(p.x)), x1 = std::max(x1, static_cast<double>(p.x));
            if (!std::isnan(p.y)) y1 = std::max(y1, static_cast<double>(p.y));
        }
    if (x0 > x1) {
        dl->AddText(ImVec2(p0.x + 8.0f, (p0.y + p1.y) * 0.5f - line_h * 0.5f), IM_COL32(150, 150, 150, 255),
                    "no data yet");
        ImGui::PopID();
        return;
    }
    if (x1 - x0 < 60.0) x1 = x0 + 60.0;
    const double ystep = nice_step(y1 > 0.0 ? y1 : 1.0, 3);
    y1 = std::ceil((y1 > 0.0 ? y1 : 1.0) / ystep) * ystep;
    const auto sx = [&](double x) { return p0.x + static_cast<float>((x - x0) / (x1 - x0)) * (p1.x - p0.x); };
    const auto sy = [&](double y) { return p1.y - static_cast<float>(y / y1) * (p1.y - p0.y); };

    const ImU32 grid = IM_COL32(70, 72, 78, 255), label = IM_COL32(170, 170, 175, 255);
    for (double y = 0.0; y <= y1 + 1e-9; y += ystep) {
        dl->AddLine(ImVec2(p0.x, sy(y)), ImVec2(p1.x, sy(y)), grid);
        const std::string t = fmt::format("{:.{}f}", y, ystep < 1.0 ? 1 : 0);
        dl->AddText(ImVec2(origin.x + 4.0f, sy(y) - line_h * 0.5f), label, t.c_str());
    }
    const double xstep = nice_step((x1 - x0) / 60.0, 4) * 60.0;  // whole minutes
    for (double x = std::ceil(x0 / xstep) * xstep; x <= x1 + 1e-9; x += xstep) {
        dl->AddLine(ImVec2(sx(x), p1.y), ImVec2(sx(x), p1.y + 3.0f), label);
        const std::string t = clock_label(x);
        const float w = ImGui::CalcTextSize(t.c_str()).x;
        dl->AddText(ImVec2(std::min(sx(x) - w * 0.5f, origin.x + width - w - 2.0f), p1.y + 2.0f), label, t.c_str());
    }
    if (!std::isnan(o.marker_x) && o.marker_x >= x0 && o.marker_x <= x1) {
        const float mx = sx(o.marker_x);
        dashed_line(dl, ImVec2(mx, p0.y), ImVec2(mx, p1.y), IM_COL32(220, 220, 220, 160), 1.0f);
        dl->AddText(ImVec2(mx + 3.0f, p0.y), IM_COL32(220, 220, 220, 200), o.marker_label.c_str());
    }
    dl->PushClipRect(p0, ImVec2(p1.x + 1.0f, p1.y + 1.0f), true);
    for (const PlotSeries& s : series) {
        for (std::size_t i = 0; i + 1 < s.points.size(); ++i) {
            const ImVec2 a = s.points[i], b = s.points[i + 1];
            if (std::isnan(a.y) || std::isnan(b.y)) continue;
            const ImVec2 pa{sx(a.x), sy(a.y)}, pb{sx(b.x), sy(b.y)};
            if (s.dashed) dashed_line(dl, pa, pb, s.color, 2.0f);
            else dl->AddLine(pa, pb, s.color, 2.0f);
        }
    }
    dl->PopClipRect();
    // Legend, right-aligned on the title line.
    float lx = origin.x + width - 6.0f;
    for (auto it = series.rbegin(); it != series.rend(); ++it) {
        lx -= ImGui::CalcTextSize(it->label.c_str()).x + 18.0f;
        const float ly = origin.y + 2.0f + line_h * 0.5f;
        if (it->dashed) dashed_line(dl, ImVec2(lx, ly), ImVec2(lx + 12.0f, ly), it->color, 2.0f);
        else dl->AddLine(ImVec2(lx, ly), ImVec2(lx + 12.0f, ly), it->color, 2.0f);
        dl->AddText(ImVec2(lx + 15.0f, origin.y + 2.0f), IM_COL32(220, 220, 220, 255), it->label.c_str());
    }
    if (hovered) {
        const double mx = x0 + (ImGui::GetIO().MousePos.x - p0.x) / (p1.x - p0.x) * (x1 - x0);
        dl->AddLine(ImVec2(sx(mx), p0.y), ImVec2(sx(mx), p1.y), IM_COL32(255, 255, 255, 90));
        ImGui::BeginTooltip();
        ImGui::Text("%s", clock_label(mx).c_str());
        for (const PlotSeries& s : series) {
            const auto nearest = std::min_element(s.points.begin(), s.points.end(), [&](ImVec2 a, ImVec2 b) {
                return std::abs(a.x - mx) < std::abs(b.x - mx);
            });
            if (nearest == s.points.end() || std::isnan(nearest->y)) continue;
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: %.*f %s", s.label.c_str(), o.decimals,
                               static_cast<double>(nearest->y), o.unit.c_str());
        }
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

}  // namespace ut::viewer
