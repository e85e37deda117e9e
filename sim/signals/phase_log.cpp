#include "signals/phase_log.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "output/csv.hpp"
#include "signals/controller.hpp"
#include "signals/junction_key.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::signals {
namespace {

constexpr const char* kHeader = "time_s,junction,phase,group,color,reason";
constexpr std::size_t kMaxListedErrors = 20;

// Splits one CSV line (fields quoted only when needed, as output::csv_field writes them).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) out.emplace_back();
        else if (c != '\r' || quoted) out.back() += c;  // a spreadsheet may save CRLF
    }
    return out;
}

std::string file_safe(const std::string& name) {
    std::string safe;
    for (char c : name) safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
    return safe;
}

std::string timing_summary(const SignalPlan& input) {
    const SignalPlan plan = to_ring_form(input);
    std::string out;
    for (const TimingPlan& t : plan.timings) {
        if (!out.empty()) out += "; ";
        out += fmt::format("{}: {}", t.name, to_string(t.controller));
        if (t.split_s.size() == plan.phases.size())
            out += fmt::format(", {:g} s cycle", layout_cycle(plan, t).cycle_s);
        out += fmt::format(", from {:g} s", t.from_s);
    }
    return out;
}

std::optional<double> parse_number(const std::string& s) {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<SignalColor> parse_color(const std::string& s) {
    for (SignalColor c : {SignalColor::Red, SignalColor::Yellow, SignalColor::Green, SignalColor::GreenPermissive})
        if (s == to_string(c)) return c;
    return std::nullopt;
}

bool known_reason(const std::string& s) {
    for (EndReason r : {EndReason::None, EndReason::Fixed, EndReason::GapOut, EndReason::MaxOut, EndReason::ForceOff,
                        EndReason::Pressure, EndReason::Priority, EndReason::PlanChange})
        if (s == to_string(r)) return true;
    return false;
}

// Column positions found from the header.
struct Columns {
    std::map<std::string, std::size_t> at;
    std::optional<std::size_t> get(const char* name) const {
        const auto it = at.find(name);
        return it == at.end() ? std::nullopt : std::optional(it->second);
    }
};

}  // namespace

std::vector<PhaseLogName> phase_log_names(const network::Network& net, const std::vector<SignalPlan>& plans) {
    std::vector<PhaseLogName> out;
    std::map<std::string, int> uses;  // a file name two plans would share goes to neither
    for (const SignalPlan& plan : plans) {
        PhaseLogName n;
        if (plan.junction.index() < net.junctions.size()) {
            const JunctionKey key = junction_key(net, plan.junction);
            n.junction = to_string(key);
            if (key.kind == JunctionKey::Kind::OsmId) n.file = fmt::format("{}.csv", key.number);
            else if (key.kind == JunctionKey::Kind::Name) n.file = file_safe(key.name) + ".csv";
        }
        if (n.junction.empty()) n.junction = fmt::format("index {}", plan.junction.value);
        ++uses[n.file];
        out.push_back(std::move(n));
    }
    for (std::size_t p = 0; p < plans.size(); ++p)
        if (out[p].file.empty() || out[p].file == "index.csv" || uses[out[p].file] > 1)
            out[p].file = fmt::format("junction_{}.csv", plans[p].junction.value);
    return out;
}

std::vector<std::string> phase_log_group_names(const SignalPlan& plan) {
    std::map<std::string, int> uses;
    for (const SignalGroup& g : plan.groups) ++uses[g.name];
    std::vector<std::string> out;
    for (std::size_t g = 0; g < plan.groups.size(); ++g) {
        const std::string& name = plan.groups[g].name;
        out.push_back(uses[name] > 1 || name.empty() ? fmt::format("{} (group {})", name, g) : name);
    }
    return out;
}

std::vector<PhaseLogRow> phase_log_rows(const SignalPlan& plan, const PhaseLog& log, std::uint32_t p) {
    const std::vector<std::string> names = phase_log_group_names(plan);
    std::vector<PhaseLogRow> rows;
    for (const PhaseChange& c : log) {
        if (c.plan != p || c.group >= plan.groups.size()) continue;
        rows.push_back({c.time_s, names[c.group], c.color, c.phase, to_string(c.reason), {}});
    }
    return rows;
}

