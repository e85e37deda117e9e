// type = "map" in [network]: a road map imported through GDAL (sim/import/map_import.hpp).
//
// PLACEHOLDER, handed over to the map-import work: replace the body of parse_map_network
// with the real reader of the map keys (file, layer, bbox, classes, ...; relative paths via
// section.path()) returning a build step that calls import::import_map and turns an
// ImportError into a ScenarioError naming the file:line of `file`. Until then a scenario
// asking for a map is rejected with a clear message instead of failing to link.
#include "scenario/network_section.hpp"

namespace ut::scenario {

NetworkBuild parse_map_network(SectionReader& section) {
    section.add_problem("type", "[network] type = \"map\" is not available in this build yet",
                        "use type = \"grid\" or \"arterial\" for now");
    // The map keys are unknown to this placeholder: do not flag them one by one.
    section.entries();
    return {};
}

}  // namespace ut::scenario
