// update_signals and apply_commands: the between-steps world of controllers and edits.
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "engine/step_phases.hpp"
#include "signals/fixed_time.hpp"

namespace ut::engine {

void index_signal_plans(const CompiledNetwork& net, SimState& st) {
    st.plan_group_offset.assign(st.plans.size(), 0);
    std::uint32_t groups = 0;
    for (std::size_t p = 0; p < st.plans.size(); ++p) {
        st.plan_group_offset[p] = groups;
        groups += static_cast<std::uint32_t>(st.plans[p].groups.size());
    }
    st.group_color.assign(groups, signals::SignalColor::Red);
    st.conn_group.assign(net.conn_from_lane.size(), kNone);
    for (std::size_t p = 0; p < st.plans.size(); ++p)
        for (std::size_t g = 0; g < st.plans[p].groups.size(); ++g)
            for (ConnectionId c : st.plans[p].groups[g].connections)
                st.conn_group[c.index()] = st.plan_group_offset[p] + static_cast<std::uint32_t>(g);
}

void update_signals(StepContext& ctx) {
    SimState& st = ctx.st;
    for (std::size_t p = 0; p < st.plans.size(); ++p) {
        const auto& plan = st.plans[p];
        signals::fixed_time_colors(plan, st.time_s,
                                   std::span(st.group_color.data() + st.plan_group_offset[p], plan.groups.size()));
    }
}

void apply_commands(StepContext& ctx) {
    SimState& st = ctx.st;
    if (st.pending_commands.empty()) return;
    bool plans_changed = false;
    for (Command& command : st.pending_commands) {
        std::visit(
            [&](auto& cmd) {
                using T = std::decay_t<decltype(cmd)>;
                if constexpr (std::is_same_v<T, SetSignalPlan>) {
                    for (auto& plan : st.plans) {
                        if (plan.junction == cmd.plan.junction) {
                            plan = std::move(cmd.plan);
                            plans_changed = true;
                            return;
                        }
                    }
                    st.plans.push_back(std::move(cmd.plan));
                    plans_changed = true;
                } else if constexpr (std::is_same_v<T, SetLaneClosed>) {
                    st.lane_closed[ctx.net.road_lane(cmd.link, cmd.lane)] = cmd.closed ? 1 : 0;
                }
            },
            command);
    }
    st.pending_commands.clear();
    if (plans_changed) index_signal_plans(ctx.net, st);
}

}  // namespace ut::engine
