#include "signals/cycle_program.hpp"

#include <algorithm>
#include <cmath>

namespace ut::signals {
namespace {

constexpr double kEps = 1e-6;

double wrap(double t, double c) {
    double r = std::fmod(t, c);
    if (r < 0.0) r += c;
    return r >= c - kEps ? 0.0 : r;
}

double max_green_of(const SignalPlan& plan, const TimingPlan& t, std::size_t p) {
    return t.max_green_s.size() == plan.phases.size() ? t.max_green_s[p] : plan.phases[p].max_green_s;
}

// Fills extendable / min_duration_s of an interval from its ring states.
void actuation_limits(const SignalPlan& plan, const CycleLayout& layout, CycleInterval& iv) {
    bool any_green = false;
    bool clearing = false;
    double min_left = 0.0;
    for (const RingView& r : iv.rings) {
        if (r.phase == kNoPhase || r.interval == Interval::Rest) continue;
        if (r.interval != Interval::Green) {
            clearing = true;
            continue;
        }
        any_green = true;
        const double ran = iv.start_s - layout.windows[r.phase].start_s;
        min_left = std::max(min_left, plan.phases[r.phase].min_green_s - ran);
    }
    iv.extendable = any_green && !clearing;
    iv.min_duration_s = iv.extendable ? std::clamp(min_left, 0.0, iv.duration_s) : iv.duration_s;
}

}  // namespace

double CycleProgram::layout_time(double t_s) const { return cycle_s > 0.0 ? wrap(t_s - start_s, cycle_s) : 0.0; }

TimingPlan with_splits(const SignalPlan& plan, const TimingPlan& timing) {
    TimingPlan t = timing;
    if (t.split_s.size() == plan.phases.size()) return t;
    t.split_s.clear();
    for (std::size_t p = 0; p < plan.phases.size(); ++p)
        t.split_s.push_back(max_green_of(plan, timing, p) + plan.phases[p].clearance_s());
    return t;
}

CycleProgram cycle_program(const SignalPlan& plan, std::size_t timing) {
    CycleProgram out;
    if (timing >= plan.timings.size() || !structure_problems(plan).empty()) return out;
    const TimingPlan t = with_splits(plan, plan.timings[timing]);
    out.layout = layout_cycle(plan, t);
    out.cycle_s = out.layout.cycle_s;
    if (!(out.cycle_s > kEps)) return out;
    out.start_s = wrap(t.offset_s - out.layout.reference_s, out.cycle_s);

    // Colours change only where some phase window starts or ends an interval.
    std::vector<double> cuts{0.0, out.cycle_s};
    for (const PhaseWindow& w : out.layout.windows)
        for (double c : {w.start_s, w.green_end_s, w.yellow_end_s, w.end_s})
            if (c > 0.0 && c < out.cycle_s) cuts.push_back(c);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end(), [](double a, double b) { return b - a < kEps; }), cuts.end());

    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        CycleInterval iv;
        iv.start_s = cuts[i];
        iv.duration_s = cuts[i + 1] - cuts[i];
        iv.colors.resize(plan.groups.size());
        fixed_time_rings(plan, out.layout, 0.5 * (cuts[i] + cuts[i + 1]), iv.rings);
        group_colors(plan, iv.rings, iv.colors);
        actuation_limits(plan, out.layout, iv);
        if (!out.intervals.empty() && out.intervals.back().colors == iv.colors) {
            // Same colours, other ring states (say one ring's all-red while the other is
            // idle): one state for SUMO, no longer cut short as a whole.
            CycleInterval& prev = out.intervals.back();
            prev.duration_s += iv.duration_s;
            prev.extendable = false;
            prev.min_duration_s = prev.duration_s;
            continue;
        }
        out.intervals.push_back(std::move(iv));
    }
    return out;
}

}  // namespace ut::signals
