// Tarjan's algorithm finds the strongly connected parts, then one search forward and one
// backward from the core mark exits and entries. Adjacency is two flat arrays (successors,
// predecessors) in connection order, so the result never depends on allocation or threads.
#include "network/link_roles.hpp"

#include <algorithm>
#include <utility>

namespace ut::network {

namespace {

constexpr std::uint32_t kNone = 0xffffffffu;

// Compressed adjacency: the neighbours of link l are at[begin[l] .. begin[l + 1]).
struct Adjacency {
    std::vector<std::uint32_t> begin;
    std::vector<std::uint32_t> at;
};

Adjacency adjacency(const Network& net, bool forward) {
    const std::size_t n = net.links.size();
    Adjacency a;
    a.begin.assign(n + 1, 0);
    auto ends = [&](const Connection& c) {
        const std::uint32_t from = c.from_link.index(), to = c.to_link.index();
        return forward ? std::pair{from, to} : std::pair{to, from};
    };
    for (const Connection& c : net.connections) ++a.begin[ends(c).first + 1];
    for (std::size_t l = 0; l < n; ++l) a.begin[l + 1] += a.begin[l];
    a.at.resize(net.connections.size());
    std::vector<std::uint32_t> fill(a.begin.begin(), a.begin.end() - 1);
    for (const Connection& c : net.connections) {
        const auto [from, to] = ends(c);
        a.at[fill[from]++] = to;
    }
    return a;
}

// Component of every link (strongly connected), and each component's size. Iterative: city
// networks are deep enough to overflow the stack with recursion.
std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>> strong_components(const Adjacency& succ,
                                                                                     std::size_t n) {
    std::vector<std::uint32_t> index(n, kNone), low(n, 0), component(n, kNone), sizes;
    std::vector<std::uint8_t> on_stack(n, 0);
    std::vector<std::uint32_t> stack;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> call;  // (link, next edge)
    std::uint32_t counter = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != kNone) continue;
        call.emplace_back(root, succ.begin[root]);
        index[root] = low[root] = counter++;
        stack.push_back(root);
        on_stack[root] = 1;
        while (!call.empty()) {
            auto& [v, edge] = call.back();
            if (edge < succ.begin[v + 1]) {
                const std::uint32_t w = succ.at[edge++];
                if (index[w] == kNone) {
                    index[w] = low[w] = counter++;
                    stack.push_back(w);
                    on_stack[w] = 1;
                    call.emplace_back(w, succ.begin[w]);  // invalidates v and edge
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            const std::uint32_t done = v;
            if (low[done] == index[done]) {
                const auto id = static_cast<std::uint32_t>(sizes.size());
                std::uint32_t size = 0, w = kNone;
                while (w != done) {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    component[w] = id;
                    ++size;
                }
                sizes.push_back(size);
            }
            call.pop_back();
            if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
        }
    }
    return {std::move(component), std::move(sizes)};
}

// Marks `role` on every link not yet given one that the core reaches along `adj`.
void mark_reached(const Adjacency& adj, std::vector<LinkRole>& roles, LinkRole role) {
    std::vector<std::uint32_t> queue;
    for (std::uint32_t l = 0; l < roles.size(); ++l)
        if (roles[l] == LinkRole::Core) queue.push_back(l);
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t v = queue[head];
        for (std::uint32_t e = adj.begin[v]; e < adj.begin[v + 1]; ++e) {
            const std::uint32_t w = adj.at[e];
            if (roles[w] != LinkRole::Detached) continue;
            roles[w] = role;
            queue.push_back(w);
        }
    }
}

}  // namespace

const char* to_string(LinkRole r) {
    switch (r) {
        case LinkRole::Core: return "core";
        case LinkRole::Entry: return "entry";
        case LinkRole::Exit: return "exit";
        case LinkRole::Detached: return "detached";
    }
    return "?";
}

std::vector<LinkRole> link_roles(const Network& net) {
    const std::size_t n = net.links.size();
    std::vector<LinkRole> roles(n, LinkRole::Detached);
    if (n == 0) return roles;
    const Adjacency succ = adjacency(net, true);
    const auto [component, sizes] = strong_components(succ, n);
    // The largest; on a tie the component of the lowest link id (deterministic).
    std::uint32_t core = component[0];
    for (std::uint32_t l = 0; l < n; ++l)
        if (sizes[component[l]] > sizes[core]) core = component[l];
    for (std::uint32_t l = 0; l < n; ++l)
        if (component[l] == core) roles[l] = LinkRole::Core;
    mark_reached(succ, roles, LinkRole::Exit);
    mark_reached(adjacency(net, false), roles, LinkRole::Entry);
    return roles;
}

LinkRoleCounts count_roles(const std::vector<LinkRole>& roles) {
    LinkRoleCounts c;
    for (LinkRole r : roles) {
        switch (r) {
            case LinkRole::Core: ++c.core; break;
            case LinkRole::Entry: ++c.entry; break;
            case LinkRole::Exit: ++c.exit; break;
            case LinkRole::Detached: ++c.detached; break;
        }
    }
    return c;
}

}  // namespace ut::network
