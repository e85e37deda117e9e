#include "signals/fixed_time.hpp"

#include <algorithm>
#include <array>

#include "signals/controller.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::signals {

void fixed_time_colors(const SignalPlan& input, double time_s, std::span<SignalColor> colors) {
    std::fill(colors.begin(), colors.end(), SignalColor::Red);
    const SignalPlan plan = to_ring_form(input);
    if (!structure_problems(plan).empty()) return;
    const TimingPlan& timing = plan.timings[timing_at(plan, time_s)];
    if (timing.split_s.size() != plan.phases.size()) return;
    const CycleLayout layout = layout_cycle(plan, timing);
    if (layout.cycle_s <= 0.0) return;
    std::array<RingView, kMaxRings> rings{};
    fixed_time_rings(plan, layout, layout.cycle_time(time_s, timing.offset_s), rings);
    group_colors(plan, rings, colors);
}

}  // namespace ut::signals
