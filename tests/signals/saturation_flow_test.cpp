// Saturation flow and start-up lost time at a signalised stop line (HCM 2016, ch. 19):
// a long queue waits at red on a straight single-lane approach; at green onset each
// vehicle is timed across the stop line. Saturation headway = mean headway
// from the 5th vehicle on; start-up lost time = sum over the first four of (headway -
// saturation headway).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <vector>

#include "engine/simulation.hpp"
#include "engine/tiny_networks.hpp"
#include "signal_test_networks.hpp"

using namespace ut;

namespace {

struct Discharge {
    double saturation_flow_veh_per_h = 0.0;
    double lost_time_s = 0.0;
    std::vector<double> headways_s;
};

// 40 cars queue at a red until t = 300 s, then get 120 s of green.
Discharge measure_discharge(bool driver_variation) {
    constexpr double kLength = 600.0;
    constexpr double kGreenOnset = 300.0;
    engine::SimulationInputs in;
    in.network = test::two_links(kLength, 1, 13.89, network::JunctionControl::TrafficSignals);
    std::vector<double> departs;
    for (int i = 0; i < 40; ++i) departs.push_back(i * 2.5);
    in.demand = test::trips_on({LinkId{0}, LinkId{1}}, departs);
    if (!driver_variation) in.vehicle_types = test::uniform_drivers();
    signals::SignalPlan plan;
    plan.junction = JunctionId{1};
    plan.groups.push_back({"EBT", {ConnectionId{0}}, false});
    plan.stages.push_back({{}, kGreenOnset - 5.0, 3.0, 2.0});  // red until t = 300 s
    plan.stages.push_back({{0}, 120.0, 3.0, 2.0});
    in.signal_plans.push_back(plan);
    engine::Simulation sim(std::move(in));

    std::map<std::uint32_t, double> last_x;
    std::vector<double> crossings;
    while (sim.time_s() < kGreenOnset + 110.0) {
        sim.step();
        for (const auto& v : sim.snapshot().vehicles) {
            const double rear = v.position.x - v.length_m;
            auto it = last_x.find(v.trip.value);
            if (it != last_x.end() && it->second < kLength && rear >= kLength) {
                // Interpolate within the step for the crossing time.
                const double dt = sim.config().step_s;
                const double frac = (kLength - it->second) / std::max(rear - it->second, 1e-9);
                crossings.push_back(sim.time_s() - dt + frac * dt);
            }
            last_x[v.trip.value] = rear;
        }
    }
    Discharge d;
    double previous = kGreenOnset;
    for (double t : crossings) {
        d.headways_s.push_back(t - previous);
        previous = t;
    }
    REQUIRE(d.headways_s.size() >= 30);
    double sum = 0.0;
    for (std::size_t i = 4; i < 30; ++i) sum += d.headways_s[i];
    const double saturation_headway = sum / 26.0;
    d.saturation_flow_veh_per_h = 3600.0 / saturation_headway;
    for (std::size_t i = 0; i < 4; ++i) d.lost_time_s += d.headways_s[i] - saturation_headway;
    return d;
}

}  // namespace

// The default car (IDM T = 0.9 s, s0 = 2.5 m, 5 m long) discharges at ~1,845 veh/h per lane.
TEST_CASE("Saturation flow at a stop line is 1800-2000 veh/h of green per lane, start-up lost time about 2 s",
          "[signals][evidence]") {
    auto csv = test::figure_csv("signals_discharge.csv");
    if (csv) *csv << "driver_variation,position,headway_s\n";
    for (bool variation : {false, true}) {
        const Discharge d = measure_discharge(variation);
        for (std::size_t i = 0; csv && i < d.headways_s.size(); ++i) *csv << variation << ',' << i + 1 << ',' << d.headways_s[i] << '\n';
        INFO("driver variation " << variation << ": saturation flow " << d.saturation_flow_veh_per_h
                                 << " veh/h/lane, start-up lost time " << d.lost_time_s << " s, first headways "
                                 << d.headways_s[0] << " " << d.headways_s[1] << " " << d.headways_s[2] << " "
                                 << d.headways_s[3] << " " << d.headways_s[4]);
        WARN("saturation flow " << d.saturation_flow_veh_per_h << " veh/h/lane, start-up lost time "
                                << d.lost_time_s << " s (driver variation " << variation << ")");
        CHECK(d.saturation_flow_veh_per_h >= 1800.0);
        CHECK(d.saturation_flow_veh_per_h <= 2000.0);
        CHECK(d.lost_time_s >= 1.0);
        CHECK(d.lost_time_s <= 3.0);
    }
}
