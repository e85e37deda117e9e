// Reading timing plan files (format: docs/signals.md). Each table is read with a
// SectionReader over a copy of it without its sub-arrays (which are read separately), so
// unknown keys, wrong types and ranges get the same FILE:LINE messages as scenario files.
#include "scenario/signal_plan_file.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "scenario/section_reader.hpp"
#include "signals/movements.hpp"
#include "signals/ring_barrier.hpp"

namespace ut::scenario {
namespace {

using signals::SignalPlan;

std::uint32_t line_of(const TomlValue& v) { return static_cast<std::uint32_t>(v.location().line()); }

TomlValue without(const TomlValue& table, std::initializer_list<const char*> keys) {
    TomlValue copy = table;
    for (const char* k : keys) copy.as_table().erase(k);
    return copy;
}

const TomlValue* find(const TomlValue& table, const char* key) {
    const auto& t = table.as_table();
    const auto it = t.find(key);
    return it == t.end() ? nullptr : &it->second;
}

// The tables of an array of tables (`[[key]]`); a problem when it is something else.
std::vector<const TomlValue*> tables(const TomlValue& parent, const char* key, const std::string& what,
                                     Problems& problems) {
    std::vector<const TomlValue*> out;
    const TomlValue* v = find(parent, key);
    if (!v) return out;
    if (!v->is_array()) {
        problems.add(line_of(*v), fmt::format("'{}' must be a list of [[{}]] tables", key, what), "");
        return out;
    }
    for (const TomlValue& e : v->as_array()) {
        if (e.is_table()) out.push_back(&e);
        else problems.add(line_of(e), fmt::format("each [[{}]] must be a table", what), "");
    }
    return out;
}

struct Item {
    std::string text;
    std::int64_t number = 0;
    std::uint32_t line = 0;
};

std::vector<Item> list(const TomlValue& table, const char* key, bool numbers, Problems& problems) {
    std::vector<Item> out;
    const TomlValue* v = find(table, key);
    if (!v) return out;
    if (!v->is_array()) {
        problems.add(line_of(*v), fmt::format("'{}' must be a list", key),
                     numbers ? "e.g. [2, 6]" : "e.g. [\"EBT\", \"EBR\"]");
        return out;
    }
    for (const TomlValue& e : v->as_array()) {
        if (numbers && e.is_integer()) out.push_back({"", e.as_integer(), line_of(e)});
        else if (!numbers && e.is_string()) out.push_back({e.as_string().str, 0, line_of(e)});
        else problems.add(line_of(e), fmt::format("'{}' holds {}", key, describe_type(e)),
                          numbers ? "allowed: whole numbers" : "allowed: strings in quotes");
    }
    return out;
}

// "07:30" or "07:30:15" -> seconds.
std::optional<double> clock_time(const std::string& s) {
    int h = 0, m = 0, sec = 0;
    char c1 = 0, c2 = 0;
    std::istringstream in(s);
    in >> h >> c1 >> m;
    if (!in || c1 != ':' || h < 0 || h > 167 || m < 0 || m > 59) return std::nullopt;
    if (in >> c2) {
        if (c2 != ':' || !(in >> sec) || sec < 0 || sec > 59) return std::nullopt;
    }
    return h * 3600.0 + m * 60.0 + sec;
}

class Reader {
public:
    Reader(const network::Network& net, Problems& problems, std::filesystem::path base,
           const signals::ConflictCheckOptions& options)
        : net_(net), problems_(problems), base_(std::move(base)), options_(options), movements_(net) {
        for (std::uint32_t j = 0; j < net.junctions.size(); ++j) {
            if (net.junctions[j].source_id != 0) by_osm_[net.junctions[j].source_id].push_back(JunctionId{j});
            if (!net.junctions[j].name.empty()) by_name_[net.junctions[j].name].push_back(JunctionId{j});
        }
    }

