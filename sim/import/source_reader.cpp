#include "import/source_reader.hpp"

#include <algorithm>
#include <filesystem>

#include "import/gdal_errors.hpp"
#include "import/reader_common.hpp"
#include "import/tag_values.hpp"

namespace ut::import {

namespace detail {

BBoxFilter::BBoxFilter(const std::optional<BBox>& bbox, const OGRSpatialReference* layer_srs,
                       const std::string& source) {
    if (!bbox) return;
    // Densified edges, so the box stays the same area once bent by a projected layer's CRS.
    OGRLinearRing ring;
    constexpr int kSteps = 16;
    const double xs[] = {bbox->west, bbox->east, bbox->east, bbox->west, bbox->west};
    const double ys[] = {bbox->south, bbox->south, bbox->north, bbox->north, bbox->south};
    for (int e = 0; e < 4; ++e)
        for (int s = 0; s < kSteps; ++s) {
            const double t = s / double(kSteps);
            ring.addPoint(xs[e] + (xs[e + 1] - xs[e]) * t, ys[e] + (ys[e + 1] - ys[e]) * t);
        }
    ring.closeRings();
    polygon_ = std::make_unique<OGRPolygon>();
    polygon_->addRing(&ring);
    if (layer_srs != nullptr && !layer_srs->IsGeographic()) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, layer_srs));
        if (!ct || polygon_->transform(ct.get()) != OGRERR_NONE)
            throw ImportError(source + ": cannot transform the bbox into the layer's coordinate system");
    }
    polygon_->getEnvelope(&envelope_);
}

bool BBoxFilter::keeps(const OGRGeometry& g) const {
    if (!polygon_) return true;
    OGREnvelope env;
    g.getEnvelope(&env);
    if (!env.Intersects(envelope_)) return false;
    if (envelope_.Contains(env)) return true;
    return g.Intersects(polygon_.get());
}

static void append_line(const OGRSimpleCurve& line, std::int64_t id,
                        const std::vector<std::pair<Tag, std::string>>& tags, SourceData& out) {
    RawWay way;
    way.id = id;
    way.points.reserve(static_cast<std::size_t>(line.getNumPoints()));
    for (int i = 0; i < line.getNumPoints(); ++i) {
        const SourcePoint p{line.getX(i), line.getY(i)};
        if (way.points.empty() || !(way.points.back() == p)) way.points.push_back(p);
    }
    if (way.points.size() < 2) {
        drop(out, "line with fewer than 2 distinct points");
        return;
    }
    way.tags = tags;
    out.ways.push_back(std::move(way));
}

bool append_lines(const OGRGeometry& g, std::int64_t id,
                  const std::vector<std::pair<Tag, std::string>>& tags, SourceData& out) {
    const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
    if (type == wkbLineString) {
        append_line(*g.toLineString(), id, tags, out);
        return true;
    }
    if (type == wkbMultiLineString) {
        for (const OGRLineString* part : *g.toMultiLineString()) append_line(*part, id, tags, out);
        return true;
    }
    if (OGR_GT_IsCurve(type) || OGR_GT_IsSubClassOf(type, wkbMultiCurve)) {
        std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry());
        return linear && append_lines(*linear, id, tags, out);
    }
    return false;
}

void drop(SourceData& out, const std::string& reason) { ++out.dropped[reason]; }

}  // namespace detail

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           iequals(std::string_view(s).substr(s.size() - suffix.size()), suffix);
}

}  // namespace

SourceData read_source(const ImportOptions& options) {
    ensure_gdal_registered();
    const std::string path = options.path.string();
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(options.path, ec))
        throw ImportError(path + ": file not found; check the path (relative paths start at the "
                                 "current directory)");
    if (std::filesystem::is_directory(options.path, ec) && !ends_with(path, ".gdb"))
        throw ImportError(path + ": is a directory, not a map file; name the .osm.pbf, .geojson, "
                                 ".gpkg or .shp file");

    SourceData out;
    out.source = path;
    const bool osm = ends_with(path, ".osm") || ends_with(path, ".pbf") || ends_with(path, ".osm.gz");
    out.osm = osm;
    GdalErrorCapture errors;
    std::string open_path = ends_with(path, ".gz") ? "/vsigzip/" + path : path;
    CPLStringList open_options;
    const char* osm_drivers[] = {"OSM", nullptr};
    if (osm) {
        std::string conf = URBANTWIN_OSMCONF;
        if (const char* env = std::getenv("URBANTWIN_OSMCONF")) conf = env;  // installed builds
        if (!std::filesystem::exists(conf, ec))
            throw ImportError("the OSM tag configuration " + conf + " is missing; set URBANTWIN_OSMCONF "
                              "to the path of assets/osmconf.ini");
        open_options.SetNameValue("CONFIG_FILE", conf.c_str());
        // Custom indexing rejects negative node ids, which filtered extracts (Portland)
        // contain; the standard index is as fast at this size and uses less memory.
        open_options.SetNameValue("USE_CUSTOM_INDEXING", "NO");
    }
    detail::DatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(open_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, osm ? osm_drivers : nullptr,
                   open_options.List(), nullptr)));
    if (!ds) {
        std::string why = errors.first_error();
        throw ImportError(path + ": GDAL cannot read this file as a map" +
                          (why.empty() ? std::string() : " (" + why + ")") +
                          ". Expected OpenStreetMap (.osm, .osm.pbf, .osm.gz) or a line layer GDAL "
                          "reads (GeoJSON, GeoPackage, Shapefile, ...); convert it with ogr2ogr if needed");
    }
    out.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "?";
    if (osm) detail::read_osm(*ds, options, out);
    else detail::read_gis(*ds, options, out);
    if (errors.failed())
        throw ImportError(out.source + ": GDAL could not read the whole file: " + errors.first_error() +
                          ". The file is probably truncated or corrupt; download or export it again");
    for (const std::string& w : errors.warnings()) out.warnings.push_back({0, "GDAL: " + w});
    return out;
}

}  // namespace ut::import
