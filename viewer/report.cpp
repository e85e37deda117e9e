// `report FILE` in scripts: the state a CI check compares, as plain `key = value` lines
// (one per line, keys prefixed a. / b. per run): the time, the fork, each run's state hash,
// the selected junction's plan as the simulation runs it, the selected street's layer
// values, and the outcome since the fork (finished runs: over the whole run).
#include <cmath>

#include <fmt/format.h>

#include "actions.hpp"
#include "layers.hpp"
#include "output/atomic_file.hpp"

namespace ut::viewer {

namespace {

void add(std::string& out, const std::string& key, double v) {
    out += std::isnan(v) ? fmt::format("{} = nan\n", key) : fmt::format("{} = {:.6g}\n", key, v);
}

// Mean of a sampled measure over samples after `since_s` (the fork), NaN when none.
double mean_after(const std::vector<Sample>& samples, double since_s, double Sample::*field) {
    double sum = 0.0;
    int n = 0;
    for (const Sample& s : samples) {
        if (s.time_s <= since_s || std::isnan(s.*field)) continue;
        sum += s.*field;
        ++n;
    }
    return n ? sum / n : std::nan("");
}

}  // namespace

void Actions::write_report(const std::filesystem::path& path) const {
    if (!st_.frame) return;
    const RunFrame& f = *st_.frame;
    std::string out;
    add(out, "time_s", f.a.time_s);
    out += fmt::format("forked = {}\n", f.b.has_value());
    out += fmt::format("finished = {}\n", f.finished);
    add(out, "fork_time_s", f.fork_time_s);
    const JunctionId j = st_.selection.junction;
    out += fmt::format("junction = {}\n", j.valid() ? static_cast<long>(j.index()) : -1L);
    const LinkId l = st_.selection.link;
    out += fmt::format("link = {}\n", l.valid() ? static_cast<long>(l.index()) : -1L);
    out += fmt::format("line = {}\n", st_.selection.bus_line != kNoBusLine ? static_cast<long>(st_.selection.bus_line) : -1L);
    const auto run_lines = [&](const char* prefix, const RunView& r) {
        const std::string p = prefix;
        out += fmt::format("{}.state_hash = {:016x}\n", p, r.state_hash);
        add(out, p + ".vehicles", static_cast<double>(r.counters.in_network));
        add(out, p + ".arrived", static_cast<double>(r.counters.arrived));
        add(out, p + ".arrived_since_fork", static_cast<double>(r.totals.arrived));
        add(out, p + ".mean_travel_s", r.totals.mean_travel_s);
        add(out, p + ".mean_delay_s", r.totals.mean_delay_s);
        add(out, p + ".mean_stops", r.totals.mean_stops);
        const double since = std::isnan(f.fork_time_s) ? -1.0 : f.fork_time_s;
        if (r.samples) {
            add(out, p + ".junction_delay_s", mean_after(*r.samples, since, &Sample::junction_delay_s));
            add(out, p + ".junction_queue", mean_after(*r.samples, since, &Sample::junction_queue));
            if (st_.selection.bus_line != kNoBusLine && !r.samples->empty()) {
                add(out, p + ".line.passengers", r.samples->back().line_passengers);
                add(out, p + ".line.waiting", r.samples->back().line_waiting);
                add(out, p + ".line.headway_s", r.samples->back().line_headway_s);
            }
        }
        if (r.measures) {  // the transit layer's data: NaN when the run has no bus data
            double with_buses = transit_data(*r.measures) == TransitData::None ? kNaN : 0.0;
            for (const LinkMeasure& m : r.measures->link) with_buses += m.buses > 0.0 ? 1.0 : 0.0;
            add(out, p + ".links_with_buses", with_buses);
        }
        // The selected street's layer values: what the map colours it by.
        if (r.measures && l.valid() && l.index() < r.measures->link.size()) {
            const LinkMeasure& m = r.measures->link[l.index()];
            add(out, p + ".link.speed_kmh", m.speed_mps * 3.6);
            add(out, p + ".link.delay_s", m.delay_s);
            add(out, p + ".link.buses", m.buses);
            add(out, p + ".link.passengers", m.passengers);
        }
        if (const signals::SignalPlan* plan = j.valid() ? running_plan_of(r, j) : nullptr) {
            add(out, p + ".plan.cycle_s", plan->cycle_s());
            add(out, p + ".plan.offset_s", plan->offset_s);
            for (std::size_t i = 0; i < plan->stages.size(); ++i)
                add(out, fmt::format("{}.plan.stage{}.green_s", p, i + 1), plan->stages[i].green_s);
        }
    };
    run_lines("a", f.a);
    if (f.b) run_lines("b", *f.b);
    output::write_file_atomically(path, out);
}

}  // namespace ut::viewer
