#include "scenario/sections.hpp"

namespace ut::scenario {

void read_engine_section(SectionReader& s, engine::EngineConfig& c) {
    c.step_s = s.number("step_s", c.step_s, above(0.0, 5.0));
    c.seed = static_cast<std::uint64_t>(s.integer("seed", static_cast<std::int64_t>(c.seed), {0, IntRange{}.max}));
    c.threads = static_cast<unsigned>(s.integer("threads", c.threads, {0, 1024}));
    c.gridlock_wait_s = s.number("gridlock_wait_s", c.gridlock_wait_s, above(0.0, 86400.0));
    c.teleport_on_gridlock = s.boolean("teleport_on_gridlock", c.teleport_on_gridlock);
    c.critical_gap_s = s.number("critical_gap_s", c.critical_gap_s, between(0.0, 30.0));
    c.halt_speed_mps = s.number("halt_speed_mps", c.halt_speed_mps, between(0.0, 5.0));
}

}  // namespace ut::scenario
