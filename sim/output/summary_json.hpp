// summary.json: the run's KPIs (metrics/summary.hpp) as one JSON object. Keys carry units;
// a quantity that does not exist (mean travel time when nothing arrived) is null.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "metrics/summary.hpp"

namespace ut::output {

nlohmann::ordered_json summary_to_json(const metrics::Summary& summary);

void write_summary_json(const std::filesystem::path& path, const metrics::Summary& summary);

}  // namespace ut::output
