// integrate: applies the plan. Staying vehicles keep their order (car-following never lets
// one pass another on a lane); vehicles that change lane, cross into the next lane or
// teleport are merged into their target lanes in (target lane, position, vehicle) order,
// which makes the result independent of how the plan phase was split across threads.
#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include "core/assert.hpp"
#include "engine/step_phases.hpp"

namespace ut::engine {
namespace {

constexpr std::size_t kLanesPerTask = 32;
// Vehicles drift out of lane order slowly (a lane takes tens of seconds to cross), so
// renumbering every few seconds keeps the arrays nearly sequential for little cost.
constexpr std::uint64_t kRenumberEverySteps = 16;

// Active lanes are gathered from in chunks of this many, in parallel, each into its own
// LaneChunk; the chunks are joined in order, so the result does not depend on the threads.
constexpr std::size_t kLanesPerChunk = 1024;

template <class Body>
void for_each_chunk(SimState& st, Body&& body) {
    const std::size_t lanes = st.active_lanes.size();
    st.lane_chunks.resize((lanes + kLanesPerChunk - 1) / kLanesPerChunk);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, st.lane_chunks.size()), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t c = r.begin(); c != r.end(); ++c)
            body(st.lane_chunks[c], c * kLanesPerChunk, std::min(lanes, (c + 1) * kLanesPerChunk));
    });
}

void collect_leavers(StepContext& ctx) {
    SimState& st = ctx.st;
    for_each_chunk(st, [&](SimState::LaneChunk& chunk, std::size_t first, std::size_t last) {
        auto& veh = st.vehicles;
        chunk.transfers.clear();
        chunk.arrived.clear();
        for (std::size_t a = first; a < last; ++a) {
            const std::uint32_t lane = st.active_lanes[a];
            if (st.lane_leavers[lane] == 0) continue;
            const std::uint32_t* list = ctx.lane_begin(lane);
            for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) {
                const std::uint32_t v = list[i];
                const std::uint32_t target = veh.next_lane[v];
                if (target == lane) continue;
                if (target == kNone) {
                    chunk.arrived.push_back(v);
                    if (!ctx.net.is_internal(lane)) ++st.lane_stats.left[lane];
                } else {
                    chunk.transfers.push_back({target, veh.pos_m[v], v});
                    if (!ctx.net.is_internal(lane) && ctx.net.lane_link[target] != ctx.net.lane_link[lane])
                        ++st.lane_stats.left[lane];
                }
            }
        }
    });
    st.transfers.clear();
    st.arrived_slots.clear();
    for (const SimState::LaneChunk& chunk : st.lane_chunks) {
        st.transfers.insert(st.transfers.end(), chunk.transfers.begin(), chunk.transfers.end());
        st.arrived_slots.insert(st.arrived_slots.end(), chunk.arrived.begin(), chunk.arrived.end());
    }
    // The keys are unique (a vehicle moves once), so the parallel sort's order is the same
    // for any thread count.
    tbb::parallel_sort(st.transfers.begin(), st.transfers.end(), [](const SimState::Transfer& a, const SimState::Transfer& b) {
        if (a.lane != b.lane) return a.lane < b.lane;
        if (a.pos_m != b.pos_m) return a.pos_m > b.pos_m;
        return a.vehicle < b.vehicle;
    });
}

// Removes the leavers from the lanes they left (their order is kept: car-following never lets
// one pass another on a lane).
void compact_lanes(StepContext& ctx) {
    SimState& st = ctx.st;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, st.active_lanes.size(), kLanesPerTask),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          auto& veh = st.vehicles;
                          for (std::size_t i = r.begin(); i != r.end(); ++i) {
                              const std::uint32_t lane = st.active_lanes[i];
                              if (st.lane_leavers[lane] == 0) continue;
                              std::uint32_t* list = ctx.lane_begin(lane);
                              std::uint32_t kept = 0;
                              for (std::uint32_t j = 0; j < st.lane_count[lane]; ++j) {
                                  const std::uint32_t v = list[j];
                                  if (veh.next_lane[v] == lane) list[kept++] = v;
                              }
                              st.lane_count[lane] = kept;
                          }
                      });
}

