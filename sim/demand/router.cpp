// Dijkstra over links with a flat, indexed heap: a search allocates its arrays once and
// nothing per node. Ties are broken by link id, so routes depend on nothing but the network.
#include "demand/router.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace ut::demand {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNotQueued = 0xffffffff;

struct Edge {
    std::uint32_t from;
    std::uint32_t to;
    double cost_s;
};

void to_csr(std::vector<Edge>& edges, std::size_t links, bool by_from, std::vector<std::uint32_t>& begin,
            std::vector<LinkId>& other, std::vector<double>& cost) {
    auto key = [&](const Edge& e) { return by_from ? std::tie(e.from, e.to) : std::tie(e.to, e.from); };
    std::sort(edges.begin(), edges.end(), [&](const Edge& a, const Edge& b) { return key(a) < key(b); });
    begin.assign(links + 1, 0);
    for (const Edge& e : edges) ++begin[(by_from ? e.from : e.to) + 1];
    for (std::size_t l = 0; l < links; ++l) begin[l + 1] += begin[l];
    other.resize(edges.size());
    cost.resize(edges.size());
    for (std::size_t k = 0; k < edges.size(); ++k) {
        other[k] = LinkId{by_from ? edges[k].to : edges[k].from};
        cost[k] = edges[k].cost_s;
    }
}

// Indexed 4-ary min-heap of (time, link) with decrease-key: at most one entry per link, keys
// stored inline so comparisons touch only the heap, and half the depth of a binary heap.
// Ordering by link id on equal times keeps every search deterministic.
class Queue {
public:
    explicit Queue(std::size_t links) : pos_(links, kNotQueued) {}

    bool empty() const { return heap_.empty(); }

    void push_or_decrease(std::uint32_t link, double time_s) {
        std::uint32_t i = pos_[link];
        if (i == kNotQueued) {
            i = static_cast<std::uint32_t>(heap_.size());
            heap_.emplace_back();
        }
        sift_up(i, {time_s, link});
    }

    std::uint32_t pop() {
        const std::uint32_t top = heap_.front().link;
        pos_[top] = kNotQueued;
        const Entry last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) sift_down(0, last);
        return top;
    }

private:
    struct Entry {
        double time_s;
        std::uint32_t link;
        bool operator<(const Entry& o) const { return time_s < o.time_s || (time_s == o.time_s && link < o.link); }
    };

    void place(std::uint32_t i, Entry e) {
        heap_[i] = e;
        pos_[e.link] = i;
    }
    void sift_up(std::uint32_t i, Entry e) {
        while (i > 0) {
            const std::uint32_t parent = (i - 1) / 4;
            if (!(e < heap_[parent])) break;
            place(i, heap_[parent]);
            i = parent;
        }
        place(i, e);
    }
    void sift_down(std::uint32_t i, Entry e) {
        const auto n = static_cast<std::uint32_t>(heap_.size());
        for (;;) {
            const std::uint32_t first = 4 * i + 1;
            if (first >= n) break;
            std::uint32_t best = first;
            const std::uint32_t end = std::min(first + 4, n);
            for (std::uint32_t c = first + 1; c < end; ++c)
                if (heap_[c] < heap_[best]) best = c;
            if (!(heap_[best] < e)) break;
            place(i, heap_[best]);
            i = best;
        }
        place(i, e);
    }

    std::vector<Entry> heap_;
    std::vector<std::uint32_t> pos_;
};

}  // namespace

Router::Router(const network::Network& net) {
    const std::size_t n = net.links.size();
    link_time_s_.resize(n);
    for (std::size_t l = 0; l < n; ++l)
        link_time_s_[l] = net.links[l].length_m / std::max(net.links[l].speed_limit_mps, 0.1);

    // One edge per joined link pair, with the cheapest of its connections.
    std::vector<Edge> edges;
    edges.reserve(net.connections.size());
    for (const network::Connection& c : net.connections) {
        const std::uint32_t from = c.from_link.index();
        const std::uint32_t to = c.to_link.index();
        if (from >= n || to >= n) continue;
        const double speed = std::max(net.links[from].speed_limit_mps, 0.1);
        edges.push_back({from, to, c.length_m / speed + link_time_s_[to]});
    }
    std::sort(edges.begin(), edges.end(),
              [](const Edge& a, const Edge& b) { return std::tie(a.from, a.to, a.cost_s) < std::tie(b.from, b.to, b.cost_s); });
    edges.erase(std::unique(edges.begin(), edges.end(),
                            [](const Edge& a, const Edge& b) { return a.from == b.from && a.to == b.to; }),
                edges.end());
    to_csr(edges, n, true, succ_begin_, succ_link_, succ_cost_s_);
    to_csr(edges, n, false, pred_begin_, pred_link_, pred_cost_s_);
}

std::optional<std::vector<LinkId>> Router::route(LinkId from, LinkId to) const {
    const std::size_t n = link_count();
    if (from.index() >= n || to.index() >= n) return std::nullopt;
    if (from == to) return std::vector<LinkId>{from};
    std::vector<double> dist(n, kInf);
    std::vector<LinkId> prev(n);
    Queue queue(n);
    dist[from.index()] = 0.0;
    queue.push_or_decrease(from.index(), 0.0);
    while (!queue.empty()) {
        const std::uint32_t l = queue.pop();
        if (l == to.index()) break;
        const double d = dist[l];
        for (std::uint32_t k = succ_begin_[l]; k < succ_begin_[l + 1]; ++k) {
            const std::uint32_t next = succ_link_[k].index();
            const double nd = d + succ_cost_s_[k];
            if (nd < dist[next]) {
                dist[next] = nd;
                prev[next] = LinkId{l};
                queue.push_or_decrease(next, nd);
            }
        }
    }
    if (dist[to.index()] == kInf) return std::nullopt;
    std::vector<LinkId> path;
    for (LinkId at = to; at.valid(); at = prev[at.index()]) path.push_back(at);
    std::reverse(path.begin(), path.end());
    return path;
}

std::vector<LinkId> Router::next_hops_to(LinkId destination) const {
    const std::size_t n = link_count();
    std::vector<LinkId> next(n);
    if (destination.index() >= n) return next;
    std::vector<double> dist(n, kInf);
    Queue queue(n);
    dist[destination.index()] = 0.0;
    queue.push_or_decrease(destination.index(), 0.0);
    while (!queue.empty()) {
        const std::uint32_t l = queue.pop();
        const double d = dist[l];
        for (std::uint32_t k = pred_begin_[l]; k < pred_begin_[l + 1]; ++k) {
            const std::uint32_t before = pred_link_[k].index();
            const double nd = d + pred_cost_s_[k];
            if (nd < dist[before]) {
                dist[before] = nd;
                next[before] = LinkId{l};
                queue.push_or_decrease(before, nd);
            }
        }
    }
    next[destination.index()] = LinkId{};
    return next;
}

}  // namespace ut::demand
