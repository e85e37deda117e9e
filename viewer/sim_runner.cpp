#include "sim_runner.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace ut::viewer {

namespace {
using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
constexpr double kHistorySpacing_s = 30.0;  // layers' window moves in steps of this

// The calling thread (the worker, which runs the steps' serial parts and one share of the
// parallel ones) yields the CPU to the UI when both want it: Linux gives a thread of nice 10
// about a tenth of the share of one at 0, so a simulation running flat out slows a little
// instead of stalling the frames (a frame waits for its own CPU work and for the software
// renderer's threads). TBB's pool threads, started earlier by the import, keep theirs.
void lower_this_thread_priority() {
#if defined(__linux__)
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
}
}  // namespace

// One simulation and what the worker remembers about it between samples.
struct SimRunner::Run {
    explicit Run(engine::Simulation s) : sim(std::move(s)) {}
    Run(const Run&) = default;  // a fork copies the history too: B's plots start from A's

    engine::Simulation sim;
    std::vector<Sample> samples;
    std::shared_ptr<const std::vector<Sample>> samples_shared;
    std::deque<std::pair<double, std::vector<engine::LinkStats>>> history;  // cumulative, by time
    std::vector<engine::LinkStats> last_stats;
    double last_sample_s = 0.0;
    double totals_since_s = 0.0;
    TripTotals totals;
    std::deque<std::pair<double, std::vector<BusSighting>>> bus_history;  // by sample time, within the window
    std::shared_ptr<const LinkMeasures> measures;
    std::shared_ptr<const std::vector<signals::SignalPlan>> plans;
    bool plans_dirty = false;
    std::shared_ptr<const engine::Snapshot> snapshot;
    std::uint64_t snapshot_step = ~0ull;
};

SimRunner::SimRunner(engine::Simulation sim, std::optional<engine::Simulation> b, RunnerOptions options)
    : options_(options) {
    a_ = std::make_unique<Run>(std::move(sim));
    net_ = &a_->sim.compiled_network();
    step_s_ = a_->sim.config().step_s;
    incoming_ = net_->source().incoming_links();
    init_run(*a_);
    if (b) {
        b_ = std::make_unique<Run>(std::move(*b));
        init_run(*b_);
        fork_time_s_ = a_->sim.time_s();  // compared from the start
    }
    publish(true);
    thread_ = std::jthread([this](std::stop_token st) { worker(st); });
}

void SimRunner::init_run(Run& run) {
    run.plans = std::make_shared<const std::vector<signals::SignalPlan>>(run.sim.signal_plans());
    run.last_stats = run.sim.link_stats();
    run.last_sample_s = run.sim.time_s();
    run.history.emplace_back(run.sim.time_s(), run.last_stats);
    run.samples_shared = std::make_shared<const std::vector<Sample>>();
}

SimRunner::~SimRunner() {
    thread_.request_stop();
    wake_.notify_all();
}

void SimRunner::play(double speed) {
    std::lock_guard lk(mutex_);
    mode_ = Mode::Playing;
    speed_ = speed;
    anchor_wall_ = Clock::now();
    anchor_sim_s_ = frame_->a.time_s;
    wake_.notify_all();
}

void SimRunner::pause() {
    std::lock_guard lk(mutex_);
    if (mode_ != Mode::Paused) publish_pending_ = true;  // the paused frame carries the hash
    mode_ = Mode::Paused;
    wake_.notify_all();
}

void SimRunner::step_once() { run_to(frame()->a.time_s + step_s_ * 0.5); }

void SimRunner::run_to(double t_s) {
    std::lock_guard lk(mutex_);
    mode_ = Mode::Target;
    target_s_ = t_s;
    publish_pending_ = true;
    wake_.notify_all();
}

void SimRunner::submit(RunTarget target, engine::Command command) {
    std::lock_guard lk(mutex_);
    requests_.commands.emplace_back(target, std::move(command));
    publish_pending_ = true;
    wake_.notify_all();
}

void SimRunner::fork(std::optional<engine::Command> b_edit) {
    std::lock_guard lk(mutex_);
    requests_.fork = std::move(b_edit);
    publish_pending_ = true;
    wake_.notify_all();
}

void SimRunner::close_b() {
    std::lock_guard lk(mutex_);
    requests_.close_b = true;
    publish_pending_ = true;
    wake_.notify_all();
}

void SimRunner::select(Selection selection) {
    std::lock_guard lk(mutex_);
    selection_ = selection;
}

std::shared_ptr<const RunFrame> SimRunner::frame() const {
    std::lock_guard lk(mutex_);
    return frame_;
}

bool SimRunner::busy() const {
    std::lock_guard lk(mutex_);
    return has_work_locked();
}

