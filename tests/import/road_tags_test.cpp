// The tag rules on single ways, without GDAL: one-way, lane counts, speeds, turn lanes, bus
// lanes, and what a nonsense value turns into (a warning naming the way and the default).
#include <catch2/catch.hpp>

#include "import/road_tags.hpp"

using namespace ut;
using namespace ut::import;
using network::RoadClass;
using network::Turn;
using network::turn_bit;

namespace {

RawWay way(std::initializer_list<std::pair<Tag, std::string>> tags, std::int64_t id = 42) {
    RawWay w;
    w.id = id;
    w.tags = tags;
    w.points = {{8.0, 49.0}, {8.001, 49.0}};
    return w;
}

TagRules osm_rules() {
    TagRules r;
    r.classes = ImportOptions::default_classes();
    return r;
}

RoadSpec parse(const RawWay& w, std::vector<ImportWarning>* warnings = nullptr) {
    std::vector<ImportWarning> local;
    RoadSpec s = parse_road(w, osm_rules(), warnings ? *warnings : local);
    return s;
}

}  // namespace

TEST_CASE("highway values map to road classes; *_link roads follow their parent", "[import]") {
    CHECK(classify_highway("primary").road_class == RoadClass::Primary);
    CHECK(classify_highway("living_street").road_class == RoadClass::Residential);
    const ClassOfHighway link = classify_highway("motorway_link");
    CHECK(link.road_class == RoadClass::Link);
    CHECK(link.parent == RoadClass::Motorway);
    CHECK_FALSE(classify_highway("footway").road);
    CHECK_FALSE(classify_highway("cycleway").road);
    CHECK(parse(way({{Tag::Highway, "footway"}})).drop_reason == "not a road for motor traffic");
    CHECK(parse(way({{Tag::Highway, "service"}})).drop_reason == "road class not selected (service)");
    CHECK(parse(way({{Tag::Highway, "residential"}, {Tag::Access, "private"}})).drop_reason == "no access for cars");
    CHECK(parse(way({{Tag::Highway, "residential"}, {Tag::Access, "no"}, {Tag::MotorVehicle, "destination"}})).keep);
}

TEST_CASE("oneway: yes, -1, implied for roundabouts and motorways, reversible skipped", "[import]") {
    const RoadSpec yes = parse(way({{Tag::Highway, "residential"}, {Tag::Oneway, "yes"}}));
    CHECK((yes.forward.lanes == 1 && yes.backward.lanes == 0));
    const RoadSpec minus = parse(way({{Tag::Highway, "residential"}, {Tag::Oneway, "-1"}}));
    CHECK((minus.forward.lanes == 0 && minus.backward.lanes == 1));
    const RoadSpec round = parse(way({{Tag::Highway, "tertiary"}, {Tag::Junction, "roundabout"}}));
    CHECK(round.backward.lanes == 0);
    const RoadSpec motorway = parse(way({{Tag::Highway, "motorway"}}));
    CHECK((motorway.forward.lanes == 2 && motorway.backward.lanes == 0));
    const RoadSpec two = parse(way({{Tag::Highway, "motorway"}, {Tag::Oneway, "no"}}));
    CHECK(two.backward.lanes == 2);
    std::vector<ImportWarning> w;
    const RoadSpec rev = parse(way({{Tag::Highway, "primary"}, {Tag::Oneway, "reversible"}}, 77), &w);
    CHECK_FALSE(rev.keep);
    REQUIRE(w.size() == 1);
    CHECK(w[0].feature_id == 77);
    CHECK_THAT(w[0].message, Catch::Contains("reversible") && Catch::Contains("skipped"));
}

TEST_CASE("lanes, lanes:forward/backward split into directions", "[import]") {
    const RoadSpec four = parse(way({{Tag::Highway, "primary"}, {Tag::Lanes, "4"}}));
    CHECK((four.forward.lanes == 2 && four.backward.lanes == 2));
    const RoadSpec three = parse(way({{Tag::Highway, "secondary"}, {Tag::Lanes, "3"}, {Tag::LanesForward, "2"}}));
    CHECK((three.forward.lanes == 2 && three.backward.lanes == 1));
    const RoadSpec one_way = parse(way({{Tag::Highway, "primary"}, {Tag::Lanes, "3"}, {Tag::Oneway, "yes"}}));
    CHECK(one_way.forward.lanes == 3);
    const RoadSpec untagged = parse(way({{Tag::Highway, "residential"}}));
    CHECK((untagged.forward.lanes == 1 && untagged.backward.lanes == 1));
}

TEST_CASE("nonsense lanes and maxspeed: a warning with the way id and the default used", "[import]") {
    std::vector<ImportWarning> w;
    const RoadSpec s = parse(way({{Tag::Highway, "primary"}, {Tag::Lanes, "-3"}, {Tag::Maxspeed, "fast"}}, 4711), &w);
    REQUIRE(s.keep);
    CHECK((s.forward.lanes == 1 && s.backward.lanes == 1));
    CHECK(s.forward.speed_mps == Approx(60.0 / 3.6));
    REQUIRE(w.size() >= 2);
    CHECK(w[0].feature_id == 4711);
    CHECK_THAT(w[0].message, Catch::Contains("lanes=-3") && Catch::Contains("default"));
    bool speed_warned = false;
    for (const ImportWarning& x : w)
        speed_warned |= x.message.find("maxspeed=fast") != std::string::npos &&
                        x.message.find("60 km/h") != std::string::npos;
    CHECK(speed_warned);
}

