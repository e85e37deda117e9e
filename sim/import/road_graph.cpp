#include "import/road_graph.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "import/junction_groups.hpp"
#include "import/parallel.hpp"
#include "import/projection.hpp"
#include "import/tag_values.hpp"

namespace ut::import {

namespace {

// Pieces [first, last] of one way between junction nodes. A piece that would start and end
// at the same node (a closed way) is split at its middle point, which becomes a junction.
std::vector<std::pair<std::uint32_t, std::uint32_t>> split_way(const std::vector<std::uint32_t>& nodes,
                                                               std::vector<std::uint8_t>& is_junction) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pieces;
    std::uint32_t start = 0;
    for (std::uint32_t i = 1; i < nodes.size(); ++i) {
        if (!is_junction[nodes[i]]) continue;
        if (nodes[i] == nodes[start]) {
            const std::uint32_t mid = (start + i) / 2;  // used by this way only: no other writer
            is_junction[nodes[mid]] = 1;
            pieces.emplace_back(start, mid);
            start = mid;
        }
        pieces.emplace_back(start, i);
        start = i;
    }
    return pieces;
}

// The part of `line` from distance a to (length - b).
Polyline cut(const Polyline& line, double a, double b) {
    const double length = polyline_length(line);
    const double end = length - b;
    Polyline out;
    out.push_back(point_along(line, a).point);
    double s = 0.0;
    for (std::size_t i = 1; i + 1 < line.size(); ++i) {
        s += distance(line[i - 1], line[i]);
        if (s > a && s < end) out.push_back(line[i]);
    }
    out.push_back(point_along(line, end).point);
    return out;
}

std::optional<network::Link> make_link(const Polyline& centre, const RoadSpec& spec, const DirectionSpec& d,
                                       bool two_way, bool at_way_end, double setback_from, double setback_to,
                                       JunctionId from, JunctionId to, std::int64_t way_id,
                                       const ImportOptions& o) {
    if (d.lanes <= 0) return std::nullopt;
    network::Link link;
    link.from = from;
    link.to = to;
    const double width = d.lanes * o.lane_width_m;
    Polyline shape = two_way ? offset_polyline(centre, -width / 2.0) : centre;
    const double length = polyline_length(shape);
    // Keep at least 40 % of a short link, and room for a car (hold_length_m) where it has
    // it: the setback is for room to turn, not to erase roads or leave stubs that cannot
    // hold a vehicle between two junctions.
    const double total = setback_from + setback_to;
    const double room = length - std::max(0.4 * length, std::min(length, o.hold_length_m));
    const double scale = total > room ? room / total : 1.0;
    link.shape = cut(shape, setback_from * scale, setback_to * scale);
    link.length_m = polyline_length(link.shape);
    link.speed_limit_mps = d.speed_mps;
    link.road_class = spec.road_class;
    link.name = spec.name;
    link.source_id = way_id;
    for (int i = 0; i < d.lanes; ++i) {
        network::Lane lane;
        lane.width_m = o.lane_width_m;
        const auto k = static_cast<std::size_t>(i);
        // turn:lanes are the markings before the way's end: earlier junctions along the way
        // (side streets) are not restricted by them.
        if (at_way_end && k < d.turns.size()) lane.allowed_turns = d.turns[k];
        if (k < d.classes.size()) lane.allowed_classes = d.classes[k];
        link.lanes.push_back(lane);
    }
    return link;
}

}  // namespace

std::uint32_t find_node(const RoadGraph& g, SourcePoint p) {
    const auto it = g.node_of.find(key_of(p, g.key_step));
    return it == g.node_of.end() ? kNoIndex : it->second;
}

