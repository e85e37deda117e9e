// The phase log: every colour change of every signal group, one CSV per junction, so a
// run can be checked against its plan (and read back to do so).
//
// File DIR/signals/<junction>.csv (junction = OSM node id, else name, else index), columns
//   time_s   simulated time the colour starts
//   group    signal group (movement) name
//   color    red, yellow, green, green-permissive
//   phase    NEMA number of the phase that caused the change (empty when none)
//   reason   why the previous green ended: fixed, gap-out, max-out, force-off, pressure,
//            priority, plan-change (empty for a start of green)
// The first rows (time 0) give the colour of every group at the start.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "signals/conflict_check.hpp"
#include "signals/signal_control.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct PhaseLogRow {
    double time_s = 0.0;
    std::string group;
    SignalColor color = SignalColor::Red;
    int phase = 0;
    std::string reason;
};

// File name of a junction's log: "<osm id>.csv", "<name>.csv" (made file-safe) or "junction_<index>.csv".
std::string phase_log_file_name(const network::Network& net, JunctionId junction);

// Writes one CSV per plan into dir (created when missing); returns the paths. Throws
// output::OutputError naming a file that cannot be written.
std::vector<std::filesystem::path> write_phase_logs(const std::filesystem::path& dir, const network::Network& net,
                                                    const std::vector<SignalPlan>& plans,
                                                    const std::vector<PhaseChange>& log);

// The rows of a CSV written by write_phase_logs, or the same for a single plan (in memory).
std::vector<PhaseLogRow> read_phase_log(const std::filesystem::path& path);
std::vector<PhaseLogRow> phase_log_rows(const SignalPlan& plan, const std::vector<PhaseChange>& log, std::uint32_t plan_index);

struct LogCheckOptions {
    ConflictCheckOptions clearance;
    double step_s = 0.5;            // times are on the step grid
    bool compare_fixed_time = true; // fixed-time plans: every change must match the plan's timing
};

// What in a log contradicts its plan: conflicting movements green together, a yellow or
// all-red below the minimum before a conflicting green, a green shorter than its phase's
// min green (ended by a controller decision), and for fixed-time plans any colour
// other than the plan's at that time. Empty when the run kept to its plan.
std::vector<std::string> check_phase_log(const network::Network& net, const ConflictTable& table, const SignalPlan& plan,
                                         const std::vector<PhaseLogRow>& rows, const LogCheckOptions& options = {});

}  // namespace ut::signals
