// The SUMO export of signal programs. A NEMA dual-ring plan whose rings change at
// different times becomes one tlLogic phase per interval in which no colour changes; its
// durations add up to the cycle, and at every step of a run SUMO's program (program time =
// (t - offset) mod cycle, as SUMO counts it) shows each controlled connection the colour
// our controller shows it. Actuated time-of-day plans go to the additional file with
// minDur/maxDur and a WAUT.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "engine/simulation.hpp"
#include "output/sumo/sumo_export.hpp"
#include "output/test_temp_dir.hpp"
#include "scenario/signal_plan_file.hpp"
#include "signals/phase_log.hpp"
#include "signals/signal_test_networks.hpp"

using namespace ut;

namespace {

struct SumoPhase {
    double duration_s = 0.0;
    double min_s = -1.0, max_s = -1.0;  // -1: not given
    std::string state;
};

struct SumoProgram {
    std::string id, type, program_id;
    double offset_s = 0.0;
    std::vector<SumoPhase> phases;
    double cycle_s() const {
        double c = 0.0;
        for (const auto& p : phases) c += p.duration_s;
        return c;
    }
    // The state at simulation time t, as SUMO runs a static program.
    const std::string& state_at(double t) const {
        double pt = std::fmod(t - offset_s, cycle_s());
        if (pt < 0.0) pt += cycle_s();
        for (const auto& p : phases) {
            if (pt < p.duration_s - 1e-9) return p.state;
            pt -= p.duration_s;
        }
        return phases.back().state;
    }
};

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string attr(const std::string& tag, const std::string& name) {
    std::smatch m;
    if (std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\""))) return m[1];
    return {};
}

std::vector<SumoProgram> programs(const std::string& xml) {
    std::vector<SumoProgram> out;
    const std::regex logic("<tlLogic [^>]*>([\\s\\S]*?)</tlLogic>");
    const std::regex phase("<phase [^>]*/>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), logic); it != std::sregex_iterator(); ++it) {
        const std::string block = (*it)[0];
        const std::string head = block.substr(0, block.find('>'));
        SumoProgram p{attr(head, "id"), attr(head, "type"), attr(head, "programID"), std::stod(attr(head, "offset")), {}};
        for (auto ph = std::sregex_iterator(block.begin(), block.end(), phase); ph != std::sregex_iterator(); ++ph) {
            const std::string tag = (*ph)[0];
            SumoPhase s{std::stod(attr(tag, "duration")), -1.0, -1.0, attr(tag, "state")};
            if (!attr(tag, "minDur").empty()) s.min_s = std::stod(attr(tag, "minDur"));
            if (!attr(tag, "maxDur").empty()) s.max_s = std::stod(attr(tag, "maxDur"));
            p.phases.push_back(s);
        }
        out.push_back(std::move(p));
    }
    return out;
}

// The connection at each position of a junction's state string, from the controlled
// connections the .tll.xml lists (from/to "L<link>", lanes, linkIndex).
std::map<int, ConnectionId> state_positions(const std::string& xml, const network::Network& net) {
    std::map<int, ConnectionId> out;
    const std::regex con("<connection [^>]*linkIndex=\"[0-9]+\"/>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), con); it != std::sregex_iterator(); ++it) {
        const std::string tag = (*it)[0];
        const auto link = [&](const char* a) { return static_cast<std::uint32_t>(std::stoul(attr(tag, a).substr(1))); };
        for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
            const auto& k = net.connections[c];
            if (k.from_link.value == link("from") && k.to_link.value == link("to") &&
                k.from_lane == std::stoul(attr(tag, "fromLane")) && k.to_lane == std::stoul(attr(tag, "toLane")))
                out[std::stoi(attr(tag, "linkIndex"))] = ConnectionId{c};
        }
    }
    return out;
}

char sumo_char(signals::SignalColor c) {
    switch (c) {
        case signals::SignalColor::Green: return 'G';
        case signals::SignalColor::GreenPermissive: return 'g';
        case signals::SignalColor::Yellow: return 'y';
        case signals::SignalColor::Red: return 'r';
    }
    return '?';
}

struct Exported {
    network::GeneratedNetwork g;
    std::vector<signals::SignalPlan> plans;
    std::string tll, additional;
};

Exported export_dual_ring(const std::string& more_plans, const test::TempDir& dir) {
    network::ArterialSpec spec;
    spec.junctions = 1;
    Exported e{network::make_arterial(spec), {}, {}, {}};
    e.plans = scenario::read_signal_plans_from_string(test::dual_ring_plan_file(more_plans), "plans.toml", e.g.network);
    const demand::Demand no_trips;
    const auto types = engine::default_vehicle_types();
    const output::sumo::SumoExportInput in{e.g.network, e.plans, no_trips, types, engine::EngineConfig{}, 600.0, "ring"};
    const auto files = output::sumo::export_to_sumo(in, dir.path());
    e.tll = read_all(files.tls);
    e.additional = read_all(dir.path() / "ring.add.xml");
    return e;
}

}  // namespace

