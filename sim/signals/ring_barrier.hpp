// The NEMA ring-barrier model: every plan is brought into ring form (a stage plan becomes
// one ring with a phase per stage), checked for structure, laid out over the cycle from its
// splits, and turned into group colours from "which phase each ring is in".
//
// Colours of a group, from the state of the phases serving it:
//   Green            a phase serving it protected is green, or a ring is in the clearance
//                    between two phases that both serve it (an overlap carries over);
//   GreenPermissive  else a phase serving it permissive is green;
//   Yellow           else a phase serving it is in yellow;
//   Red              otherwise (also during all-red).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "signals/signal_plan.hpp"

namespace ut::signals {

constexpr std::size_t kMaxPhases = 32;  // calls are kept in a 32-bit mask
constexpr std::size_t kMaxRings = 4;
constexpr std::uint8_t kNoPhase = 0xff;

enum class Interval : std::uint8_t { Green, Yellow, AllRed, Rest };  // Rest: ring shows no phase

struct RingView {
    std::uint8_t phase = kNoPhase;  // current phase (kNoPhase when resting)
    Interval interval = Interval::Rest;
    std::uint8_t next = kNoPhase;   // during clearance: the phase that follows, if known
};

// The plan in ring form (phases, rings and at least one timing filled in). Plans already in
// ring form are returned unchanged; a ring-form plan without timings gets one fixed-time
// plan with each phase's split = max green + clearance.
SignalPlan to_ring_form(const SignalPlan& plan);

// Structural problems of a ring-form plan (indices, ring shape, timing sizes, durations),
// each a sentence naming the phase or plan; empty when usable.
std::vector<std::string> structure_problems(const SignalPlan& ring_plan);

// Where each phase sits in the cycle of one fixed-time or coordinated timing plan, from its
// splits. Times are in "layout time": 0 = all rings start barrier group 0.
struct PhaseWindow {
    double start_s = 0.0;
    double green_end_s = 0.0;   // yellow starts (the force-off / yield point)
    double yellow_end_s = 0.0;
    double end_s = 0.0;
};

struct CycleLayout {
    double cycle_s = 0.0;
    double reference_s = 0.0;  // layout time of the offset reference point
    std::vector<PhaseWindow> windows;    // per phase; all zero for phases not in any ring
    std::vector<double> barrier_start_s;  // per barrier group, plus the cycle end

    // Layout time at simulation time t for a timing with this offset.
    double cycle_time(double t_s, double offset_s) const;
};

CycleLayout layout_cycle(const SignalPlan& ring_plan, const TimingPlan& timing);

// Ring states at layout time tau of a fixed-time plan.
void fixed_time_rings(const SignalPlan& ring_plan, const CycleLayout& layout, double tau_s,
                      std::span<RingView> rings);

// The phase that follows `phase` in its ring's sequence, wrapping over barriers and the cycle.
std::uint8_t next_in_ring(const SignalPlan& ring_plan, std::size_t ring, std::uint8_t phase);

// Group colours (size = plan.groups.size()) from the state of every ring.
void group_colors(const SignalPlan& ring_plan, std::span<const RingView> rings,
                  std::span<SignalColor> colors);

// Where a phase sits: ring and barrier group (kNoPhase when in no ring).
struct PhasePlace {
    std::uint8_t ring = kNoPhase;
    std::uint8_t barrier = kNoPhase;
    std::uint8_t position = 0;  // index within rings[ring][barrier]
};
std::vector<PhasePlace> phase_places(const SignalPlan& ring_plan);

// Whether two phases may show green at the same time: the same phase, or phases of
// different rings in the same barrier group.
bool phases_compatible(const std::vector<PhasePlace>& places, std::uint8_t a, std::uint8_t b);

}  // namespace ut::signals
