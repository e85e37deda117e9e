// The SUMO export of connections: SUMO's drivers must see the traffic they give way to from
// where ours decide, and go straight through a junction at our speed (docs/validation.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "engine/compiled_network.hpp"
#include "network/connection_builder.hpp"
#include "network/junction_fixtures.hpp"
#include "output/sumo/sumo_export.hpp"
#include "output/test_temp_dir.hpp"

using namespace ut;

namespace {

std::string attr(const std::string& tag, const std::string& name) {
    std::smatch m;
    if (std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\""))) return m[1];
    return {};
}

// The <connection> elements of a .con.xml, in file order.
std::vector<std::string> connection_tags(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    const std::string xml = s.str();
    std::vector<std::string> out;
    const std::regex con("<connection [^>]*/>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), con); it != std::sregex_iterator(); ++it) out.push_back((*it)[0]);
    return out;
}

}  // namespace

TEST_CASE("Exported connections see their foes from where we decide to yield, and go straight on at our speed",
          "[output][sumo]") {
    // A priority junction whose arms have different limits; connections built as on a map.
    network::Network net = test::star_junction({{0, 2}, {90, 1}, {180, 2}, {270, 1}}, network::JunctionControl::Priority);
    for (std::size_t k = 0; k < net.links.size(); ++k) net.links[k].speed_limit_mps = (k / 2) % 2 == 0 ? 13.89 : 22.35;
    network::build_connections(net);
    const engine::CompiledNetwork compiled(net);

    test::TempDir dir;
    const demand::Demand no_trips;
    const auto types = engine::default_vehicle_types();
    const std::vector<signals::SignalPlan> no_plans;
    const output::sumo::SumoExportInput in{net, no_plans, no_trips, types, engine::EngineConfig{}, 600.0, "star"};
    const auto tags = connection_tags(output::sumo::export_to_sumo(in, dir.path()).connections);
    REQUIRE(tags.size() == net.connections.size());

    int straight = 0;
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const auto& con = net.connections[c];
        INFO("connection " << c << ": " << tags[c]);
        REQUIRE(attr(tags[c], "from") == output::sumo::sumo_link_id(con.from_link));
        // Ours decides within max(25 m, 3 s at its speed) of the stop line (engine/path_ahead.cpp).
        const double limit = net.link(con.from_link).speed_limit_mps;
        CHECK(std::stod(attr(tags[c], "visibility")) == Approx(std::max(25.0, 3.0 * limit)).margin(0.05));
        // Straight on at the engine's speed; turns are slowed by netconvert on its own shapes.
        if (con.turn == network::Turn::Straight) {
            ++straight;
            CHECK(std::stod(attr(tags[c], "speed")) == Approx(compiled.lane_speed_mps[compiled.conn_internal_lane[c]]).margin(0.001));
        } else {
            CHECK(attr(tags[c], "speed").empty());
        }
    }
    CHECK(straight > 0);
}
