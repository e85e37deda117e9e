// The import pipeline, in the order data flows: read (GDAL) -> parse tags (parallel per way)
// -> junctions and links (parallel per segment) -> signals -> connections -> the core (largest
// strongly connected part) and its fringe -> final connections -> signal plans (parallel per
// crossing: the junctions of one signal cluster together) -> report.
#include "import/map_import.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <span>

#include "import/network_cleanup.hpp"
#include "import/parallel.hpp"
#include "import/projection.hpp"
#include "import/road_graph.hpp"
#include "import/signal_assignment.hpp"
#include "import/source_reader.hpp"
#include "import/tag_values.hpp"
#include "network/connection_builder.hpp"
#include "network/link_roles.hpp"
#include "signals/plan_builder.hpp"

namespace ut::import {

namespace {

using network::JunctionControl;

void check_options(const ImportOptions& o) {
    const std::string what = o.path.string() + ": ";
    if (o.classes.empty()) throw ImportError(what + "no road classes selected; e.g. --classes default");
    if (!(o.lane_width_m >= 2.0 && o.lane_width_m <= 6.0))
        throw ImportError(what + "lane width must be between 2 and 6 m");
    if (!(o.merge_distance_m >= 0.0 && o.merge_distance_m <= 20.0))
        throw ImportError(what + "junction merge distance must be between 0 and 20 m");
    if (!(o.join_distance_m >= 0.0 && o.join_distance_m <= 50.0 && o.signal_join_m >= 0.0 && o.signal_join_m <= 100.0))
        throw ImportError(what + "junction join distances must be between 0 and 50 m (signals: 100 m)");
    if (o.bbox && !(o.bbox->west < o.bbox->east && o.bbox->south < o.bbox->north))
        throw ImportError(what + "bbox must be west,south,east,north with west < east and south < north");
}

// Junction control from what is connected: dead end, signals (kept only where >= 3 roads
// meet), priority otherwise.
void refresh_controls(network::Network& net, std::vector<std::int32_t>& cluster) {
    std::vector<std::vector<std::uint32_t>> neighbours(net.junctions.size());
    for (const network::Link& l : net.links) {
        neighbours[l.from.index()].push_back(l.to.index());
        neighbours[l.to.index()].push_back(l.from.index());
    }
    for (std::size_t j = 0; j < net.junctions.size(); ++j) {
        auto& n = neighbours[j];
        std::sort(n.begin(), n.end());
        const auto degree = std::unique(n.begin(), n.end()) - n.begin();
        if (degree < 3) cluster[j] = -1;
        net.junctions[j].control = degree <= 1 ? JunctionControl::DeadEnd
                                   : cluster[j] >= 0 ? JunctionControl::TrafficSignals
                                                     : JunctionControl::Priority;
    }
}

// "Hauptstraße / Ringstraße": a junction's name for the GeoPackage and messages.
void name_junctions(network::Network& net) {
    std::vector<std::vector<const std::string*>> names(net.junctions.size());
    for (const network::Link& l : net.links)
        for (JunctionId j : {l.from, l.to}) {
            auto& n = names[j.index()];
            if (!l.name.empty() && n.size() < 3 &&
                std::none_of(n.begin(), n.end(), [&](const std::string* s) { return *s == l.name; }))
                n.push_back(&l.name);
        }
    for (std::size_t j = 0; j < net.junctions.size(); ++j) {
        std::string s;
        for (const std::string* n : names[j]) {
            if (!s.empty()) s += " / ";
            s += *n;
        }
        net.junctions[j].name = std::move(s);
    }
}

// Keeps the core and its fringe (network/link_roles.hpp: entries into the core, exits out of
// it, the roads cut at the map's edge), drops the detached links and the junctions only they
// touched, and builds the connections again. Rebuilt connections can join links differently
// (a junction left with one road is a dead end, where U-turns are made), so the roles are
// taken again until nothing is detached; r.link_role holds them for the final network.
void keep_core_and_fringe(ImportResult& r, bool drop_detached) {
    network::Network& net = r.network;
    for (;;) {
        r.link_role = network::link_roles(net);
        const network::LinkRoleCounts roles = network::count_roles(r.link_role);
        r.report.entry_links = roles.entry;
        r.report.exit_links = roles.exit;
        if (!drop_detached || roles.detached == 0) return;
        std::vector<std::uint8_t> keep(net.links.size());
        for (std::size_t l = 0; l < keep.size(); ++l) keep[l] = r.link_role[l] != network::LinkRole::Detached;
        const std::size_t junctions_before = net.junctions.size();
        r.report.dropped["links not connected to the core in either direction"] += roles.detached;
        const Compaction c = compact(net, keep);
        std::vector<std::int32_t> cluster(net.junctions.size(), -1);
        for (std::size_t j = 0; j < c.junction_map.size(); ++j)
            if (c.junction_map[j] != kNoIndex) cluster[c.junction_map[j]] = r.signal_cluster[j];
        r.signal_cluster = std::move(cluster);
        if (junctions_before > net.junctions.size())
            r.report.dropped["junctions of links not connected to the core"] += junctions_before - net.junctions.size();
        refresh_controls(net, r.signal_cluster);
        network::build_connections(net);
    }
}

void add_warnings(ImportReport& rep, std::vector<ImportWarning>&& w, std::size_t cap) {
    for (ImportWarning& x : w) {
        ++rep.warnings_total;
        if (rep.warnings.size() < cap) rep.warnings.push_back(std::move(x));
    }
}

// The junctions of one signal cluster are signalled as one crossing (derive_crossing_plans
// says why); the others alone. In order of their first junction.
std::vector<std::vector<JunctionId>> crossings_of(const std::vector<JunctionId>& signalised,
                                                  const std::vector<std::int32_t>& cluster) {
    std::vector<std::vector<JunctionId>> out;
    std::map<std::int32_t, std::size_t> crossing_of_cluster;
    for (JunctionId j : signalised) {
        const auto [it, added] = crossing_of_cluster.try_emplace(cluster[j.index()], out.size());
        if (added) out.emplace_back();
        out[it->second].push_back(j);
    }
    return out;
}

// A fixed-time plan for every signalised junction (r.signal_plans, by junction id); a
// junction that cannot have one runs as a priority junction, with a warning.
void derive_signal_plans(ImportResult& r, const std::vector<JunctionId>& signalised, const ImportOptions& o) {
    network::Network& net = r.network;
    const std::vector<std::vector<JunctionId>> crossings = crossings_of(signalised, r.signal_cluster);
    // Fixed chunks (not per thread), so the work and its result do not depend on the thread
    // count; each chunk indexes the connections once (derive_crossing_plans).
    constexpr std::size_t kChunk = 128;
    const std::size_t chunks = (crossings.size() + kChunk - 1) / kChunk;
    signals::PlanBuilderOptions options;
    options.permissive_shared_lefts = true;  // mapped lanes without a left-turn lane
    std::vector<std::vector<signals::SignalPlan>> plans(crossings.size());
    std::vector<std::vector<std::string>> failures(crossings.size());
    // Nothing may be thrown out of a TBB body: failures are carried out and reported.
    for_each_index(chunks, o.parallel, [&](std::size_t c) {
        const std::size_t begin = c * kChunk, end = std::min(crossings.size(), begin + kChunk);
        try {
            auto got = signals::derive_crossing_plans(
                net, std::span<const std::vector<JunctionId>>(crossings.data() + begin, end - begin), options);
            std::move(got.begin(), got.end(), plans.begin() + static_cast<std::ptrdiff_t>(begin));
        } catch (const std::exception&) {
            for (std::size_t k = begin; k < end; ++k) {  // rare: each junction alone, to find the one that fails
                failures[k].assign(crossings[k].size(), "");
                for (JunctionId j : crossings[k]) {
                    try {
                        plans[k].push_back(signals::derive_fixed_time_plan(net, j, options));
                    } catch (const std::exception& e) {
                        plans[k].emplace_back();
                        failures[k][plans[k].size() - 1] = e.what();
                    }
                }
            }
        }
    });
    std::vector<std::pair<JunctionId, signals::SignalPlan>> by_junction;
    for (std::size_t k = 0; k < crossings.size(); ++k) {
        for (std::size_t m = 0; m < crossings[k].size(); ++m) {
            const JunctionId j = crossings[k][m];
            if (failures[k].empty() || failures[k][m].empty()) {
                by_junction.emplace_back(j, std::move(plans[k][m]));
                continue;
            }
            add_warnings(r.report, {{0, "junction " + std::to_string(j.index()) + ": no signal plan (" + failures[k][m] +
                                            "); it runs as a priority junction"}},
                         o.max_warnings_kept);
            net.junctions[j.index()].control = JunctionControl::Priority;
            r.signal_cluster[j.index()] = -1;
        }
    }
    std::sort(by_junction.begin(), by_junction.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [j, plan] : by_junction) r.signal_plans.push_back(std::move(plan));
}

}  // namespace

ImportResult import_map(const ImportOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    check_options(o);
    SourceData src = read_source(o);
    ImportResult r;
    ImportReport& rep = r.report;
    rep.source = src.source;
    rep.driver = src.driver;
    rep.features_read = src.features_read;
    rep.dropped = std::move(src.dropped);
    add_warnings(rep, std::move(src.warnings), o.max_warnings_kept);

    TagRules rules = src.rules_hint;
    rules.classes = o.classes;
    rules.default_class = o.default_class;
    std::vector<RoadSpec> specs(src.ways.size());
    std::vector<std::vector<ImportWarning>> way_warnings(src.ways.size());
    for_each_index(src.ways.size(), o.parallel,
                   [&](std::size_t i) { specs[i] = parse_road(src.ways[i], rules, way_warnings[i]); });
    std::vector<KeptWay> kept;
    SourcePoint lo{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
    SourcePoint hi{-lo.x, -lo.y};
    for (std::size_t i = 0; i < src.ways.size(); ++i) {
        add_warnings(rep, std::move(way_warnings[i]), o.max_warnings_kept);
        if (!specs[i].keep) {
            ++rep.dropped[specs[i].drop_reason];
            continue;
        }
        kept.push_back({&src.ways[i], &specs[i]});
        for (const SourcePoint& p : src.ways[i].points) {
            lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
            hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
        }
    }
    rep.features_kept = kept.size();
    if (kept.empty()) {
        std::string why;
        for (const auto& [reason, n] : rep.dropped) why += "\n  " + std::to_string(n) + " " + reason;
        throw ImportError(src.source + ": no road features to import (" + std::to_string(rep.features_read) +
                          " features read)" + (why.empty() ? std::string() : ", dropped:" + why) +
                          "\nCheck --classes, --bbox and, for GIS layers, the class attribute");
    }
    r.georef = choose_frame(src.srs_wkt, src.geographic, {(lo.x + hi.x) / 2.0, (lo.y + hi.y) / 2.0}, src.source);
    std::vector<SourcePoint> signal_points;
    for (const SignalNode& s : src.signals) signal_points.push_back(s.point);
    std::vector<Vec2> signal_pos;
    project_points(src.srs_wkt, r.georef, signal_points, signal_pos, src.source);

    // Twice when signals group junctions of one crossing: the first build finds them, the
    // second joins them into one junction (junction_groups.hpp says why).
    std::map<std::string, std::size_t> graph_dropped;
    RoadGraph graph = build_road_graph(kept, src.srs_wkt, src.geographic, r.georef, o, src.source, graph_dropped);
    SignalAssignment signals = assign_signals(graph, src.signals, signal_pos, o);
    if (o.signal_join_m > 0.0) {
        const auto joins = crossing_joins(graph, signals.junction_cluster, o.signal_join_m);
        if (!joins.empty()) {
            graph_dropped.clear();
            graph = build_road_graph(kept, src.srs_wkt, src.geographic, r.georef, o, src.source, graph_dropped, joins);
            signals = assign_signals(graph, src.signals, signal_pos, o);
        }
    }
    for (const auto& [reason, n] : graph_dropped) rep.dropped[reason] += n;
    rep.signal_nodes = src.signals.size();
    rep.signal_clusters_total = signals.clusters_total;
    rep.signal_nodes_without_junction = signals.nodes_without_junction;

    r.network = std::move(graph.net);
    r.signal_cluster = signals.junction_cluster;
    network::Network& net = r.network;
    refresh_controls(net, r.signal_cluster);
    network::build_connections(net);
    keep_core_and_fringe(r, o.drop_detached);
    if (net.links.empty()) throw ImportError(src.source + ": no drivable links left after clean-up");
    name_junctions(net);

    std::vector<JunctionId> signalised;
    for (std::uint32_t j = 0; j < net.junctions.size(); ++j)
        if (net.junctions[j].control == JunctionControl::TrafficSignals) signalised.push_back(JunctionId{j});
    if (o.build_signal_plans) derive_signal_plans(r, signalised, o);

    rep.junctions = net.junctions.size();
    rep.links = net.links.size();
    rep.connections = net.connections.size();
    for (const network::Link& l : net.links) {
        rep.lanes += l.lanes.size();
        rep.lane_km += l.length_m * static_cast<double>(l.lanes.size()) / 1000.0;
    }
    std::vector<std::int32_t> clusters;
    for (std::size_t j = 0; j < net.junctions.size(); ++j)
        if (net.junctions[j].control == JunctionControl::TrafficSignals) {
            ++rep.signalised_junctions;
            clusters.push_back(r.signal_cluster[j]);
        }
    std::sort(clusters.begin(), clusters.end());
    rep.signal_clusters = static_cast<std::size_t>(std::unique(clusters.begin(), clusters.end()) - clusters.begin());
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace ut::import
