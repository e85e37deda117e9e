// Shared by the import tests: where the maps are, writing small inputs, comparing networks.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "import/map_import.hpp"
#include "output/test_temp_dir.hpp"

namespace ut::test {

inline std::filesystem::path shared_data() { return URBANTWIN_SHARED_DATA; }
inline std::filesystem::path town_map() { return std::filesystem::path(URBANTWIN_SOURCE_DIR) / "maps/town.geojson"; }

// True when the real extract is there; otherwise tells why the test does nothing.
inline bool have_shared(const std::string& name) {
    if (std::filesystem::exists(shared_data() / name)) return true;
    WARN("skipped: " << (shared_data() / name).string() << " is absent (real maps live in ../shared/data)");
    return false;
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

inline import::ImportResult import_file(const std::filesystem::path& p, bool parallel = true) {
    import::ImportOptions o;
    o.path = p;
    o.parallel = parallel;
    return import::import_map(o);
}

// The message of the ImportError `f` throws ("" when it throws nothing).
template <class F>
std::string import_error(F&& f) {
    try {
        f();
    } catch (const import::ImportError& e) {
        return e.what();
    }
    return "";
}

inline bool same_polyline(const Polyline& a, const Polyline& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i])) return false;
    return true;
}

// Field by field, bit for bit: what "the parallel import equals the serial one" means.
inline void require_same_network(const network::Network& a, const network::Network& b) {
    REQUIRE(a.junctions.size() == b.junctions.size());
    REQUIRE(a.links.size() == b.links.size());
    REQUIRE(a.connections.size() == b.connections.size());
    for (std::size_t j = 0; j < a.junctions.size(); ++j) {
        INFO("junction " << j);
        REQUIRE(a.junctions[j].position == b.junctions[j].position);
        REQUIRE(a.junctions[j].control == b.junctions[j].control);
        REQUIRE(a.junctions[j].name == b.junctions[j].name);
    }
    for (std::size_t l = 0; l < a.links.size(); ++l) {
        INFO("link " << l);
        const network::Link& x = a.links[l];
        const network::Link& y = b.links[l];
        REQUIRE((x.from == y.from && x.to == y.to && x.source_id == y.source_id));
        REQUIRE(same_polyline(x.shape, y.shape));
        REQUIRE(x.length_m == y.length_m);
        REQUIRE(x.speed_limit_mps == y.speed_limit_mps);
        REQUIRE(x.lanes.size() == y.lanes.size());
        for (std::size_t i = 0; i < x.lanes.size(); ++i) {
            REQUIRE(x.lanes[i].allowed_turns == y.lanes[i].allowed_turns);
            REQUIRE(x.lanes[i].allowed_classes == y.lanes[i].allowed_classes);
        }
    }
    for (std::size_t c = 0; c < a.connections.size(); ++c) {
        const network::Connection& x = a.connections[c];
        const network::Connection& y = b.connections[c];
        REQUIRE((x.from_link == y.from_link && x.to_link == y.to_link && x.from_lane == y.from_lane &&
                 x.to_lane == y.to_lane && x.turn == y.turn));
    }
}

}  // namespace ut::test
