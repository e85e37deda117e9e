// Trips are drawn first (all draws are pure functions of seed, trip index and attempt), then
// routed in rounds: trips are grouped by destination, each destination gets one reverse
// search in parallel, and the trips whose origin cannot reach their destination are redrawn
// in the next round with a new attempt number. Routes are assembled in trip order at the end,
// so neither the thread count nor the scheduling can change the result.
#include "demand/random_trips.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/random.hpp"
#include "demand/router.hpp"
#include "network/link_roles.hpp"

namespace ut::demand {
namespace {

constexpr int kMaxRounds = 16;            // routing rounds before a trip is dropped
constexpr std::uint64_t kMaxDraws = 64;   // draws per round for a distinct, long-enough pair

// The links that can be trips' origins (core and entries) or destinations (core and exits):
// any origin then reaches any destination (network/link_roles.hpp). On a network that is one
// strongly connected part these are all links.
std::vector<std::uint32_t> links_where(const std::vector<network::LinkRole>& roles, bool (*ok)(network::LinkRole)) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t l = 0; l < roles.size(); ++l)
        if (ok(roles[l])) out.push_back(l);
    return out;
}

// At most max_destinations of the candidate links (ascending ids).
std::vector<std::uint32_t> destination_sample(std::vector<std::uint32_t> all, const RandomTripSpec& spec) {
    if (spec.max_destinations == 0 || all.size() <= spec.max_destinations) return all;
    // A seeded random subset: the links with the smallest hash keys.
    auto key = [&](std::uint32_t l) {
        return std::pair{random_bits(spec.seed, l, 0, RandomPurpose::DemandDestination), l};
    };
    const auto m = static_cast<std::ptrdiff_t>(spec.max_destinations);
    std::nth_element(all.begin(), all.begin() + m - 1, all.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    all.resize(spec.max_destinations);
    std::sort(all.begin(), all.end());
    return all;
}

std::vector<double> departures(const RandomTripSpec& spec) {
    std::vector<double> out;
    const double rate_per_s = spec.vehicles_per_hour / 3600.0;
    if (!(rate_per_s > 0.0) || !(spec.end_s > spec.begin_s)) return out;
    out.reserve(static_cast<std::size_t>((spec.end_s - spec.begin_s) * rate_per_s * 1.1) + 16);
    double t = spec.begin_s;
    for (std::uint64_t i = 0;; ++i) {
        const double u = random_unit(spec.seed, i, 0, RandomPurpose::DemandDeparture);
        t += -std::log1p(-u) / rate_per_s;  // exponential gap: a Poisson process
        if (t >= spec.end_s) break;
        out.push_back(t);
    }
    return out;
}

VehicleTypeId vehicle_type(const RandomTripSpec& spec, std::uint64_t trip, double share_total) {
    if (!(share_total > 0.0)) return VehicleTypeId{0};
    double u = random_unit(spec.seed, trip, 0, RandomPurpose::DemandVehicleType) * share_total;
    const std::size_t types = std::min<std::size_t>(spec.vehicle_type_shares.size(), 255);
    for (std::size_t k = 0; k < types; ++k) {
        const double share = std::max(0.0, spec.vehicle_type_shares[k]);
        if (u < share) return VehicleTypeId{static_cast<std::uint8_t>(k)};
        u -= share;
    }
    for (std::size_t k = types; k-- > 0;)  // rounding at the top end: the last type with a share
        if (spec.vehicle_type_shares[k] > 0.0) return VehicleTypeId{static_cast<std::uint8_t>(k)};
    return VehicleTypeId{0};
}

struct Draw {
    std::uint32_t origin = 0;
    std::uint32_t destination = 0;  // index into the destination sample
    bool ok = false;
};

struct RouteRef {
    std::uint32_t round = 0;
    std::uint32_t buffer = 0;  // the destination's buffer in that round
    std::uint32_t begin = 0;
    std::uint32_t size = 0;    // 0 = no route yet
};

}  // namespace

