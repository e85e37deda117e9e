#include "signals/fixed_time.hpp"

#include <algorithm>
#include <cmath>

namespace ut::signals {

void fixed_time_colors(const SignalPlan& plan, double time_s, std::span<SignalColor> colors) {
    std::fill(colors.begin(), colors.end(), SignalColor::Red);
    const double cycle = plan.cycle_s();
    if (cycle <= 0.0 || plan.stages.empty()) return;
    double t = std::fmod(time_s - plan.offset_s, cycle);
    if (t < 0.0) t += cycle;
    for (const Stage& stage : plan.stages) {
        if (t < stage.duration_s()) {
            SignalColor on = SignalColor::Red;
            if (t < stage.green_s) on = SignalColor::Green;
            else if (t < stage.green_s + stage.yellow_s) on = SignalColor::Yellow;
            for (std::uint16_t g : stage.green_groups) {
                if (g >= colors.size()) continue;
                colors[g] = (on == SignalColor::Green && plan.groups[g].permissive) ? SignalColor::GreenPermissive : on;
            }
            return;
        }
        t -= stage.duration_s();
    }
}

}  // namespace ut::signals
