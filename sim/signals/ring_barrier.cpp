#include "signals/ring_barrier.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ut::signals {
namespace {

constexpr double kSplitTolerance_s = 0.01;

int rank(SignalColor c) {
    switch (c) {
        case SignalColor::Red: return 0;
        case SignalColor::Yellow: return 1;
        case SignalColor::GreenPermissive: return 2;
        case SignalColor::Green: return 3;
    }
    return 0;
}

void raise(std::span<SignalColor> colors, std::uint16_t g, SignalColor c) {
    if (g < colors.size() && rank(c) > rank(colors[g])) colors[g] = c;
}

bool contains(const std::vector<std::uint16_t>& v, std::uint16_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

std::string phase_name(const SignalPlan& plan, std::size_t p) {
    return fmt::format("phase {}", p < plan.phases.size() ? plan.phases[p].number : 0);
}

void check_timing(const SignalPlan& plan, const TimingPlan& t, std::vector<std::string>& out) {
    const std::size_t n = plan.phases.size();
    const std::string where = fmt::format("timing plan '{}'", t.name);
    if (!t.max_green_s.empty() && t.max_green_s.size() != n)
        out.push_back(fmt::format("{} gives {} max greens for {} phases", where, t.max_green_s.size(), n));
    const bool needs_splits = t.controller == ControllerKind::FixedTime || t.controller == ControllerKind::Coordinated;
    if (!needs_splits) return;
    if (t.split_s.size() != n) {
        out.push_back(fmt::format("{} ({}) needs a split for each of the {} phases, has {}", where,
                                  to_string(t.controller), n, t.split_s.size()));
        return;
    }
    const auto places = phase_places(plan);
    for (std::size_t p = 0; p < n; ++p) {
        if (places[p].ring == kNoPhase) continue;
        const Phase& ph = plan.phases[p];
        const double min_green = t.controller == ControllerKind::Coordinated ? ph.min_green_s : 0.0;
        if (!(t.split_s[p] >= ph.clearance_s() + min_green - 1e-9) || !std::isfinite(t.split_s[p]))
            out.push_back(fmt::format("{}: the split of {} is {} s, less than its {}clearance ({} s)", where,
                                      phase_name(plan, p), t.split_s[p],
                                      min_green > 0.0 ? "minimum green + " : "", ph.clearance_s() + min_green));
    }
    const std::size_t barriers = plan.rings.empty() ? 0 : plan.rings[0].size();
    for (std::size_t b = 0; b < barriers; ++b) {
        double first_sum = -1.0;
        std::size_t first_ring = 0;
        for (std::size_t r = 0; r < plan.rings.size(); ++r) {
            if (b >= plan.rings[r].size() || plan.rings[r][b].empty()) continue;
            double sum = 0.0;
            for (std::uint8_t p : plan.rings[r][b]) sum += p < n ? t.split_s[p] : 0.0;
            if (first_sum < 0.0) {
                first_sum = sum;
                first_ring = r;
            } else if (std::abs(sum - first_sum) > kSplitTolerance_s) {
                out.push_back(fmt::format("{}: between barriers {} and {} the splits of ring {} sum to {} s but those of "
                                          "ring {} to {} s; rings must reach a barrier together",
                                          where, b, b + 1, first_ring + 1, first_sum, r + 1, sum));
            }
        }
    }
    if (t.controller == ControllerKind::Coordinated) {
        if (t.coordinated.empty()) out.push_back(where + ": a coordinated plan names no coordinated phase");
        std::vector<int> per_ring(plan.rings.size(), 0);
        std::uint8_t barrier = kNoPhase;
        for (std::uint8_t c : t.coordinated) {
            if (c >= n || places[c].ring == kNoPhase) {
                out.push_back(fmt::format("{}: coordinated phase index {} is not a phase in a ring", where, c));
                continue;
            }
            if (++per_ring[places[c].ring] > 1)
                out.push_back(fmt::format("{}: ring {} has more than one coordinated phase", where, places[c].ring + 1));
            if (barrier != kNoPhase && places[c].barrier != barrier)
                out.push_back(fmt::format("{}: the coordinated phases must be between the same barriers", where));
            barrier = places[c].barrier;
        }
    }
}

}  // namespace

SignalPlan to_ring_form(const SignalPlan& plan) {
    SignalPlan out = plan;
    if (out.phases.empty()) {
        std::vector<std::uint8_t> sequence;
        TimingPlan fixed;
        fixed.offset_s = plan.offset_s;
        for (std::size_t i = 0; i < plan.stages.size(); ++i) {
            const Stage& s = plan.stages[i];
            Phase ph;
            ph.number = static_cast<std::uint8_t>(std::min<std::size_t>(i + 1, 255));
            for (std::uint16_t g : s.green_groups) {
                const bool permissive = g < plan.groups.size() && plan.groups[g].permissive;
                (permissive ? ph.permissive_groups : ph.groups).push_back(g);
            }
            ph.min_green_s = std::min(5.0, s.green_s);
            ph.max_green_s = s.green_s;  // actuated control may only shorten a stage
            ph.yellow_s = s.yellow_s;
            ph.all_red_s = s.all_red_s;
            out.phases.push_back(std::move(ph));
            sequence.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(i, kNoPhase - 1)));
            fixed.split_s.push_back(s.duration_s());
        }
        out.rings = {{sequence}};
        out.timings = {fixed};
        return out;
    }
    if (out.rings.empty()) {
        std::vector<std::uint8_t> all;
        for (std::size_t p = 0; p < out.phases.size() && p < kNoPhase; ++p) all.push_back(static_cast<std::uint8_t>(p));
        out.rings = {{all}};
    }
    if (out.timings.empty()) {
        TimingPlan fixed;
        fixed.offset_s = plan.offset_s;
        for (const Phase& ph : out.phases) fixed.split_s.push_back(ph.max_green_s + ph.clearance_s());
        out.timings.push_back(fixed);
    }
    return out;
}

