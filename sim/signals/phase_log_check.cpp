#include "signals/phase_log_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "signals/controller.hpp"
#include "signals/cycle_program.hpp"
#include "signals/fixed_time.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::signals {
namespace {

constexpr double kNever = -std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxProblems = 50;

bool is_green(SignalColor c) { return c == SignalColor::Green || c == SignalColor::GreenPermissive; }

double wrap(double t, double c) {
    const double r = std::fmod(t, c);
    return r < 0.0 ? r + c : r;
}

struct GroupFoe {
    std::size_t foe;
    bool yields;  // this group yields to the foe
};

// What the check needs of one timing plan.
struct TimingFacts {
    CycleProgram program;               // fixed time and coordinated
    std::vector<double> planned_green;  // fixed time, per group: its green per cycle; < 0 unless served once a cycle
    double settled_s = 0.0;             // fixed time: from here on the plan's colours apply exactly
};

// A phase's green as the log shows it: from the first row that names the phase on a group
// turning green until a group it serves stops being green (then it cannot be green).
struct PhaseState {
    bool green = false;
    double start = kNever;
};

struct GroupState {
    bool seen = false;
    SignalColor color = SignalColor::Red;
    double since = kNever;        // current colour
    double green_start = kNever;  // current or last green (protected or permissive, unbroken)
    int yellow_phase = 0;
    double red_since = kNever;
    int red_phase = 0;
};

// Green per cycle of each group that one stretch of the cycle serves (else -1).
std::vector<double> planned_greens(const CycleProgram& program, std::size_t groups) {
    std::vector<double> out(groups, -1.0);
    const auto& iv = program.intervals;
    const std::size_t n = iv.size();
    for (std::size_t g = 0; g < groups; ++g) {
        std::size_t starts = 0;
        double length = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!is_green(iv[i].colors[g]) || is_green(iv[(i + n - 1) % n].colors[g])) continue;
            ++starts;
            for (std::size_t k = i; is_green(iv[k % n].colors[g]) && k < i + n; ++k) length += iv[k % n].duration_s;
        }
        if (starts == 1) out[g] = length;
    }
    return out;
}

class LogChecker {
public:
    LogChecker(const network::Network& net, const ConflictTable& table, const SignalPlan& input, const LogCheckOptions& o)
        : plan_(to_ring_form(input)), options_(o), junction_(describe_junction(net, plan_.junction)),
          tol_(0.5 * o.step_s + 1e-6), state_(plan_.groups.size()), foes_(plan_.groups.size()),
          expected_(plan_.groups.size()), serving_(plan_.groups.size()), phases_(plan_.phases.size()) {
        names_ = phase_log_group_names(plan_);
        for (std::size_t g = 0; g < names_.size(); ++g) group_index_[names_[g]] = g;
        for (std::size_t p = 0; p < plan_.phases.size(); ++p)
            for (const auto* list : {&plan_.phases[p].groups, &plan_.phases[p].permissive_groups})
                for (std::uint16_t g : *list)
                    if (g < serving_.size()) serving_[g].push_back(p);
        std::map<std::uint32_t, std::size_t> group_of_conn;
        for (std::size_t g = 0; g < plan_.groups.size(); ++g)
            for (ConnectionId c : plan_.groups[g].connections) group_of_conn[c.index()] = g;
        for (std::size_t g = 0; g < plan_.groups.size(); ++g)
            for (ConnectionId c : plan_.groups[g].connections) {
                if (c.index() >= net.connections.size()) continue;
                for (const ConflictTable::Foe& f : table.foes(c)) {
                    const auto it = group_of_conn.find(f.connection);
                    if (it != group_of_conn.end()) foes_[g].push_back({it->second, f.yields});
                }
            }
        for (auto& foes : foes_) {  // one entry per group pair, however many connections cross
            std::sort(foes.begin(), foes.end(), [](const GroupFoe& a, const GroupFoe& b) {
                return std::pair(a.foe, a.yields) < std::pair(b.foe, b.yields);
            });
            foes.erase(std::unique(foes.begin(), foes.end(),
                                   [](const GroupFoe& a, const GroupFoe& b) { return a.foe == b.foe && a.yields == b.yields; }),
                       foes.end());
        }
        usable_ = structure_problems(plan_).empty();
        double longest_min_green = 0.0, longest_clearance = 0.0;
        for (const Phase& ph : plan_.phases) {
            longest_min_green = std::max(longest_min_green, ph.min_green_s);
            longest_clearance = std::max(longest_clearance, ph.clearance_s());
        }
        for (std::size_t k = 0; usable_ && k < plan_.timings.size(); ++k) {
            const TimingPlan& t = plan_.timings[k];
            TimingFacts f;
            if (t.controller == ControllerKind::FixedTime || t.controller == ControllerKind::Coordinated)
                f.program = cycle_program(plan_, k);
            if (t.controller == ControllerKind::FixedTime) {
                f.planned_green = planned_greens(f.program, plan_.groups.size());
                // A switch first lets greens run to min green and clear; windows that began
                // before the new plan joined are not shown, so a cycle later all are.
                f.settled_s = k == 0 ? 0.0 : t.from_s + longest_min_green + longest_clearance + f.program.cycle_s;
            }
            timings_.push_back(std::move(f));
        }
    }

