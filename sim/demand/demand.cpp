#include "demand/demand.hpp"

#include <algorithm>
#include <numeric>

namespace ut::demand {

TripId Demand::add_trip(double depart_s, VehicleTypeId type, std::span<const LinkId> route) {
    Trip t;
    t.id = TripId{static_cast<std::uint32_t>(trips.size())};
    t.depart_s = depart_s;
    t.vehicle_type = type;
    t.route_begin = static_cast<std::uint32_t>(route_links.size());
    t.route_size = static_cast<std::uint32_t>(route.size());
    route_links.insert(route_links.end(), route.begin(), route.end());
    trips.push_back(t);
    return t.id;
}

void Demand::sort_by_departure(std::vector<std::uint32_t>* new_id_of_old) {
    std::stable_sort(trips.begin(), trips.end(),
                     [](const Trip& a, const Trip& b) { return a.depart_s < b.depart_s; });
    if (new_id_of_old) new_id_of_old->assign(trips.size(), 0);
    for (std::uint32_t i = 0; i < trips.size(); ++i) {
        if (new_id_of_old) (*new_id_of_old)[trips[i].id.index()] = i;
        trips[i].id = TripId{i};
    }
}

}  // namespace ut::demand
