// The urbantwin subcommands. main.cpp builds the CLI::App and calls every register_*;
// each subcommand lives in its own <name>_command.cpp and adds itself to the app there.
// To add one: declare its register_* below, define it in your file, call it in main.cpp.
//
// Exit codes (the same for every subcommand, listed in `urbantwin --help`):
//   0  success
//   1  the run or writing an output failed (the message names the file or the cause)
//   2  bad input: unknown option, bad value, or a scenario with problems; nothing was run
#pragma once

namespace CLI {
class App;
}

namespace ut::cli {

enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,
    kExitBadInput = 2,
};

void register_run_command(CLI::App& app);     // run_command.cpp
void register_import_command(CLI::App& app);  // import_command.cpp
void register_export_sumo_command(CLI::App& app);  // export_sumo_command.cpp
void register_signals_command(CLI::App& app);  // signals_command.cpp

}  // namespace ut::cli
