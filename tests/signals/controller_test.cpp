// The controllers on their own, fed with synthetic detector actuations and pressures:
// fixed time equals the stage evaluation, actuated gap-out / max-out / rest, coordinated
// force-offs keep the cycle, max-pressure follows the queues, transit priority, and
// time-of-day switches with clearance.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <array>
#include <functional>
#include <vector>

#include "signals/controller.hpp"
#include "signals/fixed_time.hpp"

using namespace ut;
using namespace ut::signals;

namespace {

// NEMA dual ring "1 2 | 3 4", "5 6 | 7 8"; phase k serves group k-1 (named "p<k>").
SignalPlan nema8(ControllerKind kind, std::vector<double> splits = {15, 35, 15, 25, 15, 35, 15, 25}) {
    SignalPlan plan;
    plan.junction = JunctionId{0};
    for (int k = 1; k <= 8; ++k) {
        plan.groups.push_back({fmt::format("p{}", k), {}, false});
        Phase ph;
        ph.number = static_cast<std::uint8_t>(k);
        ph.groups = {static_cast<std::uint16_t>(k - 1)};
        ph.min_green_s = 5.0;
        ph.max_green_s = 30.0;
        ph.passage_s = 3.0;
        ph.yellow_s = 3.0;
        ph.all_red_s = 2.0;
        plan.phases.push_back(ph);
    }
    plan.rings = {{{0, 1}, {2, 3}}, {{4, 5}, {6, 7}}};
    TimingPlan t;
    t.controller = kind;
    t.split_s = std::move(splits);
    if (kind == ControllerKind::Coordinated) t.coordinated = {1, 5};
    plan.timings = {t};
    return plan;
}

struct Run {
    CompiledPlan cp;
    ControllerState state;
    std::vector<SignalColor> colors;
    double t = 0.0;

    explicit Run(const SignalPlan& plan) : cp(compile_plan(plan)), colors(plan.groups.size()) { REQUIRE(cp.usable); }

    // Steps of 0.5 s until `until`, with actuations from `actuated(t)`; returns each step's colours.
    void until(double end, const std::function<std::uint32_t(double)>& actuated = {},
               const std::function<void(double, const std::vector<SignalColor>&)>& seen = {},
               std::span<const double> pressure = {}) {
        for (; t < end - 1e-9; t += 0.5) {
            ControllerInputs in;
            in.time_s = t;
            in.actuated = actuated ? actuated(t) : 0u;
            in.pressure = pressure;
            step_controller(cp, state, in);
            controller_colors(cp, state, colors);
            if (seen) seen(t, colors);
        }
    }
    bool green(int phase_number) const { return colors[static_cast<std::size_t>(phase_number - 1)] == SignalColor::Green; }
};

}  // namespace

TEST_CASE("Fixed time: the controller shows the stage plan's colours at every step", "[signals][controller]") {
    SignalPlan plan;
    plan.junction = JunctionId{0};
    plan.groups = {{"A", {}, false}, {"B", {}, false}, {"C", {}, true}};
    plan.stages = {{{0, 2}, 20.0, 3.0, 2.0}, {{1}, 12.0, 4.0, 1.0}};
    plan.offset_s = 7.0;
    Run run(plan);
    std::vector<SignalColor> expected(3);
    int compared = 0;
    run.until(300.0, {}, [&](double t, const std::vector<SignalColor>& colors) {
        // The stage form, evaluated directly: stage 1 from offset, then stage 2.
        double tau = std::fmod(t - 7.0, 42.0);
        if (tau < 0) tau += 42.0;
        std::fill(expected.begin(), expected.end(), SignalColor::Red);
        if (tau < 20.0) expected[0] = SignalColor::Green, expected[2] = SignalColor::GreenPermissive;
        else if (tau < 23.0) expected[0] = expected[2] = SignalColor::Yellow;
        else if (tau >= 25.0 && tau < 37.0) expected[1] = SignalColor::Green;
        else if (tau >= 37.0 && tau < 41.0) expected[1] = SignalColor::Yellow;
        CHECK(colors == expected);
        std::vector<SignalColor> pure(3);
        fixed_time_colors(plan, t, pure);
        CHECK(pure == expected);
        ++compared;
    });
    CHECK(compared == 600);
}

TEST_CASE("Fixed time ring-barrier: rings cross barriers together and the offset is the coordinated green start",
          "[signals][controller]") {
    SignalPlan plan = nema8(ControllerKind::FixedTime);
    plan.timings[0].coordinated = {1, 5};  // reference: begin of green of phases 2 and 6
    plan.timings[0].offset_s = 10.0;
    Run run(plan);
    run.until(10.5);
    CHECK(run.green(2));
    CHECK(run.green(6));
    run.until(10.0 + 30.0 + 0.5);  // 2 and 6 have 35 - 5 = 30 s of green
    CHECK_FALSE(run.green(2));
    run.until(10.0 + 35.0 + 0.5);  // then the barrier: 3 and 7
    CHECK(run.green(3));
    CHECK(run.green(7));
    CHECK(plan.cycle_s() == Approx(90.0));
}

