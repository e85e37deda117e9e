// The phase log as a run writes it (OUT/signals/<junction>.csv and index.csv) and as it is
// read back and checked: a fixed-time dual-ring junction's greens repeat every cycle with
// the planned split, the check passes on the run, and hand-corrupted logs (a green too
// long, a conflicting green, bad CSV) are rejected with the junction, the time and what is
// wrong. Actuated and coordinated rules are checked on hand-written rows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/simulation.hpp"
#include "metrics/summary.hpp"
#include "output/run_outputs.hpp"
#include "output/test_temp_dir.hpp"
#include "scenario/signal_plan_file.hpp"
#include "signal_test_networks.hpp"
#include "signals/phase_log.hpp"
#include "signals/phase_log_check.hpp"
#include "signals/ring_barrier.hpp"

using namespace ut;

namespace {

constexpr double kStep = 0.5;
constexpr double kCycle = 80.0;

network::GeneratedNetwork isolated() {
    network::ArterialSpec spec;
    spec.junctions = 1;
    return network::make_arterial(spec);
}

// The dual-ring fixed-time junction run for 20 minutes with some traffic, outputs in dir.
struct LoggedRun {
    network::GeneratedNetwork g = isolated();
    std::vector<signals::SignalPlan> plans;
    std::filesystem::path signals_dir;

    explicit LoggedRun(const std::filesystem::path& dir) {
        plans = scenario::read_signal_plans_from_string(test::dual_ring_plan_file(), "plans.toml", g.network);
        engine::SimulationInputs in;
        in.network = g.network;
        in.signal_plans = plans;
        const auto& net = g.network;
        test::add_poisson_trips(in.demand,
                                test::route(net, test::link_between(net, "west end", "a1"), test::link_between(net, "a1", "east end")),
                                500.0, 0.0, 1200.0, 5, 1);
        test::add_poisson_trips(in.demand,
                                test::route(net, test::link_between(net, "a1 south end", "a1"), test::link_between(net, "a1", "west end")),
                                100.0, 0.0, 1200.0, 5, 2);
        in.demand.sort_by_departure();
        engine::Simulation sim(std::move(in));
        sim.run_until(1200.0);
        const auto paths = output::write_run_outputs(dir, sim, metrics::compute_summary(sim));
        signals_dir = paths.signals_dir;
    }

    std::vector<signals::JunctionLogVerdict> check() const {
        signals::LogCheckOptions options;
        options.step_s = kStep;
        return signals::check_phase_log_dir(signals_dir, g.network, plans, options);
    }
};

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_all(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

double time_of(const std::string& line) { return std::stod(line.substr(0, line.find(','))); }

// Re-sorts data lines by time (stable, header first) after times were edited.
std::string sorted(std::vector<std::string> lines) {
    std::stable_sort(lines.begin() + 1, lines.end(), [](const auto& a, const auto& b) { return time_of(a) < time_of(b); });
    return joined(lines);
}

bool has(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.find(text) != std::string::npos; });
}

std::string all(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
}

// Green spans [start, end) of one group, from the rows.
std::vector<std::pair<double, double>> greens(const std::vector<signals::PhaseLogRow>& rows, const std::string& group) {
    std::vector<std::pair<double, double>> out;
    bool green = false;
    for (const auto& r : rows) {
        if (r.group != group) continue;
        const bool now = r.color == signals::SignalColor::Green || r.color == signals::SignalColor::GreenPermissive;
        if (now && !green) out.push_back({r.time_s, -1.0});
        if (!now && green) out.back().second = r.time_s;
        green = now;
    }
    return out;
}

}  // namespace