TEST_CASE("A dual-ring fixed-time plan exports to SUMO as the sequence of states our controller shows",
          "[output][sumo][signals]") {
    test::TempDir dir;
    const Exported e = export_dual_ring("", dir);
    const auto progs = programs(e.tll);
    REQUIRE(progs.size() == 1);
    const SumoProgram& p = progs[0];
    CHECK(p.type == "static");
    CHECK(p.program_id == "urbantwin");
    CHECK(p.cycle_s() == Approx(80.0));
    CHECK(p.offset_s == Approx(7.0));
    // States from 0, 10, 13, 15, 17, 22, 45, 48, 50, 75, 78 s: ring 2's EBL runs on while
    // ring 1 has gone from WBL to EBT, so there are more states than stages; at 20 s ring 2
    // goes from yellow to all-red, but EBL shows phase 2's permissive green throughout.
    CHECK(p.phases.size() == 11);
    for (std::size_t i = 1; i < p.phases.size(); ++i) CHECK(p.phases[i].state != p.phases[i - 1].state);
    CHECK(e.additional.find("WAUT") == std::string::npos);

    const auto positions = state_positions(e.tll, e.g.network);
    REQUIRE(positions.size() == p.phases[0].state.size());
    std::map<std::uint32_t, std::size_t> group_of;  // connection -> plan group
    for (std::size_t gi = 0; gi < e.plans[0].groups.size(); ++gi)
        for (ConnectionId c : e.plans[0].groups[gi].connections) group_of[c.value] = gi;

    engine::SimulationInputs in;
    in.network = e.g.network;
    in.signal_plans = e.plans;
    engine::Simulation sim(std::move(in));
    const double end_s = 400.0;
    sim.run_until(end_s);
    const auto rows = signals::phase_log_rows(sim.signal_plans()[0], sim.signal_control().log, 0);
    const auto names = signals::phase_log_group_names(sim.signal_plans()[0]);
    std::vector<signals::SignalColor> ours(names.size(), signals::SignalColor::Red);
    std::size_t next = 0;
    std::size_t compared = 0;
    for (double t = 0.0; t < end_s; t += 0.5) {
        for (; next < rows.size() && rows[next].time_s <= t; ++next)
            ours[static_cast<std::size_t>(std::find(names.begin(), names.end(), rows[next].group) - names.begin())] =
                rows[next].color;
        const std::string& state = p.state_at(t);
        for (const auto& [pos, conn] : positions) {
            INFO("t = " << t << " s, state position " << pos);
            CHECK(state[static_cast<std::size_t>(pos)] == sumo_char(ours[group_of.at(conn.value)]));
            ++compared;
        }
    }
    CHECK(compared == 800 * positions.size());
}

TEST_CASE("An actuated time-of-day plan exports as a SUMO actuated program switched in by a WAUT",
          "[output][sumo][signals]") {
    test::TempDir dir;
    const Exported e = export_dual_ring("[[junction.plan]]\nname = \"night\"\nfrom_s = 600\ncontroller = \"actuated\"\n", dir);
    REQUIRE(programs(e.tll).size() == 1);
    const auto extra = programs(e.additional);
    REQUIRE(extra.size() == 1);
    const SumoProgram& p = extra[0];
    CHECK(p.type == "actuated");
    CHECK(p.program_id == "night");
    CHECK(p.id == "J1");
    // Every phase at its longest: ring 1 (12 + 5) + (45 + 5), ring 2 the same, then 35 + 5.
    CHECK(p.cycle_s() == Approx(107.0));
    // Greens may be cut to their min green (5 s; 10 s for phases 2 and 6); clearances not.
    REQUIRE(p.phases.size() >= 6);
    CHECK(p.phases[0].min_s == Approx(5.0));
    CHECK(p.phases[0].max_s == Approx(12.0));
    std::size_t extendable = 0;
    for (const auto& ph : p.phases) {
        if (ph.state.find_first_of("Gg") == std::string::npos) CHECK(ph.min_s < 0.0);
        if (ph.min_s < 0.0) continue;
        ++extendable;
        CHECK(ph.min_s <= ph.max_s);
        CHECK(ph.max_s == ph.duration_s);
    }
    CHECK(extendable >= 3);
    CHECK(e.additional.find("<WAUT id=\"J1\" refTime=\"0\" startProg=\"urbantwin\">") != std::string::npos);
    CHECK(e.additional.find("<wautSwitch time=\"600.00\" to=\"night\"/>") != std::string::npos);
    CHECK(e.additional.find("<wautJunction wautID=\"J1\" junctionID=\"J1\"/>") != std::string::npos);
}
