// UI scripts (`--script FILE`): a list of the things a planner does in the viewer, one per
// line, so CI can drive the editor and the comparison under xvfb-run and check the result.
//
//   # comment                     blank lines and comments are ignored
//   advance SECONDS               run the simulation (both runs after a fork) and wait
//   run_to TIME_S                 the same, to an absolute simulated time
//   play SPEED | pause            run on at SPEED x real time (0 = as fast as possible) while
//                                 the next commands go on (e.g. `frames 300` to measure)
//   select junction ID            select a junction (opens its timing plan)
//   select link ID
//   select line INDEX             a bus line for the plots (0 = the scenario's first [[bus_lines]])
//   set split STAGE SECONDS       green time of stage STAGE (1 = first), in the draft
//   set yellow STAGE SECONDS | set allred STAGE SECONDS | set cycle SECONDS | set offset SECONDS
//   move_stage FROM TO            phase order
//   undo | redo
//   apply                         the draft goes to the running simulation (run B after a fork)
//   fork                          split into A (as it was) and B (with the draft)
//   layer none|speed|delay|los|emissions|transit|diff
//   tab junction|plots|compare|view  the side panel's tab
//   camera fit | camera junction | camera zoom FACTOR | camera pan DX DY   (pan: pixels, as a drag)
//   present on|off                presentation mode;  slider FRACTION  before/after split (0..1)
//   screenshot FILE               PNG of the window as it is drawn
//   report FILE                   plain-text key = value lines: plans, KPIs of A and B
//   save_plans FILE               the plans of the running simulation (B after a fork)
//   frames N                      draw N frames (lets the UI settle, measures frame time)
//   stats LABEL                   print the frame-time summary since the last `stats`, then reset
//   quit
//
// Header-only and UI-free: parsing is tested headless in tests/viewer.
#pragma once

#include <charconv>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace ut::viewer {

struct ScriptCommand {
    int line = 0;                   // 1-based, for messages
    std::string verb;               // "advance", "set", ...
    std::vector<std::string> args;  // the remaining words
    double number(std::size_t i) const { return std::stod(args.at(i)); }
};

struct ParsedScript {
    std::vector<ScriptCommand> commands;
    std::vector<std::string> problems;  // "FILE:LINE: what; what to do", every one found
};

