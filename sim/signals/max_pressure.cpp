// Max-pressure control (Varaiya 2013, "Max pressure control of a network of signalized
// intersections"): after every phase's min green, serve the set of compatible phases whose
// pressure is largest. A phase's pressure is supplied by the engine (signal_phase.cpp):
// the sum over its movements of vehicles queued upstream minus vehicles on the exit lane.
// A ring switches alone inside its barrier group; a better barrier group makes all rings
// cross together. Max green, when reached, lets any phase with positive pressure take over,
// so a movement with a short queue still gets served.
#include <limits>

#include "signals/controller.hpp"

namespace ut::signals::detail {
namespace {

constexpr double kEps = 1e-9;

double pressure_of(const ControllerInputs& in, std::uint8_t p) {
    return p < in.pressure.size() ? in.pressure[p] : 0.0;
}

// The best phase of ring r in barrier group b (other than `except`), or kNoPhase when the
// ring has none there.
std::uint8_t best_in(const CompiledPlan& cp, const ControllerInputs& in, std::size_t r, std::size_t b,
                     std::uint8_t except = kNoPhase) {
    std::uint8_t best = kNoPhase;
    double best_pressure = -std::numeric_limits<double>::infinity();
    for (std::uint8_t p : cp.plan.rings[r][b]) {
        if (p != except && pressure_of(in, p) > best_pressure) {
            best = p;
            best_pressure = pressure_of(in, p);
        }
    }
    return best;
}

double max_green_of(const CompiledPlan& cp, const TimingPlan& tp, std::uint8_t p) {
    return tp.max_green_s.size() == cp.plan.phases.size() ? tp.max_green_s[p] : cp.plan.phases[p].max_green_s;
}

}  // namespace

void step_max_pressure(const CompiledPlan& cp, ControllerState& s, const ControllerInputs& in) {
    const double t = in.time_s;
    const std::size_t rings = cp.plan.rings.size();
    const std::size_t groups = rings == 0 ? 0 : cp.plan.rings[0].size();
    const TimingPlan& tp = cp.plan.timings[s.timing];

    // Clearing: wait until every ring is resting, then start the chosen phases.
    bool clearing = false;
    for (std::size_t r = 0; r < rings; ++r)
        if (s.rings[r].interval == Interval::Yellow || s.rings[r].interval == Interval::AllRed) clearing = true;
    if (clearing) return;
    if (s.target_barrier != kNoPhase) {
        s.barrier = s.target_barrier;
        s.target_barrier = kNoPhase;
    }
    bool any_green = false;
    bool started = false;
    for (std::size_t r = 0; r < rings; ++r) {
        RingState& ring = s.rings[r];
        if (ring.interval == Interval::Rest && ring.next != kNoPhase && cp.places[ring.next].barrier == s.barrier) {
            start_green(cp, s, r, ring.next, t);
            started = true;
        }
        any_green = any_green || ring.interval == Interval::Green;
    }
    if (started) return;  // no decision before the new phases' min green
    for (std::size_t r = 0; r < rings; ++r) {
        const RingState& ring = s.rings[r];
        if (ring.interval == Interval::Green && t - ring.green_start_s + kEps < cp.plan.phases[ring.phase].min_green_s)
            return;
    }

    // Pressure of what runs now, and of the best choice in every barrier group.
    double current = 0.0;
    bool maxed = false;
    for (std::size_t r = 0; r < rings; ++r) {
        const RingState& ring = s.rings[r];
        if (ring.interval != Interval::Green) continue;
        current += pressure_of(in, ring.phase);
        maxed = maxed || t - ring.green_start_s + kEps >= max_green_of(cp, tp, ring.phase);
    }
    std::size_t best_group = s.barrier;
    double best_value = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < groups; ++k) {
        const std::size_t b = (s.barrier + k) % groups;  // ties keep the current group
        double value = 0.0;
        for (std::size_t r = 0; r < rings; ++r) {
            const std::uint8_t p = best_in(cp, in, r, b);
            if (p != kNoPhase) value += pressure_of(in, p);
        }
        if (value > best_value + kEps) {
            best_value = value;
            best_group = b;
        }
    }
    if (best_value <= 0.0 && any_green) return;  // nobody waits: rest where we are

    if (best_group == s.barrier && any_green) {
        for (std::size_t r = 0; r < rings; ++r) {
            RingState& ring = s.rings[r];
            std::uint8_t q = best_in(cp, in, r, s.barrier);
            if (q == kNoPhase) continue;
            if (ring.interval != Interval::Green) {
                if (pressure_of(in, q) > 0.0) start_green(cp, s, r, q, t);
                continue;
            }
            const bool ring_maxed = t - ring.green_start_s + kEps >= max_green_of(cp, tp, ring.phase);
            if (ring_maxed) q = best_in(cp, in, r, s.barrier, ring.phase);  // max green: someone else's turn
            if (q == kNoPhase || q == ring.phase) continue;
            if (pressure_of(in, q) > pressure_of(in, ring.phase) || (ring_maxed && pressure_of(in, q) > 0.0))
                end_green(cp, s, r, q, ring_maxed ? EndReason::MaxOut : EndReason::Pressure, t);
        }
        return;
    }
    if (any_green && !(best_value > current || (maxed && best_value > 0.0))) return;
    // Cross to the best group: every ring clears, then its best phase there starts.
    s.target_barrier = static_cast<std::uint8_t>(best_group);
    for (std::size_t r = 0; r < rings; ++r) {
        RingState& ring = s.rings[r];
        const std::uint8_t q = best_in(cp, in, r, best_group);
        if (ring.interval == Interval::Green) end_green(cp, s, r, q, maxed ? EndReason::MaxOut : EndReason::Pressure, t);
        else ring.next = q;
    }
    if (!any_green) {  // nothing to clear (start-up): begin at once
        s.barrier = s.target_barrier;
        s.target_barrier = kNoPhase;
        for (std::size_t r = 0; r < rings; ++r)
            if (s.rings[r].next != kNoPhase) start_green(cp, s, r, s.rings[r].next, t);
    }
}

}  // namespace ut::signals::detail
