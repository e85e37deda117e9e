// Writing timing plan files (the reader is signal_plan_file.cpp; format: docs/signals.md).
// Every plan is written in ring form, with movements by name, so a planner can edit it and
// the reader gets the same colours back.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "scenario/signal_plan_file.hpp"
#include "signals/junction_key.hpp"
#include "signals/movements.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::scenario {
namespace {

std::string toml_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
    return out + "\"";
}

std::string number(double v) { return fmt::format("{}", std::round(v * 1000.0) / 1000.0); }

std::string junction_key(const network::Network& net, JunctionId j) {
    const signals::JunctionKey key = signals::junction_key(net, j);
    switch (key.kind) {
        case signals::JunctionKey::Kind::OsmId: return fmt::format("osm_id = {}", key.number);
        case signals::JunctionKey::Kind::Name: return fmt::format("name = {}", toml_string(key.name));
        case signals::JunctionKey::Kind::Index: break;
    }
    return fmt::format("index = {}", key.number);
}

std::string names(const signals::MovementIndex& index, const signals::SignalPlan& plan,
                  const std::vector<std::uint16_t>& groups) {
    std::vector<std::string> all;
    for (std::uint16_t g : groups)
        for (std::string& n : index.group_names(plan.junction, plan.groups[g]))
            if (std::find(all.begin(), all.end(), n) == all.end()) all.push_back(std::move(n));
    std::string out = "[";
    for (std::size_t i = 0; i < all.size(); ++i) out += (i ? ", " : "") + toml_string(all[i]);
    return out + "]";
}

std::string per_phase(const signals::SignalPlan& plan, const std::vector<double>& values) {
    std::string out = "{ ";
    for (std::size_t p = 0; p < plan.phases.size() && p < values.size(); ++p)
        out += fmt::format("{}{} = {}", p ? ", " : "", plan.phases[p].number, number(values[p]));
    return out + " }";
}

}  // namespace

std::string signal_plans_to_toml(const network::Network& net, const std::vector<signals::SignalPlan>& plans,
                                 const std::string& comment) {
    std::string out;
    for (std::size_t start = 0; start <= comment.size() && !comment.empty();) {
        const std::size_t end = comment.find('\n', start);
        out += "# " + comment.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    const signals::MovementIndex index(net);
    for (const signals::SignalPlan& input : plans) {
        const signals::SignalPlan plan = signals::to_ring_form(input);
        out += fmt::format("\n[[junction]]\n{}\n", junction_key(net, plan.junction));
        std::string rings;
        for (std::size_t r = 0; r < plan.rings.size(); ++r) {
            std::string ring;
            for (std::size_t b = 0; b < plan.rings[r].size(); ++b) {
                if (b) ring += " |";
                for (std::uint8_t p : plan.rings[r][b]) ring += fmt::format("{}{}", ring.empty() ? "" : " ", plan.phases[p].number);
            }
            rings += (r ? ", " : "") + toml_string(ring);
        }
        out += "rings = [" + rings + "]\n";
        for (const signals::Phase& ph : plan.phases) {
            out += fmt::format("\n[[junction.phase]]\nnumber = {}\nmovements = {}\n", ph.number, names(index, plan, ph.groups));
            if (!ph.permissive_groups.empty()) out += fmt::format("permissive = {}\n", names(index, plan, ph.permissive_groups));
            out += fmt::format("min_green_s = {}\nmax_green_s = {}\npassage_s = {}\nyellow_s = {}\nall_red_s = {}\nrecall = {}\n",
                               number(ph.min_green_s), number(ph.max_green_s), number(ph.passage_s), number(ph.yellow_s),
                               number(ph.all_red_s), toml_string(signals::to_string(ph.recall)));
        }
        for (const signals::TimingPlan& t : plan.timings) {
            out += fmt::format("\n[[junction.plan]]\nname = {}\nfrom_s = {}\ncontroller = {}\noffset_s = {}\n", toml_string(t.name),
                               number(t.from_s), toml_string(signals::to_string(t.controller)), number(t.offset_s));
            if (t.offset_reference == signals::OffsetReference::BeginOfYellow) out += "offset_reference = \"begin-of-yellow\"\n";
            if (!t.split_s.empty()) {
                out += fmt::format("cycle_s = {}\n", number(signals::layout_cycle(plan, t).cycle_s));
                out += "splits = " + per_phase(plan, t.split_s) + "\n";
            }
            if (!t.max_green_s.empty()) out += "max_green = " + per_phase(plan, t.max_green_s) + "\n";
            if (!t.coordinated.empty()) {
                std::string list;
                for (std::uint8_t c : t.coordinated) list += fmt::format("{}{}", list.empty() ? "" : ", ", plan.phases[c].number);
                out += "coordinated_phases = [" + list + "]\n";
            }
            if (t.priority_max_extension_s != signals::TimingPlan{}.priority_max_extension_s)
                out += fmt::format("priority_max_extension_s = {}\n", number(t.priority_max_extension_s));
        }
    }
    return out;
}

void write_signal_plan_file(const std::filesystem::path& path, const network::Network& net,
                            const std::vector<signals::SignalPlan>& plans, const std::string& comment) {
    output::write_file_atomically(path, signal_plans_to_toml(net, plans, comment));
}

}  // namespace ut::scenario
