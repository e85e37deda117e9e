#include "transit/route_builder.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace ut::transit {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxCandidates = 6;  // links a point may snap to (both directions, parallel roads)

struct Nearest {
    double distance_m = kInf;
    double along_m = 0.0;  // in link metres (the shape scaled to length_m)
};

// The point of a link's shape nearest to p.
Nearest nearest_on_link(const network::Link& link, Vec2 p) {
    Nearest best;
    const double shape_length = polyline_length(link.shape);
    const double scale = shape_length > 0.0 ? link.length_m / shape_length : 1.0;
    double walked = 0.0;
    for (std::size_t i = 1; i < link.shape.size(); ++i) {
        const Vec2 a = link.shape[i - 1];
        const Vec2 ab = link.shape[i] - a;
        const double len2 = dot(ab, ab);
        const double t = len2 > 0.0 ? std::clamp(dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
        const double d = distance(p, a + ab * t);
        if (d < best.distance_m) best = {d, (walked + t * std::sqrt(len2)) * scale};
        walked += std::sqrt(len2);
    }
    return best;
}

std::vector<LinkId> candidates(const network::Network& net, const ViaPoint& via, bool first, double snap_radius_m) {
    std::vector<LinkId> out;
    if (const LinkId* link = std::get_if<LinkId>(&via)) {
        out.push_back(*link);
    } else if (const JunctionId* j = std::get_if<JunctionId>(&via)) {
        // Through the junction: arriving on one of its links (leaving one, for the first).
        for (std::uint32_t l = 0; l < net.links.size(); ++l)
            if ((first ? net.links[l].from : net.links[l].to) == *j) out.push_back(LinkId{l});
    } else {
        const Vec2 p = std::get<Vec2>(via);
        std::vector<std::pair<double, std::uint32_t>> near;
        for (std::uint32_t l = 0; l < net.links.size(); ++l) {
            const double d = nearest_on_link(net.links[l], p).distance_m;
            if (d <= snap_radius_m) near.emplace_back(d, l);
        }
        std::sort(near.begin(), near.end());
        for (std::size_t i = 0; i < near.size() && i < kMaxCandidates; ++i) out.push_back(LinkId{near[i].second});
    }
    return out;
}

double route_time_s(const demand::Router& router, const std::vector<LinkId>& route) {
    double t = 0.0;
    for (std::size_t i = 1; i < route.size(); ++i) t += router.free_flow_time_s(route[i]);
    return t;
}

}  // namespace

RouteResult build_route(const network::Network& net, const demand::Router& router, const std::vector<ViaPoint>& via,
                        double snap_radius_m) {
    RouteResult result;
    if (via.size() < 2 && !(via.size() == 1 && std::holds_alternative<LinkId>(via[0]))) {
        result.error = "a route needs at least two via points (or one link)";
        return result;
    }
    // Dynamic programming over the candidate links of each via point: best[i][c] is the
    // shortest route from the first via point to candidate c of via point i.
    std::vector<std::vector<LinkId>> cand;
    for (std::size_t i = 0; i < via.size(); ++i) {
        cand.push_back(candidates(net, via[i], i == 0, snap_radius_m));
        if (cand.back().empty()) {
            result.bad_via = static_cast<std::uint32_t>(i);
            result.error = std::holds_alternative<Vec2>(via[i])
                               ? fmt::format("via point {} has no road within {} m", i + 1, snap_radius_m)
                               : fmt::format("via point {}: no link leads {} that junction", i + 1, i == 0 ? "out of" : "into");
            return result;
        }
    }
    std::vector<std::vector<std::vector<LinkId>>> best(via.size());
    best[0].resize(cand[0].size());
    for (std::size_t c = 0; c < cand[0].size(); ++c) best[0][c] = {cand[0][c]};
    for (std::size_t i = 1; i < via.size(); ++i) {
        best[i].resize(cand[i].size());
        std::vector<double> cost(cand[i].size(), kInf);
        for (std::size_t b = 0; b < cand[i].size(); ++b) {
            for (std::size_t a = 0; a < cand[i - 1].size(); ++a) {
                if (best[i - 1][a].empty()) continue;
                std::vector<LinkId> leg{cand[i][b]};
                if (cand[i - 1][a] != cand[i][b]) {
                    const auto r = router.route(cand[i - 1][a], cand[i][b]);
                    if (!r) continue;
                    leg = *r;
                }
                std::vector<LinkId> whole = best[i - 1][a];
                whole.insert(whole.end(), leg.begin() + 1, leg.end());
                const double t = route_time_s(router, whole);
                if (t < cost[b]) {
                    cost[b] = t;
                    best[i][b] = std::move(whole);
                }
            }
        }
        if (std::all_of(best[i].begin(), best[i].end(), [](const auto& r) { return r.empty(); })) {
            result.bad_via = static_cast<std::uint32_t>(i);
            result.error = fmt::format("no route leads from via point {} to via point {}", i, i + 1);
            return result;
        }
    }
    double t_best = kInf;
    for (const auto& r : best.back()) {
        if (r.empty()) continue;
        const double t = route_time_s(router, r);
        if (t < t_best) {
            t_best = t;
            result.route = r;
        }
    }
    return result;
}

double route_length_m(const network::Network& net, const std::vector<LinkId>& route) {
    double total = 0.0;
    for (LinkId l : route) total += net.link(l).length_m;
    return total;
}

RoutePosition snap_to_route(const network::Network& net, const std::vector<LinkId>& route, Vec2 point,
                            double from_route_m, double bus_length_m) {
    RoutePosition best;
    best.distance_m = kInf;
    double start = 0.0;
    for (std::uint32_t k = 0; k < route.size(); ++k) {
        const network::Link& link = net.link(route[k]);
        // On the first link the bus enters with its back at the start: no junction behind it
        // (the scenario reader puts the stop no nearer than where the bus's front enters).
        const double fits = k == 0 ? 0.0 : bus_length_m;
        const double lowest = std::max(fits, from_route_m - start);
        if (link.length_m >= lowest) {
            Nearest n = nearest_on_link(link, point);
            if (n.along_m < lowest) {  // the nearest place the whole bus fits
                n.along_m = lowest;
                const double shape_length = polyline_length(link.shape);
                const double scale = link.length_m > 0.0 ? shape_length / link.length_m : 1.0;
                n.distance_m = distance(point, point_along(link.shape, lowest * scale).point);
            }
            if (n.distance_m < best.distance_m - 1e-9) best = {k, n.along_m, start + n.along_m, n.distance_m};
        }
        start += link.length_m;
    }
    return best;
}

std::optional<RoutePosition> position_along_route(const network::Network& net, const std::vector<LinkId>& route,
                                                  double route_m) {
    double start = 0.0;
    for (std::uint32_t k = 0; k < route.size(); ++k) {
        const double length = net.link(route[k]).length_m;
        if (route_m <= start + length) return RoutePosition{k, std::max(0.0, route_m - start), route_m, 0.0};
        start += length;
    }
    return std::nullopt;
}

}  // namespace ut::transit
