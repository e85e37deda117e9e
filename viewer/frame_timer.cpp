#include "frame_timer.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ut::viewer {

namespace {
double ms_between(FrameTimer::Clock::time_point a, FrameTimer::Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
}  // namespace

void FrameTimer::begin_frame() {
    frame_start_ = last_mark_ = Clock::now();
    current_ = Frame{};
    current_.start = frame_start_;
}

void FrameTimer::mark(FramePart part) {
    const auto now = Clock::now();
    current_.part_ms[static_cast<std::size_t>(part)] += ms_between(last_mark_, now);
    last_mark_ = now;
}

void FrameTimer::end_frame() {
    current_.total_ms = ms_between(frame_start_, Clock::now());
    frames_[next_] = current_;
    next_ = (next_ + 1) % frames_.size();
    ++total_;
}

FrameStats FrameTimer::stats() const {
    FrameStats s;
    s.frames = std::min(total_, frames_.size());
    if (s.frames == 0) return s;
    std::vector<double> totals;
    totals.reserve(s.frames);
    Clock::time_point first = frames_[0].start, last = first;
    for (std::size_t i = 0; i < s.frames; ++i) {
        const Frame& f = frames_[i];
        totals.push_back(f.total_ms);
        for (std::size_t p = 0; p < f.part_ms.size(); ++p) s.part_mean_ms[p] += f.part_ms[p];
        s.snapshots += f.new_snapshot;
        first = std::min(first, f.start), last = std::max(last, f.start);
    }
    const double n = static_cast<double>(s.frames);
    for (double& p : s.part_mean_ms) p /= n;
    std::sort(totals.begin(), totals.end());
    for (double t : totals) s.mean_ms += t;
    s.mean_ms /= n;
    s.p50_ms = totals[totals.size() / 2];
    s.p95_ms = totals[std::min(totals.size() - 1, totals.size() * 95 / 100)];
    s.max_ms = totals.back();
    // Between the first and the last frame's start lie frames - 1 whole frames.
    const double span_ms = ms_between(first, last);
    s.fps = s.frames > 1 && span_ms > 0.0 ? 1000.0 * static_cast<double>(s.frames - 1) / span_ms : 0.0;
    return s;
}

const char* FrameTimer::name(FramePart p) {
    switch (p) {
        case FramePart::Events: return "events";
        case FramePart::Roads: return "roads";
        case FramePart::Compose: return "compose";
        case FramePart::Map: return "map";
        case FramePart::Ui: return "ui";
        case FramePart::Imgui: return "imgui";
        case FramePart::Swap: return "swap";
        case FramePart::Count: break;
    }
    return "?";
}

std::string FrameTimer::summary() const {
    const FrameStats s = stats();
    std::string out =
        fmt::format("frame {:.1f} ms mean, {:.1f} p50, {:.1f} p95, {:.1f} max ({:.0f} fps, {} frames, {} new snapshots) |",
                    s.mean_ms, s.p50_ms, s.p95_ms, s.max_ms, s.fps, s.frames, s.snapshots);
    for (std::size_t p = 0; p < s.part_mean_ms.size(); ++p)
        out += fmt::format(" {} {:.1f}", name(static_cast<FramePart>(p)), s.part_mean_ms[p]);
    return out;
}

}  // namespace ut::viewer
