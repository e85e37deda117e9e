// The signal programs of the SUMO export. Every plan, stage or ring-barrier, goes through
// its ring form and signals::cycle_program: one SUMO phase per interval of the cycle in
// which no group changes colour ('G' protected green, 'g' permissive, 'y', 'r'), so a
// dual-ring plan whose rings change at different times exports as the sequence of states
// it really shows.
//   fixed time    type="static", the splits, cycle and offset;
//   coordinated   type="static" too: its fixed-time skeleton (SUMO has no force-offs; side
//                 phases do not gap out and no time returns early to the coordinated phases);
//   actuated,     type="actuated": every phase at max green; an interval in which all rings
//   max-pressure  are green gets minDur (the longest min green still to run) and maxDur, so
//                 SUMO may cut it at a gap; clearances are fixed. SUMO runs the states in
//                 order and cannot skip an uncalled phase, and has no max-pressure.
// The first timing plan is the program netconvert builds into the network ("urbantwin");
// later time-of-day plans go into the additional file as programs named after them, with a
// WAUT that switches to each at its start time.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>

#include "output/sumo/sumo_export.hpp"
#include "output/sumo/sumo_xml.hpp"
#include "signals/conflict_check.hpp"
#include "signals/cycle_program.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::output::sumo {
namespace {

char state_char(signals::SignalColor c) {
    switch (c) {
        case signals::SignalColor::Green: return 'G';
        case signals::SignalColor::GreenPermissive: return 'g';
        case signals::SignalColor::Yellow: return 'y';
        case signals::SignalColor::Red: return 'r';
    }
    return 'r';
}

// Plan group per position of the junction's state string.
std::vector<std::int32_t> state_groups(const signals::SignalPlan& plan, const std::vector<std::int32_t>& link_index) {
    std::vector<std::int32_t> group_of;
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
        for (ConnectionId c : plan.groups[g].connections) {
            const auto pos = static_cast<std::size_t>(link_index[c.index()]);
            if (group_of.size() <= pos) group_of.resize(pos + 1, -1);
            group_of[pos] = static_cast<std::int32_t>(g);
        }
    return group_of;
}

// XML comments take any text but "--".
std::string comment_text(std::string text) {
    for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) text[at + 1] = '_';
    return text;
}

bool actuated(signals::ControllerKind k) {
    return k == signals::ControllerKind::Actuated || k == signals::ControllerKind::MaxPressure;
}

// SUMO program ids: the first timing keeps "urbantwin"; later ones their (unique) names.
std::vector<std::string> program_ids(const signals::SignalPlan& ring) {
    std::vector<std::string> ids;
    for (std::size_t k = 0; k < ring.timings.size(); ++k) {
        std::string id = k == 0 ? "urbantwin" : ring.timings[k].name;
        if (std::find(ids.begin(), ids.end(), id) != ids.end() || id.empty()) id = fmt::format("{}-{}", id, k);
        ids.push_back(std::move(id));
    }
    return ids;
}

void write_program(std::ostream& out, const network::Network& net, const signals::SignalPlan& ring, std::size_t k,
                   const std::string& program_id, const std::vector<std::int32_t>& group_of) {
    const signals::TimingPlan& timing = ring.timings[k];
    const signals::CycleProgram program = signals::cycle_program(ring, k);
    const bool act = actuated(timing.controller);
    out << fmt::format("  <tlLogic id=\"{}\" type=\"{}\" programID=\"{}\" offset=\"{:.2f}\">\n",
                       sumo_junction_id(ring.junction), act ? "actuated" : "static", xml_escape(program_id),
                       program.start_s);
    out << fmt::format("    <!-- {}: timing plan '{}' ({}{}) -->\n", comment_text(signals::describe_junction(net, ring.junction)),
                       comment_text(timing.name), signals::to_string(timing.controller),
                       timing.controller == signals::ControllerKind::Coordinated ? ", as its fixed-time skeleton" : "");
    if (act) {
        double passage = 0.0;
        for (const signals::Phase& ph : ring.phases) passage = std::max(passage, ph.passage_s);
        // Our upstream loop sits 3 s of travel before the stop line (metrics/detectors.hpp).
        out << fmt::format("    <param key=\"max-gap\" value=\"{:g}\"/>\n    <param key=\"detector-gap\" value=\"3\"/>\n",
                           passage);
    }
    for (const signals::CycleInterval& iv : program.intervals) {
        std::string state(group_of.size(), 'r');
        for (std::size_t pos = 0; pos < group_of.size(); ++pos)
            if (group_of[pos] >= 0) state[pos] = state_char(iv.colors[static_cast<std::size_t>(group_of[pos])]);
        std::string limits;
        if (act && iv.extendable && iv.min_duration_s < iv.duration_s)
            limits = fmt::format(" minDur=\"{:.2f}\" maxDur=\"{:.2f}\"", iv.min_duration_s, iv.duration_s);
        out << fmt::format("    <phase duration=\"{:.2f}\"{} state=\"{}\"/>\n", iv.duration_s, limits, state);
    }
    out << "  </tlLogic>\n";
}

}  // namespace

void write_tls(std::ostream& out, const network::Network& net, const std::vector<signals::SignalPlan>& plans,
               const std::vector<std::int32_t>& link_index) {
    out << "<tlLogics>\n";
    for (const auto& plan : plans) {
        const signals::SignalPlan ring = signals::to_ring_form(plan);
        write_program(out, net, ring, 0, "urbantwin", state_groups(plan, link_index));
    }
    // The programs, then the controlled connections once more: netconvert keeps a
    // connection's tl/linkIndex only when it comes with the tlLogic file; from the connection
    // file alone it renumbers them in its own order, which scrambles our state strings.
    for (std::uint32_t c = 0; c < net.connections.size(); ++c) {
        if (link_index[c] < 0) continue;
        const auto& con = net.connections[c];
        out << fmt::format("  <connection from=\"{}\" to=\"{}\" fromLane=\"{}\" toLane=\"{}\" tl=\"{}\" linkIndex=\"{}\"/>\n",
                           sumo_link_id(con.from_link), sumo_link_id(con.to_link), con.from_lane, con.to_lane,
                           sumo_junction_id(net.link(con.from_link).to), link_index[c]);
    }
    out << "</tlLogics>\n";
}

void write_tls_switches(std::ostream& out, const network::Network& net, const std::vector<signals::SignalPlan>& plans,
                        const std::vector<std::int32_t>& link_index) {
    for (const auto& plan : plans) {
        const signals::SignalPlan ring = signals::to_ring_form(plan);
        if (ring.timings.size() < 2) continue;
        const std::vector<std::string> ids = program_ids(ring);
        const std::vector<std::int32_t> group_of = state_groups(plan, link_index);
        for (std::size_t k = 1; k < ring.timings.size(); ++k) write_program(out, net, ring, k, ids[k], group_of);
        // Loading a program makes it the running one; the WAUT starts the first again.
        const std::string id = sumo_junction_id(ring.junction);
        out << fmt::format("  <WAUT id=\"{}\" refTime=\"0\" startProg=\"{}\">\n", id, ids[0]);
        for (std::size_t k = 1; k < ring.timings.size(); ++k)
            out << fmt::format("    <wautSwitch time=\"{:.2f}\" to=\"{}\"/>\n", ring.timings[k].from_s, xml_escape(ids[k]));
        out << fmt::format("  </WAUT>\n  <wautJunction wautID=\"{0}\" junctionID=\"{0}\"/>\n", id);
    }
}

}  // namespace ut::output::sumo
