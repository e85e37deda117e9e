// A finished run read back from the folder `urbantwin run` writes (summary.json, trips.csv,
// links.csv; formats in docs/scenario.md, "Outputs"), checked against the network of the
// scenario it is shown on, so its link values land on the right streets.
//
// Columns are found by name (a column added to an output later does not break reading).
// Every problem is collected and reported together, each with its file and line, and what
// to do: a folder that is not a run, a run that did not finish, a run made on another
// network, a cell that is not a number.
//
// Header-only and UI-free: tested headless in tests/viewer.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/records.hpp"
#include "link_measures.hpp"
#include "network/network.hpp"

namespace ut::viewer {

// Everything wrong with one run folder, one sentence each.
class RunFilesError : public std::runtime_error {
public:
    explicit RunFilesError(std::vector<std::string> problems)
        : std::runtime_error(join(problems)), problems_(std::move(problems)) {}
    const std::vector<std::string>& problems() const { return problems_; }

private:
    static std::string join(const std::vector<std::string>& p) {
        std::string s;
        for (const std::string& x : p) s += (s.empty() ? "" : "\n") + x;
        return s;
    }
    std::vector<std::string> problems_;
};

// The KPIs of summary.json the viewer shows (NaN where the file has null).
struct RunSummary {
    std::string scenario;
    double duration_s = 0.0;
    double trips_planned = 0.0, departed = 0.0, arrived = 0.0, in_network = 0.0, waiting_to_enter = 0.0;
    double mean_travel_time_s = LinkMeasure::kNone, mean_delay_s = LinkMeasure::kNone;
    double vehicle_km = 0.0, mean_speed_kmh = LinkMeasure::kNone;
    double gridlock_events = 0.0, teleports = 0.0;
};

struct FinishedRun {
    std::filesystem::path dir;
    RunSummary summary;
    LinkMeasures links;                        // whole run; no bus data (links.csv has no vehicle class)
    std::vector<engine::TripRecord> trips;     // from trips.csv, by trip id
};

namespace run_files_detail {

constexpr std::size_t kMaxListed = 12;  // problems listed per file; the rest are counted

struct CsvRow {
    int line = 0;  // where the row starts, 1-based
    std::vector<std::string> cells;
};

// Rows of CSV text one at a time (a trips.csv has a row per trip: millions, never all held).
// RFC 4180 as output::csv_field writes it: a field is quoted only when it must be, "" is a
// quote inside quotes, and a quoted field may hold a line break.
class CsvReader {
public:
    explicit CsvReader(std::string_view text) : text_(text) {}

