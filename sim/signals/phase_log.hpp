// The phase log as files: every colour change of every signal group, one CSV per
// signalised junction, written with every run (`urbantwin run`, into OUT/signals/) and read
// back to check the run against its plans (phase_log_check.hpp).
//
// DIR/<junction>.csv (junction = OSM node id, else name, else junction_<index>), columns
//   time_s    simulated time the colour starts
//   junction  the junction as plan files name it: OSM node id, name or "index 12"
//   phase     NEMA number of the phase behind the change (empty when none)
//   group     signal group (movement) name; "NAME (group N)" where groups share a name
//   color     red, yellow, green, green-permissive
//   reason    on the rows that end a green (its yellow, its red): why it ended: fixed,
//             gap-out, max-out, force-off, pressure, priority, plan-change; else empty
// The first rows (time 0) give the colour of every group at the start. Every file has the
// junction column, so the files of a run paste together into one table.
// DIR/index.csv, one row per junction: junction, name, osm_id, file, timing_plans
// ("morning: coordinated, 90 s cycle, from 0 s; ..."), changes (rows in its file).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "signals/signal_control.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct PhaseLogRow {
    double time_s = 0.0;
    std::string group;
    SignalColor color = SignalColor::Red;
    int phase = 0;
    std::string reason;
    std::string junction;
};

// A phase log that cannot be read: every bad line, each "FILE:LINE: what is wrong".
class PhaseLogError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct PhaseLogName {
    std::string junction;  // the junction column
    std::string file;      // file name in the log folder, unique among the plans
};

// Per plan, in plan order.
std::vector<PhaseLogName> phase_log_names(const network::Network& net, const std::vector<SignalPlan>& plans);

// Writes one CSV per plan and index.csv into dir (created when missing); returns the
// per-junction paths in plan order. Throws output::OutputError naming a file that cannot
// be written.
std::vector<std::filesystem::path> write_phase_logs(const std::filesystem::path& dir, const network::Network& net,
                                                    const std::vector<SignalPlan>& plans,
                                                    const PhaseLog& log);

// The group column of each of a plan's groups: its name, and where two groups share one,
// "NAME (group N)" with N its index in the plan, so every row names one group.
std::vector<std::string> phase_log_group_names(const SignalPlan& plan);

// The rows of one plan (plan index p) from the engine's log, as the CSV has them.
std::vector<PhaseLogRow> phase_log_rows(const SignalPlan& plan, const PhaseLog& log, std::uint32_t p);

// Whether a file is a phase log by its header (time_s, group and color columns): other
// CSVs may share its folder.
bool is_phase_log_file(const std::filesystem::path& path);

// Reads a CSV written by write_phase_logs. Columns are found by their header name (a
// spreadsheet may reorder them or add others); time_s, group and color are required.
// Throws PhaseLogError listing every bad line (unknown colour or reason, a number that is
// not one, times going backwards, more than one junction in the file).
std::vector<PhaseLogRow> read_phase_log(const std::filesystem::path& path);

}  // namespace ut::signals