RoadGraph build_road_graph(const std::vector<KeptWay>& ways, const std::string& source_srs, bool geographic,
                           const Georeference& frame, const ImportOptions& o, const std::string& source,
                           std::map<std::string, std::size_t>& dropped,
                           const std::vector<std::pair<std::uint32_t, std::uint32_t>>& join_nodes) {
    RoadGraph g;
    g.key_step = key_step(geographic);
    std::vector<std::uint32_t> uses;
    g.way_nodes.resize(ways.size());
    for (std::size_t w = 0; w < ways.size(); ++w) {
        for (const SourcePoint& p : ways[w].way->points) {
            const auto [it, added] = g.node_of.try_emplace(key_of(p, g.key_step), static_cast<std::uint32_t>(uses.size()));
            if (added) {
                g.node_source.push_back(p);
                uses.push_back(0);
            }
            ++uses[it->second];
            g.way_nodes[w].push_back(it->second);
        }
    }
    project_points(source_srs, frame, g.node_source, g.node_pos, source);

    const std::size_t n_nodes = uses.size();
    std::vector<std::uint8_t> is_junction(n_nodes, 0);
    for (std::size_t i = 0; i < n_nodes; ++i) is_junction[i] = uses[i] >= 2;
    for (const auto& nodes : g.way_nodes) is_junction[nodes.front()] = is_junction[nodes.back()] = 1;
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> pieces(ways.size());
    for_each_index(ways.size(), o.parallel, [&](std::size_t w) { pieces[w] = split_way(g.way_nodes[w], is_junction); });

    // Junction nodes: first those closer than merge_distance_m, then those joined by a road
    // piece shorter than join_distance_m (junction_groups.hpp).
    std::vector<std::uint32_t> jnodes;
    std::vector<std::uint32_t> jnode_of(n_nodes, kNoIndex);
    std::vector<Vec2> jpos;
    for (std::uint32_t i = 0; i < n_nodes; ++i)
        if (is_junction[i]) jnode_of[i] = static_cast<std::uint32_t>(jnodes.size()), jnodes.push_back(i), jpos.push_back(g.node_pos[i]);
    const JunctionGroups close = group_close_points(jpos, o.merge_distance_m);
    if (jnodes.size() > close.position.size())
        dropped["junction nodes merged into a neighbour < " + format_number(o.merge_distance_m) + " m away"] +=
            jnodes.size() - close.position.size();
    auto piece_length = [&](std::uint32_t w, std::uint32_t first, std::uint32_t last) {
        double length_m = 0.0;
        for (std::uint32_t i = first + 1; i <= last; ++i)
            length_m += distance(g.node_pos[g.way_nodes[w][i - 1]], g.node_pos[g.way_nodes[w][i]]);
        return length_m;
    };
    auto close_group = [&](std::uint32_t w, std::uint32_t i) { return close.group_of[jnode_of[g.way_nodes[w][i]]]; };
    std::vector<RoadPiece> road_pieces;
    for (std::uint32_t w = 0; w < ways.size(); ++w) {
        const RoadSpec& spec = *ways[w].spec;
        for (const auto& [first, last] : pieces[w])
            road_pieces.push_back({close_group(w, first), close_group(w, last), piece_length(w, first, last),
                                   (spec.forward.lanes + spec.backward.lanes) * o.lane_width_m, spec.roundabout});
    }
    std::vector<JunctionPiece> short_pieces;
    for (const RoadPiece& p : road_pieces)
        if (p.length_m < o.join_distance_m)
            short_pieces.push_back({p.a, p.b, p.length_m, p.length_m < o.hold_length_m ? 2.0 * o.join_extent_m : o.join_extent_m});
    for (const auto& [a, b] : join_nodes)
        if (jnode_of[a] != kNoIndex && jnode_of[b] != kNoIndex)
            short_pieces.push_back({close.group_of[jnode_of[a]], close.group_of[jnode_of[b]], 0.0,
                                    1.5 * o.signal_join_m});
    // Small roundabouts join whole (mini_roundabout_joins), before any other piece; whether
    // one is small depends on what the other joins leave of its ring.
    JunctionGroups joined = join_by_pieces(close.position, short_pieces);
    if (o.join_distance_m > 0.0) {
        std::vector<JunctionPiece> rings =
            mini_roundabout_joins(close.position, road_pieces, joined.group_of, o.hold_length_m, 2.0 * o.join_extent_m);
        if (!rings.empty()) {
            rings.insert(rings.end(), short_pieces.begin(), short_pieces.end());
            joined = join_by_pieces(close.position, std::move(rings));
        }
    }
    if (close.position.size() > joined.position.size())
        dropped[join_nodes.empty() ? "junctions joined by a road piece < " + format_number(o.join_distance_m) +
                                         " m or around a small roundabout"
                                   : "junctions joined by a short road piece, around a small roundabout or into one "
                                     "signalised crossing"] +=
            close.position.size() - joined.position.size();
    for (const Vec2 p : joined.position) {
        network::Junction j;
        j.position = p;
        g.net.add_junction(std::move(j));
    }
    g.node_junction.assign(n_nodes, kNoIndex);
    for (std::uint32_t k = 0; k < jnodes.size(); ++k) g.node_junction[jnodes[k]] = joined.group_of[close.group_of[k]];
    // Junctions joined from several (set of close) nodes: their centre is not on the roads.
    std::vector<std::uint32_t> members(joined.position.size(), 0);
    for (const std::uint32_t group : joined.group_of) ++members[group];

    // Segments, in way order; a piece whose ends became one junction is gone.
    for (std::uint32_t w = 0; w < ways.size(); ++w) {
        for (const auto& [first, last] : pieces[w]) {
            Segment s;
            s.way = w;
            s.first = first;
            s.last = last;
            s.from = JunctionId{g.node_junction[g.way_nodes[w][first]]};
            s.to = JunctionId{g.node_junction[g.way_nodes[w][last]]};
            if (s.from == s.to || piece_length(w, first, last) < o.min_link_length_m) {
                ++dropped[close_group(w, first) == close_group(w, last)
                              ? "road piece shorter than the junction merge distance"
                              : "road piece inside a joined junction"];
                continue;
            }
            g.segments.push_back(s);
        }
    }
    const std::size_t nj = g.net.junctions.size();
    g.junction_segments.assign(nj, {});
    std::vector<std::vector<std::uint32_t>> neighbours(nj);
    std::vector<double> widest_m(nj, 0.0);
    for (std::uint32_t s = 0; s < g.segments.size(); ++s) {
        const Segment& seg = g.segments[s];
        const RoadSpec& spec = *ways[seg.way].spec;
        const double width = (spec.forward.lanes + spec.backward.lanes) * o.lane_width_m;
        for (auto [a, b] : {std::pair{seg.from, seg.to}, std::pair{seg.to, seg.from}}) {
            g.junction_segments[a.index()].push_back(s);
            neighbours[a.index()].push_back(b.index());
            widest_m[a.index()] = std::max(widest_m[a.index()], width);
        }
    }
    g.junction_degree.resize(nj);
    for (std::size_t j = 0; j < nj; ++j) {
        auto& n = neighbours[j];
        std::sort(n.begin(), n.end());
        g.junction_degree[j] = static_cast<std::uint32_t>(std::unique(n.begin(), n.end()) - n.begin());
        g.net.junctions[j].control = g.junction_degree[j] <= 1 ? network::JunctionControl::DeadEnd
                                                                : network::JunctionControl::Priority;
    }
    auto setback = [&](JunctionId j) { return setback_m(g.junction_degree[j.index()], widest_m[j.index()]); };

    std::vector<std::array<std::optional<network::Link>, 2>> built(g.segments.size());
    for_each_index(g.segments.size(), o.parallel, [&](std::size_t s) {
        const Segment& seg = g.segments[s];
        const RoadSpec& spec = *ways[seg.way].spec;
        const auto& nodes = g.way_nodes[seg.way];
        Polyline centre;
        for (std::uint32_t i = seg.first; i <= seg.last; ++i) centre.push_back(g.node_pos[nodes[i]]);
        // A road ends at the junction's centre, unless the junction was joined from several
        // nodes: the centre of a joined crossing lies off the roads (in a dual carriageway's
        // median, say), and drawing each road to it would bend its last metres and skew the
        // angle the turns are told by (a through road would look like a turn). Such a road
        // ends at its own node; its connections cross the joined junction, as drivers do.
        if (members[seg.from.index()] == 1) centre.front() = g.net.junctions[seg.from.index()].position;
        if (members[seg.to.index()] == 1) centre.back() = g.net.junctions[seg.to.index()].position;
        const bool two_way = spec.forward.lanes > 0 && spec.backward.lanes > 0;
        const std::int64_t id = ways[seg.way].way->id;
        built[s][0] = make_link(centre, spec, spec.forward, two_way, seg.last + 1 == nodes.size(),
                                setback(seg.from), setback(seg.to), seg.from, seg.to, id, o);
        std::reverse(centre.begin(), centre.end());
        built[s][1] = make_link(centre, spec, spec.backward, two_way, seg.first == 0, setback(seg.to),
                                setback(seg.from), seg.to, seg.from, id, o);
    });
    for (std::size_t s = 0; s < g.segments.size(); ++s)
        for (int dir = 0; dir < 2; ++dir)
            if (built[s][dir]) g.segments[s].links[dir] = g.net.add_link(std::move(*built[s][dir]));
    return g;
}

}  // namespace ut::import
