#include "transit/bus_line.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ut::transit {

double BusLine::scheduled_headway_s() const {
    if (departures_s.size() < 2) return 0.0;
    std::vector<double> gaps;
    for (std::size_t i = 1; i < departures_s.size(); ++i) gaps.push_back(departures_s[i] - departures_s[i - 1]);
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
    return gaps[gaps.size() / 2];
}

void add_runs_to_demand(TransitLines& transit, demand::Demand& demand) {
    transit.runs.clear();
    transit.line_first_stop.clear();
    transit.stop_count = 0;
    transit.seat_count = 0;
    const auto before = static_cast<std::uint32_t>(demand.trips.size());
    for (std::uint32_t l = 0; l < transit.lines.size(); ++l) {
        const BusLine& line = transit.lines[l];
        transit.line_first_stop.push_back(transit.stop_count);
        transit.stop_count += static_cast<std::uint32_t>(line.stops.size());
        for (std::uint32_t k = 0; k < line.departures_s.size(); ++k) {
            BusRun run;
            run.line = l;
            run.number = k;
            run.depart_s = line.departures_s[k];
            run.trip = demand.add_trip(run.depart_s, line.vehicle_type, line.route);
            run.first_seat = transit.seat_count;
            transit.seat_count += static_cast<std::uint32_t>(line.stops.size());
            transit.runs.push_back(run);
        }
    }
    // The sort renumbers trips; a run's trip was added at index `before + run index`.
    std::vector<std::uint32_t> new_id;
    demand.sort_by_departure(&new_id);
    for (std::uint32_t r = 0; r < transit.runs.size(); ++r) transit.runs[r].trip = TripId{new_id[before + r]};
}

std::vector<std::string> check_lines(const TransitLines& transit, const std::vector<double>& link_length_m) {
    std::vector<std::string> out;
    for (const BusLine& line : transit.lines) {
        auto problem = [&](const std::string& what) { out.push_back(fmt::format("bus line '{}': {}", line.name, what)); };
        if (line.route.empty()) problem("the route is empty");
        for (LinkId link : line.route)
            if (link.index() >= link_length_m.size()) problem(fmt::format("the route has link {}, which the network does not have", link.value));
        if (line.stops.empty()) problem("the line has no stops");
        if (!std::is_sorted(line.departures_s.begin(), line.departures_s.end())) problem("departures are not in time order");
        for (std::size_t s = 0; s < line.stops.size(); ++s) {
            const BusStop& stop = line.stops[s];
            if (stop.route_index >= line.route.size()) {
                problem(fmt::format("stop '{}' is past the end of the route", stop.name));
                continue;
            }
            const std::uint32_t link = line.route[stop.route_index].index();
            if (link < link_length_m.size() && (stop.offset_m < 0.0 || stop.offset_m > link_length_m[link]))
                problem(fmt::format("stop '{}' is at {} m on link {}, which is {} m long", stop.name, stop.offset_m, link,
                                    link_length_m[link]));
            if (s > 0) {
                const BusStop& prev = line.stops[s - 1];
                if (stop.route_index < prev.route_index || (stop.route_index == prev.route_index && stop.offset_m <= prev.offset_m))
                    problem(fmt::format("stop '{}' comes before stop '{}' along the route", stop.name, prev.name));
            }
            if (!(stop.boardings_per_h >= 0.0) || !(stop.alight_weight >= 0.0))
                problem(fmt::format("stop '{}' has a negative passenger rate or weight", stop.name));
            if (stop.boardings_per_h > 0.0) {
                bool somewhere = false;
                for (std::size_t t = s + 1; t < line.stops.size(); ++t) somewhere = somewhere || line.stops[t].alight_weight > 0.0;
                if (!somewhere) problem(fmt::format("passengers board at stop '{}' but no later stop lets them off", stop.name));
            }
        }
    }
    return out;
}

}  // namespace ut::transit