namespace script_detail {

struct Verb {
    std::string_view name;
    std::size_t min_args;
    std::size_t max_args;
    std::string_view usage;
};

constexpr Verb kVerbs[] = {
    {"advance", 1, 1, "advance SECONDS"},
    {"run_to", 1, 1, "run_to TIME_S"},
    {"play", 1, 1, "play SPEED"},
    {"pause", 0, 0, "pause"},
    {"select", 2, 2, "select junction ID | select link ID | select line INDEX"},
    {"set", 2, 3, "set split|yellow|allred STAGE SECONDS | set cycle|offset SECONDS"},
    {"move_stage", 2, 2, "move_stage FROM TO"},
    {"undo", 0, 0, "undo"},
    {"redo", 0, 0, "redo"},
    {"apply", 0, 0, "apply"},
    {"fork", 0, 0, "fork"},
    {"layer", 1, 1, "layer none|speed|delay|los|emissions|transit|diff"},
    {"tab", 1, 1, "tab junction|plots|compare|view"},
    {"camera", 1, 3, "camera fit | camera junction | camera zoom FACTOR | camera pan DX DY"},
    {"present", 1, 1, "present on|off"},
    {"slider", 1, 1, "slider FRACTION"},
    {"screenshot", 1, 1, "screenshot FILE"},
    {"report", 1, 1, "report FILE"},
    {"save_plans", 1, 1, "save_plans FILE"},
    {"frames", 1, 1, "frames N"},
    {"stats", 1, 1, "stats LABEL"},
    {"quit", 0, 0, "quit"},
};

inline bool is_number(const std::string& s) {
    double v = 0.0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

// Which argument positions must be numbers, per verb (checked so a typo fails at load, not
// halfway through a run).
inline std::vector<std::size_t> numeric_args(const ScriptCommand& c) {
    if (c.verb == "advance" || c.verb == "run_to" || c.verb == "slider" || c.verb == "frames" || c.verb == "play")
        return {0};
    if (c.verb == "select") return {1};
    if (c.verb == "move_stage") return {0, 1};
    if (c.verb == "set") return c.args.size() == 3 ? std::vector<std::size_t>{1, 2} : std::vector<std::size_t>{1};
    if (c.verb == "camera" && c.args.size() == 2) return {1};
    if (c.verb == "camera" && c.args.size() == 3) return {1, 2};
    return {};
}

inline std::string check_words(const ScriptCommand& c) {
    const auto one_of = [](const std::string& w, std::initializer_list<std::string_view> ok) {
        for (auto o : ok)
            if (w == o) return true;
        return false;
    };
    if (c.verb == "select" && !one_of(c.args[0], {"junction", "link", "line"})) return "select what? junction, link or line";
    if (c.verb == "set") {
        const bool staged = one_of(c.args[0], {"split", "yellow", "allred"});
        if (!staged && !one_of(c.args[0], {"cycle", "offset"})) return "unknown setting '" + c.args[0] + "'";
        if (staged != (c.args.size() == 3)) return "wrong number of values";
    }
    if (c.verb == "layer" && !one_of(c.args[0], {"none", "speed", "delay", "los", "emissions", "transit", "diff"}))
        return "unknown layer '" + c.args[0] + "'";
    if (c.verb == "tab" && !one_of(c.args[0], {"junction", "plots", "compare", "view"}))
        return "unknown tab '" + c.args[0] + "'";
    if (c.verb == "camera" && !one_of(c.args[0], {"fit", "junction", "zoom", "pan"})) return "unknown camera move";
    if (c.verb == "camera") {
        const std::size_t want = c.args[0] == "zoom" ? 2 : c.args[0] == "pan" ? 3 : 1;
        if (c.args.size() != want)
            return "camera " + c.args[0] + (want == 1 ? " takes no value" : want == 2 ? " takes one FACTOR" : " takes DX DY (pixels)");
    }
    if (c.verb == "present" && !one_of(c.args[0], {"on", "off"})) return "present on or off";
    return {};
}

}  // namespace script_detail

// Parses a whole script; `name` is the file name used in messages.
inline ParsedScript parse_script(std::string_view text, const std::string& name) {
    ParsedScript out;
    std::istringstream in{std::string(text)};
    std::string raw;
    int line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        if (const auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
        std::istringstream words(raw);
        ScriptCommand c;
        c.line = line_no;
        if (!(words >> c.verb)) continue;
        for (std::string w; words >> w;) c.args.push_back(w);
        const script_detail::Verb* verb = nullptr;
        for (const auto& v : script_detail::kVerbs)
            if (v.name == c.verb) verb = &v;
        if (!verb) {
            out.problems.push_back(fmt::format("{}:{}: unknown command '{}'; see docs/viewer.md for the list",
                                               name, line_no, c.verb));
            continue;
        }
        if (c.args.size() < verb->min_args || c.args.size() > verb->max_args) {
            out.problems.push_back(fmt::format("{}:{}: '{}' takes {}; write: {}", name, line_no, c.verb,
                                               verb->min_args == verb->max_args
                                                   ? fmt::format("{} value(s)", verb->min_args)
                                                   : fmt::format("{} to {} values", verb->min_args, verb->max_args),
                                               verb->usage));
            continue;
        }
        if (std::string why = script_detail::check_words(c); !why.empty()) {
            out.problems.push_back(fmt::format("{}:{}: {}; write: {}", name, line_no, why, verb->usage));
            continue;
        }
        bool numbers_ok = true;
        for (std::size_t i : script_detail::numeric_args(c)) {
            if (i < c.args.size() && !script_detail::is_number(c.args[i])) {
                out.problems.push_back(fmt::format("{}:{}: '{}' is not a number; write: {}", name, line_no,
                                                   c.args[i], verb->usage));
                numbers_ok = false;
            }
        }
        if (numbers_ok) out.commands.push_back(std::move(c));
    }
    return out;
}

}  // namespace ut::viewer
