#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "engine/simulation.hpp"
#include "network/grid_generator.hpp"

using namespace ut;

namespace {

engine::Simulation small_grid() {
    network::GridSpec grid;
    grid.rows = 3;
    grid.columns = 3;
    auto generated = network::make_grid(grid);
    engine::SimulationInputs in;
    in.network = std::move(generated.network);
    in.signal_plans = std::move(generated.signal_plans);
    return engine::Simulation(std::move(in));
}

}  // namespace

TEST_CASE("An edited signal plan giving conflicting movements green together is refused", "[engine][signals]") {
    engine::Simulation sim = small_grid();
    REQUIRE_FALSE(sim.signal_plans().empty());
    signals::SignalPlan plan = sim.signal_plans().front();
    REQUIRE(plan.stages.size() >= 2);
    // Every group green in the first stage: crossing through movements at once.
    plan.stages[0].green_groups.clear();
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
        plan.stages[0].green_groups.push_back(static_cast<std::uint16_t>(g));
    try {
        sim.submit(engine::SetSignalPlan{plan});
        FAIL("the conflicting plan was accepted");
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        CHECK(message.find("SetSignalPlan refused") != std::string::npos);
        CHECK(message.find("junction") != std::string::npos);
    }
    // The unchanged plan is still accepted.
    CHECK_NOTHROW(sim.submit(engine::SetSignalPlan{sim.signal_plans().front()}));
}

TEST_CASE("A command naming a lane the link does not have is refused with its numbers", "[engine]") {
    engine::Simulation sim = small_grid();
    try {
        sim.submit(engine::SetLaneClosed{LinkId{0}, 7, true});
        FAIL("accepted");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "SetLaneClosed: link 0 has 2 lanes, no lane 7");
    }
}
