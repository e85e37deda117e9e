// The safety check of signal plans (conflict_check.hpp): derived plans pass; a plan giving
// green to crossing movements at the same time is rejected with a message naming the
// junction, both movements and the time in the cycle; permissive turns that yield pass;
// short clearances are rejected.
#include <catch2/catch.hpp>

#include <algorithm>

#include "network/grid_generator.hpp"
#include "signals/conflict_check.hpp"
#include "signals/ring_barrier.hpp"

using namespace ut;
using namespace ut::signals;

namespace {

struct Isolated {
    network::GeneratedNetwork g = [] {
        network::ArterialSpec spec;
        spec.junctions = 1;
        return network::make_arterial(spec);
    }();
    ConflictTable table{g.network};

    const SignalPlan& plan() const { return g.signal_plans.at(0); }
    std::uint16_t group(const std::string& name) const {
        const auto& groups = plan().groups;
        const auto it = std::find_if(groups.begin(), groups.end(), [&](const SignalGroup& x) { return x.name == name; });
        REQUIRE(it != groups.end());
        return static_cast<std::uint16_t>(it - groups.begin());
    }
};

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("The plans derived from geometry pass the safety check", "[signals][conflicts]") {
    const Isolated j;
    CHECK(check_plan(j.g.network, j.table, j.plan()).empty());
    const auto grid = network::make_grid({});
    const ConflictTable table(grid.network);
    for (const SignalPlan& plan : grid.signal_plans) CHECK(check_plan(grid.network, table, plan).empty());
}

TEST_CASE("A plan giving green to crossing movements together is rejected with junction, movements and time",
          "[signals][conflicts][evidence]") {
    const Isolated j;
    SignalPlan bad = j.plan();
    const auto side = j.group("side street 1 south northbound straight");
    bad.stages[0].green_groups.push_back(side);  // with the arterial throughs
    const auto problems = check_plan(j.g.network, j.table, bad);
    REQUIRE_FALSE(problems.empty());
    INFO(problems.front());
    CHECK(mentions(problems, "junction 'a1'"));
    CHECK(mentions(problems, "'arterial eastbound straight'"));
    CHECK(mentions(problems, "'side street 1 south northbound straight'"));
    CHECK(mentions(problems, "from 0.0 s to 25.0 s of the 90 s cycle"));
    WARN("rejected: " << problems.front());
}

TEST_CASE("A permissive left turn may run with the opposing through; a protected one may not", "[signals][conflicts]") {
    const Isolated j;
    SignalPlan plan = j.plan();
    plan.stages[0].green_groups.push_back(j.group("arterial westbound left"));
    REQUIRE_FALSE(check_plan(j.g.network, j.table, plan).empty());  // protected: crosses eastbound through
    plan.groups[j.group("arterial westbound left")].permissive = true;
    CHECK(check_plan(j.g.network, j.table, plan).empty());
}

TEST_CASE("Clearances below the minimum are rejected", "[signals][conflicts]") {
    const Isolated j;
    SignalPlan plan = j.plan();
    plan.stages[1].yellow_s = 2.0;
    plan.stages[2].all_red_s = 0.5;
    const auto problems = check_plan(j.g.network, j.table, plan);
    CHECK(mentions(problems, "phase 2 has a yellow of 2 s, below the minimum of 3 s"));
    CHECK(mentions(problems, "phase 3 has an all-red of 0.5 s, below the minimum of 1 s"));
}

TEST_CASE("Ring-barrier plans: conflicting phases that may run together are named", "[signals][conflicts]") {
    const Isolated j;
    SignalPlan plan = to_ring_form(j.plan());  // phases 1..4 in one ring
    // Two rings: 1 (arterial) with 3 (side street) in the same barrier group: they conflict.
    plan.rings = {{{0}, {1}}, {{2}, {3}}};
    plan.timings[0].controller = ControllerKind::Actuated;
    const auto problems = check_plan(j.g.network, j.table, plan);
    REQUIRE_FALSE(problems.empty());
    CHECK(mentions(problems, "whenever phases 1 and 3 run"));
    CHECK(structure_problems(plan).empty());
}
