// The built-in frame-time counter: wall time of every frame's work split into its parts,
// kept for the last few seconds, shown as an overlay (F2) and printed at exit with
// --frame-stats. The frame rate limiter's wait (app.cpp) is not part of a frame; the frames
// per second are counted over wall time, so they show the limit.
//
// Parts
//   events    window events and script commands
//   roads     repainting the roads image (only when the camera or the lane colours change)
//             and recolouring lanes for a layer
//   compose   painting signal heads, cars and buses into the map image on the CPU (only
//             when a new snapshot arrives or the view changes), the selection's triangles
//   map       clearing, sending the map image to the screen, the selection
//   (roads and map: with --gl-finish including the GPU's work)
//   ui        building the ImGui windows (panels, plots)
//   imgui     rendering ImGui's draw lists
//   swap      display(): vsync wait and, without --gl-finish, the queued GPU work
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace ut::viewer {

enum class FramePart : std::size_t { Events, Roads, Compose, Map, Ui, Imgui, Swap, Count };

struct FrameStats {
    double mean_ms = 0.0, p50_ms = 0.0, p95_ms = 0.0, max_ms = 0.0;
    double fps = 0.0;  // frames per second of wall time
    std::array<double, static_cast<std::size_t>(FramePart::Count)> part_mean_ms{};
    std::size_t frames = 0;
    std::size_t snapshots = 0;  // frames that drew a new simulation snapshot (the run advanced)
};

class FrameTimer {
public:
    using Clock = std::chrono::steady_clock;

    explicit FrameTimer(std::size_t capacity = 600) : frames_(capacity) {}

    void begin_frame();
    // Charges the time since the last mark (or the frame start) to `part`.
    void mark(FramePart part);
    // This frame drew a snapshot it had not drawn before.
    void count_snapshot() { current_.new_snapshot = true; }
    void end_frame();

    FrameStats stats() const;
    void reset() { total_ = next_ = 0; }
    std::string summary() const;  // one line for the overlay and stdout
    std::size_t frames_seen() const { return total_; }

    static const char* name(FramePart p);

private:
    struct Frame {
        Clock::time_point start;
        double total_ms = 0.0;
        std::array<double, static_cast<std::size_t>(FramePart::Count)> part_ms{};
        bool new_snapshot = false;
    };
    std::vector<Frame> frames_;
    std::size_t next_ = 0;
    std::size_t total_ = 0;
    Frame current_;
    Clock::time_point frame_start_;
    Clock::time_point last_mark_;
};

}  // namespace ut::viewer