std::vector<std::string> structure_problems(const SignalPlan& plan) {
    std::vector<std::string> out;
    const std::size_t n = plan.phases.size();
    if (n > kMaxPhases) out.push_back(fmt::format("{} phases; at most {} are supported", n, kMaxPhases));
    for (std::size_t p = 0; p < n; ++p) {
        const Phase& ph = plan.phases[p];
        const std::string name = phase_name(plan, p);
        if (ph.number == 0) out.push_back(fmt::format("phase index {} has no number (use 1..255)", p));
        for (std::size_t q = 0; q < p; ++q)
            if (plan.phases[q].number == ph.number) out.push_back(fmt::format("{} is defined twice", name));
        for (const auto* list : {&ph.groups, &ph.permissive_groups})
            for (std::uint16_t g : *list)
                if (g >= plan.groups.size())
                    out.push_back(fmt::format("{} serves signal group {}, but the plan has {} groups", name, g,
                                              plan.groups.size()));
        const double values[] = {ph.min_green_s, ph.max_green_s, ph.passage_s, ph.yellow_s, ph.all_red_s};
        if (std::any_of(std::begin(values), std::end(values), [](double v) { return !(v >= 0.0) || !std::isfinite(v); }))
            out.push_back(fmt::format("{} has a negative or non-finite time", name));
        if (ph.max_green_s < ph.min_green_s)
            out.push_back(fmt::format("{}: max green {} s is below its min green {} s", name, ph.max_green_s, ph.min_green_s));
    }
    if (plan.rings.empty() || plan.rings.size() > kMaxRings)
        out.push_back(fmt::format("{} rings; use 1 to {}", plan.rings.size(), kMaxRings));
    std::vector<int> seen(n, 0);
    for (std::size_t r = 0; r < plan.rings.size(); ++r) {
        if (plan.rings[r].size() != plan.rings[0].size() || plan.rings[r].empty())
            out.push_back(fmt::format("ring {} has {} barrier groups, ring 1 has {}; every ring needs the same number",
                                      r + 1, plan.rings[r].size(), plan.rings[0].size()));
        for (const auto& group : plan.rings[r])
            for (std::uint8_t p : group) {
                if (p >= n) out.push_back(fmt::format("ring {} names phase index {}, but there are {} phases", r + 1, p, n));
                else if (++seen[p] == 2) out.push_back(fmt::format("{} appears more than once in the rings", phase_name(plan, p)));
            }
    }
    for (std::size_t p = 0; p < n; ++p)
        if (seen[p] == 0) out.push_back(fmt::format("{} is in no ring", phase_name(plan, p)));
    if (plan.timings.empty()) out.push_back("the plan has no timing plan");
    for (std::size_t i = 0; i < plan.timings.size(); ++i) {
        if (i > 0 && !(plan.timings[i].from_s > plan.timings[i - 1].from_s))
            out.push_back(fmt::format("timing plan '{}' starts at {} s, not after '{}' ({} s); list them in time order",
                                      plan.timings[i].name, plan.timings[i].from_s, plan.timings[i - 1].name,
                                      plan.timings[i - 1].from_s));
        if (out.empty()) check_timing(plan, plan.timings[i], out);
    }
    return out;
}

double CycleLayout::cycle_time(double t_s, double offset_s) const {
    if (cycle_s <= 0.0) return 0.0;
    double tau = std::fmod(t_s - offset_s + reference_s, cycle_s);
    if (tau < 0.0) tau += cycle_s;
    return tau;
}

