#include "run_measures.hpp"

#include <algorithm>
#include <cmath>

#include "vehicle_on_link.hpp"

namespace ut::viewer {

namespace {

// Arrivals in (t0, t1] for the plots, and since `since` for the cards, in one pass over the
// trip records (they are indexed by trip, not sorted by arrival).
void scan_trips(const std::vector<engine::TripRecord>& trips, double t0, double t1, double since,
                Sample& s, TripTotals& tot) {
    std::uint64_t n = 0, n_tot = 0;
    double delay = 0.0, travel_tot = 0.0, delay_tot = 0.0, stops_tot = 0.0;
    for (const engine::TripRecord& r : trips) {
        if (!r.arrived()) continue;
        if (r.arrival_s > t0 && r.arrival_s <= t1) {
            ++n;
            delay += r.time_loss_s;
        }
        if (r.arrival_s > since) {
            ++n_tot;
            travel_tot += r.arrival_s - r.enter_s;
            delay_tot += r.time_loss_s;
            stops_tot += r.stops;
        }
    }
    const double dt = t1 - t0;
    s.throughput_veh_h = dt > 0.0 ? static_cast<double>(n) / dt * 3600.0 : 0.0;
    s.mean_delay_s = n > 0 ? delay / static_cast<double>(n) : kNaN;
    tot.since_s = since;
    tot.arrived = n_tot;
    if (n_tot > 0) {
        const double k = 1.0 / static_cast<double>(n_tot);
        tot.mean_travel_s = travel_tot * k;
        tot.mean_delay_s = delay_tot * k;
        tot.mean_stops = stops_tot * k;
    }
}

}  // namespace

std::vector<Sample> samples_from_trips(const std::vector<engine::TripRecord>& trips, double duration_s,
                                       double interval_s) {
    const auto bins = static_cast<std::size_t>(std::max(1.0, std::ceil(duration_s / interval_s)));
    const auto bin_of = [&](double t) {
        return std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, std::ceil(t / interval_s) - 1.0)));
    };
    std::vector<double> arrived(bins, 0.0), delay(bins, 0.0), change(bins, 0.0);
    for (const engine::TripRecord& r : trips) {
        if (!r.entered()) continue;
        change[bin_of(r.enter_s)] += 1.0;
        if (!r.arrived()) continue;
        const std::size_t b = bin_of(r.arrival_s);
        change[b] -= 1.0;
        arrived[b] += 1.0;
        delay[b] += r.time_loss_s;
    }
    std::vector<Sample> out(bins);
    double in_network = 0.0;
    for (std::size_t b = 0; b < bins; ++b) {
        const double t0 = static_cast<double>(b) * interval_s, t1 = std::min(t0 + interval_s, duration_s);
        in_network += change[b];
        out[b].time_s = t1;
        out[b].in_network = in_network;
        out[b].throughput_veh_h = t1 > t0 ? arrived[b] / (t1 - t0) * 3600.0 : 0.0;
        out[b].mean_delay_s = arrived[b] > 0.0 ? delay[b] / arrived[b] : kNaN;
    }
    return out;
}

TripTotals trip_totals(const std::vector<engine::TripRecord>& trips, double since_s) {
    Sample unused;
    TripTotals t;
    scan_trips(trips, 0.0, 0.0, since_s, unused, t);
    return t;
}

int junction_queue(const network::Network& net, const std::vector<LinkId>& approaches,
                   const engine::Snapshot& snap) {
    int queued = 0;
    for (LinkId id : approaches) {
        const network::Link& link = net.link(id);
        const Vec2 end = link.shape.back();
        const double reach = link.length_m + 5.0;
        for (const engine::VehicleSnapshot& v : snap.vehicles) {
            if (v.speed_mps >= kQueueSpeed_mps) continue;
            if (std::abs(v.position.x - end.x) > reach || std::abs(v.position.y - end.y) > reach) continue;
            if (on_link(link, v)) ++queued;
        }
    }
    return queued;
}

