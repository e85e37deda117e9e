// Typed, checked access to one table of a scenario file.
//
// Every lookup records the key as known, so after a section is read, report_unknown_keys()
// can flag whatever the file has that nobody asked for (a typo such as `stepp_s`), and list
// the keys that are allowed there. Lookups never throw: a wrong type or an out-of-range
// value is added to the shared Problems list and the default is returned, so reading goes
// on and every problem in the file is found in one pass.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml.hpp>

#include "scenario/scenario_error.hpp"

namespace ut::scenario {

// std::map keeps keys sorted, so iteration (and therefore vehicle type ids and the order
// of messages for one line) does not depend on hashing.
using TomlValue = toml::basic_value<toml::discard_comments, std::map, std::vector>;

struct NumberRange {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool min_exclusive = false;
    bool max_exclusive = false;

    bool contains(double v) const;
    std::string describe() const;  // "a number > 0 and <= 5"
};
// [lo, hi]
inline NumberRange between(double lo, double hi) { return {lo, hi, false, false}; }
// (lo, hi]
inline NumberRange above(double lo, double hi = std::numeric_limits<double>::infinity()) {
    return {lo, hi, true, false};
}

struct IntRange {
    std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t max = std::numeric_limits<std::int64_t>::max();

    std::string describe() const;  // "a whole number from 1 to 6"
};

class SectionReader {
public:
    // `table` may be null: the section is absent and every lookup gives its default.
    // `name` is the dotted table name ("engine", "demand.mix"); "" for the whole file.
    SectionReader(const TomlValue* table, std::string name, Problems& problems,
                  std::filesystem::path base_dir);

    const std::string& name() const { return name_; }
    bool present() const { return table_ != nullptr; }
    std::uint32_t line() const;  // where the table starts; 0 when absent
    bool has(std::string_view key) const;
    std::uint32_t line_of(std::string_view key) const;  // the key's value, else the table
    Problems& problems() { return *problems_; }
    // The scenario file's folder: relative paths resolve against it.
    const std::filesystem::path& base_dir() const { return base_dir_; }

    double number(std::string_view key, double fallback, const NumberRange& range);
    std::optional<double> optional_number(std::string_view key, const NumberRange& range);
    std::int64_t integer(std::string_view key, std::int64_t fallback, const IntRange& range);
    std::optional<std::int64_t> optional_integer(std::string_view key, const IntRange& range);
    bool boolean(std::string_view key, bool fallback);
    // A non-empty string.
    std::string text(std::string_view key, std::string fallback);
    std::string choice(std::string_view key, std::string fallback,
                       const std::vector<std::string>& allowed);
    // A path; relative ones are taken from the scenario file's folder.
    std::filesystem::path path(std::string_view key, std::filesystem::path fallback);
    // A sub-table ("[demand.mix]" inside "[demand]"); nothing when absent or not a table.
    std::optional<SectionReader> table(std::string_view key);
    // Every key with its value, all counted as known: for tables whose keys are names
    // chosen by the user (vehicle types, the mix).
    std::vector<std::pair<std::string, const TomlValue*>> entries();
    // An array of tables ("[[bus_lines]]"), one reader per table, named "bus_lines[1]" ...;
    // empty when absent or not an array of tables (reported).
    std::vector<SectionReader> table_array(std::string_view key);
    // The raw value of a key (counted as known), for values of several shapes; null when absent.
    const TomlValue* raw(std::string_view key) { return lookup(key); }

    // "[engine] step_s" (or "step_s" for the whole file): how messages name a key.
    std::string qualified(std::string_view key) const;
    // Adds a problem at the line of `key` (or of the table when the key is absent).
    void add_problem(std::string_view key, const std::string& what, const std::string& allowed);
    // Flags every key that no lookup asked for. Call once, after all lookups.
    void report_unknown_keys();

private:
    const TomlValue* lookup(std::string_view key);
    void wrong_type(std::string_view key, const TomlValue& v, const std::string& expected,
                    const std::string& allowed);

    const TomlValue* table_;
    std::string name_;
    Problems* problems_;
    std::filesystem::path base_dir_;
    std::vector<std::string> known_;  // in the order asked, for "allowed keys: ..."
};

// "a string", "an integer", ...: how messages name what the file has.
std::string describe_type(const TomlValue& v);
// Shortest text that reads back as the same number ("0.5", "20").
std::string format_number(double v);

}  // namespace ut::scenario
