// Parsing UI scripts (viewer/script.hpp): every problem with its line, nothing half-read.
#include <catch2/catch.hpp>

#include "../../viewer/script.hpp"

using ut::viewer::parse_script;

TEST_CASE("a script parses into commands with their line numbers", "[viewer]") {
    const auto s = parse_script(R"(# edit and compare
advance 300
select junction 12
set split 1 32.5   # green of the first stage
set cycle 90
fork
advance 600
layer diff
camera pan 40 -12.5
screenshot out/ab.png
report out/ab.txt
quit
)",
                                "t.script");
    REQUIRE(s.problems.empty());
    REQUIRE(s.commands.size() == 11);
    CHECK(s.commands[0].verb == "advance");
    CHECK(s.commands[0].number(0) == 300.0);
    CHECK(s.commands[2].line == 4);
    CHECK(s.commands[2].args == std::vector<std::string>{"split", "1", "32.5"});
    CHECK(s.commands[7].args == std::vector<std::string>{"pan", "40", "-12.5"});
    CHECK(s.commands[8].args[0] == "out/ab.png");
}

TEST_CASE("script problems are all reported, each with file and line", "[viewer]") {
    const auto s = parse_script(
        "advance\nwarp 9\nset split 1\nset colour 2\nadvance soon\nlayer rainbow\ncamera pan 5\n", "bad.txt");
    REQUIRE(s.problems.size() == 7);
    CHECK(s.problems[0].rfind("bad.txt:1: 'advance' takes 1 value(s); write: advance SECONDS", 0) == 0);
    CHECK(s.problems[1].rfind("bad.txt:2: unknown command 'warp'", 0) == 0);
    CHECK(s.problems[2].find("wrong number of values") != std::string::npos);
    CHECK(s.problems[3].find("unknown setting 'colour'") != std::string::npos);
    CHECK(s.problems[4].find("'soon' is not a number") != std::string::npos);
    CHECK(s.problems[5].find("unknown layer 'rainbow'") != std::string::npos);
    CHECK(s.problems[6].find("camera pan takes DX DY") != std::string::npos);
    CHECK(s.commands.empty());
}
