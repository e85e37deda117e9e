#include "metrics/transit_summary.hpp"

#include <algorithm>
#include <cmath>

namespace ut::metrics {
namespace {

void headway_figures(const transit::TransitState& st, std::uint32_t line, LineSummary& out) {
    const transit::TransitLines& lines = *st.lines;
    const double scheduled = lines.lines[line].scheduled_headway_s();
    std::vector<std::vector<double>> arrivals(lines.lines[line].stops.size());
    for (const transit::StopEvent& e : st.events)
        if (lines.runs[e.run].line == line) arrivals[e.stop].push_back(e.arrival_s);
    double sum = 0.0;
    double sum2 = 0.0;
    std::uint64_t n = 0;
    std::uint64_t bunched = 0;
    for (std::vector<double>& at_stop : arrivals) {
        std::sort(at_stop.begin(), at_stop.end());
        for (std::size_t i = 1; i < at_stop.size(); ++i) {
            const double h = at_stop[i] - at_stop[i - 1];
            sum += h;
            sum2 += h * h;
            ++n;
            if (scheduled > 0.0 && h < 0.5 * scheduled) ++bunched;
        }
    }
    if (scheduled > 0.0) out.scheduled_headway_s = scheduled;
    if (n == 0) return;
    const double mean = sum / static_cast<double>(n);
    out.mean_headway_s = mean;
    out.headway_cv = mean > 0.0 ? std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - mean * mean)) / mean : LineSummary::kNone;
    if (scheduled > 0.0) out.bunched_share = static_cast<double>(bunched) / static_cast<double>(n);
}

}  // namespace

std::vector<LineSummary> compute_transit_summary(const transit::TransitState& st,
                                                 const std::vector<engine::VehicleType>& types) {
    std::vector<LineSummary> out;
    if (!st.active()) return out;
    const transit::TransitLines& lines = *st.lines;
    for (std::uint32_t l = 0; l < lines.lines.size(); ++l) {
        const transit::BusLine& line = lines.lines[l];
        LineSummary s;
        s.line = line.name;
        s.stops = static_cast<std::uint32_t>(line.stops.size());
        s.capacity = line.vehicle_type.index() < types.size() ? types[line.vehicle_type.index()].capacity : 0;
        for (std::uint32_t k = 0; k < line.stops.size(); ++k) {
            const transit::StopQueue& q = st.stops[lines.line_first_stop[l] + k];
            s.waiting += q.waiting_count();
            s.arrived_at_stops += q.arrivals;
        }
        out.push_back(s);
    }
    for (std::uint32_t r = 0; r < lines.runs.size(); ++r) {
        LineSummary& s = out[lines.runs[r].line];
        ++s.runs_planned;
        if (st.seen[r].step != ~std::uint64_t{0}) ++s.runs_started;
        if (st.seen[r].left) ++s.runs_finished;
        s.on_board += st.runs[r].load;
    }
    std::vector<double> load_sum(out.size(), 0.0), wait_sum(out.size(), 0.0), dwell_sum(out.size(), 0.0);
    std::vector<std::uint64_t> departures(out.size(), 0);
    for (const transit::StopEvent& e : st.events) {
        const std::uint32_t l = lines.runs[e.run].line;
        LineSummary& s = out[l];
        ++s.stop_events;
        s.carried += e.boarded;
        s.alighted += e.alighted;
        wait_sum[l] += e.wait_s;
        if (e.departure_s < 0.0) continue;
        ++departures[l];
        load_sum[l] += e.load;
        dwell_sum[l] += e.departure_s - e.arrival_s;
        s.max_load = std::max(s.max_load, e.load);
        s.left_behind += e.left_behind;
    }
    for (std::uint32_t l = 0; l < out.size(); ++l) {
        LineSummary& s = out[l];
        if (departures[l] > 0) {
            s.mean_load = load_sum[l] / static_cast<double>(departures[l]);
            s.mean_dwell_s = dwell_sum[l] / static_cast<double>(departures[l]);
        }
        if (s.carried > 0) s.mean_wait_s = wait_sum[l] / static_cast<double>(s.carried);
        headway_figures(st, l, s);
    }
    return out;
}

}  // namespace ut::metrics
