// Colour palettes of the map, legends and plots. Everything sequential is viridis (colour-
// blind safe, ordered by lightness, so it also reads in greyscale); differences use a
// blue-grey-orange diverging scale (Okabe-Ito hues, distinguishable with every common colour
// vision deficiency). The map is dark, so "bright" means "look here": slow vehicles, delayed
// links and worse-than-before links are the bright ends.
//
// Pure functions with no SFML/ImGui types, so the tests can check them headless.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>

namespace ut::viewer {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    constexpr bool operator==(const Rgb&) const = default;
};

namespace palette_detail {
// viridis sampled at 0, 1/8, ..., 1 (matplotlib's table); linear in between is within a
// few levels of the full 256-entry table.
constexpr std::array<Rgb, 9> kViridis{{{68, 1, 84},
                                       {71, 44, 122},
                                       {59, 81, 139},
                                       {44, 113, 142},
                                       {33, 144, 141},
                                       {39, 173, 129},
                                       {92, 200, 99},
                                       {170, 220, 50},
                                       {253, 231, 37}}};

inline std::uint8_t lerp8(std::uint8_t a, std::uint8_t b, double t) {
    return static_cast<std::uint8_t>(std::lround(a + (b - a) * t));
}
inline Rgb lerp(Rgb a, Rgb b, double t) {
    return {lerp8(a.r, b.r, t), lerp8(a.g, b.g, t), lerp8(a.b, b.b, t)};
}
}  // namespace palette_detail

// viridis(t), t in [0, 1] (clamped; NaN gives the dark end).
inline Rgb viridis(double t) {
    using namespace palette_detail;
    if (!(t > 0.0)) return kViridis.front();
    if (t >= 1.0) return kViridis.back();
    const double x = t * (kViridis.size() - 1);
    const auto i = static_cast<std::size_t>(x);
    return lerp(kViridis[i], kViridis[i + 1], x - static_cast<double>(i));
}

// "Badness" in [0, 1] -> colour: 0 (fine) is a dim blue that still shows on the dark road,
// 1 (bad) bright yellow. The darkest fifth of viridis is skipped so nothing disappears.
inline Rgb badness_color(double badness01) {
    return viridis(0.2 + 0.8 * std::clamp(badness01, 0.0, 1.0));
}

// Vehicle colour by speed: stopped = bright (a queue glows), at the top speed = dim blue.
inline Rgb speed_color(double speed_mps, double top_speed_mps) {
    const double frac = top_speed_mps > 0.0 ? speed_mps / top_speed_mps : 0.0;
    return badness_color(1.0 - std::clamp(frac, 0.0, 1.0));
}

constexpr Rgb kBetter{86, 180, 233};   // Okabe-Ito sky blue
constexpr Rgb kWorse{230, 159, 0};     // Okabe-Ito orange
constexpr Rgb kNoChange{72, 76, 84};   // a little lighter than the road, so 0 still reads as data

// Diverging colour of a difference: value / scale in [-1, 1]; negative = better (blue).
inline Rgb diff_color(double value, double scale) {
    if (!(scale > 0.0) || std::isnan(value)) return kNoChange;
    const double t = std::clamp(value / scale, -1.0, 1.0);
    return t < 0.0 ? palette_detail::lerp(kNoChange, kBetter, -t)
                   : palette_detail::lerp(kNoChange, kWorse, t);
}

// Level of service A..F (index 0..5) on the same badness scale as the other layers.
inline Rgb los_color(int level) { return badness_color(std::clamp(level, 0, 5) / 5.0); }

// The two runs in plots and cards: A blue, B orange (Okabe-Ito, safe for colour-blind readers).
constexpr Rgb kRunA{0, 114, 178};
constexpr Rgb kRunALight{86, 180, 233};
constexpr Rgb kRunB{230, 159, 0};

// Buses in the transit layer: Okabe-Ito reddish purple, far from viridis, the diff colours and
// the signal colours; with a known load, the load share on the badness scale (bright = full).
constexpr Rgb kBus{204, 121, 167};
inline Rgb bus_color(std::optional<double> load_share) { return load_share ? badness_color(*load_share) : kBus; }

// Vehicles while a layer colours the streets (neutral), and cars in the transit layer
// (dimmed, so the buses stand out).
constexpr Rgb kNeutralVehicle{200, 200, 205};
constexpr Rgb kDimVehicle{105, 108, 116};

// Map base colours.
constexpr Rgb kBackground{30, 32, 36};
constexpr Rgb kRoad{58, 61, 68};
constexpr Rgb kJunction{50, 53, 59};
constexpr Rgb kSelection{255, 255, 255};

}  // namespace ut::viewer
