#include "import/projection.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace ut::import {

namespace {

OGRSpatialReference make_srs(const std::string& definition, const std::string& source) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        throw ImportError(source + ": its coordinate reference system is not understood by PROJ");
    // Geometries from GDAL's vector drivers come as x = easting/longitude, y = northing/latitude.
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, decltype(&OCTDestroyCoordinateTransformation)>;

TransformPtr make_transform(const OGRSpatialReference& from, const OGRSpatialReference& to,
                            const std::string& source) {
    TransformPtr t(OGRCreateCoordinateTransformation(&from, &to), &OCTDestroyCoordinateTransformation);
    if (!t) throw ImportError(source + ": PROJ cannot transform its coordinates to UTM (is PROJ's data installed?)");
    return t;
}

}  // namespace

Georeference choose_frame(const std::string& source_srs, bool geographic, SourcePoint centre,
                          const std::string& source) {
    double lon = centre.x, lat = centre.y;
    const OGRSpatialReference src = make_srs(source_srs, source);
    OGRSpatialReference wgs84 = make_srs("EPSG:4326", source);
    if (!geographic) {
        TransformPtr t = make_transform(src, wgs84, source);
        if (!t->Transform(1, &lon, &lat))
            throw ImportError(source + ": the map centre cannot be converted to longitude/latitude");
    }
    if (!(lon >= -180.0 && lon <= 180.0 && lat >= -84.0 && lat <= 84.0))
        throw ImportError(source + ": the map centre (" + std::to_string(lon) + ", " + std::to_string(lat) +
                          ") is not a place UTM covers; check the layer's coordinate system");
    const int zone = std::clamp(static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
    Georeference g;
    g.epsg = (lat >= 0.0 ? 32600 : 32700) + zone;
    const OGRSpatialReference utm = make_srs("EPSG:" + std::to_string(g.epsg), source);
    TransformPtr t = make_transform(wgs84, utm, source);
    double x = lon, y = lat;
    if (!t->Transform(1, &x, &y)) throw ImportError(source + ": the map centre cannot be projected to UTM");
    // A round origin: local coordinates stay readable and float-exact near the centre.
    g.origin = {std::round(x / 100.0) * 100.0, std::round(y / 100.0) * 100.0};
    return g;
}

void project_points(const std::string& source_srs, const Georeference& frame,
                    const std::vector<SourcePoint>& in, std::vector<Vec2>& out, const std::string& source) {
    const OGRSpatialReference src = make_srs(source_srs, source);
    const OGRSpatialReference utm = make_srs("EPSG:" + std::to_string(frame.epsg), source);
    TransformPtr t = make_transform(src, utm, source);
    std::vector<double> xs(in.size()), ys(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        xs[i] = in[i].x;
        ys[i] = in[i].y;
    }
    std::vector<int> ok(in.size(), TRUE);
    if (!in.empty() && !t->Transform(static_cast<int>(in.size()), xs.data(), ys.data(), nullptr, ok.data())) {
        std::size_t bad = 0;
        for (int v : ok) bad += v ? 0 : 1;
        throw ImportError(source + ": " + std::to_string(bad) + " of " + std::to_string(in.size()) +
                          " points cannot be projected to UTM; check the coordinate system");
    }
    out.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) out[i] = {xs[i] - frame.origin.x, ys[i] - frame.origin.y};
}

}  // namespace ut::import
