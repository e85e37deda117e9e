// Time series of the network and of the selection: network delay (mean time lost by the
// trips finishing), throughput (trips finishing per hour), vehicles in the network, and
// for the selected junction its queue and delay, for a selected link its speed and flow.
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
    ImGui::TextDisabled("Selection plots start at the next sample after selecting (every 10 s simulated).");
}

}  // namespace ut::viewer
