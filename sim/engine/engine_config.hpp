#pragma once

#include <cstdint>

namespace ut::engine {

struct EngineConfig {
    double step_s = 0.5;
    unsigned threads = 0;          // 0 = all hardware threads
    std::uint64_t seed = 1;
    double gridlock_wait_s = 300.0;  // a vehicle halted this long counts as a gridlock event
    bool teleport_on_gridlock = true;  // move such a vehicle on to its next link (counted)
    double critical_gap_s = 4.0;   // a yielding movement enters only if priority traffic is further away than this
    double halt_speed_mps = 0.1;   // below this a vehicle counts as halted (as SUMO)
    // Stop-line and upstream detectors on the approaches of every signalised junction, not
    // only of the actuated ones (which need them): for counts at fixed-time junctions.
    bool detectors_at_every_signal = false;
};

}  // namespace ut::engine
