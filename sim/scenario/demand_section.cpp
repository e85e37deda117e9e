// [demand] and [demand.mix]. Only random demand exists so far; `type` is there so that
// other demand kinds (an OD matrix, a trip file) slot in without changing existing files.
#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ut::scenario {

namespace {

std::string type_names(const std::vector<engine::VehicleType>& types) {
    std::string out;
    for (const auto& t : types) out += (out.empty() ? "" : ", ") + t.name;
    return out;
}

// Shares per vehicle type id, normalised to sum 1. Default: cars only.
std::vector<double> read_mix(SectionReader& demand, const std::vector<engine::VehicleType>& types) {
    std::vector<double> shares(types.size(), 0.0);
    auto mix = demand.table("mix");
    if (!mix) {
        shares[0] = 1.0;  // id 0 is the built-in car
        return shares;
    }
    double total = 0.0;
    const std::size_t problems_before = mix->problems().size();
    for (const auto& [name, value] : mix->entries()) {
        std::size_t id = 0;
        while (id < types.size() && types[id].name != name) ++id;
        if (id == types.size()) {
            mix->add_problem(name, fmt::format("unknown vehicle type '{}' in [demand.mix]", name),
                             fmt::format("allowed: {} (or define [vehicle_types.{}])",
                                         type_names(types), name));
            continue;
        }
        shares[id] = mix->number(name, 0.0, between(0.0, 1e9));
        total += shares[id];
    }
    // When an entry was already wrong, "no share above 0" would only repeat that problem.
    if (total <= 0.0 && mix->problems().size() == problems_before) {
        mix->add_problem("", "[demand.mix] gives no vehicle type a share above 0",
                         "allowed: shares >= 0 with at least one > 0, e.g. car = 0.9, truck = 0.1");
    }
    if (total <= 0.0) {
        shares.assign(types.size(), 0.0);
        shares[0] = 1.0;
        return shares;
    }
    for (double& s : shares) s /= total;
    return shares;
}

}  // namespace

DemandSpec read_demand_section(SectionReader& s, double duration_s,
                               const std::vector<engine::VehicleType>& types) {
    DemandSpec d;
    d.type = s.choice("type", d.type, {"random"});
    auto& r = d.random;
    r.vehicles_per_hour = s.number("vehicles_per_hour", r.vehicles_per_hour, between(0.0, 1e6));
    r.begin_s = s.number("begin_s", r.begin_s, between(0.0, 7 * 86400.0));
    if (const auto end = s.optional_number("end_s", above(0.0, 7 * 86400.0))) {
        r.end_s = *end;
        d.end_from_duration = false;
    } else {
        r.end_s = duration_s;
    }
    if (r.end_s <= r.begin_s) {
        s.add_problem(s.has("end_s") ? "end_s" : "begin_s",
                      fmt::format("[demand] begin_s = {} is not before end_s = {}{}",
                                  format_number(r.begin_s), format_number(r.end_s),
                                  d.end_from_duration ? " (the scenario's duration_s)" : ""),
                      "allowed: begin_s < end_s");
    }
    if (const auto seed = s.optional_integer("seed", {0, IntRange{}.max})) {
        r.seed = static_cast<std::uint64_t>(*seed);
        d.seed_from_engine = false;
    }
    r.max_destinations =
        static_cast<std::uint32_t>(s.integer("max_destinations", r.max_destinations, {1, 1000000}));
    r.min_trip_length_m = s.number("min_trip_length_m", r.min_trip_length_m, between(0.0, 1e6));
    r.vehicle_type_shares = read_mix(s, types);
    return d;
}

}  // namespace ut::scenario
