// Editing a fixed-time signal plan in the timing editor: the operations a planner (or a
// script) performs on a draft plan, the checks that refuse an unsafe or unworkable draft
// with a reason, and the undo/redo history of drafts.
//
// Glossary
//   draft      the plan being edited for one junction; the simulation runs its own copy until
//              the draft is applied (SetSignalPlan) or forked into run B.
//   split      the green time of one stage.
//   clearance  a stage's yellow + all-red, kept as is when the cycle is rescaled.
//
// Header-only and free of UI types, so tests/viewer checks it without a display.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "signals/signal_plan.hpp"

namespace ut::viewer {

// Bounds a draft must respect. Minimum green and yellow follow common practice (a driver
// needs ~5 s of green to react, ~3 s of yellow to stop from 50 km/h).
struct PlanLimits {
    double min_green_s = 5.0;
    double max_green_s = 120.0;
    double min_yellow_s = 3.0;
    double max_yellow_s = 6.0;
    double max_all_red_s = 6.0;
    double min_cycle_s = 30.0;
    double max_cycle_s = 240.0;
};

// Two connections of the same junction whose paths cross or merge.
using ConflictPair = std::pair<ConnectionId, ConnectionId>;

namespace plan_check_detail {
inline bool contains(const signals::SignalGroup& g, ConnectionId id) {
    return std::find(g.connections.begin(), g.connections.end(), id) != g.connections.end();
}
inline bool groups_cross(const signals::SignalGroup& a, const signals::SignalGroup& b,
                         const std::vector<ConflictPair>& conflicts) {
    for (const ConflictPair& c : conflicts)
        if ((contains(a, c.first) && contains(b, c.second)) || (contains(a, c.second) && contains(b, c.first)))
            return true;
    return false;
}
}  // namespace plan_check_detail

// Every reason the draft cannot run; empty when it is acceptable. `conflicts` are the
// junction's conflicting connection pairs: two protected (non-permissive) groups green in
// the same stage must not contain a conflicting pair.
inline std::vector<std::string> check_plan(const signals::SignalPlan& plan, const PlanLimits& lim,
                                           const std::vector<ConflictPair>& conflicts = {}) {
    std::vector<std::string> why;
    if (plan.stages.empty()) why.push_back("the plan has no stages");
    for (std::size_t i = 0; i < plan.stages.size(); ++i) {
        const signals::Stage& s = plan.stages[i];
        if (s.green_s < lim.min_green_s - 1e-9 || s.green_s > lim.max_green_s + 1e-9)
            why.push_back(fmt::format("stage {}: green {:.0f} s is outside {:.0f}-{:.0f} s", i + 1,
                                      s.green_s, lim.min_green_s, lim.max_green_s));
        if (s.yellow_s < lim.min_yellow_s - 1e-9 || s.yellow_s > lim.max_yellow_s + 1e-9)
            why.push_back(fmt::format("stage {}: yellow {:.1f} s is outside {:.0f}-{:.0f} s", i + 1,
                                      s.yellow_s, lim.min_yellow_s, lim.max_yellow_s));
        if (s.all_red_s < 0.0 || s.all_red_s > lim.max_all_red_s + 1e-9)
            why.push_back(fmt::format("stage {}: all-red {:.1f} s is outside 0-{:.0f} s", i + 1,
                                      s.all_red_s, lim.max_all_red_s));
        if (s.green_groups.empty()) why.push_back(fmt::format("stage {} gives green to no group", i + 1));
        for (std::uint16_t g : s.green_groups)
            if (g >= plan.groups.size())
                why.push_back(fmt::format("stage {} names group {} that does not exist", i + 1, g));
    }
    const double cycle = plan.cycle_s();
    if (!plan.stages.empty() && (cycle < lim.min_cycle_s - 1e-9 || cycle > lim.max_cycle_s + 1e-9))
        why.push_back(fmt::format("cycle {:.0f} s is outside {:.0f}-{:.0f} s", cycle, lim.min_cycle_s,
                                  lim.max_cycle_s));
    // Protected movements that cross must never be green together.
    for (std::size_t i = 0; i < plan.stages.size(); ++i) {
        const auto& greens = plan.stages[i].green_groups;
        for (std::size_t x = 0; x < greens.size(); ++x) {
            for (std::size_t y = x + 1; y < greens.size(); ++y) {
                if (greens[x] >= plan.groups.size() || greens[y] >= plan.groups.size()) continue;
                const signals::SignalGroup& ga = plan.groups[greens[x]];
                const signals::SignalGroup& gb = plan.groups[greens[y]];
                if (ga.permissive || gb.permissive) continue;  // a permissive movement yields
                if (plan_check_detail::groups_cross(ga, gb, conflicts))
                    why.push_back(fmt::format("stage {}: '{}' and '{}' cross and would both have a "
                                              "protected green",
                                              i + 1, ga.name, gb.name));
            }
        }
    }
    return why;
}

// The result of an edit: the new draft, or the reason it was refused.
struct EditResult {
    std::optional<signals::SignalPlan> plan;
    std::string refused;
};

namespace plan_edit_detail {
inline EditResult accept_if_valid(signals::SignalPlan p, const PlanLimits& lim,
                                  const std::vector<ConflictPair>& conflicts) {
    const std::vector<std::string> why = check_plan(p, lim, conflicts);
    if (!why.empty()) return {std::nullopt, why.front()};
    return {std::move(p), {}};
}
inline bool has_stage(const signals::SignalPlan& p, std::size_t i) { return i < p.stages.size(); }
}  // namespace plan_edit_detail

inline EditResult set_green(signals::SignalPlan p, std::size_t stage, double green_s, const PlanLimits& lim,
                            const std::vector<ConflictPair>& conflicts = {}) {
    if (!plan_edit_detail::has_stage(p, stage)) return {std::nullopt, fmt::format("there is no stage {}", stage + 1)};
    p.stages[stage].green_s = green_s;
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

inline EditResult set_yellow(signals::SignalPlan p, std::size_t stage, double yellow_s, const PlanLimits& lim,
                             const std::vector<ConflictPair>& conflicts = {}) {
    if (!plan_edit_detail::has_stage(p, stage)) return {std::nullopt, fmt::format("there is no stage {}", stage + 1)};
    p.stages[stage].yellow_s = yellow_s;
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

inline EditResult set_all_red(signals::SignalPlan p, std::size_t stage, double all_red_s, const PlanLimits& lim,
                              const std::vector<ConflictPair>& conflicts = {}) {
    if (!plan_edit_detail::has_stage(p, stage)) return {std::nullopt, fmt::format("there is no stage {}", stage + 1)};
    p.stages[stage].all_red_s = all_red_s;
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

// Offsets are kept in [0, cycle): the same timing whatever multiple of the cycle is typed.
inline EditResult set_offset(signals::SignalPlan p, double offset_s, const PlanLimits& lim,
                             const std::vector<ConflictPair>& conflicts = {}) {
    const double cycle = p.cycle_s();
    if (cycle > 0.0) {
        offset_s = std::fmod(offset_s, cycle);
        if (offset_s < 0.0) offset_s += cycle;
    }
    p.offset_s = offset_s;
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

// New cycle length: clearances stay, the greens share the rest in their current proportions
// (so the splits keep their balance), rounded to 0.5 s with the rounding left in the last stage.
inline EditResult set_cycle(signals::SignalPlan p, double cycle_s, const PlanLimits& lim,
                            const std::vector<ConflictPair>& conflicts = {}) {
    double clearance = 0.0, green = 0.0;
    for (const signals::Stage& s : p.stages) {
        clearance += s.yellow_s + s.all_red_s;
        green += s.green_s;
    }
    if (p.stages.empty() || green <= 0.0) return {std::nullopt, "the plan has no green time to rescale"};
    const double new_green = cycle_s - clearance;
    if (new_green <= 0.0)
        return {std::nullopt, fmt::format("a {:.0f} s cycle leaves no green after {:.0f} s of yellow and all-red",
                                          cycle_s, clearance)};
    double given = 0.0;
    for (std::size_t i = 0; i + 1 < p.stages.size(); ++i) {
        p.stages[i].green_s = std::round(p.stages[i].green_s / green * new_green * 2.0) / 2.0;
        given += p.stages[i].green_s;
    }
    p.stages.back().green_s = new_green - given;
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

// Phase order: moves stage `from` to position `to` (the others keep their order).
inline EditResult move_stage(signals::SignalPlan p, std::size_t from, std::size_t to, const PlanLimits& lim,
                             const std::vector<ConflictPair>& conflicts = {}) {
    if (!plan_edit_detail::has_stage(p, from) || !plan_edit_detail::has_stage(p, to))
        return {std::nullopt, "no such stage"};
    signals::Stage moved = p.stages[from];
    p.stages.erase(p.stages.begin() + static_cast<std::ptrdiff_t>(from));
    p.stages.insert(p.stages.begin() + static_cast<std::ptrdiff_t>(to), std::move(moved));
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

// Gives group `group` green in `stage` or takes it away: the edit the conflict check exists for.
inline EditResult toggle_group(signals::SignalPlan p, std::size_t stage, std::uint16_t group, const PlanLimits& lim,
                               const std::vector<ConflictPair>& conflicts = {}) {
    if (!plan_edit_detail::has_stage(p, stage) || group >= p.groups.size()) return {std::nullopt, "no such stage or group"};
    auto& greens = p.stages[stage].green_groups;
    const auto it = std::find(greens.begin(), greens.end(), group);
    if (it != greens.end()) greens.erase(it);
    else greens.insert(std::upper_bound(greens.begin(), greens.end(), group), group);
    return plan_edit_detail::accept_if_valid(std::move(p), lim, conflicts);
}

// Undo/redo over drafts of any junction: each entry is one accepted edit.
class EditHistory {
public:
    struct Entry {
        JunctionId junction;
        signals::SignalPlan before;
        signals::SignalPlan after;
        std::string what;  // shown in the editor ("stage 2 green 30 s")
    };

    void record(Entry e) {
        done_.push_back(std::move(e));
        undone_.clear();  // a new edit forks the history; the undone branch is gone
    }
    bool can_undo() const { return !done_.empty(); }
    bool can_redo() const { return !undone_.empty(); }
    // The entry to revert: restore entry.before for entry.junction.
    std::optional<Entry> undo() {
        if (done_.empty()) return std::nullopt;
        undone_.push_back(std::move(done_.back()));
        done_.pop_back();
        return undone_.back();
    }
    // The entry to repeat: restore entry.after for entry.junction.
    std::optional<Entry> redo() {
        if (undone_.empty()) return std::nullopt;
        done_.push_back(std::move(undone_.back()));
        undone_.pop_back();
        return done_.back();
    }
    const std::vector<Entry>& done() const { return done_; }

private:
    std::vector<Entry> done_;
    std::vector<Entry> undone_;
};

}  // namespace ut::viewer