bool SimRunner::has_work_locked() const {
    return !requests_.commands.empty() || requests_.fork || requests_.close_b || publish_pending_ ||
           mode_ != Mode::Paused;
}

// Waits (without holding the lock while stepping) until there is something to do. Returns
// false when asked to stop. Sets do_step when a step is due, idle_now when a target was
// just reached.
bool SimRunner::wait_for_work(std::stop_token& stop, bool& do_step, bool& idle_now) {
    std::unique_lock lk(mutex_);
    for (;;) {
        if (stop.stop_requested()) return false;
        const bool have_requests = !requests_.commands.empty() || requests_.fork || requests_.close_b;
        const double t = a_->sim.time_s();
        double wait_s = -1.0;  // < 0: until woken
        if (mode_ == Mode::Target) {
            if (t + 1e-9 < target_s_) do_step = true;
            else {
                mode_ = Mode::Paused;
                idle_now = true;
            }
        } else if (mode_ == Mode::Playing) {
            if (speed_ <= 0.0) do_step = true;
            else {
                const auto now = Clock::now();
                const double desired = anchor_sim_s_ + speed_ * seconds(now - anchor_wall_);
                if (t + step_s_ <= desired + 1e-9) {
                    do_step = true;
                    // Falling behind by more than a quarter second of wall time: the step is
                    // slower than the speed asks for, so run flat out from here, no burst later.
                    if (desired - t > speed_ * 0.25) {
                        anchor_sim_s_ = t;
                        anchor_wall_ = now;
                    }
                } else {
                    wait_s = (t + step_s_ - desired) / speed_;
                }
            }
        }
        if (do_step || idle_now || have_requests || publish_pending_) {
            std::swap(pending_, requests_);
            return true;
        }
        const auto woken = [&] {
            return !requests_.commands.empty() || requests_.fork || requests_.close_b || publish_pending_;
        };
        // Paused, play() and run_to() must wake it too (they change the mode, not the requests);
        // playing, it sleeps until the next step is due.
        if (wait_s < 0.0 && mode_ == Mode::Paused)
            wake_.wait(lk, stop, [&] { return woken() || mode_ != Mode::Paused; });
        else
            wake_.wait_for(lk, stop, std::chrono::duration<double>(std::max(wait_s, 0.001)), woken);
    }
}

void SimRunner::worker(std::stop_token stop) {
    lower_this_thread_priority();
    auto last_publish = Clock::now();
    auto speed_wall = Clock::now();
    double speed_sim = a_->sim.time_s();
    for (;;) {
        bool do_step = false, idle_now = false;
        if (!wait_for_work(stop, do_step, idle_now)) return;
        const bool had_requests = !pending_.commands.empty() || pending_.fork || pending_.close_b;
        apply_requests(pending_);
        pending_ = Requests{};
        if (do_step) step_runs();

        const auto now = Clock::now();
        if (seconds(now - speed_wall) >= 0.5) {
            speed_measured_ = (a_->sim.time_s() - speed_sim) / seconds(now - speed_wall);
            speed_wall = now;
            speed_sim = a_->sim.time_s();
        }
        bool pending, paused;
        {
            std::lock_guard lk(mutex_);
            pending = publish_pending_;
            paused = mode_ == Mode::Paused;
        }
        if (idle_now || had_requests || pending || seconds(now - last_publish) >= options_.publish_interval_s) {
            publish(paused);  // the state hash only when it stands still (reports read it)
            last_publish = now;
        }
    }
}

void SimRunner::apply_requests(Requests& r) {
    if (r.close_b) {
        b_.reset();
        fork_time_s_ = kNaN;
        a_->totals_since_s = 0.0;
    }
    if (r.fork) {
        b_ = std::make_unique<Run>(*a_);  // Simulation's copy is its fork(): same random numbers
        fork_time_s_ = a_->sim.time_s();
        a_->totals_since_s = b_->totals_since_s = fork_time_s_;
        a_->totals = b_->totals = TripTotals{fork_time_s_};
        if (*r.fork) {
            try {
                b_->sim.submit(**r.fork);
                b_->plans_dirty = true;
            } catch (const std::invalid_argument& e) {
                message_ = std::string("the edit was refused: ") + e.what();
            }
        }
    }
    for (auto& [target, command] : r.commands) {
        for (Run* run : {a_.get(), b_.get()}) {
            if (!run) continue;
            const bool is_b = run == b_.get();
            // Without a fork, "B" means the running simulation: there is only one.
            const bool wanted = target == RunTarget::Both || (target == RunTarget::A && !is_b) ||
                                (target == RunTarget::B && (is_b || !b_));
            if (!wanted) continue;
            try {
                run->sim.submit(command);
                run->plans_dirty = true;
            } catch (const std::invalid_argument& e) {
                message_ = std::string("the command was refused: ") + e.what();
            }
        }
    }
}

