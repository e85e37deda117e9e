#include "finished_runs.hpp"

#include <algorithm>
#include <cmath>

#include "run_measures.hpp"

namespace ut::viewer {

namespace {

// About 120 points over the run, at least a minute apart: smooth enough to read the trend.
double plot_interval_s(double duration_s) { return std::max(60.0, std::ceil(duration_s / 120.0 / 60.0) * 60.0); }

RunView view_of(const FinishedRun& run) {
    const RunSummary& s = run.summary;
    RunView v;
    v.time_s = s.duration_s;
    auto snap = std::make_shared<engine::Snapshot>();
    snap->time_s = s.duration_s;
    v.snapshot = std::move(snap);
    v.measures = std::make_shared<const LinkMeasures>(run.links);
    const auto count = [](double x) { return static_cast<std::uint64_t>(std::max(0.0, std::isnan(x) ? 0.0 : x)); };
    v.counters.departed = count(s.departed);
    v.counters.arrived = count(s.arrived);
    v.counters.in_network = count(s.in_network);
    v.counters.waiting_to_enter = count(s.waiting_to_enter);
    v.counters.gridlock_events = count(s.gridlock_events);
    v.counters.teleports = count(s.teleports);
    v.samples = std::make_shared<const std::vector<Sample>>(
        samples_from_trips(run.trips, s.duration_s, plot_interval_s(s.duration_s)));
    // The run's own KPIs, as `urbantwin run` printed them; stops are only in trips.csv.
    v.totals = trip_totals(run.trips, 0.0);
    v.totals.arrived = v.counters.arrived;
    v.totals.mean_travel_s = s.mean_travel_time_s;
    v.totals.mean_delay_s = s.mean_delay_s;
    return v;
}

}  // namespace

std::shared_ptr<const RunFrame> finished_frame(const std::vector<FinishedRun>& runs) {
    auto f = std::make_shared<RunFrame>();
    f->serial = 1;
    f->finished = true;
    if (!runs.empty()) f->a = view_of(runs[0]);
    if (runs.size() > 1) {
        f->b = view_of(runs[1]);
        f->fork_time_s = 0.0;  // compared from the start
    }
    return f;
}

std::string run_label(const FinishedRun& run) {
    std::string s = run.dir.string();
    while (s.size() > 1 && (s.back() == '/' || s.back() == '\\')) s.pop_back();
    return s;
}

}  // namespace ut::viewer
