// urbantwin: the command line. Builds the app, lets each subcommand register itself
// (commands.hpp), parses, and maps every outcome to the documented exit codes.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace {

constexpr const char* kFooter =
    "Exit codes: 0 success; 1 the run or writing outputs failed; 2 bad command line or "
    "scenario (nothing was run).\nDocumentation: README.md and docs/scenario.md.";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"UrbanTwin: a microscopic traffic simulator of city roads and signals.",
                 "urbantwin"};
    app.set_version_flag("--version", "urbantwin " URBANTWIN_VERSION);
    app.require_subcommand(1);
    app.footer(kFooter);

    ut::cli::register_run_command(app);
    ut::cli::register_import_command(app);
    ut::cli::register_export_sumo_command(app);
    ut::cli::register_signals_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        // A subcommand's own failure carries its code; CLI11's usage errors (its codes
        // are 100+) all become "bad input".
        if (code == 0 || dynamic_cast<const CLI::RuntimeError*>(&e) != nullptr) return code;
        return ut::cli::kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "urbantwin: error: %s\n", e.what());
        return ut::cli::kExitFailure;
    }
    return ut::cli::kExitOk;
}
