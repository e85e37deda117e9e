#include "actions.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "network/conflicts.hpp"
#include "output/atomic_file.hpp"
#include "plan_file.hpp"
#include "text_format.hpp"

namespace ut::viewer {

Actions::Actions(AppState& state, SimRunner& runner, const MapGeometry& geometry, const scenario::Scenario& scenario)
    : st_(state), runner_(runner), geo_(geometry), scenario_(scenario) {}

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

const std::vector<ConflictPair>& Actions::conflicts(JunctionId j) {
    if (!conflicts_ready_) {
        // Computed once for the whole network on the first edit: the network never changes.
        conflicts_by_junction_.assign(geo_.network().junctions.size(), {});
        for (const network::Conflict& c : network::compute_conflicts(geo_.network())) {
            const std::uint32_t junction = geo_.net().conn_junction[c.a.index()];
            conflicts_by_junction_[junction].emplace_back(c.a, c.b);
        }
        conflicts_ready_ = true;
    }
    return conflicts_by_junction_.at(j.index());
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
    const std::vector<std::string> why = check_plan(*d, st_.editor.limits, conflicts(j));
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
        const std::vector<std::string> why = check_plan(d, st_.editor.limits, conflicts(j));
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
    const std::filesystem::path dir = scenario_.file.has_parent_path() ? scenario_.file.parent_path() : ".";
    return dir / (scenario_.name + ".plans.toml");
}

bool Actions::save_plans(const std::filesystem::path& path, bool overwrite, std::string* error) {
    if (!overwrite && std::filesystem::exists(path)) return false;
    if (!st_.frame) return false;
    const RunView& run = st_.frame->b ? *st_.frame->b : st_.frame->a;
    try {
        output::write_file_atomically(path, plans_to_toml(*run.plans, scenario_.name, run.time_s));
        st_.editor.info = fmt::format("saved {} plans to {}", run.plans->size(), path.string());
    } catch (const output::OutputError& e) {
        if (error) *error = e.what();
        st_.editor.refused = e.what();
    }
    return true;
}

EditResult Actions::webster_suggestion(JunctionId j) const {
    const std::optional<signals::SignalPlan> base = draft(j);
    if (!base || base->stages.empty()) return {std::nullopt, "this junction has no stage plan"};
    const RunView& run = st_.frame->b ? *st_.frame->b : st_.frame->a;
    if (!run.window || run.window_s < 60.0) return {std::nullopt, "no traffic measured yet: run a few minutes first"};
    constexpr double kSaturation_veh_h_lane = 1800.0;
    const network::Network& net = geo_.network();
    const double hours = run.window_s / 3600.0;
    // Flow ratio of a group: the busiest approach lane feeding it, against saturation flow.
    const auto group_ratio = [&](const signals::SignalGroup& g) {
        double y = 0.0;
        std::set<std::uint32_t> links;
        for (ConnectionId c : g.connections) links.insert(net.connection(c).from_link.index());
        for (std::uint32_t l : links) {
            const double per_lane = static_cast<double>((*run.window)[l].left) / hours /
                                    static_cast<double>(std::max<std::size_t>(net.links[l].lanes.size(), 1));
            y = std::max(y, per_lane / kSaturation_veh_h_lane);
        }
        return y;
    };
    std::vector<double> y(base->stages.size(), 0.0);
    double total_y = 0.0, lost = 0.0;
    for (std::size_t i = 0; i < base->stages.size(); ++i) {
        for (std::uint16_t g : base->stages[i].green_groups) y[i] = std::max(y[i], group_ratio(base->groups[g]));
        total_y += y[i];
        lost += base->stages[i].yellow_s + base->stages[i].all_red_s;
    }
    if (total_y <= 0.0) return {std::nullopt, "no vehicles left this junction in the window"};
    if (total_y >= 0.95)
        return {std::nullopt, fmt::format("demand is at capacity (Y = {:.2f}): no cycle length clears it; "
                                          "reduce demand or add lanes",
                                          total_y)};
    const PlanLimits& lim = st_.editor.limits;
    const double cycle = std::clamp((1.5 * lost + 5.0) / (1.0 - total_y), lim.min_cycle_s, lim.max_cycle_s);
    signals::SignalPlan p = *base;
    for (std::size_t i = 0; i < p.stages.size(); ++i)
        p.stages[i].green_s = std::max(lim.min_green_s, std::round((cycle - lost) * y[i] / total_y * 2.0) / 2.0);
    const std::vector<std::string> why = check_plan(p, lim, {});
    if (!why.empty()) return {std::nullopt, "the Webster timing is outside the limits: " + why.front()};
    return {std::move(p), {}};
}

}  // namespace ut::viewer