    std::vector<SignalPlan> read(const TomlValue& root) {
        TomlValue plain = without(root, {"junction", "plan"});
        SectionReader top(&plain, "", problems_, base_);
        top.report_unknown_keys();
        std::vector<SignalPlan> plans;
        for (const TomlValue* j : tables(root, "junction", "junction", problems_))
            if (auto plan = read_junction(*j)) plans.push_back(std::move(*plan));
        for (const TomlValue* p : tables(root, "plan", "plan", problems_))
            if (auto plan = read_viewer_plan(*p)) plans.push_back(std::move(*plan));
        for (std::size_t a = 0; a < plans.size(); ++a)
            for (std::size_t b = 0; b < a; ++b)
                if (plans[a].junction == plans[b].junction)
                    problems_.add(lines_[a], fmt::format("{} has a plan already (line {})",
                                                         signals::describe_junction(net_, plans[a].junction), lines_[b]),
                                  "give each junction one [[junction]]");
        if (problems_.empty()) check(plans);
        return plans;
    }

private:
    std::optional<JunctionId> junction(SectionReader& r, std::uint32_t line) {
        const auto osm = r.optional_integer("osm_id", {1, IntRange{}.max});
        const std::string name = r.text("name", "");
        const auto index = r.optional_integer("index", {0, static_cast<std::int64_t>(net_.junctions.size()) - 1});
        const int given = (osm ? 1 : 0) + (name.empty() ? 0 : 1) + (index ? 1 : 0);
        if (given != 1) {
            problems_.add(line, given == 0 ? "a [[junction]] without osm_id, name or index" : "a [[junction]] with more than one of osm_id, name and index",
                          "name it by exactly one: osm_id = 123456, name = \"Main St & 1st Ave\" or index = 12");
            return std::nullopt;
        }
        if (index) return JunctionId{static_cast<std::uint32_t>(*index)};
        const auto& found = osm ? by_osm_[*osm] : by_name_[name];
        const std::string what = osm ? fmt::format("OSM node id {}", *osm) : fmt::format("name '{}'", name);
        if (found.size() != 1) {
            r.add_problem(osm ? "osm_id" : "name",
                          found.empty() ? fmt::format("the network has no junction with {}", what)
                                        : fmt::format("{} junctions have {}", found.size(), what),
                          found.empty() ? "check the id against the map (urbantwin import lists signalised junctions)"
                                        : "use osm_id or index instead");
            return std::nullopt;
        }
        return found.front();
    }

    std::uint16_t group_for(SignalPlan& plan, const std::string& movement, const std::vector<ConnectionId>& conns) {
        for (std::size_t g = 0; g < plan.groups.size(); ++g)
            if (plan.groups[g].name == movement) return static_cast<std::uint16_t>(g);
        plan.groups.push_back({movement, conns, false});
        return static_cast<std::uint16_t>(plan.groups.size() - 1);
    }

    void read_phase(const TomlValue& t, SignalPlan& plan) {
        TomlValue plain = without(t, {"movements", "permissive"});
        SectionReader r(&plain, "junction.phase", problems_, base_);
        signals::Phase ph;
        if (!r.has("number")) r.add_problem("number", "a [[junction.phase]] without a number", "add number = 1 .. 255 (NEMA numbering)");
        ph.number = static_cast<std::uint8_t>(r.integer("number", 0, {1, 255}));
        ph.min_green_s = r.number("min_green_s", ph.min_green_s, between(0.0, 300.0));
        ph.max_green_s = r.number("max_green_s", ph.max_green_s, between(0.0, 600.0));
        ph.passage_s = r.number("passage_s", ph.passage_s, between(0.0, 30.0));
        ph.yellow_s = r.number("yellow_s", ph.yellow_s, between(0.0, 10.0));
        ph.all_red_s = r.number("all_red_s", ph.all_red_s, between(0.0, 10.0));
        const std::string recall = r.choice("recall", "none", {"none", "min", "max"});
        ph.recall = recall == "max" ? signals::Recall::Max : recall == "min" ? signals::Recall::Min : signals::Recall::None;
        if (ph.max_green_s < ph.min_green_s)
            r.add_problem("max_green_s", fmt::format("phase {}: max_green_s {} is below min_green_s {}", ph.number,
                                                     ph.max_green_s, ph.min_green_s), "allowed: max_green_s >= min_green_s");
        r.report_unknown_keys();
        for (const char* key : {"movements", "permissive"}) {
            for (const Item& m : list(t, key, false, problems_)) {
                std::string error;
                const auto conns = movements_.connections(plan.junction, m.text, error);
                if (conns.empty()) {
                    problems_.add(m.line, fmt::format("phase {}: {}", ph.number, error), "");
                    continue;
                }
                (key[0] == 'm' ? ph.groups : ph.permissive_groups).push_back(group_for(plan, m.text, conns));
            }
        }
        for (const auto& other : plan.phases)
            if (other.number == ph.number && ph.number != 0)
                r.add_problem("number", fmt::format("phase {} is defined twice", ph.number), "number each phase once");
        plan.phases.push_back(std::move(ph));
    }