TEST_CASE("A run writes a phase-change CSV per junction; a fixed-time green repeats every cycle with its split",
          "[signals][phase_log][output]") {
    test::TempDir dir;
    // Left by an earlier run into the same folder: its phase logs go, other files stay.
    std::filesystem::create_directories(dir.path() / "signals");
    write_all(dir.path() / "signals" / "4711.csv", "time_s,junction,phase,group,color,reason\n0.0,4711,,EBT,red,\n");
    write_all(dir.path() / "signals" / "notes.csv", "junction,note\na1,new detector\n");
    const LoggedRun run(dir.path());
    REQUIRE(run.signals_dir == dir.path() / "signals");
    CHECK_FALSE(std::filesystem::exists(run.signals_dir / "4711.csv"));
    CHECK(std::filesystem::exists(run.signals_dir / "notes.csv"));
    const auto csv = read_all(run.signals_dir / "a1.csv");
    CHECK(lines_of(csv).front() == "time_s,junction,phase,group,color,reason");
    const auto index = lines_of(read_all(run.signals_dir / "index.csv"));
    REQUIRE(index.size() == 2);
    CHECK(index[0] == "junction,name,osm_id,file,timing_plans,changes");
    CHECK(index[1] == "a1,a1,,a1.csv,\"fixed: fixed, 80 s cycle, from 0 s\"," + std::to_string(lines_of(csv).size() - 1));

    const auto rows = signals::read_phase_log(run.signals_dir / "a1.csv");
    CHECK(std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.junction == "a1"; }));
    // EBT: phase 2's green, 15 s to 45 s of the cycle (split 35 s - 5 s clearance), cycle
    // start at the 7 s offset: green from 22 s, every 80 s.
    const auto ebt = greens(rows, "EBT");
    REQUIRE(ebt.size() >= 14);
    for (std::size_t i = 0; i + 1 < ebt.size(); ++i) {
        CHECK(ebt[i].first == Approx(22.0 + kCycle * static_cast<double>(i)).margin(kStep));
        CHECK(ebt[i].second - ebt[i].first == Approx(30.0).margin(kStep));
        CHECK(ebt[i + 1].first - ebt[i].first == Approx(kCycle).margin(kStep));
    }
    // Ring 2 changes at other times: EBL's protected green (phase 5) ends 17 s into the
    // cycle and carries on permissive in phase 2 until both rings yield at 45 s.
    const auto ebl = greens(rows, "EBL");
    REQUIRE(ebl.size() >= 14);
    CHECK(ebl[1].first == Approx(7.0 + kCycle));
    CHECK(ebl[1].second - ebl[1].first == Approx(45.0));
    const auto at = [&](double t, const std::string& group) {
        return std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.time_s == t && r.group == group; });
    };
    REQUIRE(at(7.0 + kCycle + 17.0, "EBL") != rows.end());
    CHECK(at(7.0 + kCycle + 17.0, "EBL")->color == signals::SignalColor::GreenPermissive);
    REQUIRE(at(22.0 + 30.0, "EBT") != rows.end());
    CHECK(at(22.0 + 30.0, "EBT")->color == signals::SignalColor::Yellow);
    CHECK(at(22.0 + 30.0, "EBT")->phase == 2);
    CHECK(at(22.0 + 30.0, "EBT")->reason == "fixed");

    const auto verdicts = run.check();
    REQUIRE(verdicts.size() == 1);
    CHECK(verdicts[0].readable);
    CHECK(verdicts[0].changes == rows.size());
    INFO(all(verdicts[0].problems));
    CHECK(verdicts[0].problems.empty());
}

