// Derived fixed-time plans (signals/plan_builder): every movement served exactly once, and no
// stage gives protected green to two conflicting movements, checked against
// compute_conflicts on whole generated networks. (Lives with the network tests because it
// is the safety contract between conflicts.cpp and plan_builder.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "network/conflicts.hpp"
#include "network/connection_builder.hpp"
#include "network/grid_generator.hpp"
#include "network/junction_fixtures.hpp"
#include "signals/conflict_check.hpp"
#include "signals/plan_builder.hpp"

using namespace ut;
using namespace ut::network;
using signals::SignalPlan;
using test::inbound;

namespace {

// Every connection of the junction in exactly one group, every group in at least one stage
// (a through movement also runs with its own lagging left turn), and no protected-protected
// conflict in any stage.
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
    std::vector<std::set<std::size_t>> stages_of(plan.groups.size());
    for (std::size_t s = 0; s < plan.stages.size(); ++s) {
        CHECK(plan.stages[s].green_s > 0.0);
        for (std::uint16_t g : plan.stages[s].green_groups) stages_of[g].insert(s);
    }
    for (const auto& stages : stages_of) CHECK_FALSE(stages.empty());
    for (const Conflict& c : conflicts) {
        const int ga = group_of[c.a.index()];
        const int gb = group_of[c.b.index()];
        if (ga < 0 || gb < 0) continue;
        bool together = false;
        for (std::size_t s : stages_of[static_cast<std::size_t>(ga)]) together = together || stages_of[static_cast<std::size_t>(gb)].count(s) > 0;
        if (!together) continue;
        const bool both_protected = !plan.groups[ga].permissive && !plan.groups[gb].permissive;
        INFO(plan.groups[ga].name << " vs " << plan.groups[gb].name);
        CHECK_FALSE(both_protected);
    }
}

// The plan of J0 of a star junction (junction_fixtures.hpp), its connections built first.
SignalPlan star_plan(Network& net, const signals::PlanBuilderOptions& options = {}) {
    build_connections(net);
    return signals::derive_fixed_time_plan(net, JunctionId{0}, options);
}