std::vector<std::filesystem::path> write_phase_logs(const std::filesystem::path& dir, const network::Network& net,
                                                    const std::vector<SignalPlan>& plans,
                                                    const PhaseLog& log) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw output::OutputError("cannot create the folder " + dir.string() + ": " + ec.message());
    const std::vector<PhaseLogName> names = phase_log_names(net, plans);
    std::vector<std::vector<const PhaseChange*>> per_plan(plans.size());  // one pass over a long log
    for (const PhaseChange& c : log)
        if (c.plan < plans.size() && c.group < plans[c.plan].groups.size()) per_plan[c.plan].push_back(&c);

    std::vector<std::filesystem::path> paths;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        const std::filesystem::path path = dir / names[p].file;
        const std::string junction = output::csv_field(names[p].junction);
        const std::vector<std::string> groups = phase_log_group_names(plans[p]);
        output::write_file_atomically(path, [&](std::ostream& out) {
            out << kHeader << '\n';
            for (const PhaseChange* c : per_plan[p])
                out << output::csv_number(c->time_s, 1) << ',' << junction << ','
                    << (c->phase ? std::to_string(c->phase) : "") << ','
                    << output::csv_field(groups[c->group]) << ',' << to_string(c->color) << ','
                    << to_string(c->reason) << '\n';
        });
        paths.push_back(path);
    }
    output::write_file_atomically(dir / "index.csv", [&](std::ostream& out) {
        out << "junction,name,osm_id,file,timing_plans,changes\n";
        for (std::size_t p = 0; p < plans.size(); ++p) {
            const JunctionId j = plans[p].junction;
            const bool known = j.index() < net.junctions.size();
            out << output::csv_field(names[p].junction) << ','
                << output::csv_field(known ? net.junction(j).name : std::string()) << ','
                << (known && net.junction(j).source_id != 0 ? std::to_string(net.junction(j).source_id) : "") << ','
                << output::csv_field(names[p].file) << ',' << output::csv_field(timing_summary(plans[p])) << ','
                << per_plan[p].size() << '\n';
        }
    });
    return paths;
}

bool is_phase_log_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string header;
    std::getline(in, header);
    Columns cols;
    for (const std::string& name : split_csv(header)) cols.at.emplace(name, cols.at.size());
    return cols.get("time_s") && cols.get("group") && cols.get("color");
}

std::vector<PhaseLogRow> read_phase_log(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        throw PhaseLogError(fmt::format("{}: {}", path.string(),
                                        std::filesystem::exists(path)
                                            ? "cannot be read"
                                            : "no such file; urbantwin run writes one per signalised junction into "
                                              "OUT/signals/, so was the run made with this scenario?"));
    std::vector<std::string> errors;
    const auto fail = [&](std::size_t line, const std::string& what) {
        errors.push_back(fmt::format("{}:{}: {}", path.string(), line, what));
    };
    std::string line;
    Columns cols;
    if (std::getline(in, line)) {
        const auto names = split_csv(line);
        for (std::size_t i = 0; i < names.size(); ++i) cols.at.emplace(names[i], i);
    }
    for (const char* required : {"time_s", "group", "color"})
        if (!cols.get(required))
            fail(1, fmt::format("the header has no column '{}'; a phase log starts with the line \"{}\"", required, kHeader));
    if (!errors.empty()) throw PhaseLogError(errors.front());

    const auto optional = [&](const std::vector<std::string>& f, const char* name) -> std::string {
        const auto i = cols.get(name);
        return i && *i < f.size() ? f[*i] : std::string();
    };
    std::vector<PhaseLogRow> rows;
    for (std::size_t n = 2; std::getline(in, line) && errors.size() < kMaxListedErrors; ++n) {
        if (line.empty() || line == "\r") continue;
        const auto f = split_csv(line);
        if (f.size() != cols.at.size()) {
            fail(n, fmt::format("{} fields, the header has {}", f.size(), cols.at.size()));
            continue;
        }
        PhaseLogRow row;
        const std::string& time = f[*cols.get("time_s")];
        const auto t = parse_number(time);
        if (!t || *t < 0.0) fail(n, fmt::format("time_s '{}' is not a time in seconds (0 or more)", time));
        else if (!rows.empty() && *t < rows.back().time_s)
            fail(n, fmt::format("time_s {} is before the previous row's {}; rows must be in time order", time,
                                rows.back().time_s));
        row.time_s = t.value_or(0.0);
        row.group = f[*cols.get("group")];
        if (row.group.empty()) fail(n, "the group is empty");
        const std::string& color = f[*cols.get("color")];
        const auto c = parse_color(color);
        if (!c) fail(n, fmt::format("color '{}' is none of red, yellow, green, green-permissive", color));
        row.color = c.value_or(SignalColor::Red);
        const std::string phase = optional(f, "phase");
        const auto ph = phase.empty() ? std::optional(0.0) : parse_number(phase);
        if (!ph || *ph < 0.0 || *ph > 255.0 || *ph != static_cast<int>(*ph))
            fail(n, fmt::format("phase '{}' is not a phase number (1 to 255, or empty)", phase));
        row.phase = ph ? static_cast<int>(*ph) : 0;
        row.reason = optional(f, "reason");
        if (!known_reason(row.reason))
            fail(n, fmt::format("reason '{}' is none of fixed, gap-out, max-out, force-off, pressure, priority, "
                                "plan-change (or empty)", row.reason));
        row.junction = optional(f, "junction");
        if (!rows.empty() && row.junction != rows.front().junction)
            fail(n, fmt::format("junction '{}', but the file began with junction '{}'; one junction per file",
                                row.junction, rows.front().junction));
        rows.push_back(std::move(row));
    }
    if (!errors.empty()) {
        std::string all;
        for (const std::string& e : errors) all += (all.empty() ? "" : "\n") + e;
        if (errors.size() >= kMaxListedErrors) all += "\n(more bad lines not listed)";
        throw PhaseLogError(all);
    }
    return rows;
}

}  // namespace ut::signals
