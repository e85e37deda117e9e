// What the planner can do, as one set of functions shared by the panels (buttons) and the
// script runner (--script), so a scripted run exercises exactly the code a click does.
// Every change to the simulation goes through the runner as a Command or a fork.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "map_geometry.hpp"
#include "plan_edit.hpp"
#include "scenario/scenario.hpp"
#include "signals/conflict_check.hpp"
#include "sim_runner.hpp"

namespace ut::viewer {

class Actions {
public:
    // `group_flow_veh_h[k]` is the demand of each movement of the k-th initial plan, for
    // Webster (signals::group_demand over the scenario's demand).
    Actions(AppState& state, SimRunner& runner, const MapGeometry& geometry, const scenario::Scenario& scenario,
            std::vector<std::vector<double>> group_flow_veh_h);

    void select_junction(std::optional<JunctionId> junction);
    void select_link(std::optional<LinkId> link);
    // A bus line (index into the scenario's lines) for the plots; nothing = none.
    void select_bus_line(std::optional<std::uint32_t> line);

    // The plan the simulation runs now at `j` (run B's after a fork: that is where edits go).
    const signals::SignalPlan* running_plan(JunctionId j) const;
    const signals::SignalPlan* running_plan_of(const RunView& run, JunctionId j) const;
    // The draft of `j`, or its running plan when there is no draft.
    std::optional<signals::SignalPlan> draft(JunctionId j) const;
    bool has_draft(JunctionId j) const;
    // The editor's limits plus the project's safety check (conflicts, clearances, structure).
    EditRules rules();

    // Records an accepted edit of the selected junction's draft, or shows why it was refused.
    bool edit(const std::string& what, const EditResult& result);
    void undo();
    void redo();
    void discard_draft();

    void apply_draft();      // SetSignalPlan to the running simulation (B after a fork)
    void fork_with_draft();  // A keeps its plan, B gets the draft
    void close_compare();

    // Returns false (and writes nothing) when `path` exists and `overwrite` is false.
    bool save_plans(const std::filesystem::path& path, bool overwrite, std::string* error);
    std::filesystem::path default_plans_path() const;
    void write_report(const std::filesystem::path& path) const;

    // Webster's optimum cycle and splits from the scenario's demand for each movement;
    // refused with the reason when the junction is at or over capacity.
    EditResult webster_suggestion(JunctionId j);

private:
    AppState& st_;
    SimRunner& runner_;
    const MapGeometry& geo_;
    const scenario::Scenario& scenario_;
    std::vector<std::vector<double>> group_flow_;
    std::vector<int> initial_plan_of_junction_;  // index into group_flow_, -1 = none
    std::unique_ptr<signals::ConflictTable> conflict_table_;  // built on the first edit
};

}  // namespace ut::viewer
