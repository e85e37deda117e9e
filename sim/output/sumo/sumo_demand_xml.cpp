// The demand half of the SUMO export: vehicle types with SUMO's IDM set to our parameters,
// one vehicle per trip with the same departure time and route, and the run configuration.
#include <fmt/format.h>

#include <ostream>

#include "network/network.hpp"
#include "output/sumo/sumo_xml.hpp"

namespace ut::output::sumo {
namespace {

const char* vehicle_class(network::VehicleClass c) {
    switch (c) {
        case network::VehicleClass::Car: return "passenger";
        case network::VehicleClass::Bus: return "bus";
        case network::VehicleClass::Truck: return "truck";
    }
    return "passenger";
}

}  // namespace

void write_routes(std::ostream& out, const SumoExportInput& in) {
    out << "<routes>\n";
    for (const engine::VehicleType& t : in.vehicle_types) {
        const double sd = t.speed_factor_deviation;
        // Ours: uniform with this standard deviation, clipped at +-2 sd; SUMO's normc is the
        // normal distribution with the same mean, deviation and clipping.
        out << fmt::format(
            "  <vType id=\"{}\" vClass=\"{}\" length=\"{:.2f}\" minGap=\"{:.2f}\" maxSpeed=\"{:.2f}\" "
            "accel=\"{:.2f}\" decel=\"{:.2f}\" emergencyDecel=\"{:.2f}\" tau=\"{:.2f}\" sigma=\"0\" "
            "speedFactor=\"normc({:.3f},{:.3f},{:.3f},{:.3f})\" carFollowModel=\"IDM\" delta=\"4\" "
            "lcCooperative=\"{:.2f}\"/>\n",
            xml_escape(t.name), vehicle_class(t.vehicle_class), t.length_m, t.min_gap_m, t.max_speed_mps,
            t.max_accel_mps2, t.comfortable_decel_mps2, t.emergency_decel_mps2, t.time_headway_s, t.speed_factor, sd,
            t.speed_factor * (1.0 - 2.0 * sd), t.speed_factor * (1.0 + 2.0 * sd), t.politeness);
    }
    for (const demand::Trip& trip : in.demand.trips) {
        out << fmt::format("  <vehicle id=\"{}\" type=\"{}\" depart=\"{:.2f}\" departLane=\"best\" departSpeed=\"max\" "
                           "departPos=\"base\">\n    <route edges=\"",
                           trip.id.value, xml_escape(in.vehicle_types[trip.vehicle_type.index()].name), trip.depart_s);
        bool first = true;
        for (LinkId l : in.demand.route(trip)) {
            if (!first) out << ' ';
            out << sumo_link_id(l);
            first = false;
        }
        out << "\"/>\n";
        write_run_stops(out, in, trip);
        out << "  </vehicle>\n";
    }
    out << "</routes>\n";
}

void write_sumo_config(std::ostream& out, const SumoExportInput& in) {
    out << fmt::format(R"(<configuration>
  <input>
    <net-file value="{0}.net.xml"/>
    <route-files value="{0}.rou.xml"/>
    <additional-files value="{0}.add.xml"/>
  </input>
  <time>
    <begin value="0"/>
    <end value="{1:.0f}"/>
    <step-length value="{2}"/>
  </time>
  <processing>
    <step-method.ballistic value="true"/>
    <time-to-teleport value="{3:.0f}"/>
  </processing>
  <random_number>
    <seed value="{4}"/>
  </random_number>
  <output>
    <tripinfo-output value="{0}.tripinfo.xml"/>
  </output>
  <report>
    <no-step-log value="true"/>
    <duration-log.statistics value="true"/>
  </report>
</configuration>
)",
                       in.name, in.duration_s, in.engine.step_s,
                       in.engine.teleport_on_gridlock ? in.engine.gridlock_wait_s : -1.0, in.engine.seed % 2147483647);
}

void write_netconvert_config(std::ostream& out, const std::string& name) {
    out << fmt::format(R"(<configuration>
  <input>
    <node-files value="{0}.nod.xml"/>
    <edge-files value="{0}.edg.xml"/>
    <connection-files value="{0}.con.xml"/>
    <tllogic-files value="{0}.tll.xml"/>
  </input>
  <output>
    <output-file value="{0}.net.xml"/>
  </output>
  <processing>
    <offset.disable-normalization value="true"/>
    <no-turnarounds value="true"/>
    <junctions.limit-turn-speed value="{1}"/>
  </processing>
</configuration>
)",
                       name, network::kTurnLateralAccel_mps2);
}

}  // namespace ut::output::sumo
