#include "metrics/detectors.hpp"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "engine/compiled_network.hpp"
#include "engine/sim_state.hpp"

namespace ut::metrics {
namespace {

using engine::kNone;
constexpr std::size_t kDetectorsPerTask = 64;

struct Placed {
    std::uint32_t lane;
    DetectorKind kind;
    double begin_m;
    double end_m;
};

void update_one(const engine::CompiledNetwork& net, engine::SimState& st, Detectors& det, std::size_t d) {
    const auto& veh = st.vehicles;
    const std::uint32_t lane = det.lane[d];
    const std::uint32_t entered = det.crossed_now[d];
    det.crossed_now[d] = 0;
    // The lane is sorted front first: the vehicles overlapping the zone come before the
    // first whose front is short of it.
    bool present = false;
    const std::uint32_t* list = st.lane_vehicles.data() + net.lane_slot_begin[lane];
    for (std::uint32_t i = 0; i < st.lane_count[lane] && !present; ++i) {
        const std::uint32_t v = list[i];
        const double front = veh.pos_m[v];
        if (front < det.begin_m[d]) break;
        present = front - st.vehicle_types[veh.type[v]].length_m < det.end_m[d];
    }
    det.presence[d] = present ? 1 : 0;
    det.step_count[d] = entered;
    det.count[d] += entered;
    if (present) det.occupied_s[d] += st.config.step_s;
    if (present || entered > 0) det.last_actuation_s[d] = st.time_s;
}

}  // namespace

std::pair<std::size_t, std::size_t> Detectors::on_lane(std::uint32_t road_lane) const {
    if (road_lane + 1 >= lane_first.size()) return {0, 0};
    return {lane_first[road_lane], lane_first[road_lane + 1]};
}

void place_detectors(const engine::CompiledNetwork& net, std::span<const std::uint32_t> road_lanes, Detectors& det,
                     const DetectorPlacement& p) {
    std::vector<Placed> placed;
    for (std::uint32_t lane : road_lanes) {
        const double length = net.lane_length_m[lane];
        const double stop_len = std::min(p.stop_line_length_m, length);
        placed.push_back({lane, DetectorKind::StopLine, length - stop_len, length});
        const double distance = std::max(p.upstream_min_m, net.lane_speed_mps[lane] * p.upstream_travel_s);
        if (length - distance - p.upstream_length_m > 1.0)
            placed.push_back({lane, DetectorKind::Upstream, length - distance - p.upstream_length_m, length - distance});
    }
    std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
        return a.lane != b.lane ? a.lane < b.lane : a.kind < b.kind;
    });
    placed.erase(std::unique(placed.begin(), placed.end(),
                             [](const Placed& a, const Placed& b) { return a.lane == b.lane && a.kind == b.kind; }),
                 placed.end());

    Detectors out;
    for (const Placed& q : placed) {
        out.lane.push_back(q.lane);
        out.kind.push_back(q.kind);
        out.begin_m.push_back(q.begin_m);
        out.end_m.push_back(q.end_m);
        std::size_t old = det.size();
        for (auto [first, last] = det.on_lane(q.lane); first < last; ++first)
            if (det.kind[first] == q.kind) old = first;
        const bool keep = old < det.size();
        out.presence.push_back(keep ? det.presence[old] : 0);
        out.step_count.push_back(keep ? det.step_count[old] : 0);
        out.count.push_back(keep ? det.count[old] : 0);
        out.occupied_s.push_back(keep ? det.occupied_s[old] : 0.0);
        out.last_actuation_s.push_back(keep ? det.last_actuation_s[old] : Detectors::kNever);
        out.crossed_now.push_back(keep ? det.crossed_now[old] : 0);
    }
    out.lane_first.assign(net.road_lane_count() + 1, 0);
    for (std::uint32_t l : out.lane) ++out.lane_first[l + 1];
    for (std::size_t l = 1; l < out.lane_first.size(); ++l) out.lane_first[l] += out.lane_first[l - 1];
    det = std::move(out);
}

void update_detectors(const engine::CompiledNetwork& net, engine::SimState& st) {
    Detectors& det = st.detectors;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, det.size(), kDetectorsPerTask),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t d = r.begin(); d != r.end(); ++d) update_one(net, st, det, d);
                      });
}

void count_crossings(const engine::CompiledNetwork& net, engine::SimState& st, std::uint32_t lane) {
    Detectors& det = st.detectors;
    const auto [first, last] = det.on_lane(lane);
    if (first == last) return;
    const auto& veh = st.vehicles;
    const std::uint32_t* list = st.lane_vehicles.data() + net.lane_slot_begin[lane];
    for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) {
        const std::uint32_t v = list[i];
        const std::uint32_t to = veh.next_lane[v];
        // Onto another link (through the junction, by teleport) or out of the network.
        const bool left_forwards =
            to == kNone || net.is_internal(to) || net.lane_link[to] != net.lane_link[lane];
        if (to != lane && !left_forwards) continue;  // a lane change
        const double before = veh.pos_m[v];
        for (std::size_t d = first; d < last; ++d)
            if (before < det.begin_m[d] && (left_forwards || veh.next_pos_m[v] >= det.begin_m[d])) ++det.crossed_now[d];
    }
}

}  // namespace ut::metrics
