// Every real extract in ../shared/data runs its scenario (scenarios/NAME.toml, moderate
// demand) for one simulated hour without a gridlock event or a teleport: what the imported
// network and its derived signal plans must allow (issue 3). Skipped, with a message, when
// the data is absent. On failure it names the links where vehicles stood, as links.csv does.
#include <catch2/catch.hpp>

#include <sstream>

#include "engine/simulation.hpp"
#include "import/import_test_util.hpp"
#include "scenario/scenario.hpp"

using namespace ut;

namespace {

struct Extract {
    const char* scenario;  // scenarios/NAME.toml
    const char* data;      // the file it reads from ../shared/data
};

// "link 17334 (Konrad-Adenauer-Brücke): 2 gridlock events, 1 teleport" per link with any.
std::string where_vehicles_stood(const engine::Simulation& sim) {
    std::ostringstream out;
    const std::vector<engine::LinkStats> stats = sim.link_stats();
    for (std::size_t l = 0; l < stats.size(); ++l)
        if (stats[l].gridlock_events > 0 || stats[l].teleports > 0)
            out << "link " << l << " (" << sim.network().links[l].name << "): " << stats[l].gridlock_events
                << " gridlock events, " << stats[l].teleports << " teleports\n";
    return out.str();
}

}  // namespace

TEST_CASE("real maps: each extract runs its scenario for an hour without gridlock", "[import][slow]") {
    const Extract extract = GENERATE(Extract{"mannheim", "mannheim-heidelberg-roads.osm.pbf"},
                                     Extract{"portland", "portland-central.osm.pbf"}, Extract{"monaco", "monaco.osm.pbf"},
                                     Extract{"cobb", "cobb-county.osm.pbf"}, Extract{"berlin", "berlin-siegessaeule.osm.gz"},
                                     Extract{"beatty", "beatty.osm"});
    INFO("scenarios/" << extract.scenario << ".toml");
    if (!test::have_shared(extract.data)) return;
    const scenario::Scenario sc =
        scenario::load_scenario(std::filesystem::path(URBANTWIN_SOURCE_DIR) / "scenarios" / (std::string(extract.scenario) + ".toml"));
    CHECK(sc.duration_s == 3600.0);
    engine::Simulation sim(scenario::build_simulation_inputs(sc));
    sim.run_until(sc.duration_s);
    const engine::NetworkCounters c = sim.counters();
    INFO(where_vehicles_stood(sim));
    CHECK(c.departed > 0);
    CHECK(c.gridlock_events == 0);
    CHECK(c.teleports == 0);
}
