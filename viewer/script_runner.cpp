#include "script_runner.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

namespace ut::viewer {

void ScriptRunner::fail(const ScriptCommand& c, const std::string& why) {
    std::fprintf(stderr, "urbantwin-viewer: %s:%d: %s\n", name_.c_str(), c.line, why.c_str());
    exit_code_ = 2;
    done_ = true;
}

void ScriptRunner::note(const ScriptCommand& c, const std::string& what) const {
    std::fprintf(stderr, "urbantwin-viewer: %s:%d: %s\n", name_.c_str(), c.line, what.c_str());
}

bool ScriptRunner::waiting(ScriptEnv& env) {
    if (wait_frames_ > 0) {
        --wait_frames_;
        return true;
    }
    if (wait_capture_ && !env.st.pending_capture.empty()) return true;
    wait_capture_ = false;
    if (wait_runner_) {
        if (env.runner.busy()) return true;
        env.st.frame = env.runner.frame();  // the final state, not the one from the frame start
        if (wait_time_s_ >= 0.0 && env.st.frame->a.time_s + 1e-6 < wait_time_s_) return true;
        wait_runner_ = false;
        wait_time_s_ = -1.0;
    }
    return false;
}

void ScriptRunner::update(ScriptEnv& env) {
    if (done_ || waiting(env)) return;
    if (next_ >= commands_.size()) {
        done_ = true;
        return;
    }
    const ScriptCommand& c = commands_[next_++];
    try {
        execute(c, env);
    } catch (const std::exception& e) {
        fail(c, e.what());
    }
}

void ScriptRunner::execute(const ScriptCommand& c, ScriptEnv& env) {
    AppState& st = env.st;
    Actions& act = env.actions;
    const std::string& verb = c.verb;
    constexpr std::string_view kLiveOnly[] = {"advance", "run_to", "play", "pause", "set", "move_stage", "undo",
                                              "redo", "apply", "fork", "save_plans"};
    if (env.finished && std::find(std::begin(kLiveOnly), std::end(kLiveOnly), verb) != std::end(kLiveOnly))
        return fail(c, fmt::format("'{}' needs a running simulation; finished runs (--runs) are only shown: open "
                                   "the scenario without --runs to run or edit it",
                                   verb));
    const auto edit = [&](const std::string& what, const EditResult& r) {
        if (!st.selection.junction.valid()) return fail(c, "no junction selected; add: select junction ID");
        if (!act.edit(what, r)) note(c, "refused: " + st.editor.refused);
    };
    const auto need_plan = [&]() -> std::optional<signals::SignalPlan> {
        if (!st.selection.junction.valid()) {
            fail(c, "no junction selected; add: select junction ID");
            return std::nullopt;
        }
        auto plan = act.draft(st.selection.junction);
        if (!plan) fail(c, fmt::format("junction {} has no signal plan", st.selection.junction.index()));
        return plan;
    };
    if (verb == "advance" || verb == "run_to") {
        const double target = verb == "advance" ? st.frame->a.time_s + c.number(0) : c.number(0);
        env.runner.run_to(target);
        wait_runner_ = true;
        wait_time_s_ = target;
    } else if (verb == "play") {
        env.runner.play(c.number(0));
    } else if (verb == "pause") {
        env.runner.pause();
        wait_runner_ = true;
    } else if (verb == "select") {
        const auto id = static_cast<std::uint32_t>(c.number(1));
        if (c.args[0] == "junction") {
            if (id >= env.geo.network().junctions.size())
                return fail(c, fmt::format("there is no junction {} (the network has {})", id,
                                           env.geo.network().junctions.size()));
            act.select_junction(JunctionId{id});
        } else if (c.args[0] == "line") {
            if (id >= env.bus_lines)
                return fail(c, fmt::format("there is no bus line {} (the scenario has {})", id, env.bus_lines));
            act.select_bus_line(id);
        } else {
            if (id >= env.geo.network().links.size())
                return fail(c, fmt::format("there is no link {} (the network has {})", id, env.geo.network().links.size()));
            act.select_link(LinkId{id});
        }
    } else if (verb == "set") {
        const auto plan = need_plan();
        if (!plan) return;
        const std::string& what = c.args[0];
        const EditRules rules = act.rules();
        if (what == "cycle") return edit(fmt::format("cycle {} s", c.args[1]), set_cycle(*plan, c.number(1), rules));
        if (what == "offset") return edit(fmt::format("offset {} s", c.args[1]), set_offset(*plan, c.number(1), rules));
        const std::size_t rows = is_ring_form(*plan) ? plan->phases.size() : plan->stages.size();
        const double row = c.number(1);
        if (row < 1.0 || row > static_cast<double>(rows))
            return fail(c, fmt::format("there is no stage {}; the plan has 1 to {}", c.args[1], rows));
        const auto i = static_cast<std::size_t>(row) - 1;
        const std::string desc = fmt::format("stage {} {} {} s", i + 1, what, c.args[2]);
        if (what == "split") edit(desc, set_green(*plan, i, c.number(2), rules));
        else if (what == "yellow") edit(desc, set_yellow(*plan, i, c.number(2), rules));
        else edit(desc, set_all_red(*plan, i, c.number(2), rules));
    } else if (verb == "move_stage") {
        const auto plan = need_plan();
        if (!plan) return;
        const double from = c.number(0), to = c.number(1);
        if (from < 1 || to < 1) return fail(c, "stages are numbered from 1");
        edit(fmt::format("stage {} to position {}", c.args[0], c.args[1]),
             move_stage(*plan, static_cast<std::size_t>(from) - 1, static_cast<std::size_t>(to) - 1, act.rules()));
    } else if (verb == "undo") {
        act.undo();
    } else if (verb == "redo") {
        act.redo();
    } else if (verb == "apply") {
        act.apply_draft();
        if (!st.editor.refused.empty()) note(c, "refused: " + st.editor.refused);
        wait_runner_ = true;
    } else if (verb == "fork") {
        act.fork_with_draft();
        wait_runner_ = true;
    } else if (verb == "layer") {
        st.layer = *layer_from_name(c.args[0]);
    } else if (verb == "tab") {
        st.select_tab = c.args[0];
    } else if (verb == "camera") {
        if (c.args[0] == "fit") env.fit_camera();
        else if (c.args[0] == "junction") env.camera_to_junction();
        else if (c.args[0] == "pan") {  // as a mouse drag by (DX, DY) pixels: the map follows the mouse
            st.camera_moved = true;
            st.camera.center -= sf::Vector2f{static_cast<float>(c.number(1)), static_cast<float>(c.number(2))} *
                                st.camera.meters_per_pixel;
        } else {
            st.camera_moved = true;
            st.camera.meters_per_pixel = std::clamp(st.camera.meters_per_pixel / static_cast<float>(c.number(1)),
                                                     Camera::kMinMpp, Camera::kMaxMpp);
        }
    } else if (verb == "present") {
        env.set_presentation(c.args[0] == "on");
        wait_frames_ = 2;  // a new full-screen window settles its size
    } else if (verb == "slider") {
        st.present.slider = std::clamp(static_cast<float>(c.number(0)), 0.0f, 1.0f);
    } else if (verb == "screenshot") {
        st.pending_capture = c.args[0];
        st.capture_wait = 2;
        wait_capture_ = true;
    } else if (verb == "report") {
        act.write_report(c.args[0]);
    } else if (verb == "save_plans") {
        std::string error;
        act.save_plans(c.args[0], true, &error);
        if (!error.empty()) fail(c, error);
    } else if (verb == "frames") {
        wait_frames_ = static_cast<int>(c.number(0));
    } else if (verb == "stats") {
        std::printf("urbantwin-viewer: %s: %s\n", c.args[0].c_str(), st.timer.summary().c_str());
        std::fflush(stdout);
        st.timer.reset();
    } else if (verb == "quit") {
        done_ = true;
    }
}

}  // namespace ut::viewer
