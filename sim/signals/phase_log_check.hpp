// Checking a run's phase log against its plans: did every signal do what its timing plan
// says? Each problem is a sentence naming the junction, the signal group, the time and
// what the plan wanted. What is checked, per junction:
//   - no two conflicting movements green together (a yielding permissive turn excepted),
//     and a conflicting green only after the all-red of the phase that cleared the foe
//     (and never below the minimum all-red);
//   - yellows as long as the phase's yellow (and never below the minimum);
//   - every green ended by a controller decision lasted its phase's min green; under
//     actuated control a gap-out came before max green and a max-out not before it;
//   - coordinated control: no green was forced off before its force-off point in the cycle
//     (a green with no conflicting call rests past it and is forced off when one comes);
//   - fixed time: every colour as the plan shows it at that time, each green as long as
//     planned and a cycle after the previous one (after a time-of-day switch, once the new
//     plan has had a full cycle to join).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "signals/conflict_check.hpp"
#include "signals/phase_log.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct LogCheckOptions {
    ConflictCheckOptions clearance;
    double step_s = 0.5;             // times are on the step grid
    bool compare_fixed_time = true;  // fixed-time plans: every change must match the plan's timing
};

// Empty when the log kept to its plan.
std::vector<std::string> check_phase_log(const network::Network& net, const ConflictTable& table, const SignalPlan& plan,
                                         const std::vector<PhaseLogRow>& rows, const LogCheckOptions& options = {});

struct JunctionLogVerdict {
    std::string junction;  // describe_junction, or the file name for a file no plan has
    std::filesystem::path file;
    std::size_t changes = 0;
    bool readable = true;  // false: missing, malformed, or not the log of a junction with a plan
    std::vector<std::string> problems;
};

// Reads the log of every plan from dir (as write_phase_logs names them) and checks it. A
// missing or malformed file, or a CSV in dir that belongs to no plan, is a verdict that is
// not readable.
std::vector<JunctionLogVerdict> check_phase_log_dir(const std::filesystem::path& dir, const network::Network& net,
                                                    const std::vector<SignalPlan>& plans,
                                                    const LogCheckOptions& options = {});

}  // namespace ut::signals
