// Commands: the only way a UI, a script or a later scenario event changes a running
// simulation. They are queued and applied at the start of the next step, in submission
// order, so a log of (step, command) replays a run exactly.
#pragma once

#include <variant>

#include "signals/signal_plan.hpp"

namespace ut::engine {

// Replaces the timing plan of one junction (its groups must name that junction's connections).
struct SetSignalPlan {
    signals::SignalPlan plan;
};

// Closes or reopens one lane of a link: vehicles no longer enter it and change out of it.
struct SetLaneClosed {
    LinkId link;
    std::uint8_t lane = 0;
    bool closed = true;
};

using Command = std::variant<SetSignalPlan, SetLaneClosed>;

}  // namespace ut::engine