    std::optional<std::uint8_t> phase_index(const SignalPlan& plan, std::int64_t number, std::uint32_t line,
                                            const std::string& where) {
        for (std::size_t p = 0; p < plan.phases.size(); ++p)
            if (plan.phases[p].number == number) return static_cast<std::uint8_t>(p);
        std::string known;
        for (const auto& ph : plan.phases) known += (known.empty() ? "" : ", ") + std::to_string(ph.number);
        problems_.add(line, fmt::format("{} names phase {}, which no [[junction.phase]] defines", where, number),
                      "defined phases: " + (known.empty() ? std::string("none") : known));
        return std::nullopt;
    }

    void read_rings(const TomlValue& t, SignalPlan& plan) {
        const auto rings = list(t, "rings", false, problems_);
        if (rings.empty()) {  // default: one ring, phases in the order listed
            std::vector<std::uint8_t> all;
            for (std::size_t p = 0; p < plan.phases.size(); ++p) all.push_back(static_cast<std::uint8_t>(p));
            plan.rings = {{all}};
            return;
        }
        for (std::size_t r = 0; r < rings.size(); ++r) {
            std::vector<std::vector<std::uint8_t>> ring(1);
            std::istringstream in(rings[r].text);
            for (std::string token; in >> token;) {
                if (token == "|") {
                    ring.emplace_back();
                    continue;
                }
                char* end = nullptr;
                const long number = std::strtol(token.c_str(), &end, 10);
                if (*end != '\0' || number < 1 || number > 255) {
                    problems_.add(rings[r].line, fmt::format("ring {}: '{}' is not a phase number", r + 1, token),
                                  "write a ring as phase numbers with | at barriers, e.g. \"1 2 | 3 4\"");
                    continue;
                }
                if (auto p = phase_index(plan, number, rings[r].line, fmt::format("ring {}", r + 1))) ring.back().push_back(*p);
            }
            plan.rings.push_back(std::move(ring));
        }
    }

    // A table of phase number -> seconds ("splits", "max_green"): per phase index.
    std::vector<double> per_phase(SectionReader& r, const char* key, const SignalPlan& plan, bool& given) {
        std::vector<double> out;
        auto t = r.table(key);
        given = t.has_value();
        if (!t) return out;
        out.assign(plan.phases.size(), -1.0);
        for (const auto& [name, value] : t->entries()) {
            const std::int64_t number = std::atoll(name.c_str());
            const auto p = phase_index(plan, number, t->line_of(name), fmt::format("{} key '{}'", key, name));
            const double v = t->number(name, 0.0, above(0.0, 600.0));
            if (p) out[*p] = v;
        }
        return out;
    }

