// Timing plan files: a NEMA dual-ring plan written as a planner would, read against the
// isolated junction; every kind of mistake reported with file:line; plans written by
// signal_plans_to_toml read back to the same colours.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "network/grid_generator.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/signal_plan_file.hpp"
#include "signals/fixed_time.hpp"

using namespace ut;

namespace {

network::GeneratedNetwork isolated() {
    network::ArterialSpec spec;
    spec.junctions = 1;
    return network::make_arterial(spec);
}

// Line numbers matter to the tests below: keep the layout.
constexpr const char* kNema = R"(# a1 as a planner writes it
[[junction]]
name = "a1"
rings = ["1 2 | 3 4", "5 6 | 7 8"]

[[junction.phase]]
number = 1
movements = ["WBL"]
[[junction.phase]]
number = 2
movements = ["EBT", "EBR"]
min_green_s = 10
recall = "min"
[[junction.phase]]
number = 3
movements = ["NBL"]
[[junction.phase]]
number = 4
movements = ["SBT", "SBR"]
[[junction.phase]]
number = 5
movements = ["EBL"]
[[junction.phase]]
number = 6
movements = ["WBT", "WBR"]
min_green_s = 10
recall = "min"
[[junction.phase]]
number = 7
movements = ["SBL"]
[[junction.phase]]
number = 8
movements = ["NBT", "NBR"]

[[junction.plan]]
name = "day"
controller = "coordinated"
cycle_s = 90
offset_s = 10
coordinated_phases = [2, 6]
splits = { 1 = 12, 2 = 38, 3 = 10, 4 = 30, 5 = 12, 6 = 38, 7 = 10, 8 = 30 }

[[junction.plan]]
name = "night"
from = "22:00"
controller = "actuated"
)";

std::vector<std::string> problems_of(const std::string& text, const network::Network& net) {
    try {
        scenario::read_signal_plans_from_string(text, "plans.toml", net);
    } catch (const scenario::ScenarioError& e) {
        return e.problems();
    }
    return {};
}

bool has(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("A NEMA dual-ring plan file with two time-of-day plans is read", "[signals][plan_file]") {
    const auto g = isolated();
    const auto plans = scenario::read_signal_plans_from_string(kNema, "plans.toml", g.network);
    REQUIRE(plans.size() == 1);
    const auto& plan = plans[0];
    CHECK(plan.junction.value == 1);
    CHECK(plan.phases.size() == 8);
    CHECK(plan.groups.size() == 12);
    CHECK(plan.rings.size() == 2);
    REQUIRE(plan.timings.size() == 2);
    CHECK(plan.timings[0].controller == signals::ControllerKind::Coordinated);
    CHECK(plan.timings[1].from_s == 22 * 3600.0);
    CHECK(plan.cycle_s() == Approx(90.0));
}

TEST_CASE("Plan file mistakes are reported together, each with file:line", "[signals][plan_file]") {
    const auto g = isolated();
    std::string text = replaced(kNema, "name = \"a1\"", "name = \"a9\"");
    CHECK(has(problems_of(text, g.network), "plans.toml:3: the network has no junction with name 'a9'"));

    text = replaced(kNema, "movements = [\"EBT\", \"EBR\"]", "movements = [\"EBX\", \"EBR\"]");
    text = replaced(text, "\"5 6 | 7 8\"", "\"5 6 | 7 9\"");
    text = replaced(text, "4 = 30, ", "");
    text = replaced(text, "recall = \"min\"", "recall = \"sometimes\"");
    const auto problems = problems_of(text, g.network);
    INFO(fmt::format("{}", fmt::join(problems, "\n")));
    CHECK(has(problems, "plans.toml:11: phase 2: no movement 'EBX' at this junction; its movements are:"));
    CHECK(has(problems, "plans.toml:4: ring 2 names phase 9, which no [[junction.phase]] defines"));
    CHECK(has(problems, "needs a split for every phase; missing: 4"));
    CHECK(has(problems, "plans.toml:13: [junction.phase] recall = \"sometimes\" is not known"));
    CHECK(problems.size() >= 4);
}

TEST_CASE("A plan file giving conflicting movements green together is rejected", "[signals][plan_file][evidence]") {
    const auto g = isolated();
    const std::string text = replaced(kNema, "movements = [\"EBT\", \"EBR\"]", "movements = [\"EBT\", \"EBR\", \"NBT\"]");
    const auto problems = problems_of(text, g.network);
    REQUIRE_FALSE(problems.empty());
    INFO(problems.front());
    CHECK(has(problems, "plans.toml:2: junction 'a1': signal groups"));
    CHECK(has(problems, "'NBT'"));
    CHECK(has(problems, "phases 2 and 6"));
}

TEST_CASE("Written plans read back to the same colours", "[signals][plan_file]") {
    const auto g = network::make_arterial({});
    const std::string text = scenario::signal_plans_to_toml(g.network, g.signal_plans, "test");
    const auto back = scenario::read_signal_plans_from_string(text, "written.toml", g.network);
    REQUIRE(back.size() == g.signal_plans.size());
    for (std::size_t p = 0; p < back.size(); ++p) {
        // Per connection: the colour of its group in each plan, every second of two cycles.
        const auto& a = g.signal_plans[p];
        const auto& b = back[p];
        std::vector<signals::SignalColor> ca(a.groups.size()), cb(b.groups.size());
        for (double t = 0.0; t < 180.0; t += 1.0) {
            signals::fixed_time_colors(a, t, ca);
            signals::fixed_time_colors(b, t, cb);
            for (std::size_t ga = 0; ga < a.groups.size(); ++ga)
                for (ConnectionId c : a.groups[ga].connections)
                    for (std::size_t gb = 0; gb < b.groups.size(); ++gb)
                        if (std::count(b.groups[gb].connections.begin(), b.groups[gb].connections.end(), c))
                            CHECK(ca[ga] == cb[gb]);
        }
    }
}
