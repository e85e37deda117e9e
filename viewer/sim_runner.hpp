// Runs the simulation on a worker thread so the UI never waits for a step. The UI sends
// requests (play, pause, jump, commands, fork) and reads the latest published RunFrame; the
// worker owns the Simulation objects and is the only thread that touches them, so no engine
// state is ever shared. Commands reach the simulation only through Simulation::submit, forks
// only through Simulation::fork.
//
// Pacing: at speed k the worker keeps simulated time at k x wall time since play; when a
// step takes longer than that allows, it runs flat out and re-anchors rather than
// bursting later. Speed 0 means as fast as possible.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

#include "engine/commands.hpp"
#include "engine/compiled_network.hpp"
#include "engine/simulation.hpp"
#include "run_frame.hpp"
#include "run_measures.hpp"
#include "transit.hpp"

namespace ut::viewer {

enum class RunTarget : std::uint8_t { A, B, Both };

struct RunnerOptions {
    double sample_interval_s = 10.0;   // plots get a point this often (simulated)
    double window_s = 300.0;           // layers show the last five minutes
    double publish_interval_s = 1.0 / 60.0;  // wall time between published frames
};

class SimRunner {
public:
    // `b`: a second scenario to compare from the start (same network), instead of a fork.
    explicit SimRunner(engine::Simulation sim, std::optional<engine::Simulation> b = std::nullopt,
                       RunnerOptions options = {});
    ~SimRunner();
    SimRunner(const SimRunner&) = delete;
    SimRunner& operator=(const SimRunner&) = delete;

    // The network never changes while running; the UI may read it from any thread.
    const engine::CompiledNetwork& compiled_network() const { return *net_; }
    double step_s() const { return step_s_; }

    void play(double speed);  // speed: simulated s per wall s; 0 = as fast as possible
    void pause();
    void step_once();
    void run_to(double t_s);  // runs (both runs) to t_s, then pauses
    void submit(RunTarget target, engine::Command command);
    // Splits the current run: B = fork of A, then `b_edit` submitted to B only.
    void fork(std::optional<engine::Command> b_edit);
    void close_b();
    void select(Selection selection);

    std::shared_ptr<const RunFrame> frame() const;
    // True while playing or heading for a target, or while requests wait to be applied.
    bool busy() const;

private:
    struct Run;
    enum class Mode : std::uint8_t { Paused, Playing, Target };
    struct Requests {
        std::vector<std::pair<RunTarget, engine::Command>> commands;
        std::optional<std::optional<engine::Command>> fork;
        bool close_b = false;
        bool selection_changed = false;
    };

    void init_run(Run& run);
    void worker(std::stop_token stop);
    bool has_work_locked() const;
    bool wait_for_work(std::stop_token& stop, bool& do_step, bool& idle_now);
    void apply_requests(Requests& r);
    void step_runs();
    void sample(Run& run);
    void publish(bool with_hash);
    RunView view_of(Run& run, bool with_hash) const;

    const engine::CompiledNetwork* net_ = nullptr;  // run A's, which lives as long as the runner
    double step_s_ = 0.5;
    RunnerOptions options_;
    std::vector<std::vector<LinkId>> incoming_;  // per junction, for the junction measures

    // Worker-only state.
    std::unique_ptr<Run> a_;
    std::unique_ptr<Run> b_;
    double fork_time_s_ = kNaN;
    double last_step_ms_ = 0.0;
    double speed_measured_ = 0.0;
    std::string message_;
    std::uint64_t serial_ = 0;

    // Shared with the UI, under mutex_.
    mutable std::mutex mutex_;
    std::condition_variable_any wake_;
    Mode mode_ = Mode::Paused;
    double speed_ = 1.0;
    double target_s_ = kNaN;
    std::chrono::steady_clock::time_point anchor_wall_;
    double anchor_sim_s_ = 0.0;
    Requests requests_;
    Requests pending_;  // taken from requests_ by the worker, applied outside the lock
    Selection selection_;
    bool publish_pending_ = false;  // a change not yet in frame_ (busy() stays true until it is)
    std::shared_ptr<const RunFrame> frame_;

    std::jthread thread_;  // last: started after everything above exists
};

}  // namespace ut::viewer