    void read_timing(const TomlValue& t, SignalPlan& plan, std::size_t k) {
        TomlValue plain = without(t, {"coordinated_phases"});
        SectionReader r(&plain, "junction.plan", problems_, base_);
        signals::TimingPlan tp;
        tp.name = r.text("name", fmt::format("plan {}", k + 1));
        if (r.has("from")) {
            const std::string from = r.text("from", "00:00");
            if (auto s = clock_time(from)) tp.from_s = *s;
            else r.add_problem("from", fmt::format("from = \"{}\" is not a time", from), "allowed: \"HH:MM\" or \"HH:MM:SS\"");
        }
        tp.from_s = r.number("from_s", tp.from_s, between(0.0, 7 * 86400.0));
        const std::string kind = r.choice("controller", "fixed", {"fixed", "actuated", "coordinated", "max-pressure"});
        tp.controller = kind == "actuated" ? signals::ControllerKind::Actuated
                        : kind == "coordinated" ? signals::ControllerKind::Coordinated
                        : kind == "max-pressure" ? signals::ControllerKind::MaxPressure
                                                 : signals::ControllerKind::FixedTime;
        const auto cycle = r.optional_number("cycle_s", above(0.0, 1000.0));
        tp.offset_s = r.number("offset_s", 0.0, between(0.0, 3600.0));
        tp.offset_reference = r.choice("offset_reference", "begin-of-green", {"begin-of-green", "begin-of-yellow"}) ==
                                      "begin-of-yellow"
                                  ? signals::OffsetReference::BeginOfYellow
                                  : signals::OffsetReference::BeginOfGreen;
        tp.priority_max_extension_s = r.number("priority_max_extension_s", tp.priority_max_extension_s, between(0.0, 60.0));
        bool has_splits = false, has_max = false;
        tp.split_s = per_phase(r, "splits", plan, has_splits);
        tp.max_green_s = per_phase(r, "max_green", plan, has_max);
        for (std::size_t p = 0; p < tp.max_green_s.size(); ++p)
            if (tp.max_green_s[p] < 0.0) tp.max_green_s[p] = plan.phases[p].max_green_s;
        const bool timed = tp.controller == signals::ControllerKind::FixedTime || tp.controller == signals::ControllerKind::Coordinated;
        std::string missing;
        for (std::size_t p = 0; p < plan.phases.size(); ++p)
            if (has_splits && tp.split_s[p] < 0.0) missing += (missing.empty() ? "" : ", ") + std::to_string(plan.phases[p].number);
        if (timed && (!has_splits || !missing.empty()))
            r.add_problem("splits", fmt::format("timing plan '{}' ({}) needs a split for every phase{}", tp.name, kind,
                                                missing.empty() ? "" : "; missing: " + missing),
                          "add splits = { 1 = 20, 2 = 40, ... } (green + yellow + all-red, seconds)");
        if (!timed && !has_splits) tp.split_s.clear();
        for (const Item& c : list(t, "coordinated_phases", true, problems_))
            if (auto p = phase_index(plan, c.number, c.line, "coordinated_phases")) tp.coordinated.push_back(*p);
        r.report_unknown_keys();
        if (cycle && timed && problems_.empty()) {
            const double sum = signals::layout_cycle(plan, tp).cycle_s;
            if (std::abs(sum - *cycle) > 0.01)
                r.add_problem("cycle_s", fmt::format("timing plan '{}': cycle_s = {} but the splits give a {} s cycle",
                                                     tp.name, *cycle, sum), "make the splits of each ring add up to cycle_s");
        }
        plan.timings.push_back(std::move(tp));
    }

    std::optional<SignalPlan> read_junction(const TomlValue& t) {
        TomlValue plain = without(t, {"phase", "plan", "rings"});
        SectionReader r(&plain, "junction", problems_, base_);
        const auto j = junction(r, line_of(t));
        r.report_unknown_keys();
        if (!j) return std::nullopt;
        SignalPlan plan;
        plan.junction = *j;
        const auto phases = tables(t, "phase", "junction.phase", problems_);
        if (phases.empty())
            problems_.add(line_of(t), fmt::format("{} has no [[junction.phase]]", signals::describe_junction(net_, *j)), "add its phases");
        for (const TomlValue* p : phases) read_phase(*p, plan);
        read_rings(t, plan);
        const auto timings = tables(t, "plan", "junction.plan", problems_);
        if (timings.empty())
            problems_.add(line_of(t), fmt::format("{} has no [[junction.plan]]", signals::describe_junction(net_, *j)),
                          "add a timing plan (controller, splits, offset)");
        for (std::size_t k = 0; k < timings.size(); ++k) read_timing(*timings[k], plan, k);
        lines_.push_back(line_of(t));
        return plan;
    }

