// What a draft signal plan must satisfy before the viewer lets it run: the editor's limits
// (green 5-120 s, yellow 3-6 s, cycle 30-240 s, ...) and the project's safety check
// (signals/conflict_check.hpp: conflicting movements never green together, clearances,
// ring structure), supplied by the caller so this header stays UI- and network-free.
//
// Plans come in two forms (signals/signal_plan.hpp): stages (the generators' and the
// importer's plans) and NEMA ring-barrier phases with timing plans (plan files). The editor
// edits stage greens, or for ring plans the splits, min/max greens and controller of the
// first timing plan.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

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

// Sentences saying why a plan is unsafe (empty = safe); the viewer passes the project's
// conflict check bound to its network.
using SafetyCheck = std::function<std::vector<std::string>(const signals::SignalPlan&)>;

struct EditRules {
    PlanLimits limits;
    SafetyCheck safety;  // may be empty (tests of the limits alone)
};

inline bool is_ring_form(const signals::SignalPlan& p) { return !p.phases.empty(); }

namespace plan_check_detail {

inline bool outside(double v, double lo, double hi) { return v < lo - 1e-9 || v > hi + 1e-9; }

inline void check_clearance(std::vector<std::string>& why, const std::string& what, double yellow_s,
                            double all_red_s, const PlanLimits& lim) {
    if (outside(yellow_s, lim.min_yellow_s, lim.max_yellow_s))
        why.push_back(fmt::format("{}: yellow {:.1f} s is outside {:.0f}-{:.0f} s", what, yellow_s, lim.min_yellow_s,
                                  lim.max_yellow_s));
    if (outside(all_red_s, 0.0, lim.max_all_red_s))
        why.push_back(fmt::format("{}: all-red {:.1f} s is outside 0-{:.0f} s", what, all_red_s, lim.max_all_red_s));
}

inline void check_stages(std::vector<std::string>& why, const signals::SignalPlan& plan, const PlanLimits& lim) {
    if (plan.stages.empty()) why.push_back("the plan has no stages");
    for (std::size_t i = 0; i < plan.stages.size(); ++i) {
        const signals::Stage& s = plan.stages[i];
        const std::string what = fmt::format("stage {}", i + 1);
        if (outside(s.green_s, lim.min_green_s, lim.max_green_s))
            why.push_back(fmt::format("{}: green {:.0f} s is outside {:.0f}-{:.0f} s", what, s.green_s, lim.min_green_s,
                                      lim.max_green_s));
        check_clearance(why, what, s.yellow_s, s.all_red_s, lim);
        if (s.green_groups.empty()) why.push_back(what + " gives green to no movement");
    }
}

inline void check_phases(std::vector<std::string>& why, const signals::SignalPlan& plan, const PlanLimits& lim) {
    for (const signals::Phase& ph : plan.phases) {
        const std::string what = fmt::format("phase {}", ph.number);
        check_clearance(why, what, ph.yellow_s, ph.all_red_s, lim);
        if (ph.min_green_s < lim.min_green_s - 1e-9)
            why.push_back(fmt::format("{}: min green {:.0f} s is under {:.0f} s", what, ph.min_green_s, lim.min_green_s));
        if (ph.max_green_s < ph.min_green_s - 1e-9)
            why.push_back(fmt::format("{}: max green {:.0f} s is under its min green {:.0f} s", what, ph.max_green_s,
                                      ph.min_green_s));
    }
    if (plan.timings.empty()) return;
    const signals::TimingPlan& t = plan.timings.front();
    for (std::size_t p = 0; p < t.split_s.size() && p < plan.phases.size(); ++p) {
        const signals::Phase& ph = plan.phases[p];
        const double green = t.split_s[p] - ph.clearance_s();
        if (t.split_s[p] > 0.0 && outside(green, std::max(lim.min_green_s, ph.min_green_s), lim.max_green_s))
            why.push_back(fmt::format("phase {}: green {:.0f} s (split {:.0f} s) is outside {:.0f}-{:.0f} s", ph.number,
                                      green, t.split_s[p], std::max(lim.min_green_s, ph.min_green_s), lim.max_green_s));
    }
}

}  // namespace plan_check_detail

// Every reason the draft cannot run; empty when it is acceptable.
inline std::vector<std::string> check_draft(const signals::SignalPlan& plan, const EditRules& rules) {
    std::vector<std::string> why;
    const PlanLimits& lim = rules.limits;
    if (is_ring_form(plan)) plan_check_detail::check_phases(why, plan, lim);
    else plan_check_detail::check_stages(why, plan, lim);
    const double cycle = plan.cycle_s();
    const bool has_cycle = !is_ring_form(plan) || (!plan.timings.empty() && !plan.timings.front().split_s.empty());
    if (has_cycle && why.empty() && plan_check_detail::outside(cycle, lim.min_cycle_s, lim.max_cycle_s))
        why.push_back(fmt::format("cycle {:.0f} s is outside {:.0f}-{:.0f} s", cycle, lim.min_cycle_s, lim.max_cycle_s));
    if (why.empty() && rules.safety)
        for (std::string& s : rules.safety(plan)) why.push_back(std::move(s));
    return why;
}

}  // namespace ut::viewer
