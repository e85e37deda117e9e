// Planar geometry in a local metric frame (metres, x east, y north). Imported maps are
// projected into such a frame before anything else sees them.
#pragma once

#include <cmath>
#include <span>
#include <vector>

namespace ut {

struct Vec2 {
    double x = 0.0;
    double y = 0.0;

    constexpr Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
    constexpr Vec2 operator-(Vec2 o) const { return {x - o.x, y - o.y}; }
    constexpr Vec2 operator*(double s) const { return {x * s, y * s}; }
    constexpr bool operator==(const Vec2&) const = default;
};

inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline double cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
inline double norm(Vec2 a) { return std::hypot(a.x, a.y); }
inline double distance(Vec2 a, Vec2 b) { return norm(a - b); }
inline Vec2 normalized(Vec2 a) {
    const double n = norm(a);
    return n > 0.0 ? a * (1.0 / n) : Vec2{};
}
// Left-hand normal of a direction (rotated +90 degrees).
inline Vec2 left_normal(Vec2 dir) { return {-dir.y, dir.x}; }

using Polyline = std::vector<Vec2>;

double polyline_length(std::span<const Vec2> line);
// Point and unit heading at distance s along the line (clamped to its ends).
struct PointOnLine {
    Vec2 point;
    Vec2 heading;
};
PointOnLine point_along(std::span<const Vec2> line, double s);
// The line shifted sideways by `offset` metres (positive = to the left of travel).
Polyline offset_polyline(std::span<const Vec2> line, double offset);
// Heading angle (radians, counter-clockwise from east) of the first/last segment.
double start_heading(std::span<const Vec2> line);
double end_heading(std::span<const Vec2> line);
// Signed angle from heading a to heading b, in (-pi, pi]; positive = turning left.
double turn_angle(double from_heading, double to_heading);
// True when the open segments p1-p2 and q1-q2 cross.
bool segments_cross(Vec2 p1, Vec2 p2, Vec2 q1, Vec2 q2);
bool polylines_cross(std::span<const Vec2> a, std::span<const Vec2> b);

}  // namespace ut