// Whether the left turns, and only they, turn permissively.
bool only_lefts_permissive(const Network& net, const SignalPlan& plan) {
    return std::all_of(plan.groups.begin(), plan.groups.end(), [&](const signals::SignalGroup& g) {
        return g.permissive == (net.connection(g.connections.front()).turn == Turn::Left);
    });
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

TEST_CASE("without protected lefts, or without left-turn lanes on imported maps, a crossing has two stages and permissive lefts",
          "[signals][plans]") {
    signals::PlanBuilderOptions no_arrows;
    no_arrows.protected_lefts = false;
    signals::PlanBuilderOptions imported;  // one lane each way: lefts share it with straight on
    imported.permissive_shared_lefts = true;
    for (const auto& [lanes, options] : {std::pair{2, no_arrows}, std::pair{1, imported}}) {
        Network net = test::star_junction({{0, lanes}, {90, lanes}, {180, lanes}, {270, lanes}});
        const SignalPlan plan = star_plan(net, options);
        CHECK(plan.stages.size() == 2);
        CHECK(only_lefts_permissive(net, plan));
        check_plan(net, plan, compute_conflicts(net));
    }
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

namespace {

// Stages in which a group of `from` turning `turn` is green.
std::set<std::size_t> stages_serving(const Network& net, const SignalPlan& plan, LinkId from, Turn turn) {
    std::set<std::size_t> out;
    for (std::size_t s = 0; s < plan.stages.size(); ++s)
        for (std::uint16_t g : plan.stages[s].green_groups) {
            const Connection& c = net.connection(plan.groups[g].connections.front());
            if (c.from_link == from && c.turn == turn) out.insert(s);
        }
    return out;
}

bool share_a_stage(const std::set<std::size_t>& a, const std::set<std::size_t>& b) {
    return std::any_of(a.begin(), a.end(), [&](std::size_t s) { return b.count(s) > 0; });
}

// Whether traffic from `a` turning `ta` and from `b` turning `tb` have green together.
bool together(const Network& net, const SignalPlan& plan, LinkId a, Turn ta, LinkId b, Turn tb) {
    return share_a_stage(stages_serving(net, plan, a, ta), stages_serving(net, plan, b, tb));
}

}  // namespace

TEST_CASE("approaches from one direction are one arm, served together", "[signals][plans]") {
    // A crossing whose west arm arrives as two links 12 degrees apart (a turn pocket or slip
    // road mapped as its own way): still a crossing of two axes, not five lone approaches.
    Network net = test::star_junction({{0, 2}, {90, 2}, {180, 2}, {192, 1}, {270, 2}});
    const SignalPlan plan = star_plan(net);
    CHECK(together(net, plan, inbound(2), Turn::Straight, inbound(3), Turn::Straight));
    // ... and opposite the east arm: through traffic both ways at once.
    CHECK(together(net, plan, inbound(2), Turn::Straight, inbound(0), Turn::Straight));
    check_plan(net, plan, compute_conflicts(net));
}

TEST_CASE("where only one arm turns left, its left runs with its own through traffic", "[signals][plans]") {
    // A T: the main road east-west, the side street to the south. Traffic from the east
    // turns left into it; traffic from the west has no left turn.
    Network net = test::star_junction({{0, 2}, {180, 2}, {270, 1}});
    const SignalPlan plan = star_plan(net);
    const std::set<std::size_t> left = stages_serving(net, plan, inbound(0), Turn::Left);
    REQUIRE(left.size() == 1);
    CHECK(plan.stages[*left.begin()].green_s == Approx(signals::PlanBuilderOptions{}.green_through_s));
    CHECK(together(net, plan, inbound(0), Turn::Left, inbound(0), Turn::Straight));
    CHECK_FALSE(together(net, plan, inbound(0), Turn::Left, inbound(1), Turn::Straight));
    check_plan(net, plan, compute_conflicts(net));
}

TEST_CASE("derived plans respect who yields in the engine, and merging costs no stage", "[signals][plans]") {
    // Two approaches from the west merge into the single lane going east: they may share
    // a green if the one the engine makes yield is shown permissive.
    Network merge = test::star_junction({{0, 1}, {90, 1}, {180, 1}, {195, 1}, {270, 1}});
    const SignalPlan merge_plan = star_plan(merge);
    CHECK(together(merge, merge_plan, inbound(2), Turn::Straight, inbound(3), Turn::Straight));
    std::vector<std::pair<const Network*, const SignalPlan*>> all{{&merge, &merge_plan}};
    std::vector<GeneratedNetwork> generated;
    for (int lanes : {1, 2, 3}) {
        GridSpec spec;
        spec.rows = 3;
        spec.columns = 4;
        spec.lanes_per_direction = lanes;
        generated.push_back(make_grid(spec));
    }
    generated.push_back(make_arterial({}));
    for (const GeneratedNetwork& g : generated)
        for (const SignalPlan& p : g.signal_plans) all.emplace_back(&g.network, &p);
    for (const auto& [net, plan] : all) {
        const signals::ConflictTable table(*net);
        const std::vector<std::string> problems = signals::check_plan(*net, table, *plan);
        INFO(problems.size() << " problems, e.g. " << (problems.empty() ? "" : problems.front()));
        CHECK(problems.empty());
    }
}

TEST_CASE("opposite arms pair up however many arms meet, and stages that cross nothing join up", "[signals][plans]") {
    // A crossing with a fifth road coming in at 45 degrees (a slip road joined into it): the
    // main road's two arms still get green together.
    Network five = test::star_junction({{0, 2}, {45, 1}, {90, 1}, {180, 2}, {270, 1}});
    const SignalPlan five_plan = star_plan(five);
    CHECK(together(five, five_plan, inbound(0), Turn::Straight, inbound(3), Turn::Straight));
    check_plan(five, five_plan, compute_conflicts(five));
    // Two roads meeting at a corner: each turns into the other without crossing its path,
    // so one stage serves both.
    Network corner = test::star_junction({{0, 1}, {90, 1}});
    const SignalPlan corner_plan = star_plan(corner);
    CHECK(corner_plan.stages.size() == 1);
    check_plan(corner, corner_plan, compute_conflicts(corner));
}

TEST_CASE("on imported maps a left turn without a lane of its own turns permissively with the through traffic", "[signals][plans]") {
    // A protected left stage would hold the straight-on traffic sharing its lane behind the
    // first left-turner for the whole through stage.
    signals::PlanBuilderOptions imported;
    imported.permissive_shared_lefts = true;
    Network shared = test::star_junction({{0, 1}, {90, 1}, {180, 1}, {270, 1}});
    const SignalPlan plan = star_plan(shared, imported);
    CHECK(together(shared, plan, inbound(2), Turn::Left, inbound(2), Turn::Straight));
    CHECK(signals::check_plan(shared, signals::ConflictTable(shared), plan).empty());
    // With a left-turn lane (4 lanes: right | straight | straight | left) it keeps its arrow.
    Network pockets = test::star_junction({{0, 4}, {90, 4}, {180, 4}, {270, 4}});
    const SignalPlan pocket_plan = star_plan(pockets, imported);
    CHECK(pocket_plan.stages.size() == 4);
    CHECK_FALSE(together(pockets, pocket_plan, inbound(2), Turn::Left, inbound(2), Turn::Straight));
    // Generated networks keep protected lefts (the default).
    CHECK(star_plan(shared).stages.size() == 4);
}