TEST_CASE("A hand-corrupted phase log is rejected with the junction, the time and what is wrong",
          "[signals][phase_log][output]") {
    test::TempDir dir;
    const LoggedRun run(dir.path());
    const auto file = run.signals_dir / "a1.csv";
    const auto original = lines_of(read_all(file));
    const auto problems = [&](const std::vector<std::string>& lines) {
        write_all(file, sorted(lines));
        const auto verdicts = run.check();
        REQUIRE(verdicts.size() == 1);
        CHECK(verdicts[0].readable);
        return verdicts[0].problems;
    };

    SECTION("a green too long") {
        // The second cycle's EBT green (from 102 s) ends 2 s late.
        auto lines = original;
        for (auto& l : lines)
            for (const char* from : {"132.0,a1,2,EBT,yellow", "135.0,a1,2,EBT,red"})
                if (l.rfind(from, 0) == 0) l = (l[2] == '2' ? "134.0" : "137.0") + l.substr(5);
        const auto p = problems(lines);
        INFO(all(p));
        CHECK(has(p, "junction 'a1': 'EBT' was green for 32.0 s from 102.0 s; fixed-time plan 'fixed' gives it 30.0 s a cycle"));
        CHECK(has(p, "junction 'a1': 'SBT' turned green at 137.0 s only 0.0 s after the conflicting 'EBT' turned red"));
    }
    SECTION("a conflicting green") {
        auto lines = original;
        lines.push_back("110.0,a1,4,SBT,green,");
        lines.push_back("115.0,a1,4,SBT,yellow,fixed");
        lines.push_back("118.0,a1,4,SBT,red,fixed");
        const auto p = problems(lines);
        INFO(all(p));
        CHECK(has(p, "junction 'a1': 'SBT' turned green at 110.0 s while the conflicting 'EBT' was green"));
        CHECK(has(p, "junction 'a1': 'SBT' turned green at 110.0 s, 53.0 s after its previous green at 57.0 s; the cycle "
                     "of fixed-time plan 'fixed' is 80 s"));
        CHECK(std::count_if(p.begin(), p.end(), [](const auto& m) { return m.find("conflicting 'EBT'") != std::string::npos; }) == 1);
    }
    SECTION("a cycle too long") {
        // Every change after the second cycle comes 4 s late.
        auto lines = original;
        for (std::size_t i = 1; i < lines.size(); ++i)
            if (const double t = time_of(lines[i]); t >= 160.0)
                lines[i] = fmt::format("{:.1f}", t + 4.0) + lines[i].substr(lines[i].find(','));
        const auto p = problems(lines);
        INFO(all(p));
        CHECK(has(p, "junction 'a1': 'EBT' turned green at 186.0 s, 84.0 s after its previous green at 102.0 s; the cycle "
                     "of fixed-time plan 'fixed' is 80 s"));
    }
}

TEST_CASE("A phase log that cannot be read is reported with file:line, and so are stray and missing logs",
          "[signals][phase_log][output]") {
    test::TempDir dir;
    const LoggedRun run(dir.path());
    const auto file = run.signals_dir / "a1.csv";
    auto lines = lines_of(read_all(file));
    const auto verdict = [&](const std::vector<std::string>& edited) {
        write_all(file, joined(edited));
        const auto verdicts = run.check();
        REQUIRE(verdicts.size() >= 1);
        CHECK_FALSE(verdicts[0].readable);
        return verdicts[0].problems;
    };
    const std::string where = file.string() + ":";

    SECTION("bad values, each with its line") {
        lines[4] = "12x" + lines[4].substr(lines[4].find(','));
        std::size_t red = 6;
        while (lines[red].find(",red,") == std::string::npos) ++red;
        lines[red].replace(lines[red].find(",red,"), 5, ",blue,");
        lines[red + 1] += ",extra";
        const auto p = verdict(lines);
        INFO(all(p));
        CHECK(has(p, where + "5: time_s '12x' is not a time in seconds (0 or more)"));
        CHECK(has(p, fmt::format("{}{}: color 'blue' is none of red, yellow, green, green-permissive", where, red + 1)));
        CHECK(has(p, fmt::format("{}{}: 7 fields, the header has 6", where, red + 2)));
        CHECK(p.size() == 3);
    }
    SECTION("rows out of time order") {
        std::swap(lines[20], lines.back());
        const auto p = verdict(lines);
        INFO(all(p));
        CHECK(has(p, where + "22: time_s"));
        CHECK(has(p, "is before the previous row's"));
    }
    SECTION("a header without the needed columns") {
        lines[0] = "t,group,colour";
        CHECK(has(verdict(lines), where + "1: the header has no column 'time_s'"));
    }
    SECTION("another junction's log") {
        for (std::size_t i = 1; i < lines.size(); ++i) lines[i].replace(lines[i].find(",a1,"), 4, ",a2,");
        CHECK(has(verdict(lines), "the junction column says 'a2', but this file is the log of junction 'a1' ('a1')"));
    }
    SECTION("a missing log and a stray one") {
        std::filesystem::rename(file, run.signals_dir / "a7.csv");
        write_all(run.signals_dir / "notes.csv", "junction,note\na1,new detector\n");  // not a phase log: ignored
        const auto verdicts = run.check();
        REQUIRE(verdicts.size() == 2);
        CHECK_FALSE(verdicts[0].readable);
        CHECK(has(verdicts[0].problems, where + " no such file; urbantwin run writes one per signalised junction"));
        CHECK_FALSE(verdicts[1].readable);
        CHECK(verdicts[1].junction == "a7.csv");
        CHECK(has(verdicts[1].problems, "no signalised junction of the scenario has its log in this file"));
    }
}

