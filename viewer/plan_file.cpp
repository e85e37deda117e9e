#include "plan_file.hpp"

#include <fmt/format.h>

namespace ut::viewer {

namespace {

// TOML basic strings: quotes and backslashes escaped, control characters as \uXXXX.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
    return out + "\"";
}

template <class T, class F>
std::string list(const std::vector<T>& v, F&& item) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + item(v[i]);
    return out + "]";
}

}  // namespace

std::string plans_to_toml(const std::vector<signals::SignalPlan>& plans, const std::string& scenario_name,
                          double time_s) {
    std::string out = fmt::format(
        "# Signal plans of scenario {}, saved by urbantwin-viewer at simulated time {:.0f} s.\n"
        "# One [[plan]] per signalised junction: groups (movements = connection ids) and stages\n"
        "# run in order; cycle = sum of green + yellow + all-red; offset shifts the cycle start.\n",
        quoted(scenario_name), time_s);
    for (const signals::SignalPlan& p : plans) {
        out += fmt::format("\n[[plan]]\njunction = {}\noffset_s = {}\n", p.junction.index(), p.offset_s);
        for (const signals::SignalGroup& g : p.groups) {
            out += fmt::format("\n[[plan.group]]\nname = {}\nconnections = {}\npermissive = {}\n", quoted(g.name),
                               list(g.connections, [](ConnectionId c) { return std::to_string(c.index()); }),
                               g.permissive);
        }
        for (const signals::Stage& s : p.stages) {
            out += fmt::format("\n[[plan.stage]]\ngreen_groups = {}\ngreen_s = {}\nyellow_s = {}\nall_red_s = {}\n",
                               list(s.green_groups, [](std::uint16_t g) { return std::to_string(g); }), s.green_s,
                               s.yellow_s, s.all_red_s);
        }
    }
    return out;
}

}  // namespace ut::viewer
