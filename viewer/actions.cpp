#include "actions.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "scenario/signal_plan_file.hpp"
#include "signals/webster.hpp"
#include "text_format.hpp"

namespace ut::viewer {

Actions::Actions(AppState& state, SimRunner& runner, const MapGeometry& geometry, const scenario::Scenario& scenario,
                 std::vector<std::vector<double>> group_flow_veh_h)
    : st_(state), runner_(runner), geo_(geometry), scenario_(scenario), group_flow_(std::move(group_flow_veh_h)) {
    initial_plan_of_junction_.assign(geo_.network().junctions.size(), -1);
    const auto& plans = *runner_.frame()->a.plans;
    for (std::size_t k = 0; k < plans.size(); ++k)
        if (plans[k].junction.index() < initial_plan_of_junction_.size())
            initial_plan_of_junction_[plans[k].junction.index()] = static_cast<int>(k);
}

void Actions::select_junction(std::optional<JunctionId> j) {
    st_.selection.junction = j.value_or(JunctionId{});
    if (j) st_.selection.link = LinkId{};
    st_.editor.refused.clear();
    st_.editor.hovered_group = -1;
    runner_.select(st_.selection);
}

void Actions::select_link(std::optional<LinkId> l) {
    st_.selection.link = l.value_or(LinkId{});
    if (l) st_.selection.junction = JunctionId{};
    runner_.select(st_.selection);
}

void Actions::select_bus_line(std::optional<std::uint32_t> line) {
    st_.selection.bus_line = line.value_or(kNoBusLine);
    runner_.select(st_.selection);
}

const signals::SignalPlan* Actions::running_plan_of(const RunView& run, JunctionId j) const {
    if (!run.plans) return nullptr;
    for (const signals::SignalPlan& p : *run.plans)
        if (p.junction == j) return &p;
    return nullptr;
}

const signals::SignalPlan* Actions::running_plan(JunctionId j) const {
    if (!st_.frame) return nullptr;
    return running_plan_of(st_.frame->b ? *st_.frame->b : st_.frame->a, j);
}

bool Actions::has_draft(JunctionId j) const { return j.valid() && st_.editor.drafts.count(j.index()) > 0; }

std::optional<signals::SignalPlan> Actions::draft(JunctionId j) const {
    if (!j.valid()) return std::nullopt;
    if (const auto it = st_.editor.drafts.find(j.index()); it != st_.editor.drafts.end()) return it->second;
    if (const signals::SignalPlan* p = running_plan(j)) return *p;
    return std::nullopt;
}

EditRules Actions::rules() {
    if (!conflict_table_) {
        // Built once for the whole network on the first edit: the network never changes.
        conflict_table_ = std::make_unique<signals::ConflictTable>(geo_.network());
    }
    return {st_.editor.limits, [this](const signals::SignalPlan& p) {
                return signals::check_plan(geo_.network(), *conflict_table_, p, scenario_.signals.clearance);
            }};
}

bool Actions::edit(const std::string& what, const EditResult& r) {
    const JunctionId j = st_.selection.junction;
    if (!r.plan) {
        st_.editor.refused = r.refused;
        return false;
    }
    st_.editor.refused.clear();
    st_.editor.info.clear();
    const std::optional<signals::SignalPlan> before = draft(j);
    if (!before) return false;
    st_.editor.history.record({j, *before, *r.plan, what});
    st_.editor.drafts[j.index()] = *r.plan;
    return true;
}

void Actions::undo() {
    if (const auto e = st_.editor.history.undo()) {
        st_.editor.drafts[e->junction.index()] = e->before;
        select_junction(e->junction);
        st_.editor.info = "undone: " + e->what;
    }
}

void Actions::redo() {
    if (const auto e = st_.editor.history.redo()) {
        st_.editor.drafts[e->junction.index()] = e->after;
        select_junction(e->junction);
        st_.editor.info = "redone: " + e->what;
    }
}

void Actions::discard_draft() {
    st_.editor.drafts.erase(st_.selection.junction.index());
    st_.editor.refused.clear();
}

void Actions::apply_draft() {
    const JunctionId j = st_.selection.junction;
    const std::optional<signals::SignalPlan> d = draft(j);
    if (!d || !has_draft(j)) return;
    const std::vector<std::string> why = check_draft(*d, rules());
    if (!why.empty()) {
        st_.editor.refused = why.front();
        return;
    }
    runner_.submit(RunTarget::B, engine::SetSignalPlan{*d});
    st_.editor.drafts.erase(j.index());  // the running plan is the draft now
    const double t = st_.frame ? st_.frame->a.time_s : 0.0;
    st_.editor.info = fmt::format("applied to {} at {}", st_.frame && st_.frame->b ? "B" : "the run", clock_text(t));
}

void Actions::fork_with_draft() {
    const JunctionId j = st_.selection.junction;
    std::optional<engine::Command> edit;
    if (has_draft(j)) {
        const signals::SignalPlan d = *draft(j);
        const std::vector<std::string> why = check_draft(d, rules());
        if (!why.empty()) {
            st_.editor.refused = why.front();
            return;
        }
        edit = engine::SetSignalPlan{d};
        st_.editor.drafts.erase(j.index());
    }
    if (st_.frame && st_.frame->b) runner_.close_b();
    runner_.fork(std::move(edit));
    if (st_.layer == Layer::None) st_.layer = Layer::Diff;
    st_.editor.info = fmt::format("forked at {}: A as it was, B {}", clock_text(st_.frame ? st_.frame->a.time_s : 0.0),
                                  has_draft(j) || edit ? "with the edit" : "identical (no edit yet)");
}

void Actions::close_compare() {
    runner_.close_b();
    if (st_.layer == Layer::Diff) st_.layer = Layer::None;
}

std::filesystem::path Actions::default_plans_path() const {
    // The scenario's own plan file ([signals] plans = ...) when it has one: saving there is
    // what makes the next run use the edit (the dialog asks before replacing it).
    if (!scenario_.signals.plans_file.empty()) return scenario_.signals.plans_file;
    const std::filesystem::path dir = scenario_.file.has_parent_path() ? scenario_.file.parent_path() : ".";
    return dir / (scenario_.name + ".plans.toml");
}

bool Actions::save_plans(const std::filesystem::path& path, bool overwrite, std::string* error) {
    if (!overwrite && std::filesystem::exists(path)) return false;
    if (!st_.frame) return false;
    const RunView& run = st_.frame->b ? *st_.frame->b : st_.frame->a;
    try {
        scenario::write_signal_plan_file(
            path, geo_.network(), *run.plans,
            fmt::format("Signal plans of scenario '{}', saved by urbantwin-viewer at simulated time {} ({} run).",
                        scenario_.name, clock_text(run.time_s), st_.frame->b ? "B" : "the"));
        st_.editor.info = fmt::format("saved {} plans to {}", run.plans->size(), path.string());
    } catch (const output::OutputError& e) {
        if (error) *error = e.what();
        st_.editor.refused = e.what();
    }
    return true;
}

EditResult Actions::webster_suggestion(JunctionId j) {
    const std::optional<signals::SignalPlan> base = draft(j);
    const int k = j.index() < initial_plan_of_junction_.size() ? initial_plan_of_junction_[j.index()] : -1;
    if (!base || k < 0 || static_cast<std::size_t>(k) >= group_flow_.size())
        return {std::nullopt, "this junction has no signal plan"};
    const std::vector<double>& flow = group_flow_[static_cast<std::size_t>(k)];
    if (flow.size() != base->groups.size()) return {std::nullopt, "the plan's movements changed; no demand to time them"};
    signals::WebsterOptions o;
    o.min_cycle_s = st_.editor.limits.min_cycle_s;
    o.max_cycle_s = std::min(o.max_cycle_s, st_.editor.limits.max_cycle_s);
    o.min_green_s = st_.editor.limits.min_green_s;
    const signals::WebsterTiming t = signals::webster_timing(geo_.network(), *base, flow, o);
    if (t.flow_ratio_sum <= 0.0) return {std::nullopt, "no demand passes this junction"};
    if (t.oversaturated)
        return {std::nullopt, fmt::format("demand is at capacity (Y = {:.2f}): no cycle length clears it; reduce "
                                          "demand or add lanes",
                                          t.flow_ratio_sum)};
    return plan_edit_detail::accept_if_valid(signals::with_webster_timing(*base, t), rules());
}

}  // namespace ut::viewer