CycleLayout layout_cycle(const SignalPlan& plan, const TimingPlan& timing) {
    CycleLayout layout;
    layout.windows.assign(plan.phases.size(), {});
    const std::size_t barriers = plan.rings.empty() ? 0 : plan.rings[0].size();
    const auto split = [&](std::uint8_t p) { return p < timing.split_s.size() ? timing.split_s[p] : 0.0; };
    double start = 0.0;
    for (std::size_t b = 0; b < barriers; ++b) {
        layout.barrier_start_s.push_back(start);
        double duration = 0.0;
        for (const auto& ring : plan.rings) {
            if (b >= ring.size()) continue;
            double t = start;
            for (std::uint8_t p : ring[b]) {
                if (p >= plan.phases.size()) continue;
                const Phase& ph = plan.phases[p];
                PhaseWindow& w = layout.windows[p];
                w.start_s = t;
                w.end_s = t + split(p);
                w.yellow_end_s = w.end_s - ph.all_red_s;
                w.green_end_s = w.yellow_end_s - ph.yellow_s;
                t = w.end_s;
            }
            duration = std::max(duration, t - start);
        }
        start += duration;
    }
    layout.barrier_start_s.push_back(start);
    layout.cycle_s = start;
    if (!timing.coordinated.empty() && timing.coordinated[0] < layout.windows.size()) {
        const PhaseWindow& w = layout.windows[timing.coordinated[0]];
        layout.reference_s = timing.offset_reference == OffsetReference::BeginOfGreen ? w.start_s : w.green_end_s;
    } else if (timing.offset_reference == OffsetReference::BeginOfYellow && !plan.rings.empty() &&
               !plan.rings[0].empty() && !plan.rings[0][0].empty() && plan.rings[0][0][0] < layout.windows.size()) {
        layout.reference_s = layout.windows[plan.rings[0][0][0]].green_end_s;
    }
    return layout;
}

void fixed_time_rings(const SignalPlan& plan, const CycleLayout& layout, double tau, std::span<RingView> rings) {
    std::size_t b = 0;
    while (b + 2 < layout.barrier_start_s.size() && tau >= layout.barrier_start_s[b + 1]) ++b;
    for (std::size_t r = 0; r < rings.size(); ++r) {
        rings[r] = RingView{};
        if (r >= plan.rings.size() || b >= plan.rings[r].size()) continue;
        for (std::uint8_t p : plan.rings[r][b]) {
            const PhaseWindow& w = layout.windows[p];
            if (tau < w.start_s || tau >= w.end_s) continue;
            rings[r].phase = p;
            rings[r].interval = tau < w.green_end_s ? Interval::Green
                                : tau < w.yellow_end_s ? Interval::Yellow
                                                       : Interval::AllRed;
            rings[r].next = next_in_ring(plan, r, p);
            break;
        }
    }
}

std::uint8_t next_in_ring(const SignalPlan& plan, std::size_t r, std::uint8_t phase) {
    const auto& ring = plan.rings[r];
    for (std::size_t b = 0; b < ring.size(); ++b) {
        const auto it = std::find(ring[b].begin(), ring[b].end(), phase);
        if (it == ring[b].end()) continue;
        if (it + 1 != ring[b].end()) return *(it + 1);
        for (std::size_t k = 1; k <= ring.size(); ++k) {
            const auto& group = ring[(b + k) % ring.size()];
            if (!group.empty()) return group.front();
        }
    }
    return kNoPhase;
}

void group_colors(const SignalPlan& plan, std::span<const RingView> rings, std::span<SignalColor> colors) {
    std::fill(colors.begin(), colors.end(), SignalColor::Red);
    for (const RingView& ring : rings) {
        if (ring.phase >= plan.phases.size()) continue;
        const Phase& ph = plan.phases[ring.phase];
        if (ring.interval == Interval::Green) {
            for (std::uint16_t g : ph.groups) raise(colors, g, SignalColor::Green);
            for (std::uint16_t g : ph.permissive_groups) raise(colors, g, SignalColor::GreenPermissive);
            continue;
        }
        const Phase* next = ring.next < plan.phases.size() ? &plan.phases[ring.next] : nullptr;
        const bool yellow = ring.interval == Interval::Yellow;
        for (std::uint16_t g : ph.groups) {
            if (next && contains(next->groups, g)) raise(colors, g, SignalColor::Green);  // overlap carries over
            else if (yellow) raise(colors, g, SignalColor::Yellow);
        }
        for (std::uint16_t g : ph.permissive_groups) {
            if (next && contains(next->permissive_groups, g)) raise(colors, g, SignalColor::GreenPermissive);
            else if (yellow) raise(colors, g, SignalColor::Yellow);
        }
    }
}

std::vector<PhasePlace> phase_places(const SignalPlan& plan) {
    std::vector<PhasePlace> places(plan.phases.size());
    for (std::size_t r = 0; r < plan.rings.size() && r < kMaxRings; ++r)
        for (std::size_t b = 0; b < plan.rings[r].size(); ++b)
            for (std::size_t i = 0; i < plan.rings[r][b].size(); ++i) {
                const std::uint8_t p = plan.rings[r][b][i];
                if (p < places.size() && places[p].ring == kNoPhase)
                    places[p] = {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(std::min<std::size_t>(b, 254)),
                                 static_cast<std::uint8_t>(std::min<std::size_t>(i, 255))};
            }
    return places;
}

bool phases_compatible(const std::vector<PhasePlace>& places, std::uint8_t a, std::uint8_t b) {
    if (a == b) return true;
    if (a >= places.size() || b >= places.size()) return false;
    return places[a].ring != places[b].ring && places[a].barrier == places[b].barrier;
}

}  // namespace ut::signals
