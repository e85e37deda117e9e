// Signal timing as data: which connections move together (signal groups), the phases that
// serve them in a NEMA ring-barrier structure, and the timing plans a controller runs. The
// engine sees only the colour of each group at each step; how colours are chosen is the
// controller's business (controller.hpp).
//
// Glossary (HCM / NEMA)
//   signal group   a movement: a set of connections that always show the same colour.
//   phase          a timing unit serving some groups: green, then yellow and all-red
//                  clearance. Numbered as on a timing sheet (NEMA 1..8, up to 32).
//   ring           a sequence of phases that run one after another (never together).
//   barrier        a point all rings cross together; phases of different rings between the
//                  same two barriers (a "barrier group") may run together.
//   split          a phase's share of the cycle: green + yellow + all-red.
//   cycle, offset  the sum of splits of one ring; the time (mod cycle) at which the
//                  reference point (begin of green of the coordinated phases, or of the
//                  first phase when none) occurs, counted from t = 0.
//   overlap        a group served by several phases; it stays green between two
//                  consecutive phases that both serve it.
//   stage          the older, simpler description: a set of groups green together, run in
//                  sequence. A plan with stages and no phases runs as one ring, one phase
//                  per stage (see ring_barrier.hpp), so both forms behave alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace ut::signals {

enum class SignalColor : std::uint8_t {
    Red = 0,
    Yellow = 1,
    Green = 2,           // protected: no conflicting movement has green
    GreenPermissive = 3  // green, but the movement yields to conflicting traffic
};

struct SignalGroup {
    std::string name;
    std::vector<ConnectionId> connections;
    bool permissive = false;  // stage plans: its green is a GreenPermissive
};

struct Stage {
    std::vector<std::uint16_t> green_groups;  // indices into SignalPlan::groups
    double green_s = 20.0;
    double yellow_s = 3.0;
    double all_red_s = 2.0;

    double duration_s() const { return green_s + yellow_s + all_red_s; }
};

enum class Recall : std::uint8_t {
    None,  // served only when a detector calls it
    Min,   // always called; may gap out after its minimum green
    Max,   // always called and held to its maximum green (no gap-out)
};

struct Phase {
    std::uint8_t number = 0;                    // as on the timing sheet, unique in the plan
    std::vector<std::uint16_t> groups;          // protected green during this phase
    std::vector<std::uint16_t> permissive_groups;  // green-permissive (yield) during this phase
    double min_green_s = 5.0;
    double max_green_s = 40.0;
    double passage_s = 3.0;   // unit extension: a detector actuation holds green this long
    double yellow_s = 3.0;
    double all_red_s = 2.0;
    Recall recall = Recall::None;

    double clearance_s() const { return yellow_s + all_red_s; }
};

enum class ControllerKind : std::uint8_t {
    FixedTime,    // splits run as timed, cycle and offset kept
    Actuated,     // fully actuated: gap-out / max-out / recall per phase, no cycle
    Coordinated,  // coordinated-actuated: actuated side phases with force-offs that keep
                  // the cycle and offset; the coordinated phases get the unused time
    MaxPressure,  // adaptive: serves the compatible phases with the largest queue pressure
};

enum class OffsetReference : std::uint8_t {
    BeginOfGreen,   // offset = when the coordinated phases turn green
    BeginOfYellow,  // offset = when the coordinated phases turn yellow (their yield point)
};

// One timing plan of a junction. A junction runs the plan whose from_s is the latest not
// after the current time (time-of-day plans); the switch waits for a safe point.
struct TimingPlan {
    std::string name = "plan";
    double from_s = 0.0;
    ControllerKind controller = ControllerKind::FixedTime;
    double offset_s = 0.0;
    OffsetReference offset_reference = OffsetReference::BeginOfGreen;
    std::vector<double> split_s;          // per phase (index into SignalPlan::phases); fixed time, coordinated
    std::vector<std::uint8_t> coordinated;  // phase indices; coordinated: one per ring, same barrier group
    std::vector<double> max_green_s;      // per phase; empty = the phases' own max_green_s
    double priority_max_extension_s = 10.0;  // transit priority: green held at most this long past its end
};

struct SignalPlan {
    JunctionId junction;
    std::vector<SignalGroup> groups;
    std::vector<Stage> stages;  // the stage form; used when `phases` is empty
    double offset_s = 0.0;      // the stage form's offset (begin of green of the first stage)

    // The ring-barrier form. rings[r][b] = the phases (indices into `phases`) ring r runs,
    // in order, in barrier group b. Every ring has the same number of barrier groups.
    std::vector<Phase> phases;
    std::vector<std::vector<std::vector<std::uint8_t>>> rings;
    std::vector<TimingPlan> timings;  // sorted by from_s; empty = one fixed-time plan

    double cycle_s() const;  // stage form: sum of stages; ring form: the first timing's cycle
};

const char* to_string(ControllerKind kind);
const char* to_string(SignalColor color);
const char* to_string(Recall recall);

}  // namespace ut::signals
