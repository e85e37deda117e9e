// The A/B comparison: what changed since the fork, as a table (and, in presentation mode,
// as cards), plus the selected junction's queue and delay for A and B. For finished runs:
// the whole runs, and the selected street's values from links.csv.
#include <cmath>
#include <functional>

#include <fmt/format.h>
#include <imgui.h>

#include "views.hpp"

namespace ut::viewer {

namespace {

double mean_after(const RunView& r, double since_s, double Sample::*field) {
    if (!r.samples) return std::nan("");
    double sum = 0.0;
    int n = 0;
    for (const Sample& s : *r.samples)
        if (s.time_s > since_s && !std::isnan(s.*field)) sum += s.*field, ++n;
    return n ? sum / n : std::nan("");
}

// verdict: lower is better unless `higher_better`; changes under 2 % are "about the same".
Card make_card(std::string title, double a, double b, bool forked, bool higher_better,
               const std::function<std::string(double)>& fmt_value) {
    Card c;
    c.title = std::move(title);
    c.before = std::isnan(a) ? "-" : fmt_value(a);
    if (!forked) return c;
    c.after = std::isnan(b) ? "-" : fmt_value(b);
    if (std::isnan(a) || std::isnan(b) || a == 0.0) return c;
    const double rel = (b - a) / std::abs(a);
    c.change = std::abs(rel) < 0.005 ? std::string("0 %") : fmt::format("{:+.0f} %", rel * 100.0);
    if (std::abs(rel) >= 0.02) c.verdict = ((rel < 0.0) != higher_better) ? -1 : 1;
    return c;
}

}  // namespace

std::vector<Card> outcome_cards(const ViewContext& ctx) {
    const RunFrame& f = *ctx.st.frame;
    const bool forked = f.b.has_value();
    const RunView& a = f.a;
    const RunView& b = forked ? *f.b : f.a;
    const double since = forked ? f.fork_time_s : 0.0;
    // Each run over its own time: finished runs may differ in duration.
    const auto per_hour = [&](const RunView& r) {
        return static_cast<double>(r.totals.arrived) / (std::max(r.time_s - since, 1.0) / 3600.0);
    };
    std::vector<Card> cards;
    cards.push_back(make_card("Average trip", a.totals.mean_travel_s, b.totals.mean_travel_s, forked, false,
                              minutes_text));
    cards.push_back(make_card("Time lost in traffic per trip", a.totals.mean_delay_s, b.totals.mean_delay_s, forked,
                              false, minutes_text));
    cards.push_back(make_card("Stops per trip", a.totals.mean_stops, b.totals.mean_stops, forked, false,
                              [](double v) { return fmt::format("{:.1f}", v); }));
    cards.push_back(make_card("Trips completed per hour", per_hour(a), per_hour(b), forked, true,
                              [](double v) { return fmt::format("{:.0f}", v); }));
    if (ctx.st.selection.junction.valid() && !f.finished)  // the run files hold no junction series
        cards.push_back(make_card(fmt::format("Wait at junction {}", ctx.st.selection.junction.index()),
                                  mean_after(a, since, &Sample::junction_delay_s),
                                  mean_after(b, since, &Sample::junction_delay_s), forked, false, minutes_text));
    return cards;
}

namespace {

// A selected street in finished runs: its whole-run values, A against B.
void draw_street_values(ViewContext& ctx) {
    const RunFrame& f = *ctx.st.frame;
    const LinkId l = ctx.st.selection.link;
    if (!l.valid()) {
        ImGui::TextDisabled("Click a street to see its values.");
        return;
    }
    const network::Link& link = ctx.geo.network().link(l);
    ImGui::Text("%s (link %u)", link.name.empty() ? "Street" : link.name.c_str(), l.index());
    const auto measure = [&](const RunView& r) {
        return r.measures && l.index() < r.measures->link.size() ? r.measures->link[l.index()] : LinkMeasure{};
    };
    const LinkMeasure a = measure(f.a), b = f.b ? measure(*f.b) : LinkMeasure{};
    const auto num = [](double v, const char* fmt_str) {
        return std::isnan(v) ? std::string("-") : fmt::format(fmt::runtime(fmt_str), v);
    };
    if (ImGui::BeginTable("street", f.b ? 3 : 2, ImGuiTableFlags_RowBg)) {
        const auto row = [&](const char* name, double va, double vb, const char* fmt_str) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(num(va, fmt_str).c_str());
            if (f.b) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(num(vb, fmt_str).c_str());
            }
        };
        row("Mean speed, km/h", a.speed_mps * 3.6, b.speed_mps * 3.6, "{:.1f}");
        row("Delay per vehicle, s", a.delay_s, b.delay_s, "{:.1f}");
        row("Vehicle-km", a.vehicle_km, b.vehicle_km, "{:.0f}");
        ImGui::EndTable();
    }
}

