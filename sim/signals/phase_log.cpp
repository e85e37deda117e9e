#include "signals/phase_log.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "output/csv.hpp"
#include "signals/controller.hpp"
#include "signals/fixed_time.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::signals {
namespace {

bool is_green(SignalColor c) { return c == SignalColor::Green || c == SignalColor::GreenPermissive; }

SignalColor parse_color(const std::string& s) {
    for (SignalColor c : {SignalColor::Red, SignalColor::Yellow, SignalColor::Green, SignalColor::GreenPermissive})
        if (s == to_string(c)) return c;
    throw std::runtime_error("unknown colour '" + s + "'");
}

// Splits one CSV line (fields quoted only when needed, as output::csv_field writes them).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) out.emplace_back();
        else out.back() += c;
    }
    return out;
}

struct GroupFoe {
    std::size_t foe;
    bool yields;  // this group yields to the foe
};

}  // namespace

std::string phase_log_file_name(const network::Network& net, JunctionId j) {
    if (j.index() < net.junctions.size()) {
        const network::Junction& junction = net.junction(j);
        if (junction.source_id != 0) return fmt::format("{}.csv", junction.source_id);
        if (!junction.name.empty()) {
            std::string safe;
            for (char c : junction.name) safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
            return safe + ".csv";
        }
    }
    return fmt::format("junction_{}.csv", j.value);
}

std::vector<PhaseLogRow> phase_log_rows(const SignalPlan& plan, const std::vector<PhaseChange>& log, std::uint32_t p) {
    std::vector<PhaseLogRow> rows;
    for (const PhaseChange& c : log) {
        if (c.plan != p || c.group >= plan.groups.size()) continue;
        rows.push_back({c.time_s, plan.groups[c.group].name, c.color, c.phase, to_string(c.reason)});
    }
    return rows;
}

std::vector<std::filesystem::path> write_phase_logs(const std::filesystem::path& dir, const network::Network& net,
                                                    const std::vector<SignalPlan>& plans,
                                                    const std::vector<PhaseChange>& log) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw output::OutputError("cannot create the folder " + dir.string() + ": " + ec.message());
    std::vector<std::filesystem::path> paths;
    for (std::uint32_t p = 0; p < plans.size(); ++p) {
        const std::filesystem::path path = dir / phase_log_file_name(net, plans[p].junction);
        const auto rows = phase_log_rows(plans[p], log, p);
        output::write_file_atomically(path, [&](std::ostream& out) {
            out << "time_s,group,color,phase,reason\n";
            for (const PhaseLogRow& r : rows)
                out << output::csv_number(r.time_s, 1) << ',' << output::csv_field(r.group) << ',' << to_string(r.color)
                    << ',' << (r.phase ? std::to_string(r.phase) : "") << ',' << r.reason << '\n';
        });
        paths.push_back(path);
    }
    return paths;
}

std::vector<PhaseLogRow> read_phase_log(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::vector<PhaseLogRow> rows;
    std::string line;
    std::getline(in, line);  // header
    for (std::size_t n = 2; std::getline(in, line); ++n) {
        const auto f = split_csv(line);
        if (f.size() != 5) throw std::runtime_error(fmt::format("{}:{}: expected 5 fields, found {}", path.string(), n, f.size()));
        try {
            rows.push_back({std::stod(f[0]), f[1], parse_color(f[2]), f[3].empty() ? 0 : std::stoi(f[3]), f[4]});
        } catch (const std::exception& e) {
            throw std::runtime_error(fmt::format("{}:{}: {}", path.string(), n, e.what()));
        }
    }
    return rows;
}

