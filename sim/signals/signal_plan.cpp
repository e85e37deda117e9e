#include "signals/signal_plan.hpp"

#include "signals/ring_barrier.hpp"

namespace ut::signals {

double SignalPlan::cycle_s() const {
    if (phases.empty()) {
        double c = 0.0;
        for (const Stage& s : stages) c += s.duration_s();
        return c;
    }
    const SignalPlan ring = to_ring_form(*this);
    return layout_cycle(ring, ring.timings.front()).cycle_s;
}

const char* to_string(ControllerKind kind) {
    switch (kind) {
        case ControllerKind::FixedTime: return "fixed";
        case ControllerKind::Actuated: return "actuated";
        case ControllerKind::Coordinated: return "coordinated";
        case ControllerKind::MaxPressure: return "max-pressure";
    }
    return "unknown";
}

const char* to_string(SignalColor color) {
    switch (color) {
        case SignalColor::Red: return "red";
        case SignalColor::Yellow: return "yellow";
        case SignalColor::Green: return "green";
        case SignalColor::GreenPermissive: return "green-permissive";
    }
    return "unknown";
}

const char* to_string(Recall recall) {
    switch (recall) {
        case Recall::None: return "none";
        case Recall::Min: return "min";
        case Recall::Max: return "max";
    }
    return "unknown";
}

}  // namespace ut::signals
