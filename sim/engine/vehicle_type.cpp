#include "engine/vehicle_type.hpp"

namespace ut::engine {

std::vector<VehicleType> default_vehicle_types() {
    using network::VehicleClass;
    VehicleType car;
    car.name = "car";

    VehicleType bus;
    bus.name = "bus";
    bus.vehicle_class = VehicleClass::Bus;
    bus.length_m = 12.0;
    bus.max_speed_mps = 22.2;
    bus.max_accel_mps2 = 1.2;
    bus.comfortable_decel_mps2 = 2.5;
    bus.time_headway_s = 1.5;
    bus.politeness = 0.5;
    bus.capacity = 70;  // a 12 m bus: ~40 seats and ~30 standing (a planning figure; docs/transit.md)

    VehicleType truck;
    truck.name = "truck";
    truck.vehicle_class = VehicleClass::Truck;
    truck.length_m = 10.0;
    truck.max_speed_mps = 25.0;
    truck.max_accel_mps2 = 1.0;
    truck.comfortable_decel_mps2 = 2.5;
    truck.time_headway_s = 1.5;
    truck.politeness = 0.5;
    truck.capacity = 2;

    return {car, bus, truck};
}

}  // namespace ut::engine
