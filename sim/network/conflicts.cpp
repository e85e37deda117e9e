// Conflicts are a per-junction question, so the work is split by junction (connections are
// indexed by the junction their incoming link ends at) and each junction compares only its
// own connections, with a bounding-box test before the segment-by-segment crossing test.
#include "network/conflicts.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace ut::network {
namespace {

struct Box {
    Vec2 lo{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
    Vec2 hi{std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};

    bool overlaps(const Box& o) const { return lo.x <= o.hi.x && o.lo.x <= hi.x && lo.y <= o.hi.y && o.lo.y <= hi.y; }
};

Box box_of(const Polyline& line) {
    Box b;
    for (const Vec2& p : line) {
        b.lo = {std::min(b.lo.x, p.x), std::min(b.lo.y, p.y)};
        b.hi = {std::max(b.hi.x, p.x), std::max(b.hi.y, p.y)};
    }
    return b;
}

void append_conflicts(const Network& net, std::span<const ConnectionId> ids, std::vector<Box>& boxes,
                      std::vector<Conflict>& out) {
    boxes.clear();
    for (ConnectionId id : ids) boxes.push_back(box_of(net.connection(id).shape));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const Connection& a = net.connection(ids[i]);
        for (std::size_t j = i + 1; j < ids.size(); ++j) {
            const Connection& b = net.connection(ids[j]);
            // Leaving the same lane is diverging: the vehicles are in one queue already.
            if (a.from_link == b.from_link && a.from_lane == b.from_lane) continue;
            ConflictKind kind;
            if (a.to_link == b.to_link && a.to_lane == b.to_lane) kind = ConflictKind::Merging;
            else if (boxes[i].overlaps(boxes[j]) && polylines_cross(a.shape, b.shape)) kind = ConflictKind::Crossing;
            else continue;
            const auto [lo, hi] = std::minmax(ids[i], ids[j]);
            out.push_back({lo, hi, kind});
        }
    }
}

bool by_pair(const Conflict& x, const Conflict& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); }

}  // namespace

std::vector<Conflict> junction_conflicts(const Network& net, std::span<const ConnectionId> connections) {
    std::vector<Box> boxes;
    std::vector<Conflict> out;
    append_conflicts(net, connections, boxes, out);
    std::sort(out.begin(), out.end(), by_pair);
    return out;
}

std::vector<Conflict> compute_conflicts(const Network& net) {
    const std::size_t junctions = net.junctions.size();
    auto junction_of = [&](const Connection& c) -> std::size_t {
        if (c.from_link.index() >= net.links.size()) return junctions;  // broken: validate() reports it
        return std::min<std::size_t>(net.link(c.from_link).to.index(), junctions);
    };
    std::vector<std::uint32_t> begin(junctions + 2, 0);
    for (const Connection& c : net.connections) ++begin[junction_of(c) + 1];
    for (std::size_t j = 0; j <= junctions; ++j) begin[j + 1] += begin[j];
    std::vector<ConnectionId> ids(net.connections.size());
    {
        std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
        for (std::uint32_t c = 0; c < net.connections.size(); ++c)
            ids[fill[junction_of(net.connections[c])]++] = ConnectionId{c};
    }

    // One result vector per chunk of junctions, joined in chunk order, then sorted: the same
    // output for any thread count.
    constexpr std::size_t kChunk = 256;
    const std::size_t chunks = (junctions + kChunk - 1) / kChunk;
    std::vector<std::vector<Conflict>> parts(chunks);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, chunks), [&](const tbb::blocked_range<std::size_t>& r) {
        std::vector<Box> boxes;
        for (std::size_t chunk = r.begin(); chunk != r.end(); ++chunk) {
            const std::size_t end = std::min(junctions, (chunk + 1) * kChunk);
            for (std::size_t j = chunk * kChunk; j < end; ++j) {
                const std::span<const ConnectionId> mine(ids.data() + begin[j], begin[j + 1] - begin[j]);
                append_conflicts(net, mine, boxes, parts[chunk]);
            }
        }
    });
    std::size_t total = 0;
    for (const auto& p : parts) total += p.size();
    std::vector<Conflict> out;
    out.reserve(total);
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    std::sort(out.begin(), out.end(), by_pair);
    return out;
}

}  // namespace ut::network
