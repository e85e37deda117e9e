// The editor's rules bound to the project's safety check (signals/conflict_check.hpp) on a
// real generated junction: the derived plan is accepted, and giving a crossing movement
// green in the same stage is refused with a sentence naming the movements.
#include <catch2/catch.hpp>

#include "../../viewer/plan_edit.hpp"
#include "network/grid_generator.hpp"
#include "signals/conflict_check.hpp"

using namespace ut;

TEST_CASE("the project's conflict check refuses a crossing green in the editor", "[viewer]") {
    network::GridSpec spec;
    spec.rows = 3;
    spec.columns = 3;
    const network::GeneratedNetwork g = network::make_grid(spec);
    const signals::ConflictTable table(g.network);
    const viewer::EditRules rules{viewer::PlanLimits{}, [&](const signals::SignalPlan& p) {
                                      return signals::check_plan(g.network, table, p);
                                  }};
    const auto centre = std::find_if(g.signal_plans.begin(), g.signal_plans.end(),
                                     [](const signals::SignalPlan& p) { return p.groups.size() >= 8; });
    REQUIRE(centre != g.signal_plans.end());
    const signals::SignalPlan& plan = *centre;
    CHECK(viewer::check_draft(plan, rules).empty());

    // Every protected movement of a later stage, added to the first: some must cross the
    // first stage's movements and be refused, with the reason.
    int refused = 0;
    for (std::size_t s = 1; s < plan.stages.size(); ++s)
        for (std::uint16_t grp : plan.stages[s].green_groups) {
            if (plan.groups[grp].permissive) continue;
            const viewer::EditResult r = viewer::toggle_group(plan, 0, grp, rules);
            if (r.plan) continue;
            ++refused;
            INFO(r.refused);
            CHECK(r.refused.find("'" + plan.groups[grp].name + "'") != std::string::npos);  // names the movement
        }
    CHECK(refused > 0);
    // The timing edits keep the plan safe.
    CHECK(viewer::set_cycle(plan, 100.0, rules).plan);
    CHECK(viewer::set_green(plan, 0, 40.0, rules).plan);
}
