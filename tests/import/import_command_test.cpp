// `urbantwin import` as a user runs it: what it prints, its exit codes, and that bad input
// leaves no output file behind. The binary is the one next to the test binary (build*/bin).
#include <catch2/catch.hpp>


#include <fmt/format.h>

#include "cli/run_urbantwin.hpp"
#include "import/import_test_util.hpp"

namespace {

using Run = ut::test::CommandResult;

Run urbantwin(const std::string& args) { return ut::test::run_urbantwin(args); }

}  // namespace

TEST_CASE("urbantwin import: the town map to a GeoPackage", "[import][cli]") {
    const ut::test::TempDir dir;
    const auto out = dir.path() / "town.gpkg";
    const Run r = urbantwin(fmt::format("import '{}' --out '{}'", ut::test::town_map().string(), out.string()));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("junctions") && Catch::Contains("3 signalised") &&
                             Catch::Contains("lane-km") && Catch::Contains("not a road for motor traffic"));
    CHECK_THAT(r.output, Catch::Contains("Wrote") && Catch::Contains("EPSG:32632"));
    CHECK(std::filesystem::exists(out));
}

TEST_CASE("urbantwin import: bad input exits 2 and writes nothing", "[import][cli]") {
    const ut::test::TempDir dir;
    const auto out = dir.path() / "net.gpkg";
    const Run missing = urbantwin(fmt::format("import '{}' --out '{}'", (dir.path() / "none.osm.pbf").string(), out.string()));
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("none.osm.pbf: file not found"));
    const Run classes = urbantwin(fmt::format("import '{}' --classes primary,lanes --out '{}'",
                                              ut::test::town_map().string(), out.string()));
    CHECK(classes.exit_code == 2);
    CHECK_THAT(classes.output, Catch::Contains("unknown road class 'lanes'"));
    const Run bbox = urbantwin(fmt::format("import '{}' --bbox 1,2,3 --out '{}'", ut::test::town_map().string(), out.string()));
    CHECK(bbox.exit_code == 2);
    CHECK_THAT(bbox.output, Catch::Contains("four numbers"));
    CHECK_FALSE(std::filesystem::exists(out));
    const Run no_folder = urbantwin(fmt::format("import '{}' --out '{}'", ut::test::town_map().string(),
                                                (dir.path() / "no" / "net.gpkg").string()));
    CHECK(no_folder.exit_code == 1);
    CHECK_THAT(no_folder.output, Catch::Contains("cannot write") && Catch::Contains("does not exist"));
}
