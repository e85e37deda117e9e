#include "scenario/scenario_error.hpp"

#include <algorithm>

namespace ut::scenario {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) {
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems)), problems_(std::move(problems)) {}

void Problems::add(std::uint32_t line, const std::string& what, const std::string& allowed) {
    std::string message = file_;
    if (line > 0) message += ':' + std::to_string(line);
    message += ": " + what;
    if (!allowed.empty()) message += "; " + allowed;
    entries_.push_back({line, std::move(message)});
}

std::vector<std::string> Problems::messages() const {
    std::vector<Entry> sorted = entries_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Entry& a, const Entry& b) { return a.line < b.line; });
    std::vector<std::string> out;
    out.reserve(sorted.size());
    for (auto& e : sorted) out.push_back(std::move(e.message));
    return out;
}

void Problems::throw_if_any() const {
    if (!entries_.empty()) throw ScenarioError(messages());
}

}  // namespace ut::scenario
