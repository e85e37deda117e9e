// Small OpenStreetMap files written by the tests: nodes placed in metres east/north of
// 8.5 E, 49.5 N, ways by node ids, tags as "k=v;k=v". Runs without ../shared/data.
#pragma once

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ut::test {

struct Node {
    double x, y;
    const char* tags;
};

struct Way {
    int id;
    std::vector<int> refs;
    const char* tags;
};

// An .osm file of these nodes (metres east/north of 8.5 E, 49.5 N) and ways; tags as
// "k=v;k=v".
inline std::string osm_text(const std::map<int, Node>& nodes, const std::vector<Way>& ways) {
    auto tags = [](std::ostringstream& out, const char* list) {
        std::istringstream in(list);
        std::string kv;
        while (std::getline(in, kv, ';')) {
            const auto eq = kv.find('=');
            out << "  <tag k=\"" << kv.substr(0, eq) << "\" v=\"" << kv.substr(eq + 1) << "\"/>\n";
        }
    };
    std::ostringstream out;
    out.precision(10);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"urbantwin test\">\n";
    for (const auto& [id, n] : nodes) {
        const double lat = 49.5 + n.y / 111320.0;
        const double lon = 8.5 + n.x / (111320.0 * std::cos(49.5 * 3.14159265358979 / 180.0));
        out << " <node id=\"" << id << "\" version=\"1\" lat=\"" << std::round(lat * 1e7) / 1e7 << "\" lon=\""
            << std::round(lon * 1e7) / 1e7 << "\">\n";
        tags(out, n.tags);
        out << " </node>\n";
    }
    for (const Way& w : ways) {
        out << " <way id=\"" << w.id << "\" version=\"1\">\n";
        for (int r : w.refs) out << "  <nd ref=\"" << r << "\"/>\n";
        tags(out, w.tags);
        out << " </way>\n";
    }
    out << "</osm>\n";
    return out.str();
}

}  // namespace ut::test