void draw_fork_prompt(ViewContext& ctx) {
    ImGui::TextWrapped("Fork splits the run at the current time into A (as it was) and B (with the selected "
                       "junction's draft). Both go on with the same random numbers, side by side, so every "
                       "difference comes from the edit.");
    if (ImGui::Button("Fork A/B now")) ctx.actions.fork_with_draft();
}

}  // namespace

void draw_compare(ViewContext& ctx) {
    AppState& st = ctx.st;
    const RunFrame& f = *st.frame;
    if (!f.b && !f.finished) return draw_fork_prompt(ctx);
    if (f.finished) {
        ImGui::TextWrapped("Whole runs, from their files (summary.json, trips.csv, links.csv).");
        ImGui::TextDisabled("A: %s", st.before_after.first.c_str());
        if (f.b) ImGui::TextDisabled("B: %s", st.before_after.second.c_str());
    } else {
        ImGui::Text("Since the fork at %s (%s simulated)", clock_text(f.fork_time_s).c_str(),
                    minutes_text(f.a.time_s - f.fork_time_s).c_str());
    }
    if (ImGui::BeginTable("outcome", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(f.finished ? "Trips finished" : "Trips finished since then",
                                ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("A", ImGuiTableColumnFlags_WidthFixed, 62.0f);
        ImGui::TableSetupColumn(f.b ? "B" : "", ImGuiTableColumnFlags_WidthFixed, 62.0f);
        ImGui::TableSetupColumn(f.b ? "B vs A" : "", ImGuiTableColumnFlags_WidthFixed, 96.0f);
        ImGui::TableHeadersRow();
        for (const Card& c : outcome_cards(ctx)) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.title.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.before.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.after.c_str());
            ImGui::TableNextColumn();
            const ImVec4 col = c.verdict < 0   ? ImGui::ColorConvertU32ToFloat4(to_imgui(kBetter))
                               : c.verdict > 0 ? ImGui::ColorConvertU32ToFloat4(to_imgui(kWorse))
                                               : ImVec4(0.7f, 0.7f, 0.7f, 1.0f);
            ImGui::TextColored(col, "%s%s", c.change.c_str(),
                               c.verdict < 0 ? " better" : c.verdict > 0 ? " worse" : "");
        }
        ImGui::EndTable();
    }
    if (f.b) {
        ImGui::TextDisabled("A: %llu trips finished, B: %llu", static_cast<unsigned long long>(f.a.totals.arrived),
                            static_cast<unsigned long long>(f.b->totals.arrived));
        if (st.layer != Layer::Diff && ImGui::Button("Show B - A delay on the map")) st.layer = Layer::Diff;
    }
    if (f.finished) {
        ImGui::Separator();
        draw_street_values(ctx);
        ImGui::Separator();
    }
    if (st.selection.junction.valid() && !f.finished) {
        const auto j = st.selection.junction.index();
        ab_plot("cq", f, fmt::format("Junction {}: queue", j), "veh", &Sample::junction_queue);
        ab_plot("cd", f, fmt::format("Junction {}: delay per vehicle", j), "s", &Sample::junction_delay_s);
    }
    ab_plot("cn", f, "Network delay per finished trip", "s", &Sample::mean_delay_s);
    ab_plot("ct", f, "Throughput", "veh/h", &Sample::throughput_veh_h);
}

}  // namespace ut::viewer
