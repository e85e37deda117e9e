#include "core/geometry.hpp"

#include <algorithm>
#include <numbers>

namespace ut {

double polyline_length(std::span<const Vec2> line) {
    double total = 0.0;
    for (std::size_t i = 1; i < line.size(); ++i) total += distance(line[i - 1], line[i]);
    return total;
}

PointOnLine point_along(std::span<const Vec2> line, double s) {
    if (line.empty()) return {};
    if (line.size() == 1) return {line[0], {1.0, 0.0}};
    double remaining = std::max(0.0, s);
    for (std::size_t i = 1; i < line.size(); ++i) {
        const Vec2 seg = line[i] - line[i - 1];
        const double len = norm(seg);
        if (len <= 0.0) continue;
        if (remaining <= len || i + 1 == line.size()) {
            const double t = std::min(remaining / len, 1.0);
            return {line[i - 1] + seg * t, seg * (1.0 / len)};
        }
        remaining -= len;
    }
    return {line.back(), normalized(line.back() - line[line.size() - 2])};
}

Polyline offset_polyline(std::span<const Vec2> line, double offset) {
    Polyline out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
        Vec2 dir_in = i > 0 ? normalized(line[i] - line[i - 1]) : Vec2{};
        Vec2 dir_out = i + 1 < line.size() ? normalized(line[i + 1] - line[i]) : Vec2{};
        if (i == 0) dir_in = dir_out;
        if (i + 1 == line.size()) dir_out = dir_in;
        Vec2 n = left_normal(normalized(dir_in + dir_out));
        // Mitre join, limited so sharp bends do not shoot the offset line far away.
        const double c = dot(n, left_normal(dir_in));
        const double scale = c > 0.3 ? 1.0 / c : 1.0 / 0.3;
        if (norm(n) == 0.0) n = left_normal(dir_in);
        out.push_back(line[i] + n * (offset * scale));
    }
    return out;
}

static double heading_of(Vec2 d) { return std::atan2(d.y, d.x); }

double start_heading(std::span<const Vec2> line) {
    for (std::size_t i = 1; i < line.size(); ++i)
        if (line[i] != line[0]) return heading_of(line[i] - line[0]);
    return 0.0;
}

double end_heading(std::span<const Vec2> line) {
    for (std::size_t i = line.size(); i-- > 1;)
        if (line[i - 1] != line.back()) return heading_of(line.back() - line[i - 1]);
    return 0.0;
}

double turn_angle(double from_heading, double to_heading) {
    double a = to_heading - from_heading;
    while (a <= -std::numbers::pi) a += 2.0 * std::numbers::pi;
    while (a > std::numbers::pi) a -= 2.0 * std::numbers::pi;
    return a;
}

bool segments_cross(Vec2 p1, Vec2 p2, Vec2 q1, Vec2 q2) {
    const Vec2 r = p2 - p1;
    const Vec2 s = q2 - q1;
    const double denom = cross(r, s);
    if (std::abs(denom) < 1e-12) return false;  // parallel: merging, not crossing
    const double t = cross(q1 - p1, s) / denom;
    const double u = cross(q1 - p1, r) / denom;
    constexpr double eps = 1e-6;
    return t > eps && t < 1.0 - eps && u > eps && u < 1.0 - eps;
}

bool polylines_cross(std::span<const Vec2> a, std::span<const Vec2> b) {
    for (std::size_t i = 1; i < a.size(); ++i)
        for (std::size_t j = 1; j < b.size(); ++j)
            if (segments_cross(a[i - 1], a[i], b[j - 1], b[j])) return true;
    return false;
}

}  // namespace ut
