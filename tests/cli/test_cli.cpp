// The urbantwin binary as a user runs it: version, exit codes, error messages, outputs.
// The binary is found next to the test binary (both go to build*/bin), else in build/bin.
#include <catch2/catch.hpp>

#include <fstream>

#include <fmt/format.h>

#include "cli/run_urbantwin.hpp"
#include "output/test_temp_dir.hpp"

namespace {

using Result = ut::test::CommandResult;

Result run(const std::string& args) { return ut::test::run_urbantwin(args); }

void write_text(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p);
    out << text;
}

}  // namespace

TEST_CASE("urbantwin --version prints the version", "[cli]") {
    const auto r = run("--version");
    CHECK(r.exit_code == 0);
    CHECK(r.output.rfind("urbantwin ", 0) == 0);
}

TEST_CASE("urbantwin --help lists run and the exit codes", "[cli]") {
    const auto r = run("--help");
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("run") != std::string::npos);
    CHECK(r.output.find("Exit codes") != std::string::npos);
}

TEST_CASE("unknown options and missing subcommands exit 2", "[cli]") {
    CHECK(run("").exit_code == 2);
    CHECK(run("fly").exit_code == 2);
    ut::test::TempDir dir;
    write_text(dir.path() / "ok.toml", "");
    CHECK(run("run '" + (dir.path() / "ok.toml").string() + "' --bogus").exit_code == 2);
    CHECK(run("run '" + (dir.path() / "ok.toml").string() + "' --threads -1").exit_code == 2);
}

TEST_CASE("a bad scenario exits 2 with every problem and runs nothing", "[cli]") {
    ut::test::TempDir dir;
    const auto file = dir.path() / "bad.toml";
    write_text(file, "[engine]\nstepp_s = 1\n[network]\nrows = 1\n[output]\ndir = \"o\"\n");
    const auto r = run("run '" + file.string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("has 2 problems; nothing was run") != std::string::npos);
    CHECK(r.output.find(file.string() + ":2: unknown key 'stepp_s' in [engine]") != std::string::npos);
    CHECK(r.output.find(file.string() + ":4: [network] rows = 1 is out of range") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "o"));
}

TEST_CASE("a missing scenario file exits 2", "[cli]") {
    const auto r = run("run /nonexistent/none.toml");
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("/nonexistent/none.toml: no such scenario file") != std::string::npos);
}

TEST_CASE("urbantwin run writes the outputs and prints the summary", "[cli][run]") {
    ut::test::TempDir dir;
    const auto file = dir.path() / "tiny.toml";
    write_text(file,
               "[scenario]\nname = \"tiny\"\nduration_s = 3600\n"
               "[network]\nrows = 2\ncolumns = 2\nblock_length_m = 100\n"
               "[demand]\nvehicles_per_hour = 600\n");
    const auto out = dir.path() / "results";
    const auto r = run("run '" + file.string() + "' --out '" + out.string() +
                       "' --duration 240 --threads 1 --seed 3");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    for (const char* name : {"summary.json", "trips.csv", "links.csv"}) {
        CHECK(std::filesystem::exists(out / name));
        CHECK(r.output.find((out / name).string()) != std::string::npos);
    }
    // Not a terminal: plain progress lines, the last at 100 %.
    CHECK(r.output.find("progress: 100%") != std::string::npos);
    CHECK(r.output.find("\r") == std::string::npos);
    for (const char* label : {"departed", "arrived", "waiting to enter", "mean travel time",
                              "mean delay", "vehicle-km", "mean speed", "gridlock events",
                              "teleports"})
        CHECK(r.output.find(label) != std::string::npos);
    CHECK(r.output.find("seed 3, threads 1") != std::string::npos);
    CHECK(r.output.find("Results after 4:00 simulated") != std::string::npos);
}

TEST_CASE("urbantwin run with a bus line prints its transit line and writes bus_stops.csv", "[cli][run][transit]") {
    ut::test::TempDir dir;
    const auto file = dir.path() / "line.toml";
    write_text(file,
               "[scenario]\nname = \"line\"\nduration_s = 900\n"
               "[network]\nrows = 2\ncolumns = 3\nblock_length_m = 200\n"
               "[demand]\nvehicles_per_hour = 300\n"
               "[[bus_lines]]\nname = \"7\"\nvia = [\"r0c0\", \"r0c2\"]\nheadway_s = 300\n"
               "[[bus_lines.stops]]\nroute_m = 50\nboardings_per_hour = 300\n"
               "[[bus_lines.stops]]\nroute_m = 350\n");
    const auto out = dir.path() / "results";
    const auto r = run("run '" + file.string() + "' --out '" + out.string() + "' --threads 1");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(out / "bus_stops.csv"));
    CHECK(r.output.find((out / "bus_stops.csv").string()) != std::string::npos);
    CHECK(r.output.find("bus line 7 ") != std::string::npos);
    CHECK(r.output.find(" carried, load mean ") != std::string::npos);
}

TEST_CASE("an output folder that cannot be made exits 1 naming it", "[cli][run]") {
    ut::test::TempDir dir;
    const auto file = dir.path() / "tiny.toml";
    write_text(file, "[scenario]\nduration_s = 10\n[network]\nrows = 2\ncolumns = 2\n");
    write_text(dir.path() / "blocker", "a file where a folder should go");
    const auto out = dir.path() / "blocker" / "sub";
    const auto r = run("run '" + file.string() + "' --out '" + out.string() + "'");
    CHECK(r.exit_code == 1);
    CHECK(r.output.find(out.string()) != std::string::npos);
}
