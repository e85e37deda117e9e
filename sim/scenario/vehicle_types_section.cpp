// [vehicle_types.NAME]: overrides of a built-in type (car, bus, truck) or a new type, which
// starts from the built-in type of its `class`. Ids: built-ins 0..2, then new types in
// name order (TOML tables have no order we could rely on).
#include <algorithm>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "scenario/sections.hpp"

namespace ut::scenario {

namespace {

constexpr std::size_t kMaxTypes = VehicleTypeId::kInvalid;  // ids 0..254

void read_fields(SectionReader& s, engine::VehicleType& t) {
    t.length_m = s.number("length_m", t.length_m, above(0.0, 30.0));
    t.max_speed_mps = s.number("max_speed_mps", t.max_speed_mps, above(0.0, 70.0));
    t.speed_factor = s.number("speed_factor", t.speed_factor, above(0.0, 2.0));
    t.speed_factor_deviation =
        s.number("speed_factor_deviation", t.speed_factor_deviation, between(0.0, 0.5));
    t.max_accel_mps2 = s.number("max_accel_mps2", t.max_accel_mps2, above(0.0, 10.0));
    t.comfortable_decel_mps2 =
        s.number("comfortable_decel_mps2", t.comfortable_decel_mps2, above(0.0, 10.0));
    t.emergency_decel_mps2 =
        s.number("emergency_decel_mps2", t.emergency_decel_mps2, above(0.0, 15.0));
    t.time_headway_s = s.number("time_headway_s", t.time_headway_s, above(0.0, 10.0));
    t.min_gap_m = s.number("min_gap_m", t.min_gap_m, between(0.0, 20.0));
    t.politeness = s.number("politeness", t.politeness, between(0.0, 1.0));
    t.lane_change_threshold_mps2 =
        s.number("lane_change_threshold_mps2", t.lane_change_threshold_mps2, between(0.0, 5.0));
    t.capacity = static_cast<std::uint32_t>(s.integer("capacity", t.capacity, {0, 1000}));
    if (t.emergency_decel_mps2 < t.comfortable_decel_mps2) {
        s.add_problem("emergency_decel_mps2",
                      fmt::format("[{}] emergency_decel_mps2 = {} is below comfortable_decel_mps2 = {}",
                                  s.name(), format_number(t.emergency_decel_mps2),
                                  format_number(t.comfortable_decel_mps2)),
                      "allowed: emergency braking at least as strong as comfortable braking");
    }
}

}  // namespace

std::vector<engine::VehicleType> read_vehicle_types_section(SectionReader& section) {
    const std::vector<engine::VehicleType> builtins = engine::default_vehicle_types();
    std::vector<engine::VehicleType> types = builtins;
    const std::vector<std::string> classes = {"car", "bus", "truck"};
    const auto find_builtin = [&](const std::string& name) {
        return std::find_if(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(builtins.size()),
                            [&](const engine::VehicleType& t) { return t.name == name; });
    };

    for (const auto& [name, value] : section.entries()) {
        auto sub = section.table(name);
        if (!sub) continue;  // not a table: reported by table()
        const auto it = find_builtin(name);
        const bool builtin = it != types.begin() + static_cast<std::ptrdiff_t>(builtins.size());
        if (builtin) {
            // A built-in keeps its class: ids 0..2 mean car, bus, truck everywhere.
            read_fields(*sub, *it);
        } else {
            const std::string cls = sub->choice("class", "car", classes);
            // Start from the pristine built-in, not from the file's overrides of it.
            engine::VehicleType t = *std::find_if(
                builtins.begin(), builtins.end(),
                [&](const engine::VehicleType& b) { return b.name == cls; });
            t.name = name;
            read_fields(*sub, t);
            if (types.size() >= kMaxTypes) {
                sub->add_problem("", fmt::format("too many vehicle types ([vehicle_types.{}])", name),
                                 fmt::format("allowed: at most {} types", kMaxTypes));
            } else {
                types.push_back(std::move(t));
            }
        }
        sub->report_unknown_keys();
    }
    return types;
}

}  // namespace ut::scenario