TEST_CASE("maxspeed: km/h, mph, walk, none, country defaults", "[import]") {
    const auto kmh = [](std::string_view v, RoadClass c = RoadClass::Primary) {
        return parse_maxspeed_kmh(v, c, SpeedUnit::KilometresPerHour);
    };
    CHECK(kmh("50") == Approx(50));
    CHECK(kmh("30 mph") == Approx(48.28).epsilon(0.001));
    CHECK(kmh("walk") == Approx(7));
    CHECK(kmh("none", RoadClass::Motorway) == Approx(130));
    CHECK(kmh("DE:urban") == Approx(50));
    CHECK(kmh("DE:rural") == Approx(100));
    CHECK(kmh("DE:zone:30") == Approx(30));
    CHECK(kmh("DE:zone30") == Approx(30));
    CHECK(kmh("DE:motorway") == Approx(130));
    CHECK(kmh("signals") == 0.0);  // the class default applies, silently
    CHECK(kmh("fast") < 0.0);      // not understood: a warning
    CHECK(kmh("-20") < 0.0);
    CHECK(parse_maxspeed_kmh("25", RoadClass::Primary, SpeedUnit::MilesPerHour) == Approx(40.23).epsilon(0.001));
    const RoadSpec s = parse(way({{Tag::Highway, "secondary"}, {Tag::Maxspeed, "50"}, {Tag::MaxspeedBackward, "30"}}));
    CHECK(s.forward.speed_mps == Approx(50 / 3.6));
    CHECK(s.backward.speed_mps == Approx(30 / 3.6));
}

TEST_CASE("turn:lanes map to allowed turns, rightmost lane first", "[import]") {
    CHECK(parse_turn("left") == turn_bit(Turn::Left));
    CHECK(parse_turn("slight_right") == turn_bit(Turn::Right));
    CHECK(parse_turn("through;right") == (turn_bit(Turn::Straight) | turn_bit(Turn::Right)));
    CHECK(parse_turn("merge_to_left") == turn_bit(Turn::Straight));
    CHECK(parse_turn("reverse") == turn_bit(Turn::UTurn));
    CHECK(parse_turn("none") == network::kAnyTurn);
    CHECK(parse_turn("") == network::kAnyTurn);
    const RoadSpec s =
        parse(way({{Tag::Highway, "primary"}, {Tag::Oneway, "yes"}, {Tag::Lanes, "3"}, {Tag::TurnLanes, "left|through|through;right"}}));
    REQUIRE(s.forward.turns.size() == 3);
    CHECK(s.forward.turns[0] == (turn_bit(Turn::Straight) | turn_bit(Turn::Right)));
    CHECK(s.forward.turns[2] == turn_bit(Turn::Left));
    // Without a lane count for the direction, the markings give it.
    const RoadSpec two_way = parse(way({{Tag::Highway, "secondary"}, {Tag::Lanes, "3"}, {Tag::TurnLanesForward, "left|through"}}));
    CHECK(two_way.forward.lanes == 2);
    std::vector<ImportWarning> w;
    const RoadSpec bad = parse(way({{Tag::Highway, "primary"}, {Tag::Oneway, "yes"}, {Tag::Lanes, "2"}, {Tag::TurnLanes, "left|through|right"}}), &w);
    CHECK(bad.forward.turns.empty());
    REQUIRE(w.size() == 1);
    CHECK_THAT(w[0].message, Catch::Contains("turn markings ignored"));
}

TEST_CASE("bus lanes: lanes:bus, bus:lanes, busway", "[import]") {
    const auto bus = network::class_bit(network::VehicleClass::Bus);
    const RoadSpec a = parse(way({{Tag::Highway, "primary"}, {Tag::Oneway, "yes"}, {Tag::Lanes, "3"}, {Tag::LanesBus, "1"}}));
    REQUIRE(a.forward.classes.size() == 3);
    CHECK(a.forward.classes[0] == bus);
    CHECK(a.forward.classes[1] == network::kAllClasses);
    const RoadSpec b = parse(way({{Tag::Highway, "primary"}, {Tag::Oneway, "yes"}, {Tag::Lanes, "2"}, {Tag::BusLanes, "yes|designated"}}));
    REQUIRE(b.forward.classes.size() == 2);
    CHECK(b.forward.classes[0] == bus);
    const RoadSpec c = parse(way({{Tag::Highway, "primary"}, {Tag::Lanes, "4"}, {Tag::Busway, "lane"}}));
    CHECK(c.forward.classes.at(0) == bus);
    CHECK(c.backward.classes.at(0) == bus);
    CHECK(c.forward.classes.at(1) == network::kAllClasses);
    std::vector<ImportWarning> w;
    const RoadSpec d = parse(way({{Tag::Highway, "primary"}, {Tag::Oneway, "yes"}, {Tag::Lanes, "1"}, {Tag::Busway, "lane"}}), &w);
    CHECK(d.forward.classes.empty());  // the only lane stays open to cars
    CHECK(w.size() == 1);
}

TEST_CASE("road classes and bbox from text", "[import]") {
    CHECK(parse_road_classes("default") == ImportOptions::default_classes());
    const auto plus = parse_road_classes("+service");
    CHECK(plus.size() == ImportOptions::default_classes().size() + 1);
    CHECK(parse_road_classes("motorway,primary") == std::vector<RoadClass>{RoadClass::Motorway, RoadClass::Primary});
    CHECK_THROWS_WITH(parse_road_classes("primary,bogus"), Catch::Contains("unknown road class 'bogus'"));
    const BBox b = parse_bbox("8.45, 49.46, 8.49, 49.50");
    CHECK((b.west == 8.45 && b.north == 49.50));
    CHECK_THROWS_WITH(parse_bbox("8.45,49.46,8.49"), Catch::Contains("four numbers"));
    CHECK_THROWS_WITH(parse_bbox("8.49,49.46,8.45,49.50"), Catch::Contains("west < east"));
}
