// Runs the urbantwin binary as a user would, for the tests of its commands. The binary is
// the one next to the test binary (both go to build*/bin), else the one in build/bin.
#pragma once

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>

namespace ut::test {

inline std::filesystem::path urbantwin_binary() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && std::filesystem::exists(self.parent_path() / "urbantwin")) return self.parent_path() / "urbantwin";
    return std::filesystem::path(URBANTWIN_SOURCE_DIR) / "build" / "bin" / "urbantwin";
}

struct CommandResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

// `args` is pasted into a shell command line: quote paths with spaces.
inline CommandResult run_urbantwin(const std::string& args) {
    const auto binary = urbantwin_binary();
    REQUIRE(std::filesystem::exists(binary));  // build the urbantwin target first
    // fmt, not operator+: GCC 12 -O3 warns falsely (-Wrestrict) on "'" + std::string.
    const std::string command = fmt::format("'{}' {} 2>&1 </dev/null", binary.string(), args);
    CommandResult r;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) r.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace ut::test
