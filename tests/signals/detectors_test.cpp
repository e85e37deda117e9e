// Detectors and the phase log in a running simulation: stop-line and upstream detectors
// count every vehicle that passes and see a standing queue; the phase log written to CSV
// reads back and agrees with its plan (fixed time to the step, actuated within its rules).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"
#include "metrics/detectors.hpp"
#include "signal_test_networks.hpp"
#include "signals/phase_log.hpp"
#include "signals/phase_log_check.hpp"
#include "signals/ring_barrier.hpp"

using namespace ut;

TEST_CASE("Stop-line and upstream detectors count passing vehicles and see a queue at red", "[signals][detectors]") {
    engine::SimulationInputs in;
    in.network = test::two_links(400.0, 1, 13.89, network::JunctionControl::TrafficSignals);
    std::vector<double> departs;
    for (int i = 0; i < 20; ++i) departs.push_back(i * 3.0);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    signals::SignalPlan plan;
    plan.junction = JunctionId{1};
    plan.groups.push_back({"EBT", {ConnectionId{0}}, false});
    plan.stages.push_back({{}, 85.0, 3.0, 2.0});  // red for 90 s
    plan.stages.push_back({{0}, 60.0, 3.0, 2.0});
    in.signal_plans.push_back(plan);
    in.config.detectors_at_every_signal = true;  // the plan is fixed time
    engine::Simulation sim(std::move(in));

    const auto& det = sim.detectors();
    REQUIRE(det.size() == 2);  // on lane 0 of the approach: stop line, upstream
    CHECK(det.kind[0] == metrics::DetectorKind::StopLine);
    CHECK(det.end_m[0] == Approx(400.0));
    CHECK(det.kind[1] == metrics::DetectorKind::Upstream);
    CHECK(det.end_m[1] == Approx(400.0 - 13.89 * 3.0));

    sim.run_until(85.0);  // queue standing at red
    CHECK(sim.detectors().presence[0] == 1);
    CHECK(sim.detectors().count[0] > 0);
    CHECK(sim.counters().arrived == 0);
    sim.run_until(300.0);
    REQUIRE(sim.counters().arrived == 20);
    CHECK(sim.detectors().count[0] == 20);
    CHECK(sim.detectors().count[1] == 20);
    CHECK(sim.detectors().occupied_s[0] > 60.0);  // a car stood on it through the red
}

TEST_CASE("Detectors sit where a controller listens to them, or everywhere when asked", "[signals][detectors]") {
    auto inputs = [](bool everywhere) {
        engine::SimulationInputs in;
        in.network = test::two_links(400.0, 1, 13.89, network::JunctionControl::TrafficSignals);
        signals::SignalPlan plan;
        plan.junction = JunctionId{1};
        plan.groups.push_back({"EBT", {ConnectionId{0}}, false});
        plan.stages.push_back({{0}, 30.0, 3.0, 2.0});
        in.signal_plans.push_back(plan);
        in.config.detectors_at_every_signal = everywhere;
        return in;
    };
    CHECK(engine::Simulation(inputs(false)).detectors().size() == 0);  // fixed time reads none
    CHECK(engine::Simulation(inputs(true)).detectors().size() == 2);
}

TEST_CASE("The phase log agrees with its plan and reads back from CSV", "[signals][phase_log]") {
    network::ArterialSpec spec;
    spec.junctions = 1;
    const auto g = network::make_arterial(spec);
    const auto& net = g.network;
    demand::Demand d;
    test::add_poisson_trips(d, test::route(net, test::link_between(net, "west end", "a1"), test::link_between(net, "a1", "east end")),
                            600.0, 0.0, 1200.0, 3, 1);
    test::add_poisson_trips(d, test::route(net, test::link_between(net, "a1 south end", "a1"), test::link_between(net, "a1", "west end")),
                            100.0, 0.0, 1200.0, 3, 2);
    d.sort_by_departure();
    const signals::ConflictTable table(net);
    for (auto kind : {signals::ControllerKind::FixedTime, signals::ControllerKind::Actuated,
                      signals::ControllerKind::MaxPressure}) {
        auto plans = g.signal_plans;
        if (kind != signals::ControllerKind::FixedTime) {
            plans[0] = signals::to_ring_form(plans[0]);
            plans[0].timings[0].controller = kind;
        }
        engine::SimulationInputs in;
        in.network = net;
        in.demand = d;
        in.signal_plans = plans;
        engine::Simulation sim(std::move(in));
        sim.run_until(1200.0);
        const auto dir = std::filesystem::temp_directory_path() / "urbantwin_phase_log_test";
        const auto files = signals::write_phase_logs(dir, net, sim.signal_plans(), sim.signal_control().log);
        REQUIRE(files.size() == 1);
        CHECK(files[0].filename() == "a1.csv");
        const auto rows = signals::read_phase_log(files[0]);
        CHECK(rows.size() > 50);
        const auto problems = signals::check_phase_log(net, table, sim.signal_plans()[0], rows);
        INFO(signals::to_string(kind) << ": " << (problems.empty() ? "" : problems.front()));
        CHECK(problems.empty());
        std::filesystem::remove_all(dir);
    }
}

TEST_CASE("The phase-log check catches a run that breaks its plan", "[signals][phase_log]") {
    network::ArterialSpec spec;
    spec.junctions = 1;
    const auto g = network::make_arterial(spec);
    const signals::ConflictTable table(g.network);
    const auto& plan = g.signal_plans[0];
    std::vector<signals::PhaseLogRow> rows;
    for (const auto& group : plan.groups) rows.push_back({0.0, group.name, signals::SignalColor::Red, 0, "", ""});
    rows.push_back({0.0, "arterial eastbound straight", signals::SignalColor::Green, 1, "", ""});
    rows.push_back({5.0, "side street 1 south northbound straight", signals::SignalColor::Green, 3, "", ""});
    const auto problems = signals::check_phase_log(g.network, table, plan, rows);
    const auto has = [&](const std::string& text) {
        return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.find(text) != std::string::npos; });
    };
    CHECK(has("turned green at 5.0 s while the conflicting 'arterial eastbound straight' was green"));
    CHECK(has("the fixed-time plan shows red then"));
}
