#include "signals/signal_plan.hpp"

namespace ut::signals {

double SignalPlan::cycle_s() const {
    double c = 0.0;
    for (const Stage& s : stages) c += s.duration_s();
    return c;
}

}  // namespace ut::signals
