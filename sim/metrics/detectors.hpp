// Stop-line and upstream (advance) detectors, the loops an actuated controller listens to.
// Placed automatically on every lane that ends at a signalised junction; updated once per
// step, before the signals, from the committed state (positions after the last step).
//
// Glossary
//   zone        [begin_m, end_m] along the lane, metres from the lane start.
//   presence    some vehicle's body overlaps the zone now.
//   count       vehicles whose front crossed begin_m (entered the zone), since the start.
//   occupancy   time the zone was occupied (occupied_s / elapsed time = occupancy).
//   actuation   presence, or a vehicle entering during the last step: what holds a green
//               (gap timing) and places a call.
//
// Counting is exact, however fast a vehicle jumps over a short loop within one step: the
// plan phase, which knows each vehicle's position before and after its move, counts the
// fronts crossing each entry edge (count_crossings); the next update takes them over.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace ut::engine {
class CompiledNetwork;
struct SimState;
}  // namespace ut::engine

namespace ut::metrics {

enum class DetectorKind : std::uint8_t { StopLine, Upstream };

struct DetectorPlacement {
    double stop_line_length_m = 10.0;  // presence zone ending at the stop line
    double upstream_travel_s = 3.0;    // advance loop this many seconds (at the speed limit) before the stop line
    double upstream_min_m = 20.0;
    double upstream_length_m = 2.0;
};

struct Detectors {
    static constexpr double kNever = -std::numeric_limits<double>::infinity();

    // Where: fixed after placement, sorted by (lane, kind).
    std::vector<std::uint32_t> lane;
    std::vector<DetectorKind> kind;
    std::vector<double> begin_m;
    std::vector<double> end_m;
    std::vector<std::uint32_t> lane_first;  // per road lane: its first detector (size: road lanes + 1)

    // State after the last update.
    std::vector<std::uint8_t> presence;
    std::vector<std::uint32_t> step_count;  // entered during the last step
    std::vector<std::uint64_t> count;
    std::vector<double> occupied_s;
    std::vector<double> last_actuation_s;
    std::vector<std::uint32_t> crossed_now;  // counted by the plan phase of the current step

    std::size_t size() const { return lane.size(); }
    bool actuated(std::size_t d) const { return presence[d] != 0 || step_count[d] > 0; }
    // Detectors on a road lane: [first, last) indices (empty when none).
    std::pair<std::size_t, std::size_t> on_lane(std::uint32_t road_lane) const;
};

// Places a stop-line and (when the lane is long enough) an upstream detector on each given
// road lane. Detectors already placed on a lane keep their state.
void place_detectors(const engine::CompiledNetwork& net, std::span<const std::uint32_t> road_lanes,
                     Detectors& detectors, const DetectorPlacement& placement = {});

// Updates presence, counts and occupancy of st.detectors from st's committed positions and
// the crossings counted during the last step. Parallel over detectors; each writes only its
// own entries.
void update_detectors(const engine::CompiledNetwork& net, engine::SimState& st);

// Counts the vehicles of road lane `lane` whose front crosses a detector's entry edge in the
// move just planned (their next_* fields): moving on along the lane or leaving it forwards,
// not sideways. Called by the task that plans the lane, so it writes only that lane's entries.
void count_crossings(const engine::CompiledNetwork& net, engine::SimState& st, std::uint32_t lane);

}  // namespace ut::metrics
