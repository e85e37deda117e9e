// Finished runs in the viewer (`--runs A [B]`): the output folders of `urbantwin run`, read
// by run_files.hpp, become one fixed RunFrame that the map, the layers, the plots and the
// cards draw like a live one. A is the first folder, B the second, compared over the whole
// run: link layers from links.csv, cards from summary.json (stops per trip from trips.csv),
// plots from the trips' arrival times.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "run_files.hpp"
#include "run_frame.hpp"

namespace ut::viewer {

// One or two runs (A, B) as a frame.
std::shared_ptr<const RunFrame> finished_frame(const std::vector<FinishedRun>& runs);

// How a run is called on screen: its folder as given, without a trailing slash.
std::string run_label(const FinishedRun& run);

}  // namespace ut::viewer
