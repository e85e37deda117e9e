// Internal to source_reader*.cpp: what the OSM and GIS readers share.
#pragma once

#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <string>

#include "import/source_reader.hpp"

namespace ut::import::detail {

struct GdalDatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;
using FeaturePtr = std::unique_ptr<OGRFeature, decltype(&OGRFeature::DestroyFeature)>;
inline FeaturePtr own(OGRFeature* f) { return {f, &OGRFeature::DestroyFeature}; }

// The bbox as a polygon in the layer's CRS, and a test of whether a geometry touches it.
class BBoxFilter {
public:
    BBoxFilter(const std::optional<BBox>& bbox, const OGRSpatialReference* layer_srs,
               const std::string& source);
    bool active() const { return polygon_ != nullptr; }
    bool keeps(const OGRGeometry& g) const;

private:
    std::unique_ptr<OGRPolygon> polygon_;
    OGREnvelope envelope_;
};

// Adds each linestring of g (a LineString, MultiLineString or curve) as a RawWay with the
// given id and tags. Returns false when g holds no lines (a point, a polygon...).
bool append_lines(const OGRGeometry& g, std::int64_t id,
                  const std::vector<std::pair<Tag, std::string>>& tags, SourceData& out);

void drop(SourceData& out, const std::string& reason);

// The OSM and GIS halves of read_source, on an open dataset.
void read_osm(GDALDataset& ds, const ImportOptions& options, SourceData& out);
void read_gis(GDALDataset& ds, const ImportOptions& options, SourceData& out);

}  // namespace ut::import::detail
