// GIS line layers (GeoJSON, GeoPackage, Shapefile, ...): the attributes named in
// ImportOptions::attributes, or found among common names, are mapped onto OSM tags so one
// set of rules (road_tags.cpp) reads both. Points with highway=traffic_signals, in the road
// layer or in another point layer of the file, are signal nodes.
#include <array>
#include <cmath>

#include "import/reader_common.hpp"
#include "import/tag_values.hpp"

namespace ut::import::detail {

namespace {

constexpr std::size_t kTags = static_cast<std::size_t>(Tag::Count);

bool is_line_type(OGRwkbGeometryType t) {
    t = wkbFlatten(t);
    return OGR_GT_IsSubClassOf(t, wkbCurve) || OGR_GT_IsSubClassOf(t, wkbMultiCurve);
}

bool is_point_type(OGRwkbGeometryType t) {
    t = wkbFlatten(t);
    return t == wkbPoint || t == wkbMultiPoint;
}

std::string layer_list(GDALDataset& ds) {
    std::string s;
    for (OGRLayer* l : ds.GetLayers()) {
        if (!s.empty()) s += ", ";
        s += std::string(l->GetName()) + " (" + OGRGeometryTypeToName(l->GetGeomType()) + ")";
    }
    return s.empty() ? "none" : s;
}

OGRLayer* pick_layer(GDALDataset& ds, const ImportOptions& o, const std::string& source) {
    if (!o.layer.empty()) {
        if (OGRLayer* l = ds.GetLayerByName(o.layer.c_str())) return l;
        throw ImportError(source + ": no layer named '" + o.layer + "'; layers in the file: " + layer_list(ds));
    }
    if (ds.GetLayerCount() == 0) throw ImportError(source + ": the file has no layers, so no road features");
    for (OGRLayer* l : ds.GetLayers())
        if (is_line_type(l->GetGeomType())) return l;
    for (OGRLayer* l : ds.GetLayers())  // mixed-geometry layers (GeoJSON) declare "Unknown"
        if (wkbFlatten(l->GetGeomType()) == wkbUnknown) return l;
    if (ds.GetLayerCount() == 1) return ds.GetLayer(0);
    throw ImportError(source + ": no layer with line geometry; layers in the file: " + layer_list(ds) +
                      ". The road network must be a line layer");
}

std::string field_list(const OGRFeatureDefn& d) {
    std::string s;
    for (int i = 0; i < d.GetFieldCount(); ++i) {
        if (i > 0) s += ", ";
        s += d.GetFieldDefn(i)->GetNameRef();
    }
    return s.empty() ? "no attributes" : s;
}

int find_field(const OGRFeatureDefn& d, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        for (int i = 0; i < d.GetFieldCount(); ++i)
            if (iequals(d.GetFieldDefn(i)->GetNameRef(), n)) return i;
    return -1;
}

// Field for one tag: the configured name (must exist), else the first common name present.
int resolve(const OGRFeatureDefn& d, const std::string& configured, const char* option,
            std::initializer_list<std::string_view> common, const std::string& source) {
    if (configured.empty()) return find_field(d, common);
    const int i = find_field(d, {configured});
    if (i < 0)
        throw ImportError(source + ": attribute '" + configured + "' (" + option +
                          ") is not in the layer; it has: " + field_list(d));
    return i;
}

std::array<int, kTags> map_fields(const OGRFeatureDefn& d, const AttributeNames& a, const std::string& src) {
    std::array<int, kTags> f{};
    for (std::size_t t = 0; t < kTags; ++t) {
        std::string key = tag_key(static_cast<Tag>(t));
        std::string underscored = key;
        for (char& c : underscored) c = c == ':' ? '_' : c;
        f[t] = find_field(d, {key, underscored});
    }
    auto set = [&](Tag t, int index) { f[static_cast<std::size_t>(t)] = index; };
    set(Tag::Lanes, resolve(d, a.lanes, "lanes attribute",
                            {"lanes", "num_lanes", "lane_count", "nlanes", "numlanes", "anz_fs"}, src));
    set(Tag::Maxspeed, resolve(d, a.speed, "speed attribute",
                               {"maxspeed", "speed", "speed_limit", "max_speed", "speedlim", "vmax"}, src));
    set(Tag::Oneway, resolve(d, a.oneway, "oneway attribute", {"oneway", "one_way", "is_oneway", "dir"}, src));
    set(Tag::Name, resolve(d, a.name, "name attribute", {"name", "street", "str_name", "road_name"}, src));
    set(Tag::Highway, resolve(d, a.road_class, "class attribute",
                              {"highway", "fclass", "class", "road_class", "type"}, src));
    return f;
}

std::string value(const OGRFeature& f, int i) {
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
    if (f.GetFieldDefnRef(i)->GetType() == OFTReal) {
        const double v = f.GetFieldAsDouble(i);
        // 2.0 lanes is 2 lanes: numeric layers store counts as reals.
        if (std::floor(v) == v && std::abs(v) < 1e9) return std::to_string(static_cast<long long>(v));
    }
    return f.GetFieldAsString(i);
}

void add_signal_points(const OGRGeometry& g, std::int64_t id, SourceData& out) {
    if (wkbFlatten(g.getGeometryType()) == wkbPoint) {
        out.signals.push_back({id, {g.toPoint()->getX(), g.toPoint()->getY()}, 0});
    } else if (wkbFlatten(g.getGeometryType()) == wkbMultiPoint) {
        for (const OGRPoint* p : *g.toMultiPoint()) out.signals.push_back({id, {p->getX(), p->getY()}, 0});
    }
}

void read_signal_layer(OGRLayer& layer, const BBoxFilter& bbox, SourceData& out) {
    const int highway = find_field(*layer.GetLayerDefn(), {"highway"});
    const bool all = std::string_view(layer.GetName()).find("signal") != std::string_view::npos;
    if (highway < 0 && !all) return;
    layer.ResetReading();
    while (FeaturePtr f = own(layer.GetNextFeature())) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || !bbox.keeps(*g)) continue;
        if (all || value(*f, highway) == "traffic_signals") add_signal_points(*g, f->GetFID(), out);
    }
}

}  // namespace

