#include "output/gis/network_gpkg.hpp"

#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <system_error>

#include "import/gdal_errors.hpp"
#include "network/link_roles.hpp"
#include "output/atomic_file.hpp"

namespace ut::output::gis {

using network::JunctionControl;

namespace {

// s += sep + item, without building `literal + string` temporaries (GCC 12 at -O3 reports a
// false -Wrestrict on those).
void append(std::string& s, const char* sep, std::string_view item) {
    if (!s.empty()) s += sep;
    s += item;
}

}  // namespace

std::string turns_text(network::TurnMask mask) {
    if (mask == network::kAnyTurn) return "any";
    static constexpr const char* names[] = {"straight", "right", "left", "uturn"};
    std::string s;
    for (unsigned t = 0; t < 4; ++t)
        if (mask & (1u << t)) append(s, ";", names[t]);
    return s;
}

std::string classes_text(network::ClassMask mask) {
    static constexpr const char* names[] = {"car", "bus", "truck"};
    std::string s;
    for (unsigned c = 0; c < 3; ++c)
        if (mask & (1u << c)) append(s, ";", names[c]);
    return s;
}

namespace {

const char* control_text(JunctionControl c) {
    switch (c) {
        case JunctionControl::Priority: return "priority";
        case JunctionControl::TrafficSignals: return "traffic_signals";
        case JunctionControl::AllWayStop: return "all_way_stop";
        case JunctionControl::DeadEnd: return "dead_end";
    }
    return "?";
}

const char* turn_text(network::Turn t) {
    switch (t) {
        case network::Turn::Straight: return "straight";
        case network::Turn::Right: return "right";
        case network::Turn::Left: return "left";
        case network::Turn::UTurn: return "uturn";
    }
    return "?";
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& reason) {
    throw OutputError("cannot write " + path.string() + ": " + reason);
}

// One layer being filled: fields by name in creation order, features in one transaction.
class Layer {
public:
    Layer(GDALDataset& ds, const char* name, const OGRSpatialReference* srs, OGRwkbGeometryType type,
          std::initializer_list<std::pair<const char*, OGRFieldType>> fields, const std::filesystem::path& path,
          bool spatial_index = true)
        : path_(path) {
        CPLStringList options;
        options.SetNameValue("SPATIAL_INDEX", spatial_index ? "YES" : "NO");
        // GDAL 3.6 takes a non-const CRS it does not modify.
        layer_ = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, options.List());
        if (layer_ == nullptr) fail(path, std::string("cannot create layer ") + name);
        for (const auto& [field, ftype] : fields) {
            OGRFieldDefn defn(field, ftype);
            if (layer_->CreateField(&defn) != OGRERR_NONE) fail(path, std::string("cannot create field ") + field);
        }
    }
    std::unique_ptr<OGRFeature> feature() const { return std::make_unique<OGRFeature>(layer_->GetLayerDefn()); }
    void add(OGRFeature& f) {
        if (layer_->CreateFeature(&f) != OGRERR_NONE) fail(path_, std::string("cannot add a feature to ") + layer_->GetName());
    }

private:
    OGRLayer* layer_ = nullptr;
    std::filesystem::path path_;
};

struct Frame {
    Vec2 origin;
    OGRLineString* line(const Polyline& pts) const {
        auto* l = new OGRLineString();
        for (Vec2 p : pts) l->addPoint(p.x + origin.x, p.y + origin.y);
        return l;
    }
    OGRPoint* point(Vec2 p) const { return new OGRPoint(p.x + origin.x, p.y + origin.y); }
};

void write_layers(GDALDataset& ds, const NetworkGpkgInput& in, const OGRSpatialReference* srs,
                  const std::filesystem::path& path) {
    const network::Network& net = *in.network;
    const Frame frame{in.origin};
    const auto incoming = net.incoming_links();
    const auto outgoing = net.outgoing_links();
    const std::vector<network::LinkRole> roles = network::link_roles(net);
    auto cluster_of = [&](std::size_t j) -> int {
        return in.signal_cluster != nullptr && j < in.signal_cluster->size() ? (*in.signal_cluster)[j] : -1;
    };

    Layer junctions(ds, "junctions", srs, wkbPoint,
                    {{"junction_id", OFTInteger}, {"control", OFTString}, {"name", OFTString},
                     {"source_id", OFTInteger64}, {"signal_cluster", OFTInteger},
                     {"incoming", OFTInteger}, {"outgoing", OFTInteger}}, path);
    for (std::size_t j = 0; j < net.junctions.size(); ++j) {
        const network::Junction& x = net.junctions[j];
        auto f = junctions.feature();
        f->SetField(0, static_cast<int>(j));
        f->SetField(1, control_text(x.control));
        f->SetField(2, x.name.c_str());
        f->SetField(3, static_cast<GIntBig>(x.source_id));
        f->SetField(4, cluster_of(j));
        f->SetField(5, static_cast<int>(incoming[j].size()));
        f->SetField(6, static_cast<int>(outgoing[j].size()));
        f->SetGeometryDirectly(frame.point(x.position));
        junctions.add(*f);
    }

    Layer links(ds, "links", srs, wkbLineString,
                {{"link_id", OFTInteger}, {"from_junction", OFTInteger}, {"to_junction", OFTInteger},
                 {"lanes", OFTInteger}, {"length_m", OFTReal}, {"speed_kmh", OFTReal}, {"road_class", OFTString},
                 {"name", OFTString}, {"source_id", OFTInteger64}, {"lane_turns", OFTString}, {"role", OFTString}},
                path);
    // No R-tree on the two big detail layers: building it is most of the writing time (7 of
    // 9 s on Mannheim-Heidelberg); QGIS reads them without one ("Create spatial index" adds it).
    Layer lanes(ds, "lanes", srs, wkbLineString,
                {{"link_id", OFTInteger}, {"lane_index", OFTInteger}, {"width_m", OFTReal},
                 {"allowed_turns", OFTString}, {"allowed_classes", OFTString}, {"source_id", OFTInteger64}}, path,
                false);
    for (std::size_t l = 0; l < net.links.size(); ++l) {
        const network::Link& x = net.links[l];
        std::string lane_turns;  // rightmost first, as "straight;right|left"
        for (std::size_t i = 0; i < x.lanes.size(); ++i) {
            append(lane_turns, "|", turns_text(x.lanes[i].allowed_turns));
            auto f = lanes.feature();
            f->SetField(0, static_cast<int>(l));
            f->SetField(1, static_cast<int>(i));
            f->SetField(2, x.lanes[i].width_m);
            f->SetField(3, turns_text(x.lanes[i].allowed_turns).c_str());
            f->SetField(4, classes_text(x.lanes[i].allowed_classes).c_str());
            f->SetField(5, static_cast<GIntBig>(x.source_id));
            f->SetGeometryDirectly(frame.line(network::lane_shape(x, i)));
            lanes.add(*f);
        }
        auto f = links.feature();
        f->SetField(0, static_cast<int>(l));
        f->SetField(1, static_cast<int>(x.from.index()));
        f->SetField(2, static_cast<int>(x.to.index()));
        f->SetField(3, static_cast<int>(x.lanes.size()));
        f->SetField(4, x.length_m);
        f->SetField(5, x.speed_limit_mps * 3.6);
        f->SetField(6, network::to_string(x.road_class));
        f->SetField(7, x.name.c_str());
        f->SetField(8, static_cast<GIntBig>(x.source_id));
        f->SetField(9, lane_turns.c_str());
        f->SetField(10, network::to_string(roles[l]));
        f->SetGeometryDirectly(frame.line(x.shape));
        links.add(*f);
    }

    Layer connections(ds, "connections", srs, wkbLineString,
                      {{"connection_id", OFTInteger}, {"junction_id", OFTInteger}, {"from_link", OFTInteger},
                       {"from_lane", OFTInteger}, {"to_link", OFTInteger}, {"to_lane", OFTInteger},
                       {"turn", OFTString}, {"length_m", OFTReal}}, path, false);
    for (std::size_t c = 0; c < net.connections.size(); ++c) {
        const network::Connection& x = net.connections[c];
        auto f = connections.feature();
        f->SetField(0, static_cast<int>(c));
        f->SetField(1, static_cast<int>(net.link(x.from_link).to.index()));
        f->SetField(2, static_cast<int>(x.from_link.index()));
        f->SetField(3, static_cast<int>(x.from_lane));
        f->SetField(4, static_cast<int>(x.to_link.index()));
        f->SetField(5, static_cast<int>(x.to_lane));
        f->SetField(6, turn_text(x.turn));
        f->SetField(7, x.length_m);
        if (x.shape.size() >= 2) f->SetGeometryDirectly(frame.line(x.shape));
        connections.add(*f);
    }

    Layer signal_layer(ds, "signals", srs, wkbPoint,
                       {{"junction_id", OFTInteger}, {"signal_cluster", OFTInteger}, {"cycle_s", OFTReal},
                        {"offset_s", OFTReal}, {"groups", OFTInteger}, {"stages", OFTInteger},
                        {"plan", OFTString}}, path);
    if (in.signal_plans != nullptr) {
        for (const signals::SignalPlan& p : *in.signal_plans) {
            if (!p.junction.valid() || p.junction.index() >= net.junctions.size()) continue;
            std::string plan;  // "G25 Y3 R2 | G10 Y3 R2": green, yellow, all-red per stage
            for (const signals::Stage& s : p.stages) {
                char stage[64];
                std::snprintf(stage, sizeof stage, "G%.0f Y%.0f R%.0f", s.green_s, s.yellow_s, s.all_red_s);
                append(plan, " | ", stage);
            }
            auto f = signal_layer.feature();
            f->SetField(0, static_cast<int>(p.junction.index()));
            f->SetField(1, cluster_of(p.junction.index()));
            f->SetField(2, p.cycle_s());
            f->SetField(3, p.offset_s);
            f->SetField(4, static_cast<int>(p.groups.size()));
            f->SetField(5, static_cast<int>(p.stages.size()));
            f->SetField(6, plan.c_str());
            f->SetGeometryDirectly(frame.point(net.junction(p.junction).position));
            signal_layer.add(*f);
        }
    }
}

void remove_temp(const std::filesystem::path& temp) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(temp.string() + suffix, ec);
}

}  // namespace

