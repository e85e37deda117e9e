#include "import/network_cleanup.hpp"

#include <algorithm>

namespace ut::import {

std::vector<std::uint8_t> largest_strongly_connected(const network::Network& net) {
    const std::size_t n = net.links.size();
    std::vector<std::vector<std::uint32_t>> succ(n);
    for (const network::Connection& c : net.connections) succ[c.from_link.index()].push_back(c.to_link.index());
    for (auto& s : succ) {
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
    }
    // Tarjan's algorithm without recursion (city networks are deep enough to overflow a stack).
    constexpr std::uint32_t kUnvisited = 0xffffffffu;
    std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0), component(n, kUnvisited);
    std::vector<std::uint8_t> on_stack(n, 0);
    std::vector<std::uint32_t> stack;
    std::vector<std::pair<std::uint32_t, std::size_t>> call;  // (link, next successor)
    std::uint32_t counter = 0, components = 0;
    std::vector<std::size_t> component_size;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != kUnvisited) continue;
        call.emplace_back(root, 0);
        while (!call.empty()) {
            auto& [v, next] = call.back();
            if (next == 0 && index[v] == kUnvisited) {
                index[v] = low[v] = counter++;
                stack.push_back(v);
                on_stack[v] = 1;
            }
            if (next < succ[v].size()) {
                const std::uint32_t w = succ[v][next++];
                if (index[w] == kUnvisited) call.emplace_back(w, 0);
                else if (on_stack[w]) low[v] = std::min(low[v], index[w]);
                continue;
            }
            if (low[v] == index[v]) {
                std::size_t size = 0;
                std::uint32_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    component[w] = components;
                    ++size;
                } while (w != v);
                component_size.push_back(size);
                ++components;
            }
            const std::uint32_t done = v;
            call.pop_back();
            if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
        }
    }
    std::vector<std::uint8_t> keep(n, 0);
    if (n == 0) return keep;
    // Largest; on a tie the component of the lowest link id wins (deterministic).
    std::uint32_t best = component[0];
    for (std::uint32_t l = 0; l < n; ++l)
        if (component_size[component[l]] > component_size[best]) best = component[l];
    for (std::uint32_t l = 0; l < n; ++l) keep[l] = component[l] == best;
    return keep;
}

Compaction compact(network::Network& net, const std::vector<std::uint8_t>& keep_link) {
    constexpr std::uint32_t kGone = 0xffffffffu;
    Compaction c;
    c.link_map.assign(net.links.size(), kGone);
    c.junction_map.assign(net.junctions.size(), kGone);
    std::vector<std::uint8_t> used(net.junctions.size(), 0);
    for (std::size_t l = 0; l < net.links.size(); ++l)
        if (keep_link[l]) used[net.links[l].from.index()] = used[net.links[l].to.index()] = 1;
    network::Network out;
    for (std::size_t j = 0; j < net.junctions.size(); ++j)
        if (used[j]) c.junction_map[j] = out.add_junction(std::move(net.junctions[j])).index();
    for (std::size_t l = 0; l < net.links.size(); ++l) {
        if (!keep_link[l]) continue;
        network::Link link = std::move(net.links[l]);
        link.from = JunctionId{c.junction_map[link.from.index()]};
        link.to = JunctionId{c.junction_map[link.to.index()]};
        c.link_map[l] = out.add_link(std::move(link)).index();
    }
    net = std::move(out);
    return c;
}

}  // namespace ut::import