TEST_CASE("The phase-log check holds actuated greens between min and max green and coordinated force-offs to their point",
          "[signals][phase_log]") {
    const auto g = isolated();
    auto plan = scenario::read_signal_plans_from_string(test::dual_ring_plan_file(), "plans.toml", g.network).at(0);
    const signals::ConflictTable table(g.network);
    std::vector<signals::PhaseLogRow> start;
    for (const auto& group : plan.groups) start.push_back({0.0, group.name, signals::SignalColor::Red, 0, "", "a1"});
    // Phase 4 (SBT, SBR, SBL permissive; max green 35 s, yellow 3 s, all-red 2 s) from
    // green_at, ended for `reason` at yellow_at, red `yellow_s` later.
    const auto phase4 = [&](double green_at, double yellow_at, const std::string& reason, double yellow_s = 3.0) {
        auto rows = start;
        for (const char* group : {"SBT", "SBR", "SBL"})
            rows.push_back({green_at, group, group == std::string("SBL") ? signals::SignalColor::GreenPermissive
                                                                        : signals::SignalColor::Green,
                            4, "", "a1"});
        for (const char* group : {"SBT", "SBR", "SBL"})
            rows.push_back({yellow_at, group, signals::SignalColor::Yellow, 4, reason, "a1"});
        for (const char* group : {"SBT", "SBR", "SBL"})
            rows.push_back({yellow_at + yellow_s, group, signals::SignalColor::Red, 4, reason, "a1"});
        return signals::check_phase_log(g.network, table, plan, rows);
    };

    SECTION("actuated") {
        plan.timings[0].controller = signals::ControllerKind::Actuated;
        CHECK(phase4(10.0, 30.0, "gap-out").empty());
        CHECK(phase4(10.0, 45.0, "max-out").empty());
        CHECK(has(phase4(10.0, 60.0, "gap-out"),
                  "junction 'a1': phase 4 ('SBT') was green for 50.0 s from 10.0 s until it gapped out; its max green is 35 s "
                  "(timing plan 'fixed')"));
        CHECK(has(phase4(10.0, 30.0, "max-out"),
                  "junction 'a1': phase 4 ('SBT') maxed out after 20.0 s of green from 10.0 s; its max green is 35 s"));
        CHECK(has(phase4(10.0, 13.0, "gap-out"),
                  "junction 'a1': phase 4 ('SBT') had only 3.0 s of green from 10.0 s until gap-out; its min green is 5 s"));
        CHECK(has(phase4(10.0, 30.0, "gap-out", 4.0),
                  "junction 'a1': 'SBT' was yellow for 4.0 s from 30.0 s; phase 4 has a yellow of 3 s"));
        CHECK(has(phase4(10.0, 30.0, "gap-out", 2.0), "'SBT' was yellow for 2.0 s from 30.0 s, below the minimum 3 s"));
    }
    SECTION("coordinated") {
        auto& timing = plan.timings[0];
        timing.controller = signals::ControllerKind::Coordinated;
        timing.coordinated = {1, 4};  // phases 2 and 6
        // Offset 7 s = begin of phase 2's green, 15 s into the layout; phase 4's force-off
        // is at 75 s of the layout: 7 - 15 + 75 = 67 s.
        CHECK(phase4(50.0, 67.0, "force-off").empty());
        CHECK(phase4(50.0, 70.0, "force-off").empty());  // rested in green without a call
        CHECK(has(phase4(50.0, 60.0, "force-off"),
                  "junction 'a1': phase 4 ('SBT') was forced off at 60.0 s, 7.0 s before its force-off point: its green "
                  "began at 50.0 s, 43.0 s into the 80 s cycle, and the force-off point is 60.0 s into it (timing plan "
                  "'fixed', offset 7 s)"));
    }
}
