// Editing a signal plan in the timing editor: the operations a planner (or a script)
// performs on a draft, each checked (plan_check.hpp) so a refused edit comes back with its
// reason and leaves the draft as it was, and the undo/redo history of drafts.
//
// Glossary
//   draft      the plan being edited for one junction; the simulation runs its own copy until
//              the draft is applied (SetSignalPlan) or forked into run B.
//   row        what the editor lists: a stage (stage plans) or a phase (ring plans).
//   split      stage plans: a stage's green; ring plans: a phase's green + yellow + all-red.
//   clearance  yellow + all-red, kept as is when the cycle is rescaled.
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
#include "plan_check.hpp"
#include "signals/signal_plan.hpp"

namespace ut::viewer {

// The result of an edit: the new draft, or the reason it was refused.
struct EditResult {
    std::optional<signals::SignalPlan> plan;
    std::string refused;
};

namespace plan_edit_detail {
inline EditResult accept_if_valid(signals::SignalPlan p, const EditRules& rules) {
    std::vector<std::string> why = check_draft(p, rules);
    if (!why.empty()) return {std::nullopt, std::move(why.front())};
    return {std::move(p), {}};
}
inline EditResult no_row(std::size_t i) { return {std::nullopt, fmt::format("there is no stage or phase {}", i + 1)}; }
inline bool has_timing(const signals::SignalPlan& p) {
    return !p.timings.empty() && p.timings.front().split_s.size() == p.phases.size();
}
}  // namespace plan_edit_detail

// Stage plans: green of stage i. Ring plans: green of phase i in the first timing plan (its
// split becomes green + clearance).
inline EditResult set_green(signals::SignalPlan p, std::size_t i, double green_s, const EditRules& rules) {
    if (is_ring_form(p)) {
        if (i >= p.phases.size() || !plan_edit_detail::has_timing(p)) return plan_edit_detail::no_row(i);
        p.timings.front().split_s[i] = green_s + p.phases[i].clearance_s();
    } else {
        if (i >= p.stages.size()) return plan_edit_detail::no_row(i);
        p.stages[i].green_s = green_s;
    }
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

inline EditResult set_yellow(signals::SignalPlan p, std::size_t i, double yellow_s, const EditRules& rules) {
    if (is_ring_form(p)) {
        if (i >= p.phases.size()) return plan_edit_detail::no_row(i);
        if (plan_edit_detail::has_timing(p)) p.timings.front().split_s[i] += yellow_s - p.phases[i].yellow_s;
        p.phases[i].yellow_s = yellow_s;  // the green keeps its length
    } else {
        if (i >= p.stages.size()) return plan_edit_detail::no_row(i);
        p.stages[i].yellow_s = yellow_s;
    }
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

inline EditResult set_all_red(signals::SignalPlan p, std::size_t i, double all_red_s, const EditRules& rules) {
    if (is_ring_form(p)) {
        if (i >= p.phases.size()) return plan_edit_detail::no_row(i);
        if (plan_edit_detail::has_timing(p)) p.timings.front().split_s[i] += all_red_s - p.phases[i].all_red_s;
        p.phases[i].all_red_s = all_red_s;
    } else {
        if (i >= p.stages.size()) return plan_edit_detail::no_row(i);
        p.stages[i].all_red_s = all_red_s;
    }
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

// Ring plans: the actuated bounds of phase i.
inline EditResult set_min_green(signals::SignalPlan p, std::size_t i, double s, const EditRules& rules) {
    if (i >= p.phases.size()) return plan_edit_detail::no_row(i);
    p.phases[i].min_green_s = s;
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}
inline EditResult set_max_green(signals::SignalPlan p, std::size_t i, double s, const EditRules& rules) {
    if (i >= p.phases.size()) return plan_edit_detail::no_row(i);
    p.phases[i].max_green_s = s;
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}
inline EditResult set_controller(signals::SignalPlan p, signals::ControllerKind kind, const EditRules& rules) {
    if (p.timings.empty()) return {std::nullopt, "a stage plan runs fixed time; controllers need a ring-barrier plan"};
    p.timings.front().controller = kind;
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

inline double offset_of(const signals::SignalPlan& p) {
    return is_ring_form(p) && !p.timings.empty() ? p.timings.front().offset_s : p.offset_s;
}

// Offsets are kept in [0, cycle): the same timing whatever multiple of the cycle is typed.
inline EditResult set_offset(signals::SignalPlan p, double offset_s, const EditRules& rules) {
    const double cycle = p.cycle_s();
    if (cycle > 0.0) {
        offset_s = std::fmod(offset_s, cycle);
        if (offset_s < 0.0) offset_s += cycle;
    }
    if (is_ring_form(p) && !p.timings.empty()) p.timings.front().offset_s = offset_s;
    else p.offset_s = offset_s;
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

// New cycle length: clearances stay, the greens share the rest in their current proportions
// (so the splits keep their balance), rounded to 0.5 s with the rounding left in the last row.
// Ring plans scale every phase's green by the factor that gives ring 1 the new cycle.
inline EditResult set_cycle(signals::SignalPlan p, double cycle_s, const EditRules& rules) {
    const bool ring = is_ring_form(p);
    const std::size_t rows = ring ? p.phases.size() : p.stages.size();
    if (ring && !plan_edit_detail::has_timing(p)) return {std::nullopt, "this plan has no cycle (actuated)"};
    const auto clearance = [&](std::size_t i) { return ring ? p.phases[i].clearance_s() : p.stages[i].yellow_s + p.stages[i].all_red_s; };
    const auto green = [&](std::size_t i) { return ring ? p.timings.front().split_s[i] - clearance(i) : p.stages[i].green_s; };
    double total_clearance = 0.0, total_green = 0.0;
    const double old_cycle = p.cycle_s();
    for (std::size_t i = 0; i < rows; ++i) total_green += green(i), total_clearance += clearance(i);
    if (ring) {  // one ring's share: the cycle is a ring's sum of splits
        const double share = old_cycle / std::max(total_green + total_clearance, 1e-9);
        total_green *= share, total_clearance *= share;
    }
    if (rows == 0 || total_green <= 0.0) return {std::nullopt, "the plan has no green time to rescale"};
    const double new_green = cycle_s - total_clearance;
    if (new_green <= 0.0)
        return {std::nullopt, fmt::format("a {:.0f} s cycle leaves no green after {:.0f} s of yellow and all-red",
                                          cycle_s, total_clearance)};
    const double factor = new_green / total_green;
    if (ring) {
        for (std::size_t i = 0; i < rows; ++i)
            p.timings.front().split_s[i] = std::round(green(i) * factor * 2.0) / 2.0 + clearance(i);
    } else {
        double given = 0.0;
        for (std::size_t i = 0; i + 1 < rows; ++i) {
            p.stages[i].green_s = std::round(p.stages[i].green_s * factor * 2.0) / 2.0;
            given += p.stages[i].green_s;
        }
        p.stages.back().green_s = new_green - given;
    }
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

// Phase order of a stage plan: moves stage `from` to position `to`.
inline EditResult move_stage(signals::SignalPlan p, std::size_t from, std::size_t to, const EditRules& rules) {
    if (is_ring_form(p)) return {std::nullopt, "reorder ring-barrier phases in the plan file (rings and barriers)"};
    if (from >= p.stages.size() || to >= p.stages.size()) return {std::nullopt, "no such stage"};
    signals::Stage moved = p.stages[from];
    p.stages.erase(p.stages.begin() + static_cast<std::ptrdiff_t>(from));
    p.stages.insert(p.stages.begin() + static_cast<std::ptrdiff_t>(to), std::move(moved));
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
}

// Gives movement (group) `group` green in stage/phase `row`, or takes it away: the edit the
// safety check exists for.
inline EditResult toggle_group(signals::SignalPlan p, std::size_t row, std::uint16_t group, const EditRules& rules) {
    if (group >= p.groups.size()) return {std::nullopt, "no such movement"};
    std::vector<std::uint16_t>* greens = nullptr;
    if (is_ring_form(p) && row < p.phases.size()) greens = &p.phases[row].groups;
    else if (!is_ring_form(p) && row < p.stages.size()) greens = &p.stages[row].green_groups;
    if (!greens) return plan_edit_detail::no_row(row);
    const auto it = std::find(greens->begin(), greens->end(), group);
    if (it != greens->end()) greens->erase(it);
    else greens->insert(std::upper_bound(greens->begin(), greens->end(), group), group);
    return plan_edit_detail::accept_if_valid(std::move(p), rules);
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