TEST_CASE("Actuated: gap-out without traffic, max-out under constant traffic, rest in green without calls",
          "[signals][controller]") {
    SignalPlan plan = nema8(ControllerKind::Actuated);
    plan.rings = {{{0, 1}}};  // one ring, phases 1 and 2 only
    plan.phases.resize(2);
    plan.groups.resize(2);
    plan.timings[0].split_s.clear();
    Run run(plan);
    double green_end = -1.0;
    // Phase 1 called once at t = 0; phase 2 keeps being called: phase 1 gaps out at its min green.
    run.until(20.0, [](double t) { return t < 0.6 ? 1u : 2u; }, [&](double t, const auto& colors) {
        if (green_end < 0 && colors[0] == SignalColor::Yellow) green_end = t;
    });
    CHECK(green_end == Approx(5.0));

    Run busy(plan);
    double max_out = -1.0;
    EndReason why = EndReason::None;
    busy.until(60.0, [](double) { return 3u; }, [&](double t, const auto& colors) {
        if (max_out < 0 && colors[0] == SignalColor::Yellow) max_out = t, why = busy.state.rings[0].reason;
    });
    CHECK(max_out == Approx(30.0));  // max green 30 s
    CHECK(why == EndReason::MaxOut);

    Run lonely(plan);
    lonely.until(120.0, [](double t) { return t < 1.0 ? 1u : 0u; });
    CHECK(lonely.colors[0] == SignalColor::Green);  // no conflicting call: rests in green
}

TEST_CASE("Coordinated-actuated: side phases gap out early, the coordinated phases keep their yield points",
          "[signals][controller]") {
    SignalPlan plan = nema8(ControllerKind::Coordinated);
    plan.timings[0].offset_s = 20.0;
    Run run(plan);
    std::vector<double> yields;  // when phase 2 turns yellow
    SignalColor before = SignalColor::Red;
    // Side streets (3, 4, 7, 8) and left turns are called every cycle, briefly.
    run.until(900.0, [](double t) { return std::fmod(t, 90.0) < 1.0 ? 0xFFu : 0u; },
              [&](double t, const auto& colors) {
                  if (before == SignalColor::Green && colors[1] == SignalColor::Yellow) yields.push_back(t);
                  before = colors[1];
              });
    REQUIRE(yields.size() >= 8);
    for (double y : yields) CHECK(std::fmod(y - 20.0, 90.0) == Approx(30.0).margin(0.51));  // 35 - 5 s after the offset
}

TEST_CASE("Max-pressure serves the phases with the larger queue pressure", "[signals][controller]") {
    SignalPlan plan = nema8(ControllerKind::MaxPressure);
    plan.timings[0].split_s.clear();
    Run run(plan);
    std::array<double, 8> pressure{0, 10, 0, 0, 0, 8, 0, 0};  // 2 and 6 loaded
    run.until(10.0, {}, {}, pressure);
    CHECK(run.green(2));
    CHECK(run.green(6));
    pressure = {0, 1, 0, 12, 0, 1, 0, 9};  // now the other barrier group
    run.until(30.0, {}, {}, pressure);
    CHECK(run.green(4));
    CHECK(run.green(8));
}

TEST_CASE("Transit priority extends a running green and brings a requested green early", "[signals][controller]") {
    SignalPlan plan = nema8(ControllerKind::Actuated);
    SECTION("green extension") {
        Run run(plan);
        run.until(4.0, [](double t) { return t < 3.6 ? 0x22u : 0x88u; });  // 2 and 6 busy, then 4 and 8 wait
        REQUIRE(run.green(2));
        request_priority(run.state, 1, 20.0);  // group p2 until t = 20
        run.until(14.0, [](double) { return 0x88u; });
        CHECK(run.green(2));  // would have gapped out at 6.5 s; held for the bus
        run.until(30.0, [](double) { return 0x88u; });
        CHECK_FALSE(run.green(2));
    }
    SECTION("early green") {
        Run run(plan);
        run.until(6.0, [](double t) { return t < 1.0 ? 0x22u : 0x22u; });  // 2 and 6 busy
        REQUIRE(run.green(2));
        request_priority(run.state, 3, 60.0);  // group p4
        double served = -1.0;
        run.until(40.0, [](double) { return 0x22u; }, [&](double t, const auto& colors) {
            if (served < 0 && colors[3] == SignalColor::Green) served = t;
        });
        CHECK(served > 0.0);
        CHECK(served < 16.0);  // without priority 2 would run to its max green (30 s)
    }
}

TEST_CASE("A time-of-day switch clears the running greens before the new plan starts", "[signals][controller]") {
    SignalPlan plan = nema8(ControllerKind::FixedTime);
    TimingPlan night = plan.timings[0];
    night.name = "night";
    night.from_s = 100.0;
    night.controller = ControllerKind::Actuated;
    night.split_s.clear();
    plan.timings.push_back(night);
    Run run(plan);
    std::vector<SignalColor> last(8, SignalColor::Red);
    bool saw_clearance = false;
    run.until(200.0, [](double) { return 0x22u; }, [&](double t, const auto& colors) {
        for (std::size_t g = 0; g < 8; ++g) {
            // Never straight from green to a different green, never green -> red without yellow.
            if (last[g] == SignalColor::Green) CHECK((colors[g] == SignalColor::Green || colors[g] == SignalColor::Yellow));
            if (t >= 100.0 && t < 105.0 && colors[g] == SignalColor::Yellow) saw_clearance = true;
        }
        last = colors;
    });
    CHECK(run.state.timing == 1);
    CHECK(run.green(2));
    (void)saw_clearance;
}
