#include "scenario/signals_section.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "scenario/section_reader.hpp"
#include "scenario/signal_plan_file.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::scenario {
namespace {

const std::vector<std::string> kControllers = {"fixed", "actuated", "coordinated", "max-pressure"};

// Retimes every plan; with a common cycle, a second pass gives all plans the longest one.
void retime(std::vector<signals::SignalPlan>& plans, const network::Network& net, const demand::Demand& demand,
            const SignalsSpec& spec, double begin_s, double end_s) {
    const auto flows = signals::group_demand(net, demand, plans, begin_s, end_s);
    std::vector<signals::WebsterTiming> timings;
    double longest = 0.0;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        timings.push_back(signals::webster_timing(net, plans[p], flows[p], spec.webster_options));
        longest = std::max(longest, timings.back().cycle_s);
    }
    for (std::size_t p = 0; p < plans.size(); ++p) {
        if (spec.common_cycle && timings[p].cycle_s < longest - 1e-6) {
            signals::WebsterOptions fixed = spec.webster_options;
            fixed.min_cycle_s = fixed.max_cycle_s = longest;
            timings[p] = signals::webster_timing(net, plans[p], flows[p], fixed);
        }
        plans[p] = signals::with_webster_timing(plans[p], timings[p]);
    }
}

}  // namespace

std::optional<signals::ControllerKind> controller_kind(const std::string& name) {
    if (name == "fixed") return signals::ControllerKind::FixedTime;
    if (name == "actuated") return signals::ControllerKind::Actuated;
    if (name == "coordinated") return signals::ControllerKind::Coordinated;
    if (name == "max-pressure") return signals::ControllerKind::MaxPressure;
    return std::nullopt;
}

SignalsSpec read_signals_section(SectionReader& s) {
    SignalsSpec spec;
    spec.present = s.present();
    spec.line = s.line();
    spec.plans_file = s.path("plans", {});
    spec.plans_line = s.line_of("plans");
    if (s.has("controller")) spec.controller = controller_kind(s.choice("controller", "fixed", kControllers));
    spec.webster = s.choice("optimize", "none", {"none", "webster"}) == "webster";
    spec.common_cycle = s.boolean("common_cycle", spec.common_cycle);
    auto& w = spec.webster_options;
    w.saturation_flow_per_lane = s.number("saturation_flow_per_lane", w.saturation_flow_per_lane, between(300.0, 3000.0));
    w.min_cycle_s = s.number("min_cycle_s", w.min_cycle_s, between(20.0, 300.0));
    w.max_cycle_s = s.number("max_cycle_s", w.max_cycle_s, between(20.0, 300.0));
    if (w.max_cycle_s < w.min_cycle_s)
        s.add_problem("max_cycle_s", fmt::format("[signals] max_cycle_s = {} is below min_cycle_s = {}",
                                                 format_number(w.max_cycle_s), format_number(w.min_cycle_s)),
                      "allowed: max_cycle_s >= min_cycle_s");
    spec.clearance.min_yellow_s = s.number("min_yellow_s", spec.clearance.min_yellow_s, between(0.0, 10.0));
    spec.clearance.min_all_red_s = s.number("min_all_red_s", spec.clearance.min_all_red_s, between(0.0, 10.0));
    if (auto table = s.table("controllers")) {
        for (const auto& [junction, value] : table->entries()) {
            const std::string kind = table->choice(junction, "", kControllers);
            if (auto k = controller_kind(kind)) spec.controllers.push_back({junction, *k, table->line_of(junction)});
        }
    }
    return spec;
}

signals::SignalPlan with_controller(const signals::SignalPlan& input, signals::ControllerKind kind) {
    signals::SignalPlan plan = signals::to_ring_form(input);
    for (signals::TimingPlan& t : plan.timings) {
        t.controller = kind;
        const bool timed = kind == signals::ControllerKind::FixedTime || kind == signals::ControllerKind::Coordinated;
        if (timed && t.split_s.size() != plan.phases.size()) {
            t.split_s.clear();
            for (const signals::Phase& ph : plan.phases) t.split_s.push_back(ph.max_green_s + ph.clearance_s());
        }
        if (kind == signals::ControllerKind::Coordinated && t.coordinated.empty()) {
            for (const auto& ring : plan.rings) {
                if (ring.empty() || ring[0].empty()) continue;
                const auto longest = std::max_element(ring[0].begin(), ring[0].end(), [&](std::uint8_t a, std::uint8_t b) {
                    return t.split_s[a] < t.split_s[b];
                });
                t.coordinated.push_back(*longest);
            }
        }
    }
    return plan;
}

void apply_signals_section(const SignalsSpec& spec, const std::filesystem::path& scenario_file,
                           network::GeneratedNetwork& g) {
    if (!spec.present) return;
    const network::Network& net = g.network;
    auto& plans = g.signal_plans;
    if (!spec.plans_file.empty()) {
        for (signals::SignalPlan& plan : read_signal_plan_file(spec.plans_file, net, spec.clearance)) {
            const auto it = std::find_if(plans.begin(), plans.end(), [&](const auto& p) { return p.junction == plan.junction; });
            if (it != plans.end()) *it = std::move(plan);
            else plans.push_back(std::move(plan));
        }
    }
    Problems problems(scenario_file.string());
    if (spec.controller)
        for (signals::SignalPlan& plan : plans) plan = with_controller(plan, *spec.controller);
    std::map<std::string, std::vector<JunctionId>> by_key;
    for (std::uint32_t j = 0; j < net.junctions.size(); ++j) {
        if (!net.junctions[j].name.empty()) by_key[net.junctions[j].name].push_back(JunctionId{j});
        if (net.junctions[j].source_id != 0) by_key[std::to_string(net.junctions[j].source_id)].push_back(JunctionId{j});
    }
    for (const auto& jc : spec.controllers) {
        const auto found = by_key.find(jc.junction);
        if (found == by_key.end() || found->second.size() != 1) {
            problems.add(jc.line, fmt::format("[signals.controllers] '{}': {}", jc.junction,
                                              found == by_key.end() ? "no junction has this name or OSM node id"
                                                                    : "several junctions have this name"),
                         "name a signalised junction by its name or OSM node id");
            continue;
        }
        const auto it = std::find_if(plans.begin(), plans.end(), [&](const auto& p) { return p.junction == found->second[0]; });
        if (it == plans.end()) {
            problems.add(jc.line, fmt::format("[signals.controllers] junction '{}' has no signal plan", jc.junction),
                         "only signalised junctions have a controller");
            continue;
        }
        *it = with_controller(*it, jc.kind);
    }
    problems.throw_if_any();
    const signals::ConflictTable table(net);
    for (const signals::SignalPlan& plan : plans)
        for (const std::string& p : signals::check_plan(net, table, plan, spec.clearance))
            problems.add(spec.line, p, "fix the plan (a plan file, or [signals] controller)");
    problems.throw_if_any();
}

void apply_webster(const SignalsSpec& spec, engine::SimulationInputs& inputs, double begin_s, double end_s) {
    if (!spec.present || !spec.webster || inputs.signal_plans.empty()) return;
    retime(inputs.signal_plans, inputs.network, inputs.demand, spec, begin_s, end_s);
}

}  // namespace ut::scenario
