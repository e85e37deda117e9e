// Progress of a run on the terminal. On a TTY one line is redrawn in place (at most ten
// times a second); otherwise (a log file, CI) a plain line is printed at every 10 %, so
// logs stay short and readable.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace ut::cli {

struct ProgressSample {
    double time_s = 0.0;  // simulated
    std::uint64_t in_network = 0;
    std::uint64_t arrived = 0;
    double wall_s = 0.0;  // since the run started
};

class Progress {
public:
    Progress(std::FILE* stream, bool tty, double total_s);
    void update(const ProgressSample& sample);
    // Ends the progress display (the TTY line is completed with a newline).
    void finish(const ProgressSample& sample);

private:
    std::string line(const ProgressSample& sample, bool bar) const;

    std::FILE* stream_;
    bool tty_;
    double total_s_;
    int next_decile_ = 1;
    double last_draw_wall_s_ = -1.0;
    bool drawn_ = false;
};

// "1:05:30" (or "5:30" under an hour).
std::string format_clock(double seconds);

}  // namespace ut::cli
