// Safety checks of signal plans against the junction's conflict matrix, run when a plan is
// loaded or edited (plan files, scenarios, `urbantwin signals --check`, the viewer).
//
// A plan is rejected when
//   - two movements whose paths cross or merge (network::compute_conflicts) can show green
//     at the same time, unless the one that must yield is shown green-permissive then (a
//     permissive turn gives way with gap acceptance, so that is safe);
//   - a phase serving traffic has a yellow or an all-red below the minimums;
//   - its structure is broken (ring_barrier.hpp, structure_problems).
// Who yields follows the engine's rule (CompiledNetwork::yields_to): at a signal, through
// before right before left before U-turn, then the lower connection id.
//
// For plans with splits (fixed time, coordinated) the check runs through the cycle and
// names the time in the cycle (0 = the offset reference point); for actuated and
// max-pressure plans it checks every pair of phases that may run together.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "network/conflicts.hpp"
#include "network/network.hpp"
#include "signals/signal_plan.hpp"

namespace ut::signals {

struct ConflictCheckOptions {
    double min_yellow_s = 3.0;   // ITE: 3 to 6 s
    double min_all_red_s = 1.0;
};

// Conflicting connections of every junction, and which of each pair yields.
class ConflictTable {
public:
    ConflictTable(const network::Network& net, const std::vector<network::Conflict>& conflicts);
    explicit ConflictTable(const network::Network& net);  // computes the conflicts

    struct Foe {
        std::uint32_t connection;
        bool yields;  // the connection asked about yields to this foe
        network::ConflictKind kind;
    };
    const std::vector<Foe>& foes(ConnectionId c) const { return foes_[c.index()]; }

private:
    std::vector<std::vector<Foe>> foes_;
};

// Every problem of one plan, each a full sentence naming the junction, both movements and
// when (empty = the plan is safe to run).
std::vector<std::string> check_plan(const network::Network& net, const ConflictTable& table, const SignalPlan& plan,
                                    const ConflictCheckOptions& options = {});

// "junction 'Main & 1st' (OSM node 123)", "junction 7": how messages name a junction.
std::string describe_junction(const network::Network& net, JunctionId j);
// "connection 12 ('Main St' lane 0 -> 'Oak Ave', left)".
std::string describe_connection(const network::Network& net, ConnectionId c);

}  // namespace ut::signals
