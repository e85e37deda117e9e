// The per-link values the map layers colour, whatever they come from: the link counters of
// the last few simulated minutes of a live run, or the links.csv of a finished run. The layers
// (layers.hpp) only see these, so a live run and a finished run are drawn the same way.
//
//   speed_mps   space-mean speed (vehicle-metres / vehicle-seconds); NaN: nobody drove there
//   delay_s     time lost per vehicle: live, per vehicle that left the link (one still stuck
//               counts as one leaving); finished, per vehicle that entered (links.csv)
//   vehicle_km  distance driven on the link in the period
//   buses       distinct buses seen on the link in the period; NaN: the source has no bus data
//   passengers  passengers on those buses when seen; NaN until the engine reports bus loads
//
// Header-only and UI-free: tested headless in tests/viewer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/records.hpp"

namespace ut::viewer {

struct LinkMeasure {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    double speed_mps = kNone;
    double delay_s = kNone;
    double vehicle_km = 0.0;
    double buses = kNone;
    double passengers = kNone;
};

struct LinkMeasures {
    std::vector<LinkMeasure> link;  // by link id
    double period_s = 0.0;          // what the values cover
    bool whole_run = false;         // a finished run's totals, not the last few minutes
};

// From link counters accumulated over `period_s` (the live window).
inline LinkMeasures measures_from_stats(const std::vector<engine::LinkStats>& stats, double period_s) {
    LinkMeasures m;
    m.period_s = period_s;
    m.link.resize(stats.size());
    for (std::size_t i = 0; i < stats.size(); ++i) {
        const engine::LinkStats& s = stats[i];
        LinkMeasure& out = m.link[i];
        out.vehicle_km = std::max(s.vehicle_meters, 0.0) / 1000.0;
        if (s.vehicle_seconds <= 0.0) continue;
        out.speed_mps = s.vehicle_meters / s.vehicle_seconds;
        out.delay_s = s.time_loss_s / static_cast<double>(std::max<std::uint64_t>(s.left, 1));
    }
    return m;
}

}  // namespace ut::viewer
