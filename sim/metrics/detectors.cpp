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

// Whether the remembered vehicle (slot, trip) has crossed the entry edge of detector d
// since the last update: it is on the lane past the edge, or it left the lane other than
// sideways (into the junction, onward, or it arrived).
bool crossed(const engine::CompiledNetwork& net, const engine::SimState& st, const Detectors& det, std::size_t d,
             std::uint32_t slot, std::uint32_t trip) {
    const auto& veh = st.vehicles;
    if (slot >= veh.size() || veh.trip[slot] != trip) return st.records[trip].arrived();
    const std::uint32_t now = veh.lane[slot];
    if (now == kNone) return st.records[trip].arrived();
    if (now == det.lane[d]) return veh.pos_m[slot] >= det.begin_m[d];
    const bool same_link = !net.is_internal(now) && net.lane_link[now] == net.lane_link[det.lane[d]];
    return !same_link;
}

void update_one(const engine::CompiledNetwork& net, engine::SimState& st, Detectors& det, std::size_t d) {
    const auto& veh = st.vehicles;
    const std::uint32_t lane = det.lane[d];
    // Most detectors sit on empty lanes: nothing on the lane now, nobody remembered from
    // the last step, so nothing can have entered or be present.
    if (st.lane_count[lane] == 0 && det.upstream_slot[d][0] == kNone) {
        det.presence[d] = 0;
        det.step_count[d] = 0;
        return;
    }
    std::uint32_t entered = 0;
    for (std::size_t k = 0; k < Detectors::kRemembered; ++k) {
        const std::uint32_t slot = det.upstream_slot[d][k];
        if (slot != kNone && crossed(net, st, det, d, slot, det.upstream_trip[d][k])) ++entered;
    }
    bool present = false;
    det.upstream_slot[d].fill(kNone);
    det.upstream_trip[d].fill(kNone);
    std::size_t remembered = 0;
    const std::uint32_t* list = st.lane_vehicles.data() + net.lane_slot_begin[lane];
    for (std::uint32_t i = 0; i < st.lane_count[lane] && remembered < Detectors::kRemembered; ++i) {
        const std::uint32_t v = list[i];  // front first
        const double front = veh.pos_m[v];
        if (front >= det.begin_m[d]) {
            const double back = front - st.vehicle_types[veh.type[v]].length_m;
            present = present || back < det.end_m[d];
            continue;
        }
        det.upstream_slot[d][remembered] = v;
        det.upstream_trip[d][remembered] = veh.trip[v];
        ++remembered;
    }
    det.presence[d] = present ? 1 : 0;
    det.step_count[d] = entered;
    det.count[d] += entered;
    if (present) det.occupied_s[d] += st.config.step_s;
    if (present || entered > 0) det.last_actuation_s[d] = st.time_s;
}

}  // namespace

std::pair<std::size_t, std::size_t> Detectors::on_lane(std::uint32_t road_lane) const {
    const auto [first, last] = std::equal_range(lane.begin(), lane.end(), road_lane);
    return {static_cast<std::size_t>(first - lane.begin()), static_cast<std::size_t>(last - lane.begin())};
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
        std::array<std::uint32_t, Detectors::kRemembered> none;
        none.fill(kNone);
        out.upstream_slot.push_back(keep ? det.upstream_slot[old] : none);
        out.upstream_trip.push_back(keep ? det.upstream_trip[old] : none);
    }
    det = std::move(out);
}

void update_detectors(const engine::CompiledNetwork& net, engine::SimState& st) {
    Detectors& det = st.detectors;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, det.size(), kDetectorsPerTask),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t d = r.begin(); d != r.end(); ++d) update_one(net, st, det, d);
                      });
}

}  // namespace ut::metrics
