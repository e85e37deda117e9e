// Derived fixed-time plans (signals/plan_builder): every movement served exactly once, and no
// stage gives protected green to two conflicting movements, checked against
// compute_conflicts on whole generated networks. (Lives with the network tests because it
// is the safety contract between conflicts.cpp and plan_builder.cpp.)
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>

#include "network/conflicts.hpp"
#include "network/connection_builder.hpp"
#include "network/grid_generator.hpp"
#include "network/junction_fixtures.hpp"
#include "signals/plan_builder.hpp"

using namespace ut;
using namespace ut::network;
using signals::SignalPlan;

namespace {

// Every connection of the junction in exactly one group, every group in exactly one stage,
// and no protected-protected conflict in any stage.
void check_plan(const Network& net, const SignalPlan& plan, const std::vector<Conflict>& conflicts) {
    INFO("junction " << net.junction(plan.junction).name);
    std::vector<int> group_of(net.connections.size(), -1);
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
        for (ConnectionId c : plan.groups[g].connections) {
            CHECK(group_of[c.index()] == -1);
            group_of[c.index()] = static_cast<int>(g);
        }
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const bool here = net.link(net.connections[c].from_link).to == plan.junction;
        CHECK((group_of[c] >= 0) == here);
    }
    std::vector<int> stages_of_group(plan.groups.size(), 0);
    std::vector<int> stage_of(plan.groups.size(), -1);
    for (std::size_t s = 0; s < plan.stages.size(); ++s) {
        CHECK(plan.stages[s].green_s > 0.0);
        for (std::uint16_t g : plan.stages[s].green_groups) {
            ++stages_of_group[g];
            stage_of[g] = static_cast<int>(s);
        }
    }
    for (int n : stages_of_group) CHECK(n == 1);
    for (const Conflict& c : conflicts) {
        const int ga = group_of[c.a.index()];
        const int gb = group_of[c.b.index()];
        if (ga < 0 || gb < 0 || stage_of[ga] != stage_of[gb]) continue;
        const bool both_protected = !plan.groups[ga].permissive && !plan.groups[gb].permissive;
        INFO(plan.groups[ga].name << " vs " << plan.groups[gb].name);
        CHECK_FALSE(both_protected);
    }
}

void check_all(const GeneratedNetwork& g) {
    const auto conflicts = compute_conflicts(g.network);
    for (const SignalPlan& plan : g.signal_plans) check_plan(g.network, plan, conflicts);
}

}  // namespace

TEST_CASE("grid plans serve every movement once and never protect two conflicting ones", "[signals][plans]") {
    for (int lanes : {1, 2, 3}) {
        GridSpec spec;
        spec.rows = 4;
        spec.columns = 5;
        spec.lanes_per_direction = lanes;
        const GeneratedNetwork g = make_grid(spec);
        REQUIRE(g.signal_plans.size() == 4 * 5 - 4);
        check_all(g);
        for (const SignalPlan& plan : g.signal_plans) {
            const std::size_t approaches = g.network.incoming_links()[plan.junction.index()].size();
            // Crossings: two axes, each through+right then protected lefts; T: the stem alone.
            CHECK(plan.stages.size() == (approaches == 4 ? 4u : 3u));
            for (const auto& group : plan.groups) CHECK_FALSE(group.permissive);
        }
    }
    check_all(make_arterial({}));
}

TEST_CASE("without protected lefts a crossing has two stages and permissive lefts", "[signals][plans]") {
    Network net = test::star_junction({{0, 2}, {90, 2}, {180, 2}, {270, 2}});
    build_connections(net);
    signals::PlanBuilderOptions options;
    options.protected_lefts = false;
    const SignalPlan plan = signals::derive_fixed_time_plan(net, JunctionId{0}, options);
    CHECK(plan.stages.size() == 2);
    for (const auto& group : plan.groups) {
        const bool left = net.connection(group.connections.front()).turn == Turn::Left;
        CHECK(group.permissive == left);
    }
    check_plan(net, plan, compute_conflicts(net));
}

TEST_CASE("the main road's through movement gets the first stage", "[signals][plans]") {
    const GeneratedNetwork g = make_arterial({});
    for (const SignalPlan& plan : g.signal_plans) {
        for (std::uint16_t group : plan.stages.front().green_groups)
            CHECK(g.network.link(g.network.connection(plan.groups[group].connections.front()).from_link).name ==
                  "arterial");
        CHECK(plan.cycle_s() == Approx(2 * (25 + 5) + 2 * (10 + 5)));
    }
}

TEST_CASE("odd junction shapes get a stage per approach and stay safe", "[signals][plans]") {
    Network net = test::star_junction({{0, 1}, {72, 1}, {144, 2}, {216, 1}, {288, 1}});  // five arms
    build_connections(net);
    const SignalPlan plan = signals::derive_fixed_time_plan(net, JunctionId{0});
    CHECK(plan.stages.size() >= 5);
    check_plan(net, plan, compute_conflicts(net));

    Network y = test::star_junction({{90, 1}, {210, 1}, {330, 1}});  // a Y: nothing opposite
    build_connections(y);
    const SignalPlan y_plan = signals::derive_fixed_time_plan(y, JunctionId{0});
    CHECK(y_plan.stages.size() == 3);
    check_plan(y, y_plan, compute_conflicts(y));
}

TEST_CASE("the batch and single-junction plan builders agree", "[signals][plans]") {
    GridSpec spec;
    spec.rows = 3;
    spec.columns = 3;
    const GeneratedNetwork g = make_grid(spec);
    for (const SignalPlan& batch : g.signal_plans) {
        signals::PlanBuilderOptions options;
        options.green_through_s = spec.green_through_s;
        options.green_left_s = spec.green_left_s;
        const SignalPlan single = signals::derive_fixed_time_plan(g.network, batch.junction, options);
        REQUIRE(single.groups.size() == batch.groups.size());
        for (std::size_t i = 0; i < single.groups.size(); ++i) {
            CHECK(single.groups[i].name == batch.groups[i].name);
            CHECK(single.groups[i].connections == batch.groups[i].connections);
        }
        REQUIRE(single.stages.size() == batch.stages.size());
        for (std::size_t s = 0; s < single.stages.size(); ++s)
            CHECK(single.stages[s].green_groups == batch.stages[s].green_groups);
    }
}

TEST_CASE("a junction without connections has no plan, and says why", "[signals][plans]") {
    Network net = test::star_junction({{0, 1}, {180, 1}});
    CHECK_THROWS_WITH(signals::derive_fixed_time_plan(net, JunctionId{0}),
                      Catch::Contains("no connection passes through it") && Catch::Contains("build_connections"));
}
