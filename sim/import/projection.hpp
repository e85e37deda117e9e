// From the source CRS to the local metric frame: the UTM zone of the map centre (WGS84,
// through PROJ), shifted by a round origin near the centre so coordinates stay small.
#pragma once

#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "import/map_import.hpp"
#include "import/road_tags.hpp"

namespace ut::import {

// `centre` is in the source CRS. Throws ImportError when the CRS cannot be used.
Georeference choose_frame(const std::string& source_srs, bool geographic, SourcePoint centre,
                          const std::string& source);

// Source coordinates to local metres (UTM minus origin), in place of `out`.
void project_points(const std::string& source_srs, const Georeference& frame,
                    const std::vector<SourcePoint>& in, std::vector<Vec2>& out, const std::string& source);

}  // namespace ut::import
