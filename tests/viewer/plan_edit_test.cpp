// The timing editor's edit operations and checks (viewer/plan_edit.hpp): limits, cycle
// rescaling, offset wrapping, phase order, the safety check hook, ring-barrier plans, and
// undo/redo. The real conflict check on a real junction is in conflict_edit_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../../viewer/plan_edit.hpp"

using namespace ut;
using namespace ut::viewer;

namespace {

// Two approaches crossing: N-S through (connections 0, 1) and E-W through (2, 3), plus an
// N-S left turn (4) that crosses the opposite through movement (1).
signals::SignalPlan crossing_plan() {
    signals::SignalPlan p;
    p.junction = JunctionId{7};
    p.groups = {{"N-S through", {ConnectionId{0}, ConnectionId{1}}, false},
                {"E-W through", {ConnectionId{2}, ConnectionId{3}}, false},
                {"N-S left", {ConnectionId{4}}, false}};
    p.stages = {{{0}, 30.0, 3.0, 2.0}, {{1}, 20.0, 3.0, 2.0}, {{2}, 10.0, 3.0, 2.0}};
    return p;
}

// A stand-in for the project's conflict check: N-S through and E-W through cross.
const EditRules kRules{PlanLimits{}, [](const signals::SignalPlan& p) {
                           std::vector<std::string> why;
                           for (const signals::Stage& s : p.stages) {
                               const auto has = [&](std::uint16_t g) {
                                   return std::find(s.green_groups.begin(), s.green_groups.end(), g) != s.green_groups.end();
                               };
                               if (has(0) && has(1) && !p.groups[1].permissive)
                                   why.push_back("'N-S through' and 'E-W through' cross");
                           }
                           return why;
                       }};
const EditRules kLimitsOnly{PlanLimits{}, {}};

}  // namespace

TEST_CASE("a valid plan passes the check; every problem is reported", "[viewer]") {
    CHECK(check_draft(crossing_plan(), kRules).empty());
    signals::SignalPlan bad = crossing_plan();
    bad.stages[0].green_s = 2.0;
    bad.stages[1].yellow_s = 1.0;
    const auto why = check_draft(bad, kRules);
    REQUIRE(why.size() == 2);
    CHECK(why[0].find("stage 1: green 2 s") != std::string::npos);
    CHECK(why[1].find("stage 2: yellow") != std::string::npos);
}

TEST_CASE("set_green changes one split and refuses a green below the minimum", "[viewer]") {
    const EditResult ok = set_green(crossing_plan(), 1, 35.0, kRules);
    REQUIRE(ok.plan);
    CHECK(ok.plan->stages[1].green_s == 35.0);
    CHECK(ok.plan->cycle_s() == Approx(90.0));
    const EditResult refused = set_green(crossing_plan(), 1, 3.0, kRules);
    CHECK_FALSE(refused.plan);
    CHECK(refused.refused.find("outside 5-120 s") != std::string::npos);
    CHECK_FALSE(set_green(crossing_plan(), 5, 20.0, kRules).plan);
}

TEST_CASE("set_cycle keeps clearances and the balance of the greens", "[viewer]") {
    const EditResult r = set_cycle(crossing_plan(), 120.0, kRules);  // was 75 s
    REQUIRE(r.plan);
    CHECK(r.plan->cycle_s() == Approx(120.0));
    // Greens 30:20:10 over 60 s of green become 105 s shared 52.5 : 35 : 17.5.
    CHECK(r.plan->stages[0].green_s == Approx(52.5));
    CHECK(r.plan->stages[1].green_s == Approx(35.0));
    CHECK(r.plan->stages[2].green_s == Approx(17.5));
    for (const auto& s : r.plan->stages) CHECK(s.yellow_s + s.all_red_s == Approx(5.0));
    CHECK_FALSE(set_cycle(crossing_plan(), 14.0, kRules).plan);  // less than the clearances
    CHECK_FALSE(set_cycle(crossing_plan(), 30.0, kRules).plan);  // the left turn's green < 5 s
}

