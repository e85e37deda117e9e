// Runs a parsed UI script (script.hpp) one command per frame, through the same Actions the
// panels use. Commands that take time (advance, fork, screenshot) wait, frame by frame, until
// the runner is idle or the PNG is written, so the UI keeps drawing meanwhile.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "actions.hpp"
#include "app_state.hpp"
#include "map_geometry.hpp"
#include "script.hpp"
#include "sim_runner.hpp"

namespace ut::viewer {

struct ScriptEnv {
    AppState& st;
    SimRunner& runner;
    Actions& actions;
    const MapGeometry& geo;
    bool finished = false;  // finished runs: nothing runs and there is nothing to edit
    std::function<void(bool)> set_presentation;
    std::function<void()> fit_camera;
    std::function<void()> camera_to_junction;
    std::size_t bus_lines = 0;  // the scenario's [[bus_lines]]
};

class ScriptRunner {
public:
    ScriptRunner(std::vector<ScriptCommand> commands, std::string name)
        : commands_(std::move(commands)), name_(std::move(name)) {}

    // Once per frame, before the UI is built.
    void update(ScriptEnv& env);
    bool done() const { return done_; }
    int exit_code() const { return exit_code_; }

private:
    bool waiting(ScriptEnv& env);
    void execute(const ScriptCommand& c, ScriptEnv& env);
    void fail(const ScriptCommand& c, const std::string& why);
    void note(const ScriptCommand& c, const std::string& what) const;

    std::vector<ScriptCommand> commands_;
    std::string name_;
    std::size_t next_ = 0;
    bool wait_runner_ = false;
    double wait_time_s_ = -1.0;
    int wait_frames_ = 0;
    bool wait_capture_ = false;
    bool done_ = false;
    int exit_code_ = 0;
};

}  // namespace ut::viewer
