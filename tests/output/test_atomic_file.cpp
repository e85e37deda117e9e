// Atomic writes: the file appears whole or not at all, and failures name the path.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "output/atomic_file.hpp"
#include "output/test_temp_dir.hpp"

using ut::output::OutputError;
using ut::output::write_file_atomically;

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::size_t entries_in(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("an atomic write leaves exactly the target file", "[output]") {
    ut::test::TempDir dir;
    const auto file = dir.path() / "a.csv";
    write_file_atomically(file, "x,y\n1,2\n");
    CHECK(read_all(file) == "x,y\n1,2\n");
    CHECK(entries_in(dir.path()) == 1);  // no temporary file left behind

    // Replacing an existing file.
    write_file_atomically(file, [](std::ostream& out) { out << "new\n"; });
    CHECK(read_all(file) == "new\n");
    CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("writing into a missing folder fails, naming the path, and creates nothing", "[output]") {
    ut::test::TempDir dir;
    const auto file = dir.path() / "missing" / "summary.json";
    try {
        write_file_atomically(file, "{}");
        FAIL("expected an OutputError");
    } catch (const OutputError& e) {
        const std::string what = e.what();
        CHECK(what.find("cannot write " + file.string()) == 0);
        CHECK(what.find("No such file or directory") != std::string::npos);
    }
    CHECK(entries_in(dir.path()) == 0);
}

TEST_CASE("a failed rename leaves no partial file and keeps what was there", "[output]") {
    // The target is a non-empty folder: writing the temporary file works, the rename cannot.
    // (Permissions cannot be used to provoke a failure: the tests may run as root.)
    ut::test::TempDir dir;
    const auto target = dir.path() / "trips.csv";
    std::filesystem::create_directories(target / "inside");
    CHECK_THROWS_AS(write_file_atomically(target, std::string(100000, 'x')), OutputError);
    CHECK(entries_in(dir.path()) == 1);  // only the folder that was there
    CHECK(std::filesystem::is_directory(target / "inside"));
}

TEST_CASE("a parent that is a file is reported", "[output]") {
    ut::test::TempDir dir;
    write_file_atomically(dir.path() / "plain", "x");
    CHECK_THROWS_WITH(write_file_atomically(dir.path() / "plain" / "a.csv", "y"),
                      Catch::Contains("cannot write " + (dir.path() / "plain" / "a.csv").string()));
    CHECK(entries_in(dir.path()) == 1);
}