// Merges one lane's incoming vehicles (sorted, front first) into its list; the safety net
// keeps bumpers from overlapping if two movements ever land in the same gap.
void merge_into_lane(StepContext& ctx, std::size_t first, std::size_t last) {
    SimState& st = ctx.st;
    auto& veh = st.vehicles;
    const std::uint32_t lane = st.transfers[first].lane;
    std::uint32_t* list = ctx.lane_begin(lane);
    const std::uint32_t stay = st.lane_count[lane];
    const auto incoming = static_cast<std::uint32_t>(last - first);
    const std::uint32_t total = stay + incoming;
    UT_ASSERT(total <= ctx.net.lane_capacity[lane], "lane vehicle list overflow");

    // Merge from the back so the list can be filled in place.
    std::int64_t a = static_cast<std::int64_t>(stay) - 1;
    std::int64_t b = static_cast<std::int64_t>(last) - 1;
    for (std::int64_t out = static_cast<std::int64_t>(stay + incoming) - 1; out >= 0; --out) {
        const bool take_incoming =
            a < 0 || (b >= static_cast<std::int64_t>(first) && st.transfers[b].pos_m < veh.pos_m[list[a]]);
        std::uint32_t v;
        if (take_incoming) {
            v = st.transfers[b--].vehicle;
            const std::uint32_t from = veh.lane[v];
            // Entering a link: from a junction, by teleport, or straight across a connection
            // short enough to be crossed within one step (not a lane change).
            if (!ctx.net.is_internal(lane) && (ctx.net.is_internal(from) || veh.next_event[v] == kEventTeleported ||
                                               ctx.net.lane_link[from] != ctx.net.lane_link[lane]))
                ++st.lane_stats.entered[lane];
            veh.lane[v] = lane;
            ctx.set_route_cursor(v, veh.next_cursor[v]);
            if (ctx.net.is_internal(lane)) {
                veh.next_conn[v] = kNone;
                veh.better_lane_side[v] = 0;
            } else {
                ctx.choose_route_lane(lane, v);
            }
        } else {
            v = list[a--];
        }
        list[out] = v;
    }
    st.lane_count[lane] = total;
    for (std::uint32_t i = 1; i < total; ++i) {
        const std::uint32_t ahead = list[i - 1];
        const double back = veh.pos_m[ahead] - ctx.length_of(ahead);
        if (veh.pos_m[list[i]] > back) {
            ++st.lane_stats.collisions_prevented[lane];
            veh.pos_m[list[i]] = back;
            veh.speed_mps[list[i]] = std::min(veh.speed_mps[list[i]], veh.speed_mps[ahead]);
        }
    }
}

void merge_transfers(StepContext& ctx) {
    SimState& st = ctx.st;
    // Group boundaries: one group per target lane.
    st.touched_lanes.clear();
    for (std::size_t i = 0; i < st.transfers.size(); ++i)
        if (i == 0 || st.transfers[i].lane != st.transfers[i - 1].lane) st.touched_lanes.push_back(static_cast<std::uint32_t>(i));
    const std::size_t groups = st.touched_lanes.size();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, groups, kLanesPerTask),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t g = r.begin(); g != r.end(); ++g) {
                              const std::size_t first = st.touched_lanes[g];
                              const std::size_t last = g + 1 < groups ? st.touched_lanes[g + 1] : st.transfers.size();
                              merge_into_lane(ctx, first, last);
                          }
                      });
}

void record_arrivals(StepContext& ctx) {
    SimState& st = ctx.st;
    std::sort(st.arrived_slots.begin(), st.arrived_slots.end());
    for (std::uint32_t v : st.arrived_slots) {
        st.records[st.vehicles.trip[v]].arrival_s = st.time_s + ctx.dt;
        add_trip_so_far(st.vehicles, v, st.records);
        st.vehicles.lane[v] = kNone;
        ++st.counters.arrived;
        --st.counters.in_network;
    }
    // Reuse the lowest slots first: keeps the hot arrays dense.
    for (auto it = st.arrived_slots.rbegin(); it != st.arrived_slots.rend(); ++it) st.free_slots.push_back(*it);
}