    void row(const PhaseLogRow& r) {
        if (!first_time_) first_time_ = r.time_s;
        const auto it = group_index_.find(r.group);
        if (it == group_index_.end()) {
            add(fmt::format("the log names group '{}', which the plan does not have", r.group));
            return;
        }
        const std::size_t g = it->second;
        GroupState& s = state_[g];
        const bool was_green = s.seen && is_green(s.color);
        fixed_reported_ = false;
        if (s.seen && s.color == SignalColor::Yellow && r.color == SignalColor::Red) yellow_ended(r, s);
        if (was_green && !is_green(r.color)) {
            green_ended(r, g, s);
            for (std::size_t p : serving_[g]) phases_[p].green = false;
        }
        if (is_green(r.color)) {
            conflicts(r, g);
            if (!was_green) green_started(r, g, s);
            // A row with a reason while green is a ring still clearing the phase it names.
            if (const Phase* ph = phase(r.phase); ph && r.reason.empty() && !phases_[phase_index(ph)].green)
                phases_[phase_index(ph)] = {true, r.time_s};
        }
        compare_fixed_time(r, g);
        if (r.color == SignalColor::Red && s.color != SignalColor::Red) {
            s.red_since = r.time_s;
            s.red_phase = r.phase;
        }
        if (r.color == SignalColor::Yellow) s.yellow_phase = r.phase;
        s.seen = true;
        s.color = r.color;
        s.since = r.time_s;
    }

    std::vector<std::string> take() {
        if (truncated_) problems_.push_back("... (more problems not listed)");
        return std::move(problems_);
    }

private:
    void add(const std::string& what) {
        if (problems_.size() < kMaxProblems) problems_.push_back(fmt::format("{}: {}", junction_, what));
        else truncated_ = true;
    }

    const Phase* phase(int number) const {
        for (const Phase& ph : plan_.phases)
            if (ph.number == number && number != 0) return &ph;
        return nullptr;
    }
    std::size_t phase_index(const Phase* ph) const { return static_cast<std::size_t>(ph - plan_.phases.data()); }

    std::size_t timing_at_s(double t) const { return usable_ ? timing_at(plan_, t) : 0; }
    const TimingPlan* timing(std::size_t k, ControllerKind kind) const {
        return usable_ && k < plan_.timings.size() && plan_.timings[k].controller == kind ? &plan_.timings[k] : nullptr;
    }
    // Fixed time in force at t, and joined: its colours and cycle apply exactly.
    const TimingPlan* settled_fixed(double t) const {
        const std::size_t k = timing_at_s(t);
        const TimingPlan* tp = timing(k, ControllerKind::FixedTime);
        return tp && options_.compare_fixed_time && t + tol_ >= timings_[k].settled_s ? tp : nullptr;
    }
    // A green whose whole span the fixed-time plan timed (not cut by the start of the log).
    bool timed_span(double start_s, double t) const {
        return settled_fixed(start_s) && timing_at_s(start_s) == timing_at_s(t) && start_s > *first_time_ + tol_;
    }

    void yellow_ended(const PhaseLogRow& r, const GroupState& s) {
        const double held = r.time_s - s.since;
        const Phase* ph = phase(s.yellow_phase);
        // A yellow that ends in red is a clearance; one that ends in a permissive green
        // (protected -> permissive turn) is not, so only this transition is timed.
        if (held + tol_ < options_.clearance.min_yellow_s)
            add(fmt::format("'{}' was yellow for {:.1f} s from {:.1f} s, below the minimum {} s", r.group, held, s.since,
                            options_.clearance.min_yellow_s));
        else if (ph && std::abs(held - ph->yellow_s) > tol_)
            add(fmt::format("'{}' was yellow for {:.1f} s from {:.1f} s; phase {} has a yellow of {} s", r.group, held,
                            s.since, ph->number, ph->yellow_s));
    }