std::vector<engine::LinkStats> stats_between(const std::vector<engine::LinkStats>& later,
                                             const std::vector<engine::LinkStats>& earlier) {
    std::vector<engine::LinkStats> d(later.size());
    for (std::size_t i = 0; i < later.size(); ++i) {
        const engine::LinkStats& b = later[i];
        const engine::LinkStats e = i < earlier.size() ? earlier[i] : engine::LinkStats{};
        d[i].entered = b.entered - std::min(b.entered, e.entered);
        d[i].left = b.left - std::min(b.left, e.left);
        d[i].vehicle_seconds = b.vehicle_seconds - e.vehicle_seconds;
        d[i].vehicle_meters = b.vehicle_meters - e.vehicle_meters;
        d[i].time_loss_s = b.time_loss_s - e.time_loss_s;
    }
    return d;
}

SampleResult take_sample(const SampleInputs& in) {
    SampleResult out;
    Sample& s = out.sample;
    s.time_s = in.time_s;
    s.in_network = static_cast<double>(in.snapshot->vehicles.size());
    scan_trips(*in.trips, in.prev_time_s, in.time_s, in.totals_since_s, s, out.totals);

    const auto& now = *in.links_now;
    const auto& prev = *in.links_prev;
    const auto delta = [&](std::size_t link) {
        engine::LinkStats d = now[link];
        if (link < prev.size()) {
            d.left -= std::min(d.left, prev[link].left);
            d.vehicle_seconds -= prev[link].vehicle_seconds;
            d.vehicle_meters -= prev[link].vehicle_meters;
            d.time_loss_s -= prev[link].time_loss_s;
        }
        return d;
    };
    const double dt = in.time_s - in.prev_time_s;
    if (in.selection.junction.valid() && in.selection.junction.index() < in.incoming->size()) {
        const auto& approaches = (*in.incoming)[in.selection.junction.index()];
        double lost = 0.0, left = 0.0;
        for (LinkId l : approaches) {
            const engine::LinkStats d = delta(l.index());
            lost += d.time_loss_s;
            left += static_cast<double>(d.left);
        }
        // Time lost on the approaches per vehicle that got through: the junction's delay.
        s.junction_delay_s = left > 0.0 ? lost / left : kNaN;
        s.junction_queue = junction_queue(*in.net, approaches, *in.snapshot);
    }
    if (in.selection.link.valid() && in.selection.link.index() < now.size()) {
        const engine::LinkStats d = delta(in.selection.link.index());
        s.link_speed_kmh = d.vehicle_seconds > 0.0 ? d.vehicle_meters / d.vehicle_seconds * 3.6 : kNaN;
        s.link_flow_veh_h = dt > 0.0 ? static_cast<double>(d.left) / dt * 3600.0 : kNaN;
    }
    if (in.transit && in.transit->active() && in.selection.bus_line < in.transit->lines->lines.size())
        line_sample(*in.transit, in.selection.bus_line, s);
    return out;
}

void line_sample(const transit::TransitState& tr, std::uint32_t line, Sample& s) {
    const transit::TransitLines& lines = *tr.lines;
    double on_board = 0.0;
    for (std::size_t r = 0; r < lines.runs.size(); ++r)
        if (lines.runs[r].line == line) on_board += tr.runs[r].load;
    const std::size_t stops = lines.lines[line].stops.size();
    double waiting = 0.0;
    for (std::size_t k = 0; k < stops; ++k) waiting += tr.stops[lines.line_first_stop[line] + k].waiting_count();
    // The last two arrivals at each stop (events are in time order).
    std::vector<double> last(stops, kNaN), before(stops, kNaN);
    for (const transit::StopEvent& e : tr.events) {
        if (lines.runs[e.run].line != line) continue;
        before[e.stop] = last[e.stop];
        last[e.stop] = e.arrival_s;
    }
    double sum = 0.0;
    int n = 0;
    for (std::size_t k = 0; k < stops; ++k)
        if (!std::isnan(before[k])) {
            sum += last[k] - before[k];
            ++n;
        }
    s.line_passengers = on_board;
    s.line_waiting = waiting;
    s.line_headway_s = n > 0 ? sum / n : kNaN;
}

}  // namespace ut::viewer