void SimRunner::step_runs() {
    const auto t0 = Clock::now();
    a_->sim.step();
    // In lockstep, so A and B are always at the same time (a compared scenario may use
    // another step length: it catches up to A's time).
    if (b_) b_->sim.run_until(a_->sim.time_s());
    last_step_ms_ = seconds(Clock::now() - t0) * 1000.0;
    for (Run* run : {a_.get(), b_.get()}) {
        if (!run) continue;
        if (run->plans_dirty) {  // a SetSignalPlan took effect at the start of this step
            run->plans = std::make_shared<const std::vector<signals::SignalPlan>>(run->sim.signal_plans());
            run->plans_dirty = false;
        }
        if (run->sim.time_s() + 1e-9 >= run->last_sample_s + options_.sample_interval_s) sample(*run);
    }
}

void SimRunner::sample(Run& run) {
    Selection sel;
    {
        std::lock_guard lk(mutex_);
        sel = selection_;
    }
    const double t = run.sim.time_s();
    std::vector<engine::LinkStats> now = run.sim.link_stats();
    if (run.snapshot_step != run.sim.step_index()) {
        run.snapshot = std::make_shared<const engine::Snapshot>(run.sim.snapshot());
        run.snapshot_step = run.sim.step_index();
    }
    SampleInputs in;
    in.net = &net_->source();
    in.incoming = &incoming_;
    const std::vector<engine::TripRecord> trips = run.sim.trip_records();
    in.trips = &trips;
    in.snapshot = run.snapshot.get();
    in.links_now = &now;
    in.links_prev = &run.last_stats;
    in.prev_time_s = run.last_sample_s;
    in.time_s = t;
    in.totals_since_s = run.totals_since_s;
    in.selection = sel;
    in.transit = &run.sim.transit();
    SampleResult r = take_sample(in);
    run.samples.push_back(r.sample);
    run.samples_shared = std::make_shared<const std::vector<Sample>>(run.samples);
    run.totals = r.totals;

    if (t - run.history.back().first >= kHistorySpacing_s - 1e-9) run.history.emplace_back(t, now);
    while (run.history.size() > 1 && run.history[1].first <= t - options_.window_s + 1e-9) run.history.pop_front();
    LinkMeasures m = measures_from_stats(stats_between(now, run.history.front().second), t - run.history.front().first);
    // Buses only on the sample's schedule: matching each to its route costs more than a frame.
    const std::vector<bool> is_bus = bus_types(run.sim.vehicle_types());
    if (std::find(is_bus.begin(), is_bus.end(), true) != is_bus.end()) {
        run.bus_history.emplace_back(t, bus_sightings(net_->source(), run.sim.demand(), is_bus, *run.snapshot));
        while (run.bus_history.front().first <= t - options_.window_s + 1e-9) run.bus_history.pop_front();
        std::vector<BusSighting> all;
        for (const auto& entry : run.bus_history) all.insert(all.end(), entry.second.begin(), entry.second.end());
        count_buses(std::move(all), m.link);
    }
    run.measures = std::make_shared<const LinkMeasures>(std::move(m));
    run.last_stats = std::move(now);
    run.last_sample_s = t;
}

RunView SimRunner::view_of(Run& run, bool with_hash) const {
    if (run.snapshot_step != run.sim.step_index()) {
        run.snapshot = std::make_shared<const engine::Snapshot>(run.sim.snapshot());
        run.snapshot_step = run.sim.step_index();
    }
    RunView v;
    v.time_s = run.sim.time_s();
    v.snapshot = run.snapshot;
    v.measures = run.measures;
    v.counters = run.sim.counters();
    v.plans = run.plans;
    v.samples = run.samples_shared;
    v.totals = run.totals;
    if (with_hash) v.state_hash = run.sim.state_hash();
    return v;
}

void SimRunner::publish(bool with_hash) {
    auto f = std::make_shared<RunFrame>();
    f->serial = ++serial_;
    f->a = view_of(*a_, with_hash);
    if (b_) f->b = view_of(*b_, with_hash);
    f->fork_time_s = fork_time_s_;
    f->sim_seconds_per_s = speed_measured_;
    f->step_ms = last_step_ms_;
    f->message = message_;
    std::lock_guard lk(mutex_);
    f->running = mode_ != Mode::Paused;
    f->target_time_s = mode_ == Mode::Target ? target_s_ : kNaN;
    frame_ = std::move(f);
    publish_pending_ = false;
}

}  // namespace ut::viewer
