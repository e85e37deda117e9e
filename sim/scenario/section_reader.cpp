#include "scenario/section_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ut::scenario {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above_cell = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
            diagonal = above_cell;
        }
    }
    return row[b.size()];
}

// The closest known key, when it is close enough to be a likely typo.
std::optional<std::string> suggestion(std::string_view key, const std::vector<std::string>& known) {
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
    for (const auto& k : known) {
        const std::size_t d = edit_distance(key, k);
        if (d < best_distance) {
            best_distance = d;
            best = k;
        }
    }
    return best;
}

std::string join(const std::vector<std::string>& items, std::string_view before,
                 std::string_view after) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += before;
        out += item;
        out += after;
    }
    return out;
}

}  // namespace

bool NumberRange::contains(double v) const {
    if (!std::isfinite(v)) return false;
    const bool min_ok = min_exclusive ? v > min : v >= min;
    const bool max_ok = max_exclusive ? v < max : v <= max;
    return min_ok && max_ok;
}

std::string NumberRange::describe() const {
    const bool has_min = std::isfinite(min);
    const bool has_max = std::isfinite(max);
    if (has_min && has_max && !min_exclusive && !max_exclusive)
        return fmt::format("a number from {} to {}", format_number(min), format_number(max));
    std::string out = "a number";
    if (has_min) out += fmt::format(" {} {}", min_exclusive ? ">" : ">=", format_number(min));
    if (has_min && has_max) out += " and";
    if (has_max) out += fmt::format(" {} {}", max_exclusive ? "<" : "<=", format_number(max));
    return out;
}

std::string IntRange::describe() const {
    constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
    constexpr auto highest = std::numeric_limits<std::int64_t>::max();
    if (min != lowest && max != highest) return fmt::format("a whole number from {} to {}", min, max);
    if (min != lowest) return fmt::format("a whole number >= {}", min);
    if (max != highest) return fmt::format("a whole number <= {}", max);
    return "a whole number";
}

std::string describe_type(const TomlValue& v) {
    switch (v.type()) {
        case toml::value_t::boolean: return "a boolean";
        case toml::value_t::integer: return "an integer";
        case toml::value_t::floating: return "a number";
        case toml::value_t::string: return "a string";
        case toml::value_t::array: return "an array";
        case toml::value_t::table: return "a table";
        case toml::value_t::empty: return "nothing";
        default: return "a date/time";
    }
}

std::string format_number(double v) { return fmt::format("{}", v); }

SectionReader::SectionReader(const TomlValue* table, std::string name, Problems& problems,
                             std::filesystem::path base_dir)
    : table_(table && table->is_table() ? table : nullptr),
      name_(std::move(name)),
      problems_(&problems),
      base_dir_(std::move(base_dir)) {}

std::uint32_t SectionReader::line() const {
    return table_ ? static_cast<std::uint32_t>(table_->location().line()) : 0;
}

bool SectionReader::has(std::string_view key) const {
    return table_ && table_->as_table().count(std::string(key)) > 0;
}

std::uint32_t SectionReader::line_of(std::string_view key) const {
    if (!has(key)) return line();
    return static_cast<std::uint32_t>(table_->as_table().at(std::string(key)).location().line());
}

std::string SectionReader::qualified(std::string_view key) const {
    if (name_.empty()) return std::string(key);
    return fmt::format("[{}] {}", name_, key);
}

void SectionReader::add_problem(std::string_view key, const std::string& what,
                                const std::string& allowed) {
    problems_->add(line_of(key), what, allowed);
}

const TomlValue* SectionReader::lookup(std::string_view key) {
    std::string k(key);
    if (std::find(known_.begin(), known_.end(), k) == known_.end()) known_.push_back(k);
    if (!table_) return nullptr;
    const auto& t = table_->as_table();
    const auto it = t.find(k);
    return it == t.end() ? nullptr : &it->second;
}

void SectionReader::wrong_type(std::string_view key, const TomlValue& v,
                               const std::string& expected, const std::string& allowed) {
    add_problem(key, fmt::format("{} must be {}, not {}", qualified(key), expected, describe_type(v)),
                "allowed: " + allowed);
}

std::optional<double> SectionReader::optional_number(std::string_view key, const NumberRange& range) {
    const TomlValue* v = lookup(key);
    if (!v) return std::nullopt;
    double x = 0.0;
    if (v->is_floating()) {
        x = v->as_floating();
    } else if (v->is_integer()) {
        x = static_cast<double>(v->as_integer());
    } else {
        wrong_type(key, *v, "a number", range.describe());
        return std::nullopt;
    }
    if (!range.contains(x)) {
        add_problem(key, fmt::format("{} = {} is out of range", qualified(key), format_number(x)),
                    "allowed: " + range.describe());
        return std::nullopt;
    }
    return x;
}

double SectionReader::number(std::string_view key, double fallback, const NumberRange& range) {
    return optional_number(key, range).value_or(fallback);
}