    void green_ended(const PhaseLogRow& r, std::size_t g, const GroupState& s) {
        const Phase* ph = phase(r.phase);
        if (ph && !r.reason.empty() && phases_[phase_index(ph)].green) phase_ended(r, *ph);
        if (!timed_span(s.green_start, r.time_s)) return;
        const std::size_t f = timing_at_s(r.time_s);
        const double planned = timings_[f].planned_green[g];
        const double held = r.time_s - s.green_start;
        if (planned >= 0.0 && std::abs(held - planned) > tol_) {
            add(fmt::format("'{}' was green for {:.1f} s from {:.1f} s; fixed-time plan '{}' gives it {:.1f} s a cycle",
                            r.group, held, s.green_start, plan_.timings[f].name, planned));
            fixed_reported_ = true;
        }
    }

    // The controller ended phase ph's green (the first of its groups to say so).
    void phase_ended(const PhaseLogRow& r, const Phase& ph) {
        const std::size_t p = phase_index(&ph);
        const double start = phases_[p].start;
        const double held = r.time_s - start;
        // Every controller decision respects min green; a fixed-time plan's own greens may be shorter.
        if (r.reason != "fixed" && held + tol_ < ph.min_green_s)
            add(fmt::format("phase {} ('{}') had only {:.1f} s of green from {:.1f} s until {}; its min green is {} s",
                            ph.number, r.group, held, start, r.reason, ph.min_green_s));
        const std::size_t k = timing_at_s(start);
        if (const TimingPlan* tp = timing(k, ControllerKind::Actuated)) {
            // Gap-out is only decided before max green is reached (controller.cpp).
            const double max = tp->max_green_s.size() == plan_.phases.size() ? tp->max_green_s[p] : ph.max_green_s;
            if (r.reason == "gap-out" && held > max + tol_)
                add(fmt::format("phase {} ('{}') was green for {:.1f} s from {:.1f} s until it gapped out; its max green "
                                "is {} s (timing plan '{}')",
                                ph.number, r.group, held, start, max, tp->name));
            if (r.reason == "max-out" && held + tol_ < max)
                add(fmt::format("phase {} ('{}') maxed out after {:.1f} s of green from {:.1f} s; its max green is {} s "
                                "(timing plan '{}')",
                                ph.number, r.group, held, start, max, tp->name));
        }
        // A coordinated green ends at its force-off point, or later when it rested there
        // without a conflicting call; never earlier.
        if (const TimingPlan* tp = timing(k, ControllerKind::Coordinated); tp && r.reason == "force-off") {
            const CycleProgram& prog = timings_[k].program;
            const double ref = prog.layout.reference_s;
            const double began = wrap(prog.layout_time(start) - ref, prog.cycle_s);
            const double point = wrap(prog.layout.windows[p].green_end_s - ref, prog.cycle_s);
            const double due = wrap(point - began, prog.cycle_s);
            if (held + tol_ < due)
                add(fmt::format("phase {} ('{}') was forced off at {:.1f} s, {:.1f} s before its force-off point: its "
                                "green began at {:.1f} s, {:.1f} s into the {:g} s cycle, and the force-off point is "
                                "{:.1f} s into it (timing plan '{}', offset {:g} s)",
                                ph.number, r.group, r.time_s, due - held, start, began, prog.cycle_s, point, tp->name,
                                tp->offset_s));
        }
    }

    void conflicts(const PhaseLogRow& r, std::size_t g) {
        for (const GroupFoe& f : foes_[g]) {
            const GroupState& foe = state_[f.foe];
            const SignalColor fc = foe.color;
            const bool safe_overlap =
                (f.yields && r.color == SignalColor::GreenPermissive) || (!f.yields && fc == SignalColor::GreenPermissive);
            if (safe_overlap) continue;
            if (fc != SignalColor::Red) {
                add(fmt::format("'{}' turned green at {:.1f} s while the conflicting '{}' was {}", r.group, r.time_s,
                                names_[f.foe], to_string(fc)));
                continue;
            }
            if (foe.red_since == kNever) continue;
            const double gap = r.time_s - foe.red_since;
            const Phase* cleared_by = phase(foe.red_phase);
            if (gap + tol_ < options_.clearance.min_all_red_s)
                add(fmt::format("'{}' turned green at {:.1f} s only {:.1f} s after the conflicting '{}' turned red; the "
                                "minimum all-red is {} s",
                                r.group, r.time_s, gap, names_[f.foe], options_.clearance.min_all_red_s));
            else if (cleared_by && gap + tol_ < cleared_by->all_red_s)
                add(fmt::format("'{}' turned green at {:.1f} s only {:.1f} s after the conflicting '{}' turned red; phase {} "
                                "has an all-red of {} s",
                                r.group, r.time_s, gap, names_[f.foe], cleared_by->number, cleared_by->all_red_s));
        }
    }

