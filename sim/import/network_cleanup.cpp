#include "import/network_cleanup.hpp"

namespace ut::import {

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
