// Time series of the network and of the selection: network delay (mean time lost by the
// trips finishing), throughput (trips finishing per hour), vehicles in the network, and
// for the selected junction its queue and delay, for a selected link its speed and flow,
// for a bus line chosen from the list its passengers, waiting passengers and headway.
// After a fork every plot shows A (solid blue) and B (dashed orange), with the fork marked.
#include <imgui.h>

#include "plot.hpp"
#include "views.hpp"

namespace ut::viewer {

namespace {

PlotSeries series_of(const RunView& run, double Sample::*field, const char* label, Rgb color, bool dashed,
                     double since_s = -1.0) {
    PlotSeries s;
    s.label = label;
    s.color = to_imgui(color);
    s.dashed = dashed;
    if (run.samples)
        for (const Sample& x : *run.samples)
            if (x.time_s >= since_s) s.points.emplace_back(static_cast<float>(x.time_s), static_cast<float>(x.*field));
    return s;
}

// A bus line chosen from the scenario's lines: passengers on its buses, waiting at its stops,
// and how far apart its buses run (bunching shows as a falling headway).
void draw_bus_line_plots(ViewContext& ctx) {
    const auto& lines = ctx.scenario.transit.lines;
    if (lines.empty()) return;
    const std::uint32_t chosen = ctx.st.selection.bus_line;
    const std::string preview = chosen < lines.size() ? lines[chosen].name : std::string("none");
    ImGui::Separator();
    if (ImGui::BeginCombo("Bus line", preview.c_str())) {
        if (ImGui::Selectable("none", chosen >= lines.size())) ctx.actions.select_bus_line(std::nullopt);
        for (std::uint32_t l = 0; l < lines.size(); ++l)
            if (ImGui::Selectable(lines[l].name.c_str(), l == chosen)) ctx.actions.select_bus_line(l);
        ImGui::EndCombo();
    }
    if (chosen >= lines.size()) return;
    const RunFrame& f = *ctx.st.frame;
    const std::string& name = lines[chosen].name;
    ab_plot("bload", f, fmt::format("Line {}: passengers on its buses", name), "pax", &Sample::line_passengers);
    ab_plot("bwait", f, fmt::format("Line {}: passengers waiting at its stops", name), "pax", &Sample::line_waiting);
    ab_plot("bheadway", f, fmt::format("Line {}: headway at its stops (last two buses)", name), "s", &Sample::line_headway_s);
}

}  // namespace

// Both runs of a measure (B only from the fork on: before it, B is A).
std::vector<PlotSeries> ab_series(const RunFrame& f, double Sample::*field) {
    std::vector<PlotSeries> out;
    out.push_back(series_of(f.a, field, f.b ? "A" : "run", f.b ? kRunA : kRunALight, false));
    if (f.b) out.push_back(series_of(*f.b, field, "B", kRunB, true, f.fork_time_s));
    return out;
}

// Options are built fresh per plot: assigning literals to a reused std::string trips GCC
// 12's false -Wrestrict at -O3.
void ab_plot(const char* id, const RunFrame& f, std::string title, std::string unit, double Sample::*field) {
    PlotOptions o;
    o.title = std::move(title);
    o.unit = std::move(unit);
    o.marker_x = f.finished ? kNaN : f.fork_time_s;  // finished runs are compared from the start
    o.marker_label = std::string("fork");
    time_plot(id, o, ab_series(f, field));
}

void draw_plots(ViewContext& ctx) {
    const RunFrame& f = *ctx.st.frame;
    ab_plot("delay", f, "Network delay: time lost per finished trip", "s", &Sample::mean_delay_s);
    ab_plot("throughput", f, "Throughput: trips finished per hour", "veh/h", &Sample::throughput_veh_h);
    ab_plot("vehicles", f, "Vehicles in the network", "", &Sample::in_network);
    const Selection& sel = ctx.st.selection;
    if (f.finished) {
        ImGui::TextDisabled("Finished runs: the run files hold no time series per junction or street; the "
                            "Compare tab shows the selected street's whole-run values.");
        return;
    }
    if (sel.junction.valid()) {
        ab_plot("jqueue", f, fmt::format("Junction {}: vehicles queued on its approaches", sel.junction.index()), "veh",
                &Sample::junction_queue);
        ab_plot("jdelay", f, fmt::format("Junction {}: delay per vehicle through it", sel.junction.index()), "s",
                &Sample::junction_delay_s);
    } else if (sel.link.valid()) {
        const network::Link& link = ctx.geo.network().link(sel.link);
        const std::string name = link.name.empty() ? fmt::format("Link {}", sel.link.index()) : link.name;
        ab_plot("lspeed", f, fmt::format("{}: speed", name), "km/h", &Sample::link_speed_kmh);
        ab_plot("lflow", f, fmt::format("{}: flow", name), "veh/h", &Sample::link_flow_veh_h);
    } else {
        ImGui::TextDisabled("Select a junction or a street on the map to plot it.");
    }
    draw_bus_line_plots(ctx);
    ImGui::TextDisabled("Selection plots start at the next sample after selecting (every 10 s simulated).");
}

}  // namespace ut::viewer
