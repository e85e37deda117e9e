// A queue forming at a red light and discharging at green, against kinematic-wave theory
// (Lighthill-Whitham-Richards; docs/validation.md): the queue tail moves back at
// u = -q_a / (k_jam - k_a); after green a start wave runs back through the standing queue at
// w = (q_c - 0) / (k_c - k_jam) between the IDM's capacity state (q_c, k_c) and the jam; the
// queue discharges at the saturation flow.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>

#include "theory_networks.hpp"

using namespace ut;

namespace {

// Least-squares slope of y over x.
double slope(const std::vector<double>& x, const std::vector<double>& y) {
    const double n = static_cast<double>(x.size());
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// The top of the IDM's stationary flow-density curve (delta = 4): {flow veh/s, density veh/m}.
std::pair<double, double> idm_capacity_state(const engine::VehicleType& t, double v0) {
    std::pair<double, double> best{0.0, 0.0};
    for (int i = 1; i < 2000; ++i) {
        const double v = v0 * i / 2000.0;
        const double gap = (t.min_gap_m + v * t.time_headway_s) / std::sqrt(1.0 - std::pow(v / v0, 4.0));
        const double k = 1.0 / (gap + t.length_m);
        if (v * k > best.first) best = {v * k, k};
    }
    return best;
}

}  // namespace

TEST_CASE("Queue at a red light: tail shockwave, start wave and discharge follow kinematic-wave theory",
          "[validation][theory][slow]") {
    constexpr double kStopLineM = 1500.0;
    constexpr double kArrivalRate = 900.0;  // veh/h
    constexpr double kRedEndS = 305.0;      // red 300 s + yellow 3 + all-red 2 (the first stage has no green)
    constexpr double kVf = 13.89;
    engine::SimulationInputs in;
    in.network = test::two_links(kStopLineM, 1, kVf, network::JunctionControl::TrafficSignals);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, test::uniform_departures(kArrivalRate, 60));
    in.vehicle_types = test::uniform_drivers();
    in.config.threads = 1;
    in.config.teleport_on_gridlock = false;  // the first car waits longer than gridlock_wait_s
    signals::SignalPlan plan;
    plan.junction = JunctionId{1};
    plan.groups.push_back({"through", {ConnectionId{0}}, false});
    plan.stages.push_back({{}, 300.0, 3.0, 2.0});
    plan.stages.push_back({{0}, 300.0, 3.0, 2.0});
    in.signal_plans.push_back(plan);
    engine::Simulation sim(std::move(in));

    // Per vehicle: where it stood in the queue, when it started again, when it crossed the line.
    std::map<std::uint32_t, double> queue_x, start_t, cross_t;
    std::vector<double> tail_t, tail_x;  // the queue's upstream end during the red
    while (sim.time_s() < kRedEndS + 200.0) {
        sim.step();
        const double t = sim.time_s();
        const auto snap = sim.snapshot();
        double tail = kStopLineM;
        bool any_stopped = false;
        for (const auto& v : snap.vehicles) {
            const std::uint32_t id = v.trip.value;
            if (t < kRedEndS && v.speed_mps < 0.1 && v.position.x < kStopLineM + 1.0) {
                queue_x[id] = v.position.x;
                tail = std::min(tail, v.position.x);
                any_stopped = true;
            }
            if (t >= kRedEndS && queue_x.count(id) && !start_t.count(id) && v.speed_mps > 1.0) start_t[id] = t;
            if (t >= kRedEndS && !cross_t.count(id) && v.position.x > kStopLineM + 0.5) cross_t[id] = t;
        }
        if (any_stopped && t > 40.0 && t < kRedEndS - 5.0 && std::fmod(t, 5.0) < 0.25) {
            tail_t.push_back(t);
            tail_x.push_back(tail);
        }
    }
    REQUIRE(queue_x.size() >= 30);
    REQUIRE(tail_t.size() >= 10);

    // Measured saturation flow: headways at the stop line from the 5th to the 25th vehicle.
    std::vector<double> crossings;
    for (const auto& [id, t] : cross_t) crossings.push_back(t);
    std::sort(crossings.begin(), crossings.end());
    REQUIRE(crossings.size() >= 25);
    const double headway_s = (crossings[24] - crossings[4]) / 20.0;
    const double q_sat = 1.0 / headway_s;  // veh/s
    // Start-up lost time: time to the 10th crossing beyond 10 saturation headways.
    const double lost_time_s = (crossings[9] - kRedEndS) - 10.0 * headway_s;
    // Jam density from the standing queue.
    std::vector<double> xs;
    for (const auto& [id, x] : queue_x) xs.push_back(x);
    std::sort(xs.begin(), xs.end());
    const double k_jam = static_cast<double>(xs.size() - 1) / (xs.back() - xs.front());  // veh/m

    // Tail shockwave during the red: u = -q_a / (k_jam - k_a), arrivals at free-flow speed.
    const double q_a = kArrivalRate / 3600.0;
    const double u_theory = -q_a / (k_jam - q_a / kVf);
    const double u_measured = slope(tail_t, tail_x);
    // Start wave after green: position of each queued vehicle against the time it moves.
    std::vector<double> st, sx;
    for (const auto& [id, t] : start_t) {
        st.push_back(t);
        sx.push_back(queue_x[id]);
    }
    REQUIRE(st.size() >= 20);
    const double w_measured = slope(st, sx);
    const auto [q_c, k_c] = idm_capacity_state(test::uniform_drivers()[0], kVf);
    const double w_theory = -q_c / (k_jam - k_c);

    INFO("saturation flow " << 3600.0 * q_sat << " veh/h, start-up lost time " << lost_time_s << " s, jam density "
                            << 1000.0 * k_jam << " veh/km");
    INFO("queue tail " << 3.6 * u_measured << " km/h (theory " << 3.6 * u_theory << "), start wave " << 3.6 * w_measured
                       << " km/h (theory " << 3.6 * w_theory << ")");
    if (const char* dir = std::getenv("UT_VALIDATION_CSV")) {
        std::ofstream out(std::string(dir) + "/queue_discharge.csv");
        out << "kind,t_s,x_m\n";
        for (std::size_t i = 0; i < tail_t.size(); ++i) out << "tail," << tail_t[i] << ',' << tail_x[i] << '\n';
        for (std::size_t i = 0; i < st.size(); ++i) out << "start," << st[i] << ',' << sx[i] << '\n';
        for (double c : crossings) out << "cross," << c << ',' << kStopLineM << '\n';
        out << "figure,q_sat_veh_per_h," << 3600.0 * q_sat << '\n';
        out << "figure,lost_time_s," << lost_time_s << '\n';
        out << "figure,u_kmh," << 3.6 * u_measured << "\nfigure,u_theory_kmh," << 3.6 * u_theory << '\n';
        out << "figure,w_kmh," << 3.6 * w_measured << "\nfigure,w_theory_kmh," << 3.6 * w_theory << '\n';
    }
    CHECK(u_measured == Approx(u_theory).epsilon(0.15));
    CHECK(w_measured == Approx(w_theory).epsilon(0.2));
    // Field values: start waves run back at 15-25 km/h; lost time 1-4 s (HCM uses 2 s).
    CHECK(-3.6 * w_measured >= 12.0);
    CHECK(-3.6 * w_measured <= 25.0);
    CHECK(lost_time_s >= 1.0);
    CHECK(lost_time_s <= 4.0);
}
