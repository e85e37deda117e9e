// Controllers inside the engine: the same results at 1 and 4 threads and after a fork
// (controller state is plain data in SimState), and replacing a plan mid-run (the viewer's
// SetSignalPlan) gives the old greens their yellow and all-red before the new plan starts.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/simulation.hpp"
#include "signal_test_networks.hpp"
#include "metrics/detectors.hpp"
#include "signals/phase_log.hpp"
#include "signals/phase_log_check.hpp"
#include "signals/ring_barrier.hpp"

using namespace ut;

namespace {

engine::SimulationInputs arterial(unsigned threads) {
    auto g = network::make_arterial({});
    const auto& net = g.network;
    demand::Demand d;
    test::add_poisson_trips(d, test::route(net, test::link_between(net, "west end", "a1"), test::link_between(net, "a6", "east end")),
                            700.0, 0.0, 900.0, 4, 1);
    test::add_poisson_trips(d, test::route(net, test::link_between(net, "a3 north end", "a3"), test::link_between(net, "a3", "a3 south end")),
                            200.0, 0.0, 900.0, 4, 2);
    d.sort_by_departure();
    const signals::ControllerKind kinds[] = {signals::ControllerKind::Actuated, signals::ControllerKind::Coordinated,
                                             signals::ControllerKind::MaxPressure};
    for (std::size_t k = 0; k < g.signal_plans.size(); ++k) {
        auto& plan = g.signal_plans[k];
        plan = signals::to_ring_form(plan);
        plan.timings[0].controller = kinds[k % 3];
        plan.timings[0].coordinated = {0};
    }
    engine::SimulationInputs in;
    in.network = std::move(g.network);
    in.signal_plans = std::move(g.signal_plans);
    in.demand = std::move(d);
    in.config.threads = threads;
    return in;
}

bool same_log(const signals::PhaseLog& a, const signals::PhaseLog& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].time_s != b[i].time_s || a[i].group != b[i].group || a[i].color != b[i].color || a[i].plan != b[i].plan)
            return false;
    return true;
}

}  // namespace

TEST_CASE("Actuated, coordinated and max-pressure controllers are deterministic across threads and forks",
          "[signals][determinism]") {
    engine::Simulation one(arterial(1));
    engine::Simulation four(arterial(4));
    one.run_until(600.0);
    four.run_until(600.0);
    CHECK(one.state_hash() == four.state_hash());
    CHECK(same_log(one.signal_control().log, four.signal_control().log));
    CHECK(one.detectors().count == four.detectors().count);

    engine::Simulation fork = one.fork();
    one.run_until(1200.0);
    fork.run_until(1200.0);
    CHECK(one.state_hash() == fork.state_hash());
    CHECK(same_log(one.signal_control().log, fork.signal_control().log));
    CHECK(one.counters().arrived > 150);
}

TEST_CASE("Replacing a plan mid-run clears the old greens before the new plan starts", "[signals][commands]") {
    network::ArterialSpec spec;
    spec.junctions = 1;
    auto g = network::make_arterial(spec);
    engine::SimulationInputs in;
    in.network = g.network;
    in.signal_plans = g.signal_plans;
    engine::Simulation sim(std::move(in));
    sim.run_until(10.0);  // arterial through green
    signals::SignalPlan side_first = g.signal_plans[0];
    std::rotate(side_first.stages.begin(), side_first.stages.begin() + 2, side_first.stages.end());  // side street first
    sim.submit(engine::SetSignalPlan{side_first});
    sim.run_until(300.0);
    const auto rows = signals::phase_log_rows(sim.signal_plans()[0], sim.signal_control().log, 0);
    signals::LogCheckOptions options;
    options.compare_fixed_time = false;  // the new plan joins after the clearance
    const auto problems = signals::check_phase_log(sim.network(), signals::ConflictTable(sim.network()),
                                                   sim.signal_plans()[0], rows, options);
    INFO((problems.empty() ? "" : problems.front()));
    CHECK(problems.empty());
    // The arterial through went yellow at the replacement (t = 10 s), red 3 s later.
    bool yellow = false, red = false;
    for (const auto& r : rows) {
        if (r.group != "arterial eastbound straight") continue;
        yellow = yellow || (r.time_s == 10.0 && r.color == signals::SignalColor::Yellow);
        red = red || (r.time_s == 13.0 && r.color == signals::SignalColor::Red);
    }
    CHECK(yellow);
    CHECK(red);
}