    // The next row with any text into `row`; false at the end.
    bool next(CsvRow& row) {
        while (pos_ < text_.size()) {
            row.line = line_;
            row.cells.assign(1, std::string());
            bool quoted = false, has_text = false;
            for (; pos_ < text_.size(); ++pos_) {
                const char c = text_[pos_];
                if (c == '\n') ++line_;
                if (quoted) {
                    if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') row.cells.back() += '"', ++pos_;
                    else if (c == '"') quoted = false;
                    else row.cells.back() += c;
                } else if (c == '"') {
                    quoted = has_text = true;
                } else if (c == ',') {
                    row.cells.emplace_back();
                    has_text = true;
                } else if (c == '\n') {
                    ++pos_;
                    break;
                } else if (c != '\r') {  // a spreadsheet may have saved CRLF
                    row.cells.back() += c;
                    has_text = true;
                }
            }
            if (has_text) return true;
        }
        return false;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

inline std::vector<CsvRow> parse_csv(std::string_view text) {
    std::vector<CsvRow> rows;
    CsvReader reader(text);
    for (CsvRow row; reader.next(row);) rows.push_back(row);
    return rows;
}

inline bool parse_number(const std::string& s, double& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

// A CSV file read row by row, its columns looked up by name, and the problems found in it.
class CsvFile {
public:
    CsvFile(const std::filesystem::path& path, std::vector<std::string>& problems)
        : name_(path.string()), problems_(problems), text_(read_all(path)), reader_(text_) {
        if (!reader_.next(header_)) problems_.push_back(fmt::format("{}: the file is empty; run the scenario again", name_));
    }

    // The index of a column, or -1 (and a problem) when the header lacks it.
    int column(std::string_view name) {
        if (header_.cells.empty()) return -1;
        for (std::size_t i = 0; i < header_.cells.size(); ++i)
            if (header_.cells[i] == name) return static_cast<int>(i);
        problems_.push_back(fmt::format("{}:1: no column '{}'; is this an output of `urbantwin run`?", name_, name));
        return -1;
    }

    // Rows after the header, counted without moving on.
    std::size_t row_count() const {
        CsvReader counter(text_);
        CsvRow row;
        std::size_t n = 0;
        while (counter.next(row)) ++n;
        return n > 0 ? n - 1 : 0;
    }
    bool next() { return !header_.cells.empty() && reader_.next(row_); }
    int line() const { return row_.line; }

    // The number in a cell of the current row; an empty cell is NaN when `empty_ok`, else a
    // problem (and NaN).
    double number(int col, std::string_view col_name, bool empty_ok) {
        if (col < 0) return LinkMeasure::kNone;
        const std::string* cell = static_cast<std::size_t>(col) < row_.cells.size() ? &row_.cells[col] : nullptr;
        double v = LinkMeasure::kNone;
        if (cell && cell->empty() && empty_ok) return v;
        if (!cell || !parse_number(*cell, v)) {
            problem(row_.line, fmt::format("column '{}': '{}' is not a number", col_name, cell ? *cell : std::string()));
            return LinkMeasure::kNone;
        }
        return v;
    }

    void problem(int line, const std::string& what) {
        if (++count_ <= kMaxListed) problems_.push_back(fmt::format("{}:{}: {}", name_, line, what));
        else if (count_ == kMaxListed + 1) problems_.push_back(fmt::format("{}: more problems not listed", name_));
    }
    const std::string& name() const { return name_; }

private:
    static std::string read_all(const std::filesystem::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::string name_;
    std::vector<std::string>& problems_;
    std::string text_;
    CsvReader reader_;
    CsvRow header_, row_;
    std::size_t count_ = 0;
};

inline double json_number(const nlohmann::json& j, const char* key, const std::string& file,
                          std::vector<std::string>& problems) {
    const auto it = j.find(key);
    if (it == j.end()) {
        problems.push_back(fmt::format("{}: no key '{}'; is this an output of `urbantwin run`?", file, key));
        return LinkMeasure::kNone;
    }
    if (it->is_null()) return LinkMeasure::kNone;  // a mean over nothing
    if (!it->is_number()) {
        problems.push_back(fmt::format("{}: '{}' is {}, not a number", file, key, it->dump()));
        return LinkMeasure::kNone;
    }
    return it->get<double>();
}

inline RunSummary read_summary(const std::filesystem::path& path, std::vector<std::string>& problems) {
    RunSummary s;
    const std::string file = path.string();
    nlohmann::json j;
    try {
        std::ifstream in(path);
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        problems.push_back(fmt::format("{}: not valid JSON ({}); run the scenario again", file, e.what()));
        return s;
    }
    if (!j.is_object()) {
        problems.push_back(fmt::format("{}: not a JSON object; is this an output of `urbantwin run`?", file));
        return s;
    }
    if (const auto it = j.find("scenario"); it != j.end() && it->is_string()) s.scenario = it->get<std::string>();
    const auto num = [&](const char* key) { return json_number(j, key, file, problems); };
    s.duration_s = num("duration_s");
    if (!(s.duration_s > 0.0) && !std::isnan(s.duration_s))
        problems.push_back(fmt::format("{}: duration_s is {}; a run lasts more than 0 s", file, s.duration_s));
    constexpr std::pair<const char*, double RunSummary::*> kNumbers[] = {
        {"trips_planned", &RunSummary::trips_planned},
        {"departed", &RunSummary::departed},
        {"arrived", &RunSummary::arrived},
        {"in_network", &RunSummary::in_network},
        {"waiting_to_enter", &RunSummary::waiting_to_enter},
        {"mean_travel_time_s", &RunSummary::mean_travel_time_s},
        {"mean_delay_s", &RunSummary::mean_delay_s},
        {"vehicle_km", &RunSummary::vehicle_km},
        {"mean_speed_kmh", &RunSummary::mean_speed_kmh},
        {"gridlock_events", &RunSummary::gridlock_events},
        {"teleports", &RunSummary::teleports}};
    for (const auto& [key, field] : kNumbers) s.*field = num(key);
    return s;
}

// links.csv: one row per link of `net`, in id order, with the same ends, lanes and length;
// anything else means the run was made on another network.
inline void read_links(const std::filesystem::path& path, const network::Network& net, FinishedRun& run,
                       const std::string& scenario_label, std::vector<std::string>& problems) {
    CsvFile f(path, problems);
    const int c_id = f.column("link_id"), c_from = f.column("from"), c_to = f.column("to");
    const int c_len = f.column("length_m"), c_lanes = f.column("lanes");
    const int c_speed = f.column("mean_speed_mps"), c_density = f.column("mean_density_veh_per_km");
    const int c_delay = f.column("mean_delay_s");
    const std::size_t rows = f.row_count();
    if (rows == 0) return;
    const std::string other_network =
        fmt::format("the run was made on another network; open it with the scenario it was run from{}",
                    run.summary.scenario.empty() ? std::string() : fmt::format(" ('{}')", run.summary.scenario));
    if (rows != net.links.size()) {
        problems.push_back(fmt::format("{}: {} links, but the network of {} has {}: {}", f.name(), rows,
                                       scenario_label, net.links.size(), other_network));
        return;
    }
    const double duration = run.summary.duration_s;
    run.links.link.assign(net.links.size(), LinkMeasure{});
    run.links.period_s = duration;
    run.links.whole_run = true;
    bool mismatch_reported = false;
    for (std::size_t i = 0; f.next(); ++i) {
        const network::Link& link = net.links[i];
        const double id = f.number(c_id, "link_id", false), from = f.number(c_from, "from", false);
        const double to = f.number(c_to, "to", false), len = f.number(c_len, "length_m", false);
        const double lanes = f.number(c_lanes, "lanes", false);
        // links.csv writes lengths with one decimal
        const bool same = id == static_cast<double>(i) && from == static_cast<double>(link.from.index()) &&
                          to == static_cast<double>(link.to.index()) && std::abs(len - link.length_m) <= 0.06 &&
                          lanes == static_cast<double>(link.lanes.size());
        if (!same && !std::isnan(id + from + to + len + lanes) && !mismatch_reported) {
            f.problem(f.line(), fmt::format("link {} runs from junction {} to {} ({:.1f} m, {} lanes) here, but link "
                                             "{} of {} runs from {} to {} ({:.1f} m, {} lanes): {}",
                                             id, from, to, len, lanes, i, scenario_label, link.from.index(),
                                             link.to.index(), link.length_m, link.lanes.size(), other_network));
            mismatch_reported = true;  // one is enough to tell: the rest would say the same
        }
        LinkMeasure& m = run.links.link[i];
        m.speed_mps = f.number(c_speed, "mean_speed_mps", true);
        m.delay_s = f.number(c_delay, "mean_delay_s", true);
        const double density = f.number(c_density, "mean_density_veh_per_km", true);
        // density = vehicle-seconds / (duration x km), so vehicle-km = speed x density x duration x km / 1000
        const double vkm = m.speed_mps * density * duration * (link.length_m / 1000.0) / 1000.0;
        m.vehicle_km = std::isfinite(vkm) ? vkm : 0.0;
    }
}

inline void read_trips(const std::filesystem::path& path, const network::Network& net, FinishedRun& run,
                       std::vector<std::string>& problems) {
    CsvFile f(path, problems);
    const int c_origin = f.column("origin"), c_dest = f.column("destination"), c_depart = f.column("depart_s");
    const int c_enter = f.column("enter_s"), c_arrival = f.column("arrival_s"), c_delay = f.column("delay_s");
    const int c_stops = f.column("stops"), c_dist = f.column("distance_m"), c_tele = f.column("teleports");
    while (f.next()) {
        engine::TripRecord& r = run.trips.emplace_back();
        for (const auto& [col, name] : {std::pair{c_origin, "origin"}, std::pair{c_dest, "destination"}}) {
            const double link = f.number(col, name, false);
            if (link >= static_cast<double>(net.links.size()))
                f.problem(f.line(), fmt::format("{} link {} does not exist (the network has {} links): this run was "
                                                "made on another network",
                                                name, link, net.links.size()));
        }
        r.depart_s = f.number(c_depart, "depart_s", false);
        r.enter_s = f.number(c_enter, "enter_s", true);
        r.arrival_s = f.number(c_arrival, "arrival_s", true);
        const double delay = f.number(c_delay, "delay_s", true);
        r.time_loss_s = std::isnan(delay) ? 0.0 : delay;
        r.distance_m = f.number(c_dist, "distance_m", false);
        r.stops = static_cast<std::uint32_t>(std::max(0.0, f.number(c_stops, "stops", false)));
        r.teleports = static_cast<std::uint32_t>(std::max(0.0, f.number(c_tele, "teleports", false)));
    }
}

}  // namespace run_files_detail

// Reads the run in `dir` for the network `net` of the scenario called `scenario_label` in
// messages. Throws RunFilesError with every problem found.
inline FinishedRun load_finished_run(const std::filesystem::path& dir, const network::Network& net,
                                     const std::string& scenario_label) {
    using namespace run_files_detail;
    namespace fs = std::filesystem;
    const std::string what_it_needs = "give the output folder of `urbantwin run` (summary.json, trips.csv, links.csv)";
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw RunFilesError({fmt::format("{}: no such folder; {}", dir.string(), what_it_needs)});
    if (!fs::is_directory(dir, ec)) throw RunFilesError({fmt::format("{}: not a folder; {}", dir.string(), what_it_needs)});
    std::vector<std::string> problems;
    std::vector<std::string> missing;
    for (const char* name : {"summary.json", "trips.csv", "links.csv"})
        if (!fs::is_regular_file(dir / name, ec)) missing.push_back(name);
    if (missing.size() == 3)
        throw RunFilesError({fmt::format("{}: has none of summary.json, trips.csv, links.csv; {}", dir.string(), what_it_needs)});
    for (const std::string& m : missing)
        problems.push_back(m == "summary.json"
                               ? fmt::format("{}: no summary.json; it is written last, so the run did not finish: run "
                                             "the scenario again",
                                             (dir / m).string())
                               : fmt::format("{}: missing; run the scenario again", (dir / m).string()));
    if (!problems.empty()) throw RunFilesError(std::move(problems));

    FinishedRun run;
    run.dir = dir;
    run.summary = read_summary(dir / "summary.json", problems);
    if (problems.empty()) {
        read_links(dir / "links.csv", net, run, scenario_label, problems);
        read_trips(dir / "trips.csv", net, run, problems);
    }
    if (!problems.empty()) throw RunFilesError(std::move(problems));
    return run;
}

}  // namespace ut::viewer
