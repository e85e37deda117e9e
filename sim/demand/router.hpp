// Shortest routes by free-flow travel time over the link graph (link A leads to link B when
// a connection joins them). Travel time of a link = length / speed limit, plus the length of
// the connection used to leave it divided by the same speed.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "network/network.hpp"

namespace ut::demand {

class Router {
public:
    explicit Router(const network::Network& net);

    // Links from `from` to `to` inclusive, or nothing when `to` cannot be reached.
    std::optional<std::vector<LinkId>> route(LinkId from, LinkId to) const;

    // For one destination: for every link, the next link on its shortest route there
    // (invalid LinkId when unreachable, and for the destination itself). One reverse
    // Dijkstra; cheap way to route many trips to the same destination.
    std::vector<LinkId> next_hops_to(LinkId destination) const;

    double free_flow_time_s(LinkId link) const { return link_time_s_[link.index()]; }

    std::size_t link_count() const { return link_time_s_.size(); }

private:
    // Compressed adjacency (one flat array per direction): edge k of link L runs from
    // succ_begin_[L] to succ_begin_[L + 1]. An edge's cost is the connection's time at the
    // incoming link's speed plus the next link's time.
    std::vector<std::uint32_t> succ_begin_;
    std::vector<LinkId> succ_link_;
    std::vector<double> succ_cost_s_;
    std::vector<std::uint32_t> pred_begin_;
    std::vector<LinkId> pred_link_;
    std::vector<double> pred_cost_s_;
    std::vector<double> link_time_s_;
};

}  // namespace ut::demand