    void green_started(const PhaseLogRow& r, std::size_t g, GroupState& s) {
        const double previous = s.green_start;
        s.green_start = r.time_s;
        if (previous == kNever || !timed_span(previous, r.time_s)) return;
        const std::size_t k = timing_at_s(r.time_s);
        const double cycle = timings_[k].program.cycle_s;
        if (timings_[k].planned_green[g] < 0.0 || std::abs(r.time_s - previous - cycle) <= tol_) return;
        add(fmt::format("'{}' turned green at {:.1f} s, {:.1f} s after its previous green at {:.1f} s; the cycle of "
                        "fixed-time plan '{}' is {:g} s",
                        r.group, r.time_s, r.time_s - previous, previous, plan_.timings[k].name, cycle));
        fixed_reported_ = true;
    }

    void compare_fixed_time(const PhaseLogRow& r, std::size_t g) {
        if (fixed_reported_ || !settled_fixed(r.time_s)) return;
        fixed_time_colors(plan_, r.time_s, expected_);
        if (expected_[g] != r.color)
            add(fmt::format("at {:.1f} s '{}' turned {}; the fixed-time plan shows {} then", r.time_s, r.group,
                            to_string(r.color), to_string(expected_[g])));
    }

    SignalPlan plan_;
    LogCheckOptions options_;
    std::string junction_;
    double tol_;
    bool usable_ = true;
    std::vector<GroupState> state_;
    std::vector<std::vector<GroupFoe>> foes_;
    std::vector<SignalColor> expected_;
    std::vector<std::vector<std::size_t>> serving_;  // per group: the phases serving it
    std::vector<PhaseState> phases_;
    std::vector<std::string> names_;  // as the log names the groups
    std::map<std::string, std::size_t> group_index_;
    std::vector<TimingFacts> timings_;
    std::optional<double> first_time_;
    bool fixed_reported_ = false;
    std::vector<std::string> problems_;
    bool truncated_ = false;
};

}  // namespace

std::vector<std::string> check_phase_log(const network::Network& net, const ConflictTable& table, const SignalPlan& plan,
                                         const std::vector<PhaseLogRow>& rows, const LogCheckOptions& options) {
    LogChecker checker(net, table, plan, options);
    for (const PhaseLogRow& r : rows) checker.row(r);
    return checker.take();
}

std::vector<JunctionLogVerdict> check_phase_log_dir(const std::filesystem::path& dir, const network::Network& net,
                                                    const std::vector<SignalPlan>& plans, const LogCheckOptions& options) {
    const ConflictTable table(net);
    const std::vector<PhaseLogName> names = phase_log_names(net, plans);
    std::vector<JunctionLogVerdict> out;
    std::set<std::string> expected{"index.csv"};
    for (std::size_t p = 0; p < plans.size(); ++p) {
        JunctionLogVerdict v;
        v.junction = describe_junction(net, plans[p].junction);
        v.file = dir / names[p].file;
        expected.insert(names[p].file);
        std::vector<PhaseLogRow> rows;
        try {
            rows = read_phase_log(v.file);
        } catch (const PhaseLogError& e) {
            v.readable = false;
            const std::string text = e.what();
            for (std::size_t start = 0; start <= text.size();) {
                const std::size_t end = std::min(text.find('\n', start), text.size());
                v.problems.push_back(text.substr(start, end - start));
                start = end + 1;
            }
            out.push_back(std::move(v));
            continue;
        }
        v.changes = rows.size();
        if (!rows.empty() && !rows.front().junction.empty() && rows.front().junction != names[p].junction) {
            v.readable = false;
            v.problems.push_back(fmt::format("{}:2: the junction column says '{}', but this file is the log of {} ('{}'); "
                                             "was the run made with this scenario?",
                                             v.file.string(), rows.front().junction, v.junction, names[p].junction));
        } else {
            v.problems = check_phase_log(net, table, plans[p], rows, options);
        }
        out.push_back(std::move(v));
    }
    std::vector<std::filesystem::path> strays;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".csv" && !expected.count(entry.path().filename().string()) &&
            is_phase_log_file(entry.path()))
            strays.push_back(entry.path());
    std::sort(strays.begin(), strays.end());
    for (const auto& path : strays)
        out.push_back({path.filename().string(), path, 0, false,
                       {fmt::format("{}: no signalised junction of the scenario has its log in this file; was the run "
                                    "made with this scenario?",
                                    path.string())}});
    return out;
}

}  // namespace ut::signals
