// How times read in the viewer: clock times "00:12:30" and durations "14.2 min" / "45 s".
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace ut::viewer {

inline std::string clock_text(double t_s) {
    const auto t = static_cast<long>(std::floor(std::max(t_s, 0.0)));
    return fmt::format("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
}

inline std::string minutes_text(double seconds) {
    if (std::isnan(seconds)) return "-";
    if (seconds < 90.0) return fmt::format("{:.0f} s", seconds);
    return fmt::format("{:.1f} min", seconds / 60.0);
}

}  // namespace ut::viewer