std::optional<std::int64_t> SectionReader::optional_integer(std::string_view key,
                                                            const IntRange& range) {
    const TomlValue* v = lookup(key);
    if (!v) return std::nullopt;
    if (!v->is_integer()) {
        wrong_type(key, *v, "a whole number", range.describe());
        return std::nullopt;
    }
    const std::int64_t x = v->as_integer();
    if (x < range.min || x > range.max) {
        add_problem(key, fmt::format("{} = {} is out of range", qualified(key), x),
                    "allowed: " + range.describe());
        return std::nullopt;
    }
    return x;
}

std::int64_t SectionReader::integer(std::string_view key, std::int64_t fallback,
                                    const IntRange& range) {
    return optional_integer(key, range).value_or(fallback);
}

bool SectionReader::boolean(std::string_view key, bool fallback) {
    const TomlValue* v = lookup(key);
    if (!v) return fallback;
    if (!v->is_boolean()) {
        wrong_type(key, *v, "true or false", "true or false");
        return fallback;
    }
    return v->as_boolean();
}

std::string SectionReader::text(std::string_view key, std::string fallback) {
    const TomlValue* v = lookup(key);
    if (!v) return fallback;
    if (!v->is_string()) {
        wrong_type(key, *v, "a string", "text in quotes");
        return fallback;
    }
    std::string s = v->as_string().str;
    if (s.empty()) {
        add_problem(key, fmt::format("{} is empty", qualified(key)), "allowed: non-empty text");
        return fallback;
    }
    return s;
}

std::string SectionReader::choice(std::string_view key, std::string fallback,
                                  const std::vector<std::string>& allowed) {
    const std::string list = join(allowed, "\"", "\"");
    const TomlValue* v = lookup(key);
    if (!v) return fallback;
    if (!v->is_string()) {
        wrong_type(key, *v, "a string", list);
        return fallback;
    }
    const std::string s = v->as_string().str;
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
        add_problem(key, fmt::format("{} = \"{}\" is not known", qualified(key), s),
                    "allowed: " + list);
        return fallback;
    }
    return s;
}

std::filesystem::path SectionReader::path(std::string_view key, std::filesystem::path fallback) {
    const std::string s = text(key, std::string());
    if (s.empty()) return fallback;
    const std::filesystem::path p(s);
    return (p.is_absolute() ? p : base_dir_ / p).lexically_normal();
}

std::optional<SectionReader> SectionReader::table(std::string_view key) {
    const TomlValue* v = lookup(key);
    const std::string child_name = name_.empty() ? std::string(key) : name_ + "." + std::string(key);
    if (v && !v->is_table()) {
        wrong_type(key, *v, "a table", fmt::format("a [{}] section", child_name));
        return std::nullopt;
    }
    if (!v) return std::nullopt;
    return SectionReader(v, child_name, *problems_, base_dir_);
}

std::vector<std::pair<std::string, const TomlValue*>> SectionReader::entries() {
    std::vector<std::pair<std::string, const TomlValue*>> out;
    if (!table_) return out;
    for (const auto& [k, v] : table_->as_table()) {
        lookup(k);
        out.emplace_back(k, &v);
    }
    return out;
}

std::vector<SectionReader> SectionReader::table_array(std::string_view key) {
    std::vector<SectionReader> out;
    const TomlValue* v = lookup(key);
    if (!v) return out;
    const std::string base = name_.empty() ? std::string(key) : name_ + "." + std::string(key);
    const bool tables = v->is_array() && std::all_of(v->as_array().begin(), v->as_array().end(),
                                                     [](const TomlValue& e) { return e.is_table(); });
    if (!tables) {
        wrong_type(key, *v, "an array of tables", fmt::format("one [[{}]] section per entry", base));
        return out;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i)
        out.emplace_back(&v->as_array()[i], fmt::format("{}[{}]", base, i + 1), *problems_, base_dir_);
    return out;
}

void SectionReader::report_unknown_keys() {
    if (!table_) return;
    for (const auto& [key, value] : table_->as_table()) {
        if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
        std::string what;
        std::string allowed;
        if (name_.empty()) {
            if (value.is_table()) {
                what = fmt::format("unknown section [{}]", key);
                allowed = "allowed sections: " + join(known_, "[", "]");
            } else {
                what = fmt::format("unknown top-level key '{}'", key);
                allowed = "keys belong inside a section: " + join(known_, "[", "]");
            }
        } else {
            what = fmt::format("unknown key '{}' in [{}]", key, name_);
            allowed = "allowed keys: " + join(known_, "", "");
        }
        if (const auto close = suggestion(key, known_)) allowed += fmt::format(" (did you mean '{}'?)", *close);
        problems_->add(static_cast<std::uint32_t>(value.location().line()), what, allowed);
    }
}

}  // namespace ut::scenario
