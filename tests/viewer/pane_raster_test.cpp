// The map pane's CPU image (viewer/pane_raster.hpp): shapes cover the pixels whose centres
// they contain, as OpenGL fills primitives, so the picture matches the GL path it replaced.
#include <array>
#include <cmath>

#include <catch2/catch.hpp>

#include "../../viewer/pane_raster.hpp"

using namespace ut::viewer;

namespace {

constexpr std::uint32_t kInk = argb(250, 230, 30);

int count(const PaneRaster& r, std::uint32_t c) {
    int n = 0;
    for (int y = 0; y < r.height(); ++y)
        for (int x = 0; x < r.width(); ++x) n += r.at(x, y) == c;
    return n;
}

PaneRaster blank(int w, int h) {
    PaneRaster r;
    r.resize(w, h);
    return r;
}

}  // namespace

TEST_CASE("a point of size s covers the s x s pixels around it", "[viewer]") {
    PaneRaster r = blank(20, 20);
    r.fill_square({10.3f, 5.7f}, 2, kInk);  // centres within 1 px: x 9.5 and 10.5, y 5.5 and 6.5
    CHECK(count(r, kInk) == 4);
    CHECK(r.at(9, 5) == kInk);
    CHECK(r.at(10, 6) == kInk);
    CHECK(r.at(11, 6) == 0u);
    r.fill_square({0.2f, 0.2f}, 5, kInk);  // clipped at the corner
    CHECK(r.at(0, 0) == kInk);
    CHECK(r.at(2, 2) == kInk);
    CHECK(r.at(3, 3) == 0u);
}

TEST_CASE("a convex polygon covers the pixels whose centres are inside", "[viewer]") {
    PaneRaster r = blank(10, 10);
    const std::array<PixelPoint, 4> box{{{1, 1}, {4, 1}, {4, 3}, {1, 3}}};
    r.fill_convex(box.data(), 4, kInk);
    CHECK(count(r, kInk) == 6);  // x 1..3, y 1..2
    CHECK(r.at(1, 1) == kInk);
    CHECK(r.at(3, 2) == kInk);
    CHECK(r.at(4, 2) == 0u);
    CHECK(r.at(1, 3) == 0u);
}

TEST_CASE("two triangles sharing an edge cover a quad once, without gaps", "[viewer]") {
    // A car-sized box at an odd angle: its two halves together cover exactly the box.
    const float a = 0.37f, c = std::cos(a), s = std::sin(a);
    const auto at = [&](float u, float v) { return PixelPoint{30.0f + u * c - v * s, 20.0f + u * s + v * c}; };
    const std::array<PixelPoint, 4> quad{at(-9, -4), at(9, -4), at(9, 4), at(-9, 4)};
    const std::array<PixelPoint, 3> t1{quad[0], quad[1], quad[2]}, t2{quad[0], quad[2], quad[3]};
    PaneRaster whole = blank(60, 40), half1 = blank(60, 40), half2 = blank(60, 40);
    whole.fill_convex(quad.data(), 4, kInk);
    half1.fill_convex(t1.data(), 3, kInk);
    half2.fill_convex(t2.data(), 3, kInk);
    const int n = count(whole, kInk);
    CHECK(count(half1, kInk) + count(half2, kInk) == n);
    CHECK(std::abs(n - 18 * 8) <= 18 + 8);  // the area, give or take the boundary pixels
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 60; ++x) CHECK((whole.at(x, y) == kInk) == (half1.at(x, y) == kInk || half2.at(x, y) == kInk));
}

TEST_CASE("shapes off the image or far outside are clipped", "[viewer]") {
    PaneRaster r = blank(8, 8);
    const std::array<PixelPoint, 3> huge{{{-1e9f, -1e9f}, {1e9f, -1e9f}, {0.0f, 1e9f}}};
    r.fill_convex(huge.data(), 3, kInk);
    CHECK(count(r, kInk) == 64);
    PaneRaster q = blank(8, 8);
    const std::array<PixelPoint, 4> outside{{{20, 20}, {30, 20}, {30, 30}, {20, 30}}};
    q.fill_convex(outside.data(), 4, kInk);
    q.fill_square({-10.0f, 3.0f}, 3, kInk);
    CHECK(count(q, kInk) == 0);
}

TEST_CASE("copy_from takes the other image's size and pixels", "[viewer]") {
    PaneRaster a = blank(5, 3), b;
    a.fill_rect(0, 0, 5, 3, kInk);
    b.copy_from(a);
    CHECK(b.width() == 5);
    CHECK(b.height() == 3);
    CHECK(count(b, kInk) == 15);
}
