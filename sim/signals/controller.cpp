// The ring-barrier state machine shared by all controllers (see controller.hpp), and the
// fixed-time, actuated and coordinated-actuated decisions. Max-pressure decisions are in
// max_pressure.cpp.
#include "signals/controller.hpp"

#include <algorithm>
#include <cmath>

namespace ut::signals {
namespace {

constexpr double kEps = 1e-9;

constexpr std::uint32_t bit(std::size_t p) { return p < 32 ? 1u << p : 0u; }
constexpr bool has(std::uint32_t mask, std::size_t p) { return (mask & bit(p)) != 0; }

// How far `to` lies ahead of `from` around a cycle of length c.
double ahead(double from, double to, double c) {
    if (c <= 0.0) return 0.0;
    double d = std::fmod(to - from, c);
    if (d < 0.0) d += c;
    return d;
}

const TimingPlan& timing_of(const CompiledPlan& cp, const ControllerState& s) { return cp.plan.timings[s.timing]; }

bool is_coordinated(const TimingPlan& t, std::uint8_t p) {
    return t.controller == ControllerKind::Coordinated &&
           std::find(t.coordinated.begin(), t.coordinated.end(), p) != t.coordinated.end();
}

double max_green(const CompiledPlan& cp, const TimingPlan& t, std::uint8_t p) {
    return t.max_green_s.size() == cp.plan.phases.size() ? t.max_green_s[p] : cp.plan.phases[p].max_green_s;
}

std::uint32_t green_mask(const ControllerState& s) {
    std::uint32_t m = 0;
    for (const RingState& r : s.rings)
        if (r.interval == Interval::Green) m |= bit(r.phase);
    return m;
}

bool priority_active(const ControllerState& s, double t) {
    return s.priority_group != ControllerState::kNoGroup && t <= s.priority_until_s;
}

std::uint32_t priority_phases(const CompiledPlan& cp, const ControllerState& s, double t) {
    if (!priority_active(s, t) || s.priority_group >= cp.serves_group.size()) return 0;
    return cp.serves_group[s.priority_group];
}

// Coordination: a side phase may start only if its min green fits between now and its
// force-off, inside the window that opens at its ring's coordinated yield point.
bool window_open(const CompiledPlan& cp, const ControllerState& s, std::size_t ring, std::uint8_t q, double t) {
    const TimingPlan& tp = timing_of(cp, s);
    if (tp.controller != ControllerKind::Coordinated || is_coordinated(tp, q)) return true;
    const CycleLayout& layout = cp.layouts[s.timing];
    std::uint8_t coord = tp.coordinated.empty() ? kNoPhase : tp.coordinated.front();
    for (std::uint8_t c : tp.coordinated)
        if (cp.places[c].ring == ring) coord = c;
    if (coord == kNoPhase) return true;
    const double tau = layout.cycle_time(t, tp.offset_s);
    const double open = layout.windows[coord].green_end_s;
    const double force_off = layout.windows[q].green_end_s;
    return ahead(open, tau, layout.cycle_s) + cp.plan.phases[q].min_green_s <=
           ahead(open, force_off, layout.cycle_s) + kEps;
}

// First phase of ring r in barrier group b, from position `from`, that is called, not yet
// served in this visit, and may start now; a priority phase is preferred.
std::uint8_t eligible(const CompiledPlan& cp, const ControllerState& s, std::size_t r, std::size_t b,
                      std::size_t from, std::uint32_t served, std::uint32_t calls, double t) {
    if (r >= cp.plan.rings.size() || b >= cp.plan.rings[r].size()) return kNoPhase;
    const auto& seq = cp.plan.rings[r][b];
    const std::uint32_t prio = priority_phases(cp, s, t);
    std::uint8_t first = kNoPhase;
    for (std::size_t i = from; i < seq.size(); ++i) {
        const std::uint8_t q = seq[i];
        if (!has(calls, q) || has(served, q) || !window_open(cp, s, r, q, t)) continue;
        if (has(prio, q)) return q;
        if (first == kNoPhase) first = q;
    }
    return first;
}

// Marks q and the phases before it in its ring's group as passed for this barrier visit.
void mark_passed(const CompiledPlan& cp, ControllerState& s, std::size_t r, std::uint8_t q) {
    const auto& seq = cp.plan.rings[r][cp.places[q].barrier];
    for (std::size_t i = 0; i <= cp.places[q].position && i < seq.size(); ++i) s.served |= bit(seq[i]);
}

// Whether ring r is in a green that should end now, and why.
EndReason wants_end(const CompiledPlan& cp, ControllerState& s, std::size_t r, double t) {
    const RingState& ring = s.rings[r];
    const std::uint8_t p = ring.phase;
    const Phase& ph = cp.plan.phases[p];
    const TimingPlan& tp = timing_of(cp, s);
    const double elapsed = t - ring.green_start_s;
    if (elapsed + kEps < ph.min_green_s) return EndReason::None;
    const std::uint32_t prio = priority_phases(cp, s, t);
    if (prio != 0 && !has(prio, p) && (green_mask(s) & prio) == 0) return EndReason::Priority;

    EndReason why = EndReason::None;
    const bool gap = ph.recall != Recall::Max && t - s.last_actuation_s[p] + kEps >= ph.passage_s;
    if (tp.controller == ControllerKind::Coordinated) {
        const CycleLayout& layout = cp.layouts[s.timing];
        const double started = layout.cycle_time(ring.green_start_s, tp.offset_s);
        const bool forced = elapsed + kEps >= ahead(started, layout.windows[p].green_end_s, layout.cycle_s) &&
                            elapsed > kEps;
        if (forced) why = EndReason::ForceOff;
        else if (gap && !is_coordinated(tp, p)) why = EndReason::GapOut;
    } else {
        if (elapsed + kEps >= max_green(cp, tp, p)) why = EndReason::MaxOut;
        else if (gap) why = EndReason::GapOut;
    }
    // Transit priority holds a green that serves the request, for a bounded time.
    if (why != EndReason::None && has(prio, p)) {
        if (s.priority_hold_since_s < 0.0) s.priority_hold_since_s = t;
        if (t - s.priority_hold_since_s < tp.priority_max_extension_s) return EndReason::None;
    }
    return why;
}

void advance_clearance(const CompiledPlan& cp, ControllerState& s, double t) {
    for (RingState& ring : s.rings) {
        if (ring.phase >= cp.plan.phases.size()) continue;
        const Phase& ph = cp.plan.phases[ring.phase];
        if (ring.interval == Interval::Yellow && t + kEps >= ring.interval_start_s + ph.yellow_s) {
            ring.interval = Interval::AllRed;
            ring.interval_start_s += ph.yellow_s;
        }
        if (ring.interval == Interval::AllRed && t + kEps >= ring.interval_start_s + ph.all_red_s) {
            ring.interval = Interval::Rest;
            ring.interval_start_s += ph.all_red_s;
        }
    }
}

std::size_t position(const CompiledPlan& cp, std::uint8_t p) {
    return p < cp.places.size() ? cp.places[p].position : 0;
}

// Barrier crossing: once every ring that is not continuing has cleared, the new barrier
// group starts with the first eligible phase of each ring.
void finish_crossing(const CompiledPlan& cp, ControllerState& s, double t) {
    for (const RingState& ring : s.rings)
        if (ring.interval != Interval::Rest && ring.interval != Interval::Green) return;
    s.barrier = s.target_barrier;
    s.target_barrier = kNoPhase;
    s.served = 0;
    for (std::size_t r = 0; r < cp.plan.rings.size(); ++r) {
        RingState& ring = s.rings[r];
        if (ring.interval == Interval::Green) {  // continues into the new visit
            mark_passed(cp, s, r, ring.phase);
            continue;
        }
        const std::uint8_t q = ring.next != kNoPhase ? ring.next : eligible(cp, s, r, s.barrier, 0, s.served, s.calls, t);
        if (q != kNoPhase) detail::start_green(cp, s, r, q, t);
    }
}

// The next barrier group with a call (the current one last: it is then visited again).
std::uint8_t target_barrier(const CompiledPlan& cp, const ControllerState& s, std::uint32_t callable, double t) {
    const std::size_t groups = cp.plan.rings.empty() ? 0 : cp.plan.rings[0].size();
    const std::uint32_t prio = priority_phases(cp, s, t);
    for (std::uint8_t p = 0; p < cp.places.size(); ++p)
        if (has(prio, p) && has(callable, p)) return cp.places[p].barrier;
    for (std::size_t k = 1; k <= groups; ++k) {
        const std::size_t b = (s.barrier + k) % groups;
        for (const auto& ring : cp.plan.rings)
            for (std::uint8_t p : ring[b])
                if (has(callable, p)) return static_cast<std::uint8_t>(b);
    }
    return kNoPhase;
}

void step_actuated(const CompiledPlan& cp, ControllerState& s, double t) {
    const std::size_t rings = cp.plan.rings.size();
    if (s.target_barrier != kNoPhase) {
        finish_crossing(cp, s, t);
        if (s.target_barrier != kNoPhase) return;
    }
    // Resting rings, and rings whose clearance is over, start their next phase in the group.
    for (std::size_t r = 0; r < rings; ++r) {
        RingState& ring = s.rings[r];
        if (ring.interval != Interval::Rest) continue;
        std::uint8_t q = ring.next;
        if (q == kNoPhase || cp.places[q].barrier != s.barrier) q = eligible(cp, s, r, s.barrier, 0, s.served, s.calls, t);
        if (q != kNoPhase) detail::start_green(cp, s, r, q, t);
    }
    // Calls that only a barrier crossing can serve (other groups, or phases passed in this
    // visit) and that could start now (coordination windows).
    std::uint32_t crossing_calls = 0;
    const std::uint32_t green = green_mask(s);
    for (std::uint8_t p = 0; p < cp.places.size(); ++p)
        if (has(s.calls, p) && !has(green, p) && (cp.places[p].barrier != s.barrier || has(s.served, p)) &&
            window_open(cp, s, cp.places[p].ring, p, t))
            crossing_calls |= bit(p);

    bool all_ready = true;
    bool any_ready = false;
    std::array<EndReason, kMaxRings> reasons{};
    for (std::size_t r = 0; r < rings; ++r) {
        RingState& ring = s.rings[r];
        if (ring.interval == Interval::Rest) continue;  // idle at the barrier
        if (ring.interval != Interval::Green) {
            all_ready = false;  // still clearing towards a phase in this group
            continue;
        }
        reasons[r] = wants_end(cp, s, r, t);
        if (reasons[r] == EndReason::None) {
            all_ready = false;
            continue;
        }
        const std::uint8_t q = eligible(cp, s, r, s.barrier, position(cp, ring.phase) + 1, s.served, s.calls, t);
        if (q != kNoPhase) {
            detail::end_green(cp, s, r, q, reasons[r], t);
            all_ready = false;
        } else if (crossing_calls != 0) {
            any_ready = true;
        } else {
            all_ready = false;  // nothing else to serve: rest in green
        }
    }
    const bool idle_with_calls = crossing_calls != 0 && green == 0;
    if (!(all_ready && (any_ready || idle_with_calls))) return;
    const std::uint8_t target = target_barrier(cp, s, crossing_calls, t);
    if (target == kNoPhase) return;
    s.target_barrier = target;
    for (std::size_t r = 0; r < rings; ++r) {
        RingState& ring = s.rings[r];
        // A green phase counts as called: it may simply continue when the group is revisited.
        const std::uint8_t q = eligible(cp, s, r, target, 0, 0, s.calls | green, t);
        if (ring.interval != Interval::Green) {
            ring.next = q;
        } else if (target == s.barrier && q == ring.phase) {
            s.last_actuation_s[q] = t;  // continues: same phase opens the next visit
        } else {
            detail::end_green(cp, s, r, q, reasons[r], t);
        }
    }
    finish_crossing(cp, s, t);
}

void step_fixed(const CompiledPlan& cp, ControllerState& s, double t) {
    const TimingPlan& tp = timing_of(cp, s);
    const CycleLayout& layout = cp.layouts[s.timing];
    const double tau = layout.cycle_time(t, tp.offset_s);
    std::array<RingView, kMaxRings> views{};
    fixed_time_rings(cp.plan, layout, tau, views);
    for (std::size_t r = 0; r < kMaxRings; ++r) {
        RingView v = views[r];
        if (v.phase != kNoPhase && t - (tau - layout.windows[v.phase].start_s) < s.joined_s - kEps) v = RingView{};
        RingState& ring = s.rings[r];
        if (v.phase == kNoPhase) {
            if (ring.interval != Interval::Rest) ring.interval = Interval::Rest;
            continue;
        }
        if (v.phase == ring.phase && v.interval == ring.interval) continue;
        if (v.interval == Interval::Green && !(ring.phase == v.phase && ring.interval == Interval::Green)) {
            ring.green_start_s = t;
            ring.reason = EndReason::None;
        }
        if (v.interval == Interval::Yellow) ring.reason = EndReason::Fixed;
        ring.phase = v.phase;
        ring.interval = v.interval;
        ring.interval_start_s = t;
        ring.next = v.next;
    }
    if (!cp.fixed_time_only) return;
    // Colours change only at window boundaries and time-of-day switches. A margin keeps the
    // skipped steps clear of a boundary that rounding might put a hair earlier.
    constexpr double kMargin_s = 1e-6;
    double quiet_s = layout.cycle_s > 0.0 ? layout.cycle_s : 0.0;
    auto consider = [&](double boundary) {
        double ahead_s = boundary - tau;
        if (ahead_s <= 0.0) ahead_s += layout.cycle_s;
        quiet_s = std::min(quiet_s, ahead_s);
    };
    for (const PhaseWindow& w : layout.windows)
        for (double b : {w.start_s, w.green_end_s, w.yellow_end_s, w.end_s}) consider(b);
    for (double b : layout.barrier_start_s) consider(b);
    s.quiet_until_s = t + quiet_s - kMargin_s;
    for (const TimingPlan& next : cp.plan.timings)
        if (next.from_s > t) s.quiet_until_s = std::min(s.quiet_until_s, next.from_s - kMargin_s);
}

}  // namespace

const char* to_string(EndReason reason) {
    switch (reason) {
        case EndReason::None: return "";
        case EndReason::Fixed: return "fixed";
        case EndReason::GapOut: return "gap-out";
        case EndReason::MaxOut: return "max-out";
        case EndReason::ForceOff: return "force-off";
        case EndReason::Pressure: return "pressure";
        case EndReason::Priority: return "priority";
        case EndReason::PlanChange: return "plan-change";
    }
    return "";
}

CompiledPlan compile_plan(const SignalPlan& plan) {
    CompiledPlan cp;
    cp.plan = to_ring_form(plan);
    cp.usable = structure_problems(cp.plan).empty();
    if (!cp.usable) return cp;
    cp.fixed_time_only = std::all_of(cp.plan.timings.begin(), cp.plan.timings.end(),
                                     [](const TimingPlan& t) { return t.controller == ControllerKind::FixedTime; });
    cp.places = phase_places(cp.plan);
    for (const TimingPlan& t : cp.plan.timings) cp.layouts.push_back(layout_cycle(cp.plan, t));
    cp.serves_group.assign(cp.plan.groups.size(), 0);
    for (std::size_t p = 0; p < cp.plan.phases.size(); ++p) {
        const Phase& ph = cp.plan.phases[p];
        if (ph.recall != Recall::None) cp.recall_min |= bit(p);
        if (ph.recall == Recall::Max) cp.recall_max |= bit(p);
        for (std::uint16_t g : ph.groups) cp.serves_group[g] |= bit(p);
        for (std::uint16_t g : ph.permissive_groups) cp.serves_group[g] |= bit(p);
    }
    return cp;
}

std::uint16_t timing_at(const SignalPlan& plan, double t) {
    std::uint16_t k = 0;
    for (std::size_t i = 1; i < plan.timings.size(); ++i)
        if (plan.timings[i].from_s <= t + kEps) k = static_cast<std::uint16_t>(i);
    return k;
}

void step_controller(const CompiledPlan& cp, ControllerState& s, const ControllerInputs& in) {
    if (!cp.usable) return;
    const double t = in.time_s;
    if (!priority_active(s, t)) {
        s.priority_group = ControllerState::kNoGroup;
        s.priority_hold_since_s = -1.0;
    }
    // Calls (locking while not green) and gap timers (while green).
    const std::uint32_t green = green_mask(s);
    const TimingPlan& tp = timing_of(cp, s);
    std::uint32_t standing = cp.recall_min | priority_phases(cp, s, t);
    if (tp.controller == ControllerKind::Coordinated)
        for (std::uint8_t c : tp.coordinated) standing |= bit(c);
    s.calls |= (in.actuated | standing) & ~green;
    for (std::size_t p = 0; p < cp.plan.phases.size(); ++p)
        if (has(in.actuated & green, p)) s.last_actuation_s[p] = t;

    advance_clearance(cp, s, t);
    const std::uint16_t wanted = timing_at(cp.plan, t);
    if (wanted != s.timing && !s.transition) {  // time-of-day switch: clear, then join
        s.transition = true;
        s.target_timing = wanted;
        s.target_barrier = kNoPhase;
    }
    if (s.transition) {
        // Running greens end once they have had their minimum green.
        for (std::size_t r = 0; r < cp.plan.rings.size(); ++r) {
            const RingState& ring = s.rings[r];
            if (ring.interval == Interval::Green && t - ring.green_start_s + kEps >= cp.plan.phases[ring.phase].min_green_s)
                detail::end_green(cp, s, r, kNoPhase, EndReason::PlanChange, t);
        }
        for (const RingState& ring : s.rings)
            if (ring.interval != Interval::Rest) return;
        s.transition = false;
        s.timing = s.target_timing;
        s.joined_s = t;
        s.served = 0;
        for (RingState& ring : s.rings) ring.next = kNoPhase;
    }
    switch (timing_of(cp, s).controller) {
        case ControllerKind::FixedTime: step_fixed(cp, s, t); break;
        case ControllerKind::Actuated:
        case ControllerKind::Coordinated: step_actuated(cp, s, t); break;
        case ControllerKind::MaxPressure: detail::step_max_pressure(cp, s, in); break;
    }
}

void controller_colors(const CompiledPlan& cp, const ControllerState& s, std::span<SignalColor> colors) {
    if (!cp.usable) {
        std::fill(colors.begin(), colors.end(), SignalColor::Red);
        return;
    }
    std::array<RingView, kMaxRings> views{};
    for (std::size_t r = 0; r < kMaxRings; ++r) {
        const RingState& ring = s.rings[r];
        if (ring.interval != Interval::Rest) views[r] = {ring.phase, ring.interval, ring.next};
    }
    group_colors(cp.plan, views, colors);
}

void request_priority(ControllerState& s, std::uint16_t group, double until_s) {
    if (s.priority_group != group) s.priority_hold_since_s = -1.0;
    s.priority_group = group;
    s.priority_until_s = until_s;
}

void cancel_priority(ControllerState& s) {
    s.priority_group = ControllerState::kNoGroup;
    s.priority_hold_since_s = -1.0;
}

namespace detail {

void start_green(const CompiledPlan& cp, ControllerState& s, std::size_t r, std::uint8_t q, double t) {
    RingState& ring = s.rings[r];
    ring.phase = q;
    ring.interval = Interval::Green;
    ring.interval_start_s = ring.green_start_s = t;
    ring.next = kNoPhase;
    ring.reason = EndReason::None;
    s.calls &= ~bit(q);
    s.last_actuation_s[q] = t;
    mark_passed(cp, s, r, q);
}

void end_green(const CompiledPlan&, ControllerState& s, std::size_t r, std::uint8_t next, EndReason why, double t) {
    RingState& ring = s.rings[r];
    ring.interval = Interval::Yellow;
    ring.interval_start_s = t;
    ring.next = next;
    ring.reason = why;
}

}  // namespace detail
}  // namespace ut::signals