    std::optional<SignalPlan> read_viewer_plan(const TomlValue& t) {
        TomlValue plain = without(t, {"group", "stage"});
        SectionReader r(&plain, "plan", problems_, base_);
        const auto index = r.optional_integer("junction", {0, static_cast<std::int64_t>(net_.junctions.size()) - 1});
        SignalPlan plan;
        plan.offset_s = r.number("offset_s", 0.0, between(0.0, 3600.0));
        r.report_unknown_keys();
        if (!index) {
            if (!r.has("junction")) problems_.add(line_of(t), "a [[plan]] without junction", "add junction = INDEX");
            return std::nullopt;
        }
        plan.junction = JunctionId{static_cast<std::uint32_t>(*index)};
        for (const TomlValue* g : tables(t, "group", "plan.group", problems_)) {
            TomlValue gp = without(*g, {"connections"});
            SectionReader gr(&gp, "plan.group", problems_, base_);
            signals::SignalGroup group{gr.text("name", fmt::format("group {}", plan.groups.size())), {}, gr.boolean("permissive", false)};
            gr.report_unknown_keys();
            for (const Item& c : list(*g, "connections", true, problems_)) group.connections.push_back(ConnectionId{static_cast<std::uint32_t>(c.number)});
            plan.groups.push_back(std::move(group));
        }
        for (const TomlValue* s : tables(t, "stage", "plan.stage", problems_)) {
            TomlValue sp = without(*s, {"green_groups"});
            SectionReader sr(&sp, "plan.stage", problems_, base_);
            signals::Stage stage;
            stage.green_s = sr.number("green_s", stage.green_s, between(0.0, 600.0));
            stage.yellow_s = sr.number("yellow_s", stage.yellow_s, between(0.0, 10.0));
            stage.all_red_s = sr.number("all_red_s", stage.all_red_s, between(0.0, 10.0));
            sr.report_unknown_keys();
            for (const Item& g : list(*s, "green_groups", true, problems_)) stage.green_groups.push_back(static_cast<std::uint16_t>(g.number));
            plan.stages.push_back(std::move(stage));
        }
        lines_.push_back(line_of(t));
        return plan;
    }

    // Structure and safety of every plan, reported at its junction's line.
    void check(const std::vector<SignalPlan>& plans) {
        if (plans.empty()) return;
        const signals::ConflictTable table(net_);
        for (std::size_t p = 0; p < plans.size(); ++p)
            for (const std::string& problem : signals::check_plan(net_, table, plans[p], options_))
                problems_.add(lines_[p], problem, "");
    }

    const network::Network& net_;
    Problems& problems_;
    std::filesystem::path base_;
    signals::ConflictCheckOptions options_;
    signals::MovementIndex movements_;
    std::map<std::int64_t, std::vector<JunctionId>> by_osm_;
    std::map<std::string, std::vector<JunctionId>> by_name_;
    std::vector<std::uint32_t> lines_;  // per plan read, its table's line
};

std::vector<SignalPlan> read_stream(std::istream& in, const std::filesystem::path& path, const network::Network& net,
                                    const signals::ConflictCheckOptions& options) {
    Problems problems(path.string());
    TomlValue root;
    try {
        root = toml::parse<toml::discard_comments, std::map, std::vector>(in, path.string());
    } catch (const toml::exception& e) {
        const std::string what = e.what();
        problems.add(static_cast<std::uint32_t>(e.location().line()), "invalid TOML: " + what.substr(0, what.find('\n')),
                     fmt::format("fix the syntax at column {}", e.location().column()));
        problems.throw_if_any();
    }
    std::filesystem::path base = path.parent_path();
    if (base.empty()) base = ".";
    Reader reader(net, problems, base, options);
    std::vector<SignalPlan> plans = reader.read(root);
    problems.throw_if_any();
    return plans;
}

}  // namespace

std::vector<signals::SignalPlan> read_signal_plan_file(const std::filesystem::path& path, const network::Network& net,
                                                       const signals::ConflictCheckOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Problems problems(path.string());
        problems.add(0, "cannot read the plan file", "give the path of a readable .toml plan file");
        problems.throw_if_any();
    }
    return read_stream(in, path, net, options);
}

std::vector<signals::SignalPlan> read_signal_plans_from_string(std::string_view text, const std::filesystem::path& name,
                                                               const network::Network& net,
                                                               const signals::ConflictCheckOptions& options) {
    std::istringstream in{std::string(text)};
    return read_stream(in, name, net, options);
}

}  // namespace ut::scenario