// Active lanes after the step: previously active lanes still occupied plus transfer targets.
// Each chunk of the old list takes the targets in its range of lane ids (the first chunk
// from lane 0, the last to the end), so the joined chunks stay ascending.
void refresh_active_lanes(StepContext& ctx) {
    SimState& st = ctx.st;
    std::vector<std::uint32_t>& targets = st.touched_lanes;
    for (std::uint32_t& start : targets) start = st.transfers[start].lane;
    if (st.active_lanes.empty()) {
        st.active_lanes = targets;  // every target holds the vehicle just moved there
        return;
    }
    for_each_chunk(st, [&](SimState::LaneChunk& chunk, std::size_t first, std::size_t last) {
        auto targets_from = [&](std::size_t a) {
            return std::lower_bound(targets.begin(), targets.end(), st.active_lanes[a]);
        };
        const auto t_first = first == 0 ? targets.begin() : targets_from(first);
        const auto t_last = last == st.active_lanes.size() ? targets.end() : targets_from(last);
        chunk.active.clear();
        auto a = st.active_lanes.begin() + static_cast<std::ptrdiff_t>(first);
        const auto a_last = st.active_lanes.begin() + static_cast<std::ptrdiff_t>(last);
        auto t = t_first;
        while (a != a_last || t != t_last) {
            std::uint32_t lane;
            if (t == t_last || (a != a_last && *a < *t)) lane = *a++;
            else if (a == a_last || *t < *a) lane = *t++;
            else {
                lane = *a++;
                ++t;
            }
            if (st.lane_count[lane] > 0) chunk.active.push_back(lane);
        }
    });
    st.active_lanes.clear();
    for (const SimState::LaneChunk& chunk : st.lane_chunks)
        st.active_lanes.insert(st.active_lanes.end(), chunk.active.begin(), chunk.active.end());
}

// Renumbers the slots in the order the step visits them: active lanes ascending, each
// lane front first. Free slots disappear (the arrays shrink to the vehicles in the network).
void renumber_vehicles(StepContext& ctx) {
    SimState& st = ctx.st;
    std::vector<std::uint32_t>& order = st.scratch;
    order.clear();
    for (std::uint32_t lane : st.active_lanes) {
        std::uint32_t* list = ctx.lane_begin(lane);
        for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) {
            const std::uint32_t v = list[i];
            list[i] = static_cast<std::uint32_t>(order.size());
            order.push_back(v);
        }
    }
    st.vehicles.permute(order, st.renumber_scratch);
    st.free_slots.clear();
}

}  // namespace

void refresh_next_connections(StepContext& ctx) {
    SimState& st = ctx.st;
    for (std::uint32_t lane : st.active_lanes) {
        if (ctx.net.is_internal(lane)) continue;
        const std::uint32_t* list = ctx.lane_begin(lane);
        for (std::uint32_t i = 0; i < st.lane_count[lane]; ++i) ctx.choose_route_lane(lane, list[i]);
    }
}

void integrate(StepContext& ctx) {
    // Every vehicle in the network was planned: its next position and speed become the
    // committed ones by swapping the arrays, not by copying each vehicle.
    auto& veh = ctx.st.vehicles;
    veh.pos_m.swap(veh.next_pos_m);
    veh.speed_mps.swap(veh.next_speed_mps);
    collect_leavers(ctx);
    compact_lanes(ctx);
    merge_transfers(ctx);
    record_arrivals(ctx);
    refresh_active_lanes(ctx);
    if (ctx.st.step % kRenumberEverySteps == kRenumberEverySteps - 1) renumber_vehicles(ctx);
}

}  // namespace ut::engine
