// validate(): silent on good networks, and on a broken one every problem at once, each naming
// the element, its source id and what to do.
#include <catch2/catch.hpp>

#include <algorithm>

#include "network/connection_builder.hpp"
#include "network/junction_fixtures.hpp"
#include "network/validate.hpp"

using namespace ut;
using namespace ut::network;

namespace {

bool any_message(const std::vector<NetworkProblem>& problems, std::initializer_list<const char*> parts) {
    return std::any_of(problems.begin(), problems.end(), [&](const NetworkProblem& p) {
        return std::all_of(parts.begin(), parts.end(),
                           [&](const char* part) { return p.message.find(part) != std::string::npos; });
    });
}

}  // namespace

TEST_CASE("a built junction validates cleanly", "[network][validate]") {
    Network net = test::star_junction({{0, 2}, {90, 1}, {180, 2}, {270, 1}});
    build_connections(net);
    CHECK(validate(net).empty());
}

TEST_CASE("validate reports every problem of a broken network, with what to do", "[network][validate]") {
    Network net = test::star_junction({{0, 1}, {90, 1}, {180, 1}});
    build_connections(net);
    const std::size_t good_connections = net.connections.size();

    net.links[0].source_id = 4711;
    net.links[0].lanes.clear();                       // no lanes
    net.links[1].to = JunctionId{99};                 // missing junction
    net.links[2].shape = {{500, 500}, {600, 600}};    // far from both junctions
    net.links[2].length_m = polyline_length(net.links[2].shape);
    net.links[3].speed_limit_mps = 0.0;               // cannot be driven
    net.connections.push_back(net.connections.back());  // duplicate
    Connection wrong;                                 // from link 4 (ends at J0) to link 4 (starts at J0's arm)
    wrong.from_link = LinkId{4};
    wrong.to_link = LinkId{4};
    wrong.from_lane = 3;                              // out of range
    wrong.shape = {{0, 0}, {1, 0}};
    wrong.length_m = 1.0;
    net.connections.push_back(wrong);
    Connection dangling;
    dangling.from_link = LinkId{77};
    dangling.to_link = LinkId{5};
    dangling.shape = {{0, 0}, {1, 0}};
    dangling.length_m = 1.0;
    net.connections.push_back(dangling);

    const auto problems = validate(net);
    for (const auto& p : problems) UNSCOPED_INFO(p.message);
    CHECK(problems.size() >= 8);
    CHECK(any_message(problems, {"link 0", "source id 4711", "no lanes", "at least one lane"}));
    CHECK(any_message(problems, {"link 1", "to-junction 99 does not exist"}));
    CHECK(any_message(problems, {"link 2", "starts", "from its from-junction"}));
    CHECK(any_message(problems, {"link 2", "ends", "fix the shape"}));
    CHECK(any_message(problems, {"link 3", "speed limit"}));
    CHECK(any_message(problems, {std::to_string(good_connections).c_str(), "duplicates connection"}));
    CHECK(any_message(problems, {"from lane 3", "has 1 lane"}));
    CHECK(any_message(problems, {"must pass through one junction", "build_connections"}));
    CHECK(any_message(problems, {"from-link 77 does not exist"}));
}
