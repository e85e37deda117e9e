// Map colours (viewer/palette.hpp): viridis ends, "badness" gets brighter as it grows (so the
// scale reads in greyscale and for colour-blind viewers), differences diverge around grey.
#include <catch2/catch.hpp>

#include "../../viewer/palette.hpp"

using namespace ut::viewer;

namespace {
double luminance(Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }
}  // namespace

TEST_CASE("viridis ends and clamping", "[viewer]") {
    CHECK(viridis(0.0) == Rgb{68, 1, 84});
    CHECK(viridis(1.0) == Rgb{253, 231, 37});
    CHECK(viridis(-3.0) == viridis(0.0));
    CHECK(viridis(7.0) == viridis(1.0));
}

TEST_CASE("badness and speed colours brighten monotonically", "[viewer]") {
    double last = -1.0;
    for (int i = 0; i <= 100; ++i) {
        const double l = luminance(badness_color(i / 100.0));
        CHECK(l >= last - 1.0);  // rounding to 8 bits may wobble by a level
        last = l;
    }
    // Stopped is the bright end; at the top speed the dim end, still brighter than the road.
    CHECK(luminance(speed_color(0.0, 14.0)) > luminance(speed_color(14.0, 14.0)) + 100.0);
    CHECK(luminance(speed_color(14.0, 14.0)) > luminance(kRoad));
}

TEST_CASE("differences: blue is better, orange worse, small is no change", "[viewer]") {
    CHECK(diff_color(-20.0, 20.0) == kBetter);
    CHECK(diff_color(20.0, 20.0) == kWorse);
    CHECK(diff_color(0.0, 20.0) == kNoChange);
    CHECK(diff_color(std::nan(""), 20.0) == kNoChange);
}
