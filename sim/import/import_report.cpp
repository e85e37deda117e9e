// The small user-facing pieces of the import API: option parsing and the printed report.
#include <algorithm>
#include <cstdio>

#include "import/map_import.hpp"
#include "import/road_tags.hpp"
#include "import/tag_values.hpp"

namespace ut::import {

using network::RoadClass;

std::vector<RoadClass> ImportOptions::default_classes() {
    return {RoadClass::Motorway, RoadClass::Trunk,        RoadClass::Primary,    RoadClass::Secondary,
            RoadClass::Tertiary, RoadClass::Unclassified, RoadClass::Residential};
}

std::vector<RoadClass> parse_road_classes(std::string_view list) {
    std::vector<RoadClass> out;
    auto add = [&](RoadClass c) {
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    for (std::string_view word : split(list, ',')) {
        if (word.empty()) continue;
        const bool plus = word.front() == '+';
        if (plus) word.remove_prefix(1);
        if (iequals(word, "default")) {
            for (RoadClass c : ImportOptions::default_classes()) add(c);
        } else if (iequals(word, "all")) {
            for (RoadClass c : ImportOptions::default_classes()) add(c);
            add(RoadClass::Service);
        } else if (const ClassOfHighway c = classify_highway(word); c.road && c.road_class != RoadClass::Link) {
            if (plus && out.empty())
                for (RoadClass d : ImportOptions::default_classes()) add(d);  // "+service" = default + service
            add(c.road_class);
        } else {
            throw ImportError("unknown road class '" + std::string(word) +
                              "'; use a comma-separated list of motorway, trunk, primary, secondary, tertiary, "
                              "unclassified, residential, service, or 'default', 'all', '+service' "
                              "(*_link roads follow their class)");
        }
    }
    if (out.empty()) throw ImportError("no road classes given; e.g. --classes default");
    return out;
}

BBox parse_bbox(std::string_view text) {
    const std::vector<std::string_view> parts = split(text, ',');
    std::vector<double> v;
    for (std::string_view p : parts)
        if (const auto d = parse_double(p)) v.push_back(*d);
    if (parts.size() != 4 || v.size() != 4)
        throw ImportError("bbox '" + std::string(text) + "' must be four numbers west,south,east,north in degrees, "
                          "e.g. 8.45,49.46,8.49,49.50");
    const BBox b{v[0], v[1], v[2], v[3]};
    if (!(b.west < b.east && b.south < b.north && b.west >= -180 && b.east <= 180 && b.south >= -90 && b.north <= 90))
        throw ImportError("bbox '" + std::string(text) + "' must have west < east and south < north, in degrees "
                          "(longitude -180..180, latitude -90..90)");
    return b;
}

std::string format_report(const ImportReport& r, std::size_t max_warnings) {
    std::string s;
    char line[512];
    auto add = [&](const char* fmt, auto... args) {
        std::snprintf(line, sizeof line, fmt, args...);
        s += line;
    };
    add("Imported %s (GDAL driver %s) in %.2f s\n", r.source.c_str(), r.driver.c_str(), r.seconds);
    add("  features read   %zu, roads kept %zu\n", r.features_read, r.features_kept);
    add("  junctions       %zu (%zu signalised, in %zu signal clusters)\n", r.junctions,
        r.signalised_junctions, r.signal_clusters);
    add("  links           %zu, lanes %zu, %.1f lane-km, connections %zu\n", r.links, r.lanes, r.lane_km,
        r.connections);
    if (r.entry_links + r.exit_links > 0)
        add("  fringe          %zu entry links into the core, %zu exit links out of it (roads cut at the map's edge)\n",
            r.entry_links, r.exit_links);
    add("  signal nodes    %zu in %zu clusters; %zu not near a junction (e.g. pedestrian crossings)\n",
        r.signal_nodes, r.signal_clusters_total, r.signal_nodes_without_junction);
    if (!r.dropped.empty()) {
        s += "  dropped or merged:\n";
        for (const auto& [reason, n] : r.dropped) add("    %8zu  %s\n", n, reason.c_str());
    }
    if (r.warnings_total > 0) {
        add("  warnings        %zu", r.warnings_total);
        s += r.warnings_total > max_warnings ? " (first " + std::to_string(max_warnings) + ")\n" : "\n";
        for (std::size_t i = 0; i < std::min(max_warnings, r.warnings.size()); ++i) {
            const ImportWarning& w = r.warnings[i];
            s += w.feature_id != 0 ? "    feature " + std::to_string(w.feature_id) + ": " : std::string("    ");
            s += w.message + "\n";
        }
    }
    return s;
}

}  // namespace ut::import
