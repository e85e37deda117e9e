#include "progress.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ut::cli {

std::string format_clock(double seconds) {
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    const long long h = total / 3600;
    const long long m = (total / 60) % 60;
    const long long s = total % 60;
    if (h > 0) return fmt::format("{}:{:02}:{:02}", h, m, s);
    return fmt::format("{}:{:02}", m, s);
}

Progress::Progress(std::FILE* stream, bool tty, double total_s)
    : stream_(stream), tty_(tty), total_s_(total_s) {}

std::string Progress::line(const ProgressSample& p, bool bar) const {
    const double fraction = total_s_ > 0.0 ? std::clamp(p.time_s / total_s_, 0.0, 1.0) : 1.0;
    const double speed = p.wall_s > 0.0 ? p.time_s / p.wall_s : 0.0;
    std::string head = "progress: ";
    if (bar) {
        constexpr int kWidth = 30;
        const auto filled = static_cast<std::size_t>(fraction * kWidth);
        // fmt rather than string concatenation: GCC 12 warns falsely (-Wrestrict) on that.
        head = fmt::format("[{}{}] ", std::string(filled, '#'), std::string(kWidth - filled, '-'));
    }
    return fmt::format("{}{:3.0f}%  {} / {} simulated, {} in network, {} arrived, {:.1f}x real time",
                       head, fraction * 100.0, format_clock(p.time_s), format_clock(total_s_),
                       p.in_network, p.arrived, speed);
}

void Progress::update(const ProgressSample& p) {
    if (tty_) {
        if (drawn_ && p.wall_s - last_draw_wall_s_ < 0.1) return;
        // \r back to the start, \x1b[K clears what a longer previous line left behind.
        std::fprintf(stream_, "\r%s\x1b[K", line(p, true).c_str());
        std::fflush(stream_);
        last_draw_wall_s_ = p.wall_s;
        drawn_ = true;
        return;
    }
    const double fraction = total_s_ > 0.0 ? p.time_s / total_s_ : 1.0;
    bool crossed = false;
    while (next_decile_ <= 10 && fraction + 1e-9 >= next_decile_ / 10.0) {
        ++next_decile_;
        crossed = true;
    }
    if (crossed) {
        std::fprintf(stream_, "%s\n", line(p, false).c_str());
        std::fflush(stream_);
    }
}

void Progress::finish(const ProgressSample& p) {
    if (tty_) {
        drawn_ = false;  // force the final state to be drawn
        update(p);
        std::fprintf(stream_, "\n");
        std::fflush(stream_);
    } else {
        update(p);
    }
}

}  // namespace ut::cli