TEST_CASE("set_offset wraps into the cycle", "[viewer]") {
    CHECK(set_offset(crossing_plan(), 80.0, kRules).plan->offset_s == Approx(5.0));
    CHECK(set_offset(crossing_plan(), -10.0, kRules).plan->offset_s == Approx(65.0));
}

TEST_CASE("move_stage changes the phase order only", "[viewer]") {
    const EditResult r = move_stage(crossing_plan(), 2, 0, kRules);
    REQUIRE(r.plan);
    CHECK(r.plan->stages[0].green_groups == std::vector<std::uint16_t>{2});
    CHECK(r.plan->stages[1].green_groups == std::vector<std::uint16_t>{0});
    CHECK(r.plan->cycle_s() == Approx(crossing_plan().cycle_s()));
}

TEST_CASE("the safety check refuses an edit and says why; the limits come first", "[viewer]") {
    const EditResult r = toggle_group(crossing_plan(), 0, 1, kRules);  // E-W with N-S
    CHECK_FALSE(r.plan);
    CHECK(r.refused.find("'N-S through' and 'E-W through' cross") != std::string::npos);
    CHECK(toggle_group(crossing_plan(), 0, 1, kLimitsOnly).plan);  // no safety check bound
    // Taking a movement out is fine as long as the stage still serves something.
    signals::SignalPlan p = crossing_plan();
    p.groups[1].permissive = true;
    const signals::SignalPlan both = *toggle_group(p, 0, 1, kRules).plan;
    CHECK(toggle_group(both, 0, 1, kRules).plan);
    CHECK_FALSE(toggle_group(crossing_plan(), 2, 2, kRules).plan);  // stage 3 would serve nothing
}

TEST_CASE("ring-barrier plans: splits, min/max green and controller of the first timing plan", "[viewer]") {
    signals::SignalPlan p = crossing_plan();
    p.stages.clear();
    p.phases.resize(2);
    p.phases[0].number = 2;
    p.phases[0].groups = {0};
    p.phases[1].number = 4;
    p.phases[1].groups = {1};
    p.rings = {{{0}, {1}}};
    p.timings.resize(1);
    p.timings[0].split_s = {35.0, 25.0};  // greens 30 and 20 with the default 3 + 2 s clearance
    const EditResult g = set_green(p, 0, 40.0, kLimitsOnly);
    REQUIRE(g.plan);
    CHECK(g.plan->timings[0].split_s[0] == Approx(45.0));
    CHECK_FALSE(set_green(p, 1, 2.0, kLimitsOnly).plan);
    const EditResult c = set_cycle(p, 120.0, kLimitsOnly);  // 60 -> 120: greens 50 : 100 / 3 ...
    REQUIRE(c.plan);
    CHECK(c.plan->timings[0].split_s[0] + c.plan->timings[0].split_s[1] == Approx(120.0).margin(1.0));
    CHECK(set_offset(p, 70.0, kLimitsOnly).plan->timings[0].offset_s == Approx(10.0));
    CHECK_FALSE(set_max_green(p, 0, 3.0, kLimitsOnly).plan);  // below its min green
    CHECK(set_controller(p, signals::ControllerKind::Actuated, kLimitsOnly).plan->timings[0].controller ==
          signals::ControllerKind::Actuated);
    CHECK_FALSE(move_stage(p, 0, 1, kLimitsOnly).plan);  // ring order lives in the plan file
}

TEST_CASE("undo and redo walk the edit history; a new edit drops the redo branch", "[viewer]") {
    EditHistory h;
    const auto p0 = crossing_plan();
    const auto p1 = *set_green(p0, 0, 40.0, kRules).plan;
    const auto p2 = *set_green(p1, 0, 45.0, kRules).plan;
    h.record({JunctionId{7}, p0, p1, "green 40"});
    h.record({JunctionId{7}, p1, p2, "green 45"});
    auto u = h.undo();
    REQUIRE(u);
    CHECK(u->before.stages[0].green_s == 40.0);
    CHECK(h.undo()->before.stages[0].green_s == 30.0);
    CHECK_FALSE(h.undo());
    CHECK(h.redo()->after.stages[0].green_s == 40.0);
    h.record({JunctionId{7}, p1, p0, "back"});
    CHECK_FALSE(h.can_redo());
}