std::vector<std::string> check_phase_log(const network::Network& net, const ConflictTable& table, const SignalPlan& input,
                                         const std::vector<PhaseLogRow>& rows, const LogCheckOptions& o) {
    std::vector<std::string> out;
    const SignalPlan plan = to_ring_form(input);
    const std::string junction = describe_junction(net, plan.junction);
    const std::size_t n = plan.groups.size();
    std::map<std::string, std::size_t> group_index;
    for (std::size_t g = 0; g < n; ++g) group_index[plan.groups[g].name] = g;
    std::map<std::uint32_t, std::size_t> group_of_conn;
    for (std::size_t g = 0; g < n; ++g)
        for (ConnectionId c : plan.groups[g].connections) group_of_conn[c.index()] = g;
    std::vector<std::vector<GroupFoe>> foes(n);
    for (std::size_t g = 0; g < n; ++g)
        for (ConnectionId c : plan.groups[g].connections) {
            if (c.index() >= net.connections.size()) continue;
            for (const ConflictTable::Foe& f : table.foes(c)) {
                const auto it = group_of_conn.find(f.connection);
                if (it != group_of_conn.end()) foes[g].push_back({it->second, f.yields});
            }
        }
    const double tol = 0.5 * o.step_s + 1e-6;
    const bool fixed = plan.timings.size() == 1 && plan.timings[0].controller == ControllerKind::FixedTime;
    std::vector<SignalColor> color(n, SignalColor::Red), expected(n);
    std::vector<double> since(n, -1e9), red_since(n, -1e9);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const PhaseLogRow& r = rows[i];
        const auto it = group_index.find(r.group);
        if (it == group_index.end()) {
            out.push_back(fmt::format("{}: the log names group '{}', which the plan does not have", junction, r.group));
            continue;
        }
        const std::size_t g = it->second;
        const double held = r.time_s - since[g];
        if (since[g] > -1e8) {
            // A yellow that ends in red is a clearance; one that ends in a permissive green
            // (protected turn -> permissive turn) is not.
            if (color[g] == SignalColor::Yellow && r.color == SignalColor::Red && held + tol < o.clearance.min_yellow_s)
                out.push_back(fmt::format("{}: '{}' was yellow for {:.1f} s from {:.1f} s, below the minimum {} s", junction,
                                          r.group, held, since[g], o.clearance.min_yellow_s));
            // Every controller decision respects min green; a fixed-time plan's own greens may be shorter.
            const bool ended = !r.reason.empty() && r.reason != "fixed";
            for (const Phase& ph : plan.phases)
                if (ended && is_green(color[g]) && ph.number == r.phase && held + tol < ph.min_green_s)
                    out.push_back(fmt::format("{}: '{}' had only {:.1f} s of green from {:.1f} s; phase {} has a min green of {} s",
                                              junction, r.group, held, since[g], ph.number, ph.min_green_s));
        }
        if (is_green(r.color)) {
            for (const GroupFoe& f : foes[g]) {
                const SignalColor fc = color[f.foe];
                const bool safe_overlap = (f.yields && r.color == SignalColor::GreenPermissive) ||
                                          (!f.yields && fc == SignalColor::GreenPermissive);
                if (fc != SignalColor::Red && !safe_overlap)
                    out.push_back(fmt::format("{}: '{}' turned green at {:.1f} s while the conflicting '{}' was {}", junction,
                                              r.group, r.time_s, plan.groups[f.foe].name, to_string(fc)));
                else if (fc == SignalColor::Red && red_since[f.foe] > -1e8 && !safe_overlap &&
                         r.time_s - red_since[f.foe] + tol < o.clearance.min_all_red_s)
                    out.push_back(fmt::format("{}: '{}' turned green at {:.1f} s only {:.1f} s after the conflicting '{}' "
                                              "turned red; the minimum all-red is {} s",
                                              junction, r.group, r.time_s, r.time_s - red_since[f.foe],
                                              plan.groups[f.foe].name, o.clearance.min_all_red_s));
            }
        }
        if (fixed && o.compare_fixed_time) {
            fixed_time_colors(plan, r.time_s, expected);
            if (expected[g] != r.color)
                out.push_back(fmt::format("{}: at {:.1f} s '{}' turned {}; the fixed-time plan shows {} then", junction,
                                          r.time_s, r.group, to_string(r.color), to_string(expected[g])));
        }
        if (r.color == SignalColor::Red && color[g] != SignalColor::Red) red_since[g] = r.time_s;
        color[g] = r.color;
        since[g] = r.time_s;
        if (out.size() > 50) {
            out.push_back("... (more problems not listed)");
            break;
        }
    }
    return out;
}

}  // namespace ut::signals
