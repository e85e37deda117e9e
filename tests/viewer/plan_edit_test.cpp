// The timing editor's edit operations and checks (viewer/plan_edit.hpp): limits, cycle
// rescaling, offset wrapping, phase order, the conflict check, and undo/redo.
#include <catch2/catch.hpp>

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

const std::vector<ConflictPair> kConflicts{{ConnectionId{0}, ConnectionId{2}}, {ConnectionId{1}, ConnectionId{3}},
                                           {ConnectionId{1}, ConnectionId{4}}};

}  // namespace

TEST_CASE("a valid plan passes the check; every problem is reported", "[viewer]") {
    const PlanLimits lim;
    CHECK(check_plan(crossing_plan(), lim, kConflicts).empty());
    signals::SignalPlan bad = crossing_plan();
    bad.stages[0].green_s = 2.0;
    bad.stages[1].yellow_s = 1.0;
    const auto why = check_plan(bad, lim, kConflicts);
    REQUIRE(why.size() == 2);
    CHECK(why[0].find("stage 1: green 2 s") != std::string::npos);
    CHECK(why[1].find("stage 2: yellow") != std::string::npos);
}

TEST_CASE("set_green changes one split and refuses a green below the minimum", "[viewer]") {
    const PlanLimits lim;
    const EditResult ok = set_green(crossing_plan(), 1, 35.0, lim, kConflicts);
    REQUIRE(ok.plan);
    CHECK(ok.plan->stages[1].green_s == 35.0);
    CHECK(ok.plan->cycle_s() == Approx(90.0));
    const EditResult refused = set_green(crossing_plan(), 1, 3.0, lim, kConflicts);
    CHECK_FALSE(refused.plan);
    CHECK(refused.refused.find("outside 5-120 s") != std::string::npos);
    CHECK_FALSE(set_green(crossing_plan(), 5, 20.0, lim).plan);
}

TEST_CASE("set_cycle keeps clearances and the balance of the greens", "[viewer]") {
    const PlanLimits lim;
    const EditResult r = set_cycle(crossing_plan(), 120.0, lim, kConflicts);  // was 75 s
    REQUIRE(r.plan);
    CHECK(r.plan->cycle_s() == Approx(120.0));
    // Greens 30:20:10 over 60 s of green become 105 s shared 52.5 : 35 : 17.5.
    CHECK(r.plan->stages[0].green_s == Approx(52.5));
    CHECK(r.plan->stages[1].green_s == Approx(35.0));
    CHECK(r.plan->stages[2].green_s == Approx(17.5));
    for (const auto& s : r.plan->stages) CHECK(s.yellow_s + s.all_red_s == Approx(5.0));
    CHECK_FALSE(set_cycle(crossing_plan(), 14.0, lim).plan);  // less than the clearances
    CHECK_FALSE(set_cycle(crossing_plan(), 30.0, lim).plan);  // the left turn's green < 5 s
}

TEST_CASE("set_offset wraps into the cycle", "[viewer]") {
    const PlanLimits lim;
    CHECK(set_offset(crossing_plan(), 80.0, lim).plan->offset_s == Approx(5.0));
    CHECK(set_offset(crossing_plan(), -10.0, lim).plan->offset_s == Approx(65.0));
}

TEST_CASE("move_stage changes the phase order only", "[viewer]") {
    const EditResult r = move_stage(crossing_plan(), 2, 0, PlanLimits{});
    REQUIRE(r.plan);
    CHECK(r.plan->stages[0].green_groups == std::vector<std::uint16_t>{2});
    CHECK(r.plan->stages[1].green_groups == std::vector<std::uint16_t>{0});
    CHECK(r.plan->cycle_s() == Approx(crossing_plan().cycle_s()));
}

TEST_CASE("the conflict check refuses crossing protected movements in one stage", "[viewer]") {
    const PlanLimits lim;
    const EditResult r = toggle_group(crossing_plan(), 0, 1, lim, kConflicts);  // E-W with N-S
    CHECK_FALSE(r.plan);
    CHECK(r.refused.find("'N-S through' and 'E-W through' cross") != std::string::npos);
    // The same movement as permissive (it yields) is allowed.
    signals::SignalPlan p = crossing_plan();
    p.groups[1].permissive = true;
    CHECK(toggle_group(p, 0, 1, lim, kConflicts).plan);
    // Taking a group out is always fine (as long as the stage serves something).
    const signals::SignalPlan both = *toggle_group(p, 0, 1, lim, kConflicts).plan;
    CHECK(toggle_group(both, 0, 1, lim, kConflicts).plan);
}

TEST_CASE("undo and redo walk the edit history; a new edit drops the redo branch", "[viewer]") {
    EditHistory h;
    const auto p0 = crossing_plan();
    const auto p1 = *set_green(p0, 0, 40.0, PlanLimits{}).plan;
    const auto p2 = *set_green(p1, 0, 45.0, PlanLimits{}).plan;
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
