#include "signals/movements.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace ut::signals {
namespace {

using network::Turn;

std::string link_label(const network::Network& net, LinkId l) {
    const network::Link& link = net.link(l);
    if (!link.name.empty()) return link.name;
    if (link.source_id != 0) return fmt::format("way {}", link.source_id);
    return fmt::format("link {}", l.value);
}

bool parse_turn(char c, Turn& out) {
    switch (c) {
        case 'T': out = Turn::Straight; return true;
        case 'R': out = Turn::Right; return true;
        case 'L': out = Turn::Left; return true;
        case 'U': out = Turn::UTurn; return true;
        default: return false;
    }
}

}  // namespace

std::string bound_of(const network::Link& link) {
    const double deg = std::fmod(end_heading(link.shape) * 180.0 / std::numbers::pi + 360.0, 360.0);
    if (deg < 45.0 || deg >= 315.0) return "EB";
    if (deg < 135.0) return "NB";
    if (deg < 225.0) return "WB";
    return "SB";
}

char turn_letter(Turn turn) {
    switch (turn) {
        case Turn::Straight: return 'T';
        case Turn::Right: return 'R';
        case Turn::Left: return 'L';
        case Turn::UTurn: return 'U';
    }
    return '?';
}

MovementIndex::MovementIndex(const network::Network& net)
    : net_(&net), incoming_(net.junctions.size()), through_(net.junctions.size()) {
    for (std::uint32_t l = 0; l < net.links.size(); ++l)
        if (net.links[l].to.index() < incoming_.size()) incoming_[net.links[l].to.index()].push_back(LinkId{l});
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        const JunctionId j = net.link(net.connections[c].from_link).to;
        if (j.index() < through_.size()) through_[j.index()].push_back(ConnectionId{c});
    }
}

std::string MovementIndex::name_of(JunctionId j, LinkId from, Turn turn) const {
    const std::string bound = bound_of(net_->link(from));
    int same = 0;
    for (LinkId other : incoming_[j.index()]) same += bound_of(net_->link(other)) == bound ? 1 : 0;
    if (same == 1) return bound + turn_letter(turn);
    return fmt::format("{}:{}", link_label(*net_, from), turn_letter(turn));
}

std::vector<ConnectionId> MovementIndex::connections(JunctionId j, std::string_view name, std::string& error) const {
    const network::Network& net = *net_;
    std::vector<ConnectionId> out;
    if (j.index() >= through_.size()) {
        error = fmt::format("junction {} is not in the network", j.value);
        return out;
    }
    Turn turn{};
    std::vector<LinkId> from;
    const std::size_t colon = name.rfind(':');
    if (colon != std::string_view::npos && colon + 2 == name.size() && parse_turn(name.back(), turn)) {
        const std::string_view label = name.substr(0, colon);
        for (LinkId l : incoming_[j.index()])
            if (link_label(net, l) == label || fmt::format("link {}", l.value) == label ||
                (net.link(l).source_id != 0 && fmt::format("way {}", net.link(l).source_id) == label))
                from.push_back(l);
    } else if (name.size() == 3 && parse_turn(name.back(), turn)) {
        for (LinkId l : incoming_[j.index()])
            if (bound_of(net.link(l)) == name.substr(0, 2)) from.push_back(l);
        if (from.size() > 1) {
            error = fmt::format("'{}' is ambiguous here: {} approaches are {}; name the incoming link instead, e.g. '{}:{}'",
                                name, from.size(), name.substr(0, 2), link_label(net, from.front()), name.back());
            return {};
        }
    }
    for (ConnectionId c : through_[j.index()]) {
        const network::Connection& con = net.connection(c);
        if (con.turn == turn && std::find(from.begin(), from.end(), con.from_link) != from.end()) out.push_back(c);
    }
    if (out.empty()) {
        std::string known;
        for (const std::string& m : names(j)) known += (known.empty() ? "" : ", ") + m;
        error = fmt::format("no movement '{}' at this junction; its movements are: {}", name,
                            known.empty() ? "(none)" : known);
    }
    return out;
}

std::vector<std::string> MovementIndex::names(JunctionId j) const {
    std::vector<std::string> out;
    if (j.index() >= through_.size()) return out;
    for (ConnectionId c : through_[j.index()]) {
        const network::Connection& con = net_->connection(c);
        std::string n = name_of(j, con.from_link, con.turn);
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
    }
    return out;
}

std::vector<std::string> MovementIndex::group_names(JunctionId j, const SignalGroup& group) const {
    std::vector<std::string> out;
    for (ConnectionId c : group.connections) {
        if (c.index() >= net_->connections.size() || j.index() >= through_.size()) continue;
        const network::Connection& con = net_->connection(c);
        std::string n = name_of(j, con.from_link, con.turn);
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
    }
    return out;
}

}  // namespace ut::signals