void read_gis(GDALDataset& ds, const ImportOptions& options, SourceData& out) {
    OGRLayer* layer = pick_layer(ds, options, out.source);
    out.source += " (layer " + std::string(layer->GetName()) + ")";
    if (const OGRwkbGeometryType declared = layer->GetGeomType();
        wkbFlatten(declared) != wkbUnknown && !is_line_type(declared))
        throw ImportError(out.source + ": the layer holds no lines (its geometry is " +
                          OGRGeometryTypeToName(declared) + "); the road network must be a line layer. "
                          "Layers in the file: " + layer_list(ds));
    const OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const std::array<int, kTags> fields = map_fields(defn, options.attributes, out.source);
    out.rules_hint.osm = false;
    out.rules_hint.gis_oneway_values = true;
    out.rules_hint.bare_speed_unit = options.attributes.speed_unit;

    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs != nullptr) {
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        out.srs_wkt = wkt != nullptr ? wkt : "";
        CPLFree(wkt);
        out.geographic = srs->IsGeographic();
    } else {
        OGREnvelope env;
        const bool degrees = layer->GetExtent(&env, TRUE) == OGRERR_NONE && env.MinX >= -180.0 &&
                             env.MaxX <= 180.0 && env.MinY >= -90.0 && env.MaxY <= 90.0;
        if (!degrees)
            throw ImportError(out.source + ": the layer has no coordinate reference system and its "
                              "coordinates are not degrees; assign one, e.g. ogr2ogr -a_srs EPSG:25832");
        out.srs_wkt = "EPSG:4326";
        out.warnings.push_back({0, "the layer has no coordinate reference system; assuming WGS84 "
                                   "longitude/latitude"});
    }
    const BBoxFilter bbox(options.bbox, srs, out.source);

    const int highway = fields[static_cast<std::size_t>(Tag::Highway)];
    std::size_t lines = 0, other_geometry = 0;
    std::vector<std::pair<Tag, std::string>> tags;
    layer->ResetReading();
    while (FeaturePtr f = own(layer->GetNextFeature())) {
        ++out.features_read;
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) {
            drop(out, "no geometry");
            continue;
        }
        if (is_point_type(g->getGeometryType())) {
            if (value(*f, highway) == "traffic_signals" && bbox.keeps(*g)) add_signal_points(*g, f->GetFID(), out);
            else drop(out, "not a line geometry");
            ++other_geometry;
            continue;
        }
        if (!bbox.keeps(*g)) {
            drop(out, "outside the bbox");
            ++lines;
            continue;
        }
        tags.clear();
        for (std::size_t t = 0; t < kTags; ++t)
            if (std::string v = value(*f, fields[t]); !v.empty()) tags.emplace_back(static_cast<Tag>(t), std::move(v));
        if (append_lines(*g, f->GetFID(), tags, out)) {
            ++lines;
        } else {
            drop(out, "not a line geometry");
            ++other_geometry;
        }
    }
    if (lines == 0) {
        throw ImportError(out.source + (other_geometry > 0
                                            ? ": the layer holds no lines (" + std::to_string(other_geometry) +
                                                  " points or polygons); the road network must be a line "
                                                  "layer. Layers in the file: " + layer_list(ds)
                                            : ": the layer has no road features"));
    }
    for (OGRLayer* other : ds.GetLayers())
        if (other != layer && (is_point_type(other->GetGeomType()) || wkbFlatten(other->GetGeomType()) == wkbUnknown))
            read_signal_layer(*other, bbox, out);
}

}  // namespace ut::import::detail
