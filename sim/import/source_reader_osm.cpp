// OpenStreetMap through GDAL's OSM driver. The driver builds ways from nodes in one pass over
// the file, so features are taken in the order it produces them (GDALDataset::GetNextFeature,
// "interleaved reading") rather than layer by layer, which would re-read the file per layer.
#include <array>

#include "import/reader_common.hpp"
#include "import/tag_values.hpp"

namespace ut::import::detail {

namespace {

constexpr std::size_t kTags = static_cast<std::size_t>(Tag::Count);

std::string field(const OGRFeature& f, int index) {
    return index >= 0 && f.IsFieldSetAndNotNull(index) ? std::string(f.GetFieldAsString(index)) : std::string();
}

}  // namespace

void read_osm(GDALDataset& ds, const ImportOptions& options, SourceData& out) {
    OGRLayer* lines = ds.GetLayerByName("lines");
    OGRLayer* points = ds.GetLayerByName("points");
    if (lines == nullptr)
        throw ImportError(out.source + ": the OSM driver found no 'lines' layer; is this an OSM file?");
    // Only these two layers are needed: the driver then skips building relations' geometries.
    ds.ReleaseResultSet(ds.ExecuteSQL("SET interest_layers = points,lines", nullptr, nullptr));

    const OGRFeatureDefn* line_defn = lines->GetLayerDefn();
    std::array<int, kTags> line_fields{};
    for (std::size_t t = 0; t < kTags; ++t) line_fields[t] = line_defn->GetFieldIndex(tag_key(static_cast<Tag>(t)));
    const int line_id = line_defn->GetFieldIndex("osm_id");
    const int highway_field = line_fields[static_cast<std::size_t>(Tag::Highway)];
    int point_id = -1, point_highway = -1, point_direction = -1;
    if (points != nullptr) {
        const OGRFeatureDefn* d = points->GetLayerDefn();
        point_id = d->GetFieldIndex("osm_id");
        point_highway = d->GetFieldIndex("highway");
        point_direction = d->GetFieldIndex("traffic_signals:direction");
    }
    const OGRSpatialReference* srs = lines->GetSpatialRef();
    out.srs_wkt = "EPSG:4326";
    out.geographic = true;
    out.rules_hint.osm = true;
    const BBoxFilter bbox(options.bbox, srs, out.source);

    std::vector<std::pair<Tag, std::string>> tags;
    OGRLayer* layer = nullptr;
    for (;;) {
        FeaturePtr f = own(ds.GetNextFeature(&layer, nullptr, nullptr, nullptr));
        if (!f) break;
        const OGRGeometry* g = f->GetGeometryRef();
        if (layer == points && points != nullptr) {
            if (g == nullptr || field(*f, point_highway) != "traffic_signals") continue;
            if (wkbFlatten(g->getGeometryType()) != wkbPoint || !bbox.keeps(*g)) continue;
            const std::string dir = field(*f, point_direction);
            out.signals.push_back({parse_int(field(*f, point_id)).value_or(0),
                                   {g->toPoint()->getX(), g->toPoint()->getY()},
                                   dir == "forward" ? 1 : dir == "backward" ? -1 : 0});
            continue;
        }
        if (layer != lines) continue;
        ++out.features_read;
        // Railways, rivers, power lines... are ways too: skip them before copying anything.
        if (!f->IsFieldSetAndNotNull(highway_field)) {
            drop(out, "not a road (no highway tag)");
            continue;
        }
        if (g == nullptr) {
            drop(out, "no geometry (nodes missing from the extract)");
            continue;
        }
        if (!bbox.keeps(*g)) {
            drop(out, "outside the bbox");
            continue;
        }
        tags.clear();
        for (std::size_t t = 0; t < kTags; ++t) {
            if (line_fields[t] < 0 || !f->IsFieldSetAndNotNull(line_fields[t])) continue;
            tags.emplace_back(static_cast<Tag>(t), f->GetFieldAsString(line_fields[t]));
        }
        const std::int64_t id = parse_int(field(*f, line_id)).value_or(f->GetFID());
        if (!append_lines(*g, id, tags, out)) drop(out, "not a line geometry");
    }
}

}  // namespace ut::import::detail