void write_network_gpkg(const std::filesystem::path& path, const NetworkGpkgInput& in) {
    if (in.network == nullptr) fail(path, "no network given");
    if (path.filename().empty()) fail(path, "not a file name");
    std::error_code ec;
    const std::filesystem::path folder = path.parent_path().empty() ? "." : path.parent_path();
    if (!std::filesystem::is_directory(folder, ec)) fail(path, "folder " + folder.string() + " does not exist");
    import::ensure_gdal_registered();
    import::GdalErrorCapture errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (driver == nullptr) fail(path, "this GDAL has no GeoPackage driver");

    std::string temp_name = ".";
    temp_name += path.filename().string();
    temp_name += ".tmp.";
    temp_name += std::to_string(::getpid());
    temp_name += ".gpkg";  // the GeoPackage driver wants its extension
    const std::filesystem::path temp = folder / temp_name;
    remove_temp(temp);
    OGRSpatialReference srs;
    if (in.epsg != 0) {
        if (srs.importFromEPSG(in.epsg) != OGRERR_NONE) fail(path, "unknown EPSG code " + std::to_string(in.epsg));
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    try {
        GDALDataset* ds = driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (ds == nullptr) fail(path, errors.failed() ? errors.first_error() : "GDAL cannot create the file");
        struct Closer {
            void operator()(GDALDataset* d) const { GDALClose(d); }
        };
        std::unique_ptr<GDALDataset, Closer> owned(ds);
        // One transaction: GeoPackage inserts are slow one by one.
        if (ds->StartTransaction() != OGRERR_NONE) fail(path, "cannot start a transaction");
        write_layers(*ds, in, in.epsg != 0 ? &srs : nullptr, path);
        if (ds->CommitTransaction() != OGRERR_NONE) fail(path, errors.failed() ? errors.first_error() : "commit failed");
        owned.reset();  // closes and flushes
        if (errors.failed()) fail(path, errors.first_error());
        std::filesystem::rename(temp, path, ec);
        if (ec) fail(path, ec.message());
    } catch (...) {
        remove_temp(temp);
        throw;
    }
}

}  // namespace ut::output::gis
