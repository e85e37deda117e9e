// Engine throughput on generated signalised grids (10x10, 30x30, 100x100 junctions, 2 lanes
// each way, 200 m blocks). Each grid is filled with random trips until it holds its target
// number of vehicles; then the same warmed-up state is run for a fixed simulated window at
// 1 and at 2 threads, interleaved, best of three. Prints vehicle-updates per second, the
// real-time factor, the 2-thread speed-up and peak memory.
//
//   build/bin/engine_bench [--quick | --grid N]   (--quick: 10x10 and 30x30 only; --grid: that size only)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "demand/random_trips.hpp"
#include "engine/simulation.hpp"
#include "network/grid_generator.hpp"

using namespace ut;

namespace {

struct Case {
    int size;
    double vehicles_per_hour;  // fills the grid to about its target within the warm-up
    double warmup_s;
    double window_s;
};

double peak_memory_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// CPU time of the whole process (all threads): on a shared machine it counts the work done,
// where wall time also counts the time other programs had the cores.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Timing {
    double wall_s = 1e30;
    double cpu_s = 1e30;
    std::uint64_t updates = 0;
    engine::PhaseTimes phases;
};

Timing time_window(const engine::Simulation& warm, unsigned threads, double window_s) {
    engine::Simulation sim = warm.fork();
    sim.set_threads(threads);
    const std::uint64_t before = sim.counters().vehicle_steps;
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    sim.run_until(warm.time_s() + window_s);
    const auto end = std::chrono::steady_clock::now();
    return {std::chrono::duration<double>(end - start).count(), cpu_seconds() - cpu_start,
            sim.counters().vehicle_steps - before, sim.phase_times()};
}

void run_case(const Case& c) {
    const auto setup_start = std::chrono::steady_clock::now();
    network::GridSpec grid;
    grid.rows = c.size;
    grid.columns = c.size;
    auto generated = network::make_grid(grid);
    demand::RandomTripSpec spec;
    spec.vehicles_per_hour = c.vehicles_per_hour;
    spec.end_s = c.warmup_s + c.window_s;
    spec.seed = 42;
    engine::SimulationInputs in;
    in.demand = demand::generate_random_trips(generated.network, spec).demand;
    const std::size_t trips = in.demand.trips.size();
    in.network = std::move(generated.network);
    in.signal_plans = std::move(generated.signal_plans);
    in.config.threads = 2;
    engine::Simulation warm(std::move(in));
    const double setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start).count();

    const auto warm_start = std::chrono::steady_clock::now();
    warm.run_until(c.warmup_s);
    const double warm_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - warm_start).count();
    const auto counters = warm.counters();

    Timing best[2];
    for (int rep = 0; rep < 3; ++rep) {
        for (unsigned threads : {1u, 2u}) {
            const Timing t = time_window(warm, threads, c.window_s);
            Timing& b = best[threads - 1];
            if (t.wall_s < b.wall_s) b = Timing{t.wall_s, std::min(b.cpu_s, t.cpu_s), t.updates, t.phases};
            else b.cpu_s = std::min(b.cpu_s, t.cpu_s);
        }
    }
    fmt::print("grid {}x{}: {} links, {} trips, setup {:.1f} s, warm-up {:.0f} s simulated in {:.1f} s\n", c.size,
               c.size, warm.network().links.size(), trips, setup_s, c.warmup_s, warm_s);
    fmt::print("  in network {} vehicles (waiting to enter {}, gridlock events {}, teleports {})\n",
               counters.in_network, counters.waiting_to_enter, counters.gridlock_events, counters.teleports);
    for (unsigned threads : {1u, 2u}) {
        const Timing& t = best[threads - 1];
        fmt::print("  {} thread{}: {:8.2f} M vehicle-updates/s, real-time factor {:8.1f}x ({:.0f} s simulated in {:.2f} s;"
                   " {:.2f} M updates per CPU-second)\n",
                   threads, threads > 1 ? "s" : " ", static_cast<double>(t.updates) / t.wall_s / 1e6,
                   c.window_s / t.wall_s, c.window_s, t.wall_s, static_cast<double>(t.updates) / t.cpu_s / 1e6);
        std::string shares;
        for (std::size_t p = 0; p < std::size(engine::PhaseTimes::kNames); ++p)
            shares += fmt::format("{} {:.1f}{}", engine::PhaseTimes::kNames[p], 100.0 * t.phases.seconds[p] / t.wall_s,
                                  p + 1 < std::size(engine::PhaseTimes::kNames) ? ", " : " %");
        fmt::print("             time per phase: {}\n", shares);
    }
    fmt::print("  speed-up 2 threads / 1 thread: {:.2f}x; peak memory so far {:.0f} MB\n",
               best[0].wall_s / best[1].wall_s, peak_memory_mb());
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int only = argc > 2 && std::strcmp(argv[1], "--grid") == 0 ? std::atoi(argv[2]) : 0;
    const Case cases[] = {{10, 4000.0, 600.0, 300.0}, {30, 30000.0, 900.0, 120.0}, {100, 500000.0, 900.0, 60.0}};
    for (const Case& c : cases) {
        if (only != 0 && c.size != only) continue;
        if (only == 0 && quick && c.size == 100) continue;
        run_case(c);
    }
    return 0;
}
