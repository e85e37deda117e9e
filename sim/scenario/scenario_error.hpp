// Problems found in a scenario file, and the one exception that carries all of them.
//
// A planner fixing a scenario wants the whole list at once, not one error per run, so the
// loader never stops at the first problem: every reader adds to a Problems list and the
// loader throws a single ScenarioError at the end when the list is not empty. Each problem
// reads "FILE:LINE: what is wrong; what is allowed".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ut::scenario {

class ScenarioError : public std::runtime_error {
public:
    // `problems` are complete messages; what() is all of them, one per line.
    explicit ScenarioError(std::vector<std::string> problems);

    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

class Problems {
public:
    explicit Problems(std::string file) : file_(std::move(file)) {}

    // line 0 = not about one line (e.g. a missing section): the message names only the file.
    void add(std::uint32_t line, const std::string& what, const std::string& allowed);

    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }
    const std::string& file() const { return file_; }

    // Messages ordered by line (then by the order found), so they read top to bottom.
    std::vector<std::string> messages() const;
    // Throws ScenarioError with every message when there is at least one.
    void throw_if_any() const;

private:
    struct Entry {
        std::uint32_t line;
        std::string message;
    };
    std::string file_;
    std::vector<Entry> entries_;
};

}  // namespace ut::scenario