RandomTripsResult generate_random_trips(const network::Network& net, const RandomTripSpec& spec) {
    RandomTripsResult result;
    const std::size_t n = net.links.size();
    const std::vector<double> depart = departures(spec);
    if (n < 2 || depart.empty()) return result;

    const std::vector<network::LinkRole> roles = network::link_roles(net);
    const std::vector<std::uint32_t> origins = links_where(roles, network::can_start_trip);
    const std::vector<std::uint32_t> sample = destination_sample(links_where(roles, network::can_end_trip), spec);
    std::vector<Vec2> middle(n);
    for (std::size_t l = 0; l < n; ++l) {
        const Polyline& s = net.links[l].shape;
        middle[l] = s.empty() ? Vec2{} : (s.front() + s.back()) * 0.5;
    }
    const Router router(net);

    std::vector<RouteRef> refs(depart.size());
    std::vector<Draw> draws(depart.size());
    std::vector<std::vector<std::vector<LinkId>>> buffers;  // [round][destination group]
    std::vector<std::uint32_t> pending(depart.size());
    std::iota(pending.begin(), pending.end(), 0u);

    for (int round = 0; round < kMaxRounds && !pending.empty(); ++round) {
        for (std::uint32_t trip : pending) {
            Draw& d = draws[trip];
            d.ok = false;
            for (std::uint64_t a = 0; a < kMaxDraws && !d.ok; ++a) {
                const std::uint64_t step = static_cast<std::uint64_t>(round) * kMaxDraws + a;
                const double uo = random_unit(spec.seed, trip, step, RandomPurpose::DemandOrigin);
                const double ud = random_unit(spec.seed, trip, step, RandomPurpose::DemandDestination);
                d.origin = origins[std::min(static_cast<std::size_t>(uo * static_cast<double>(origins.size())),
                                            origins.size() - 1)];
                d.destination = std::min(static_cast<std::uint32_t>(ud * static_cast<double>(sample.size())),
                                         static_cast<std::uint32_t>(sample.size() - 1));
                const std::uint32_t to = sample[d.destination];
                d.ok = d.origin != to &&
                       (spec.min_trip_length_m <= 0.0 || distance(middle[d.origin], middle[to]) >= spec.min_trip_length_m);
            }
        }
        // Group the drawn trips by destination (counting sort keeps trip order in a group).
        std::vector<std::uint32_t> group_begin(sample.size() + 1, 0);
        for (std::uint32_t trip : pending)
            if (draws[trip].ok) ++group_begin[draws[trip].destination + 1];
        for (std::size_t k = 0; k < sample.size(); ++k) group_begin[k + 1] += group_begin[k];
        std::vector<std::uint32_t> grouped(group_begin.back());
        {
            std::vector<std::uint32_t> fill(group_begin.begin(), group_begin.end() - 1);
            for (std::uint32_t trip : pending)
                if (draws[trip].ok) grouped[fill[draws[trip].destination]++] = trip;
        }
        std::vector<std::uint32_t> used;  // destinations with trips, ascending
        for (std::uint32_t k = 0; k < sample.size(); ++k)
            if (group_begin[k + 1] > group_begin[k]) used.push_back(k);

        auto& round_buffers = buffers.emplace_back(used.size());
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, used.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t g = r.begin(); g != r.end(); ++g) {
                const std::uint32_t k = used[g];
                const LinkId destination{sample[k]};
                const std::vector<LinkId> next = router.next_hops_to(destination);
                std::vector<LinkId>& buffer = round_buffers[g];
                for (std::uint32_t i = group_begin[k]; i < group_begin[k + 1]; ++i) {
                    const std::uint32_t trip = grouped[i];
                    const auto start = static_cast<std::uint32_t>(buffer.size());
                    LinkId at{draws[trip].origin};
                    buffer.push_back(at);
                    // A route never repeats a link, so more than n hops would be a bug.
                    for (std::size_t hops = 0; at != destination && at.valid() && hops <= n; ++hops) {
                        at = next[at.index()];
                        if (at.valid()) buffer.push_back(at);
                    }
                    if (at != destination) {
                        buffer.resize(start);
                        continue;
                    }
                    refs[trip] = {static_cast<std::uint32_t>(round), static_cast<std::uint32_t>(g), start,
                                  static_cast<std::uint32_t>(buffer.size() - start)};
                }
            }
        });

        std::vector<std::uint32_t> still;
        for (std::uint32_t trip : pending) {
            if (refs[trip].size > 0) continue;
            if (draws[trip].ok) ++result.unroutable;
            still.push_back(trip);
        }
        pending = std::move(still);
    }
    result.dropped = pending.size();

    double share_total = 0.0;
    for (double s : spec.vehicle_type_shares) share_total += std::max(0.0, s);
    std::size_t total_links = 0;
    for (const RouteRef& ref : refs) total_links += ref.size;
    result.demand.trips.reserve(depart.size() - pending.size());
    result.demand.route_links.reserve(total_links);
    for (std::uint32_t trip = 0; trip < depart.size(); ++trip) {
        const RouteRef& ref = refs[trip];
        if (ref.size == 0) continue;
        const std::vector<LinkId>& buffer = buffers[ref.round][ref.buffer];
        result.demand.add_trip(depart[trip], vehicle_type(spec, trip, share_total),
                               std::span<const LinkId>(buffer.data() + ref.begin, ref.size));
    }
    result.demand.sort_by_departure();
    return result;
}

}  // namespace ut::demand
