#include "signals/junction_key.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ut::signals {

JunctionKey junction_key(const network::Network& net, JunctionId j) {
    const network::Junction& junction = net.junction(j);
    if (junction.source_id != 0) return {JunctionKey::Kind::OsmId, junction.source_id, {}};
    const auto same = std::count_if(net.junctions.begin(), net.junctions.end(),
                                    [&](const network::Junction& other) { return other.name == junction.name; });
    if (!junction.name.empty() && same == 1) return {JunctionKey::Kind::Name, 0, junction.name};
    return {JunctionKey::Kind::Index, j.value, {}};
}

std::string to_string(const JunctionKey& key) {
    switch (key.kind) {
        case JunctionKey::Kind::OsmId: return fmt::format("{}", key.number);
        case JunctionKey::Kind::Name: return key.name;
        case JunctionKey::Kind::Index: return fmt::format("index {}", key.number);
    }
    return {};
}

}  // namespace ut::signals
