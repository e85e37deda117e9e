// Webster's method: cycle from the flow ratios and lost time, splits in proportion to the
// critical flow ratios, demand per group from routes, and the delay formula's shape.
#include <catch2/catch.hpp>

#include <cmath>

#include "network/grid_generator.hpp"
#include "signal_test_networks.hpp"
#include "signals/conflict_check.hpp"
#include "signals/ring_barrier.hpp"
#include "signals/webster.hpp"

using namespace ut;
using namespace ut::signals;

TEST_CASE("Webster: cycle (1.5 L + 5) / (1 - Y) and splits in proportion to flow ratios", "[signals][webster]") {
    network::ArterialSpec spec;
    spec.junctions = 1;
    const auto g = network::make_arterial(spec);
    const auto& net = g.network;
    demand::Demand d;
    // Eastbound through 1000 veh/h (2 lanes), northbound through 300 veh/h (1 lane), one hour.
    test::add_poisson_trips(d, test::route(net, test::link_between(net, "west end", "a1"), test::link_between(net, "a1", "east end")),
                            1000.0, 0.0, 3600.0, 1, 1);
    test::add_poisson_trips(d, test::route(net, test::link_between(net, "a1 south end", "a1"), test::link_between(net, "a1", "a1 north end")),
                            300.0, 0.0, 3600.0, 1, 2);
    d.sort_by_departure();
    const auto flows = group_demand(net, d, g.signal_plans, 0.0, 3600.0);
    const SignalPlan& plan = g.signal_plans[0];
    double eb = 0.0, nb = 0.0;
    for (std::size_t k = 0; k < plan.groups.size(); ++k) {
        if (plan.groups[k].name == "arterial eastbound straight") eb = flows[0][k];
        if (plan.groups[k].name == "side street 1 south northbound straight") nb = flows[0][k];
    }
    CHECK(eb == Approx(1000.0).epsilon(0.08));
    CHECK(nb == Approx(300.0).epsilon(0.15));

    const WebsterOptions o;
    const WebsterTiming w = webster_timing(net, plan, flows[0], o);
    const double y1 = eb / (2 * o.saturation_flow_per_lane);
    const double y3 = nb / o.saturation_flow_per_lane;
    CHECK(w.flow_ratio[0] == Approx(y1).epsilon(1e-9));
    CHECK(w.flow_ratio[2] == Approx(y3).epsilon(1e-9));
    CHECK(w.flow_ratio_sum == Approx(y1 + y3).epsilon(1e-9));
    CHECK(w.lost_time_s == Approx(4 * (2.0 + 5.0 - 2.0)));  // four phases: start-up + clearance - extension
    const double formula = (1.5 * w.lost_time_s + 5.0) / (1.0 - w.flow_ratio_sum);
    double total = 0.0;
    for (double s : w.split_s) total += s;
    CHECK(total == Approx(w.cycle_s));
    // The two left-turn phases have no demand: they get their minimum green (5 s) out of the
    // effective green, and the cycle stays the formula's.
    CHECK(formula > o.min_cycle_s);
    CHECK(w.cycle_s == Approx(formula).epsilon(1e-6));
    CHECK(w.split_s[1] == Approx(5.0 + 5.0));
    // Phase 1 and 3 effective greens in the ratio of their flow ratios (the others get min green).
    CHECK((w.split_s[0] - 5.0) / (w.split_s[2] - 5.0) == Approx(y1 / y3).epsilon(0.02));

    const SignalPlan timed = with_webster_timing(plan, w);
    CHECK(timed.cycle_s() == Approx(w.cycle_s));
    CHECK(check_plan(net, ConflictTable(net), timed).empty());
}

TEST_CASE("Webster: ring-barrier plans get equal barrier times in both rings", "[signals][webster]") {
    network::ArterialSpec spec;
    spec.junctions = 1;
    const auto g = network::make_arterial(spec);
    SignalPlan plan = to_ring_form(g.signal_plans[0]);
    plan.rings = {{{0}, {2}}, {{1}, {3}}};  // a valid shape (not a safe plan: only the timing matters here)
    std::vector<double> flows(plan.groups.size(), 200.0);
    const WebsterTiming w = webster_timing(g.network, plan, flows);
    CHECK(w.split_s[0] == Approx(w.split_s[1]));
    CHECK(w.split_s[2] == Approx(w.split_s[3]));
    CHECK(structure_problems(with_webster_timing(plan, w)).empty());
}

TEST_CASE("Webster's delay formula grows with the degree of saturation and has no value at x >= 1",
          "[signals][webster]") {
    double previous = 0.0;
    for (double q : {200.0, 400.0, 600.0, 750.0}) {
        const double d = webster_delay_s(60.0, 27.0, q, 1800.0);
        CHECK(d > previous);
        previous = d;
    }
    // Uniform term alone at low flow: C (1 - l)^2 / 2 for l = 0.45.
    CHECK(webster_delay_s(60.0, 27.0, 1.0, 1800.0) == Approx(60.0 * 0.55 * 0.55 / 2.0).epsilon(0.01));
    CHECK(std::isinf(webster_delay_s(60.0, 27.0, 810.0, 1800.0)));
}
