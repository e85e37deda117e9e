// The viewer's edit path end to end on the simulation, without a window: a draft made with
// the editor's operations, submitted as SetSignalPlan to a fork (B), changes B and only B;
// a fork without an edit stays identical to the original (same random numbers).
#include <catch2/catch.hpp>

#include "../../viewer/plan_edit.hpp"
#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"

using namespace ut;

namespace {

// J0 ==L0==> J1 (signalised) ==L1==> J2, two lanes; each lane's connection is its own group
// and gets its own stage, so each lane has green half of the cycle.
engine::SimulationInputs signalised_inputs() {
    engine::SimulationInputs in;
    in.network = test::two_links(300.0, 2, 13.89, network::JunctionControl::TrafficSignals);
    signals::SignalPlan p;
    p.junction = JunctionId{1};
    p.groups = {{"lane 0", {ConnectionId{0}}, false}, {"lane 1", {ConnectionId{1}}, false}};
    p.stages = {{{0}, 20.0, 3.0, 2.0}, {{1}, 20.0, 3.0, 2.0}};
    in.signal_plans = {p};
    std::vector<double> departs;
    for (int i = 0; i < 240; ++i) departs.push_back(i * 2.5);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    return in;
}

}  // namespace

TEST_CASE("an edit forked into B changes B only; an unedited fork stays identical", "[viewer]") {
    engine::Simulation a(signalised_inputs());
    a.run_until(120.0);
    engine::Simulation b = a.fork();
    engine::Simulation same = a.fork();

    const viewer::EditResult draft = viewer::set_green(a.signal_plans().front(), 0, 45.0, viewer::EditRules{});
    REQUIRE(draft.plan);
    b.submit(engine::SetSignalPlan{*draft.plan});

    a.run_until(600.0);
    b.run_until(600.0);
    same.run_until(600.0);

    CHECK(a.signal_plans().front().stages[0].green_s == 20.0);
    CHECK(b.signal_plans().front().stages[0].green_s == 45.0);
    CHECK(same.state_hash() == a.state_hash());
    CHECK(b.state_hash() != a.state_hash());
}
