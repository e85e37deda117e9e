#include "app.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <SFML/Graphics/Texture.hpp>
#include <SFML/OpenGL.hpp>
#include <imgui.h>

#include "finished_runs.hpp"
#include "signals/webster.hpp"

namespace ut::viewer {

namespace {
constexpr const char* kTitle = "UrbanTwin viewer";
constexpr std::chrono::microseconds kFrameInterval{16'667};  // 60 Hz

ScriptRunner load_script(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read the script file; give the path of a text file");
    std::stringstream text;
    text << in.rdbuf();
    ParsedScript parsed = parse_script(text.str(), path);
    if (!parsed.problems.empty()) {
        std::string all;
        for (const std::string& p : parsed.problems) all += "\n  " + p;
        throw std::runtime_error("the script has problems; nothing was run:" + all);
    }
    return ScriptRunner(std::move(parsed.commands), path);
}
}  // namespace

App::App(ViewerOptions options, scenario::Scenario scenario, engine::SimulationInputs inputs,
         std::optional<std::pair<scenario::Scenario, engine::SimulationInputs>> compare,
         const std::vector<FinishedRun>& finished)
    : opt_(std::move(options)), scenario_(std::move(scenario)) {
    open_window(false);
    imgui_ = std::make_unique<ImGuiSfml>(window_, opt_.ui_scale);

    engine::Simulation sim(std::move(inputs));
    // Leave a core to the UI thread: a stalled frame is worse than a slightly slower run.
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    sim.set_threads(opt_.threads.value_or(hw > 1 ? hw - 1 : 1));
    std::vector<network::VehicleClass> classes;
    for (const engine::VehicleType& t : sim.vehicle_types()) classes.push_back(t.vehicle_class);
    // Webster needs each movement's demand; read it from the trips' routes once, here, so the
    // UI never touches the demand the worker's simulation owns.
    const double demand_end = std::max(scenario_.demand.random.end_s, scenario_.demand.random.begin_s + 1.0);
    std::vector<std::vector<double>> group_flow = signals::group_demand(
        sim.network(), sim.demand(), sim.signal_plans(), scenario_.demand.random.begin_s, demand_end);
    std::optional<engine::Simulation> b;
    if (compare) {
        const network::Network& na = sim.network();
        const network::Network& nb = compare->second.network;
        // One map for both panes: the diff layer and the synced camera compare link by link.
        if (na.junctions.size() != nb.junctions.size() || na.links.size() != nb.links.size() ||
            na.connections.size() != nb.connections.size())
            throw std::invalid_argument(fmt::format(
                "--compare needs both scenarios on the same network; {} has {} links and {} has {}: "
                "compare scenarios that differ in demand, signal plans or engine settings",
                scenario_.file.string(), na.links.size(), compare->first.file.string(), nb.links.size()));
        b.emplace(std::move(compare->second));
        b->set_threads(opt_.threads.value_or(hw > 1 ? hw - 1 : 1));
        st_.label_a = "A - " + scenario_.name;
        st_.label_b = "B - " + compare->first.name;
        st_.before_after = {scenario_.name, compare->first.name};
    }
    runner_ = std::make_unique<SimRunner>(std::move(sim), std::move(b));
    geo_ = std::make_unique<MapGeometry>(runner_->compiled_network());
    renderer_a_ = std::make_unique<MapRenderer>(*geo_, classes);
    renderer_b_ = std::make_unique<MapRenderer>(*geo_, classes);
    actions_ = std::make_unique<Actions>(st_, *runner_, *geo_, scenario_, std::move(group_flow));
    if (!finished.empty()) {
        finished_frame_ = finished_frame(finished);
        st_.label_a = "A - " + run_label(finished.front());
        st_.before_after.first = run_label(finished.front());
        if (finished.size() > 1) {
            st_.label_b = "B - " + run_label(finished[1]);
            st_.before_after.second = run_label(finished[1]);
        }
        st_.select_tab = "compare";  // the whole-run outcome is what there is to read first
    }
    st_.frame = finished_frame_ ? finished_frame_ : runner_->frame();
    // Finished runs have no vehicles to watch: their link values are what there is to see.
    const Layer default_layer = finished_frame_ ? Layer::Delay : Layer::None;
    st_.layer = opt_.layer ? layer_from_name(*opt_.layer).value_or(default_layer) : default_layer;
    st_.show_frame_stats = opt_.frame_stats;

    std::string script_text;
    if (opt_.screenshot) {
        // --screenshot FILE --at T is the script "run_to T, screenshot FILE"; finished runs
        // are shown as they ended.
        const std::string run_to = finished_frame_ ? std::string() : fmt::format("run_to {}\n", opt_.at_s);
        ParsedScript s = parse_script(fmt::format("{}screenshot {}\nquit\n", run_to, *opt_.screenshot),
                                      "--screenshot");
        script_ = std::make_unique<ScriptRunner>(std::move(s.commands), "--screenshot");
    } else if (opt_.script) {
        script_ = std::make_unique<ScriptRunner>(load_script(*opt_.script));
    }
    if (opt_.present) set_presentation(true);
}

App::~App() {
    runner_.reset();  // stop the worker before anything it might still publish to goes away
}

void App::open_window(bool fullscreen) {
    sf::ContextSettings gl;
    gl.antialiasingLevel = 0;  // lanes and vehicles are axis-free quads; MSAA would double fill cost
    if (fullscreen) window_.create(sf::VideoMode::getDesktopMode(), kTitle, sf::Style::Fullscreen, gl);
    else window_.create(sf::VideoMode(opt_.width, opt_.height), kTitle, sf::Style::Default, gl);
    window_.setVerticalSyncEnabled(opt_.vsync);
    window_fullscreen_ = fullscreen;
}

void App::set_presentation(bool on) {
    st_.present.on = on;
    // A new window has a new GL context; SFML creates every context sharing objects with its
    // hidden one, so ImGui's program, buffers and font texture and our vertex buffers carry
    // over (re-creating ImGui's device objects here is what broke the UI under Mesa).
    if (opt_.fullscreen_presentation && on != window_fullscreen_) open_window(on);
    // The camera stays: a planner who zoomed to the junction presents the junction (F fits).
}

void App::fit_camera() {
    layout();
    sf::FloatRect area = panes_.empty() ? map_area_ : panes_.front().area;
    if (st_.present.on) {
        // Keep the streets clear of the title at the top and the cards at the bottom; fit()
        // centres on the area, so shift the centre back to the middle of the free band.
        const float top = 90.0f, bottom = 190.0f;
        sf::FloatRect free{area.left, area.top + top, area.width, std::max(100.0f, area.height - top - bottom)};
        st_.camera.fit(geo_->bounds(), free);
        st_.camera.center.y -= (top - bottom) * 0.5f * st_.camera.meters_per_pixel;
    } else {
        st_.camera.fit(geo_->bounds(), area);
    }
    st_.camera_fitted = true;
    st_.camera_moved = false;
}

void App::camera_to_junction() {
    if (!st_.selection.junction.valid()) return;
    st_.camera.center = geo_->junction_position(st_.selection.junction);
    st_.camera.meters_per_pixel = 0.25f;  // the junction and its approach queues fill the pane
    st_.camera_fitted = true;
    st_.camera_moved = true;
}

void App::layout() {
    const sf::Vector2u size = window_.getSize();
    const float w = static_cast<float>(size.x), h = static_cast<float>(size.y);
    panes_.clear();
    if (st_.present.on) {
        map_area_ = {0.0f, 0.0f, w, h};
    } else {
        st_.side_panel_w = std::clamp(w * 0.3f, 380.0f, 540.0f);
        const float top = st_.top_bar_h > 0.0f ? st_.top_bar_h : 40.0f;
        map_area_ = {0.0f, top, std::max(1.0f, w - st_.side_panel_w), std::max(1.0f, h - top)};
    }
    const bool forked = st_.frame && st_.frame->b;
    if (!forked) {
        panes_.push_back({map_area_, map_area_, false});
    } else if (st_.present.on) {
        // Before/after slider: one continuous map, A left of the split and B right of it.
        const float split = map_area_.width * st_.present.slider;
        panes_.push_back({{map_area_.left, map_area_.top, split, map_area_.height}, map_area_, false});
        panes_.push_back({{map_area_.left + split, map_area_.top, map_area_.width - split, map_area_.height}, map_area_, true});
    } else {
        // Side by side, same camera: each pane shows the same place at the same scale.
        const float half = std::floor(map_area_.width * 0.5f);
        const sf::FloatRect a{map_area_.left, map_area_.top, half, map_area_.height};
        const sf::FloatRect b{map_area_.left + half, map_area_.top, map_area_.width - half, map_area_.height};
        panes_.push_back({a, a, false});
        panes_.push_back({b, b, true});
    }
}

void App::update_lane_colors() {
    const RunFrame& f = *st_.frame;
    const std::shared_ptr<const LinkMeasures>& ma = f.a.measures;
    const std::shared_ptr<const LinkMeasures> mb = f.b ? f.b->measures : nullptr;
    if (st_.layer == st_.colored_layer && ma == colored_a_ && mb == colored_b_) return;
    const network::Network& net = geo_->network();
    const auto colours = [&](const LinkValues& v, Layer layer, TransitData transit) {
        std::vector<std::optional<Rgb>> c(v.value.size());
        for (std::size_t i = 0; i < c.size(); ++i) c[i] = layer_color(layer, v.value[i], transit);
        return c;
    };
    const auto color_pane = [&](MapRenderer& r, const std::shared_ptr<const LinkMeasures>& m) {
        if (!m) return r.set_lane_colors(nullptr);
        const auto c = colours(link_values(st_.layer, net, *m), st_.layer, transit_data(*m));
        r.set_lane_colors(&c);
    };
    if (st_.layer == Layer::None) {
        renderer_a_->set_lane_colors(nullptr);
        renderer_b_->set_lane_colors(nullptr);
    } else if (st_.layer == Layer::Diff) {
        renderer_a_->set_lane_colors(nullptr);  // A is the reference: B carries the difference
        if (ma && mb) {
            const auto c = colours(diff_values(*ma, *mb), Layer::Diff, TransitData::None);
            renderer_b_->set_lane_colors(&c);
        } else {
            renderer_b_->set_lane_colors(nullptr);
        }
    } else {
        color_pane(*renderer_a_, ma);
        if (f.b) color_pane(*renderer_b_, mb);
    }
    st_.colored_layer = st_.layer;
    colored_a_ = ma;
    colored_b_ = mb;
}

void App::draw_map() {
    const RunFrame& f = *st_.frame;
    MapDrawOptions o;
    o.meters_per_pixel = st_.camera.meters_per_pixel;
    o.vehicles = st_.vehicles;
    o.vehicles_by_speed = st_.layer == Layer::None;
    o.transit = st_.layer == Layer::Transit;
    o.signal_heads = !finished_frame_;  // the files hold no signal states
    o.selected_junction = st_.selection.junction;
    o.selected_link = st_.selection.link;
    o.finish_layers = opt_.gl_finish;
    if (st_.editor.hovered_group >= 0 && st_.selection.junction.valid()) {
        if (const auto plan = actions_->draft(st_.selection.junction);
            plan && static_cast<std::size_t>(st_.editor.hovered_group) < plan->groups.size())
            o.highlight = plan->groups[static_cast<std::size_t>(st_.editor.hovered_group)].connections;
    }
    st_.vehicles_drawn = 0;
    for (const Pane& pane : panes_) {
        const RunView& run = pane.is_b ? *f.b : f.a;
        MapRenderer& r = pane.is_b ? *renderer_b_ : *renderer_a_;
        const sf::View view = st_.camera.view_for(pane.rect, pane.area, window_.getSize());
        r.draw(window_, view, run.snapshot, o, st_.timer);
        st_.vehicles_drawn += r.last_vehicle_count();
    }
    window_.setView(window_.getDefaultView());
}

void App::capture_if_pending() {
    if (st_.pending_capture.empty()) return;
    if (st_.capture_wait > 0) {
        --st_.capture_wait;
        return;
    }
    const std::filesystem::path path = st_.pending_capture;
    st_.pending_capture.clear();
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    sf::Texture tex;
    const sf::Vector2u size = window_.getSize();
    if (!tex.create(size.x, size.y)) return;
    tex.update(window_);  // reads the back buffer: this frame, before display()
    if (!tex.copyToImage().saveToFile(path.string())) {
        std::fprintf(stderr, "urbantwin-viewer: cannot write %s; check the folder exists and is writable\n",
                     path.string().c_str());
        exit_code_ = 1;
        return;
    }
    st_.present.last_export = path.string();
    std::printf("urbantwin-viewer: wrote %s (%ux%u) at simulated time %.0f s\n", path.string().c_str(), size.x, size.y,
                st_.frame->a.time_s);
}

int App::run() {
    sf::Clock clock;
    auto frame_start = std::chrono::steady_clock::now();
    while (window_.isOpen() && !st_.quit) {
        if (opt_.vsync) {
            // At most 60 frames a second also where the display's refresh cannot be waited
            // for (Xvfb, a software GL): a UI drawing flat out would take a whole core from
            // the simulation. With a working vsync display() has waited already.
            std::this_thread::sleep_until(frame_start + kFrameInterval);
        }
        frame_start = std::chrono::steady_clock::now();
        st_.timer.begin_frame();
        for (sf::Event e; window_.pollEvent(e);) handle_event(e);
        st_.frame = finished_frame_ ? finished_frame_ : runner_->frame();
        if (script_) {
            ScriptEnv env{st_, *runner_, *actions_, *geo_, finished_frame_ != nullptr,
                          [this](bool on) { set_presentation(on); },
                          [this] { fit_camera(); }, [this] { camera_to_junction(); },
                          scenario_.transit.lines.size()};
            script_->update(env);
            if (script_->done()) {
                exit_code_ = std::max(exit_code_, script_->exit_code());
                break;
            }
        }
        st_.timer.mark(FramePart::Events);

        imgui_->new_frame(clock.restart().asSeconds());
        layout();
        if (panes_.size() != st_.pane_count) {  // fork or close: refit unless the user placed the camera
            if (!st_.camera_moved) st_.camera_fitted = false;
            st_.pane_count = panes_.size();
        }
        if (!st_.camera_fitted) fit_camera();
        st_.editor.hovered_group = -1;
        const bool capturing = !st_.pending_capture.empty() && st_.capture_wait == 0;
        ViewContext ctx{st_, *runner_, *geo_, *actions_, imgui_->fonts(), scenario_, map_area_, panes_, capturing};
        if (st_.present.on) {
            draw_presentation(ctx);
        } else {
            draw_top_bar(ctx);
            draw_side_panel(ctx);
        }
        draw_map_overlay(ctx);
        st_.timer.mark(FramePart::Ui);

        update_lane_colors();
        st_.timer.mark(FramePart::Roads);
        // The map covers its area; what is left is under the top bar and the side panel.
        const sf::Color background(kBackground.r, kBackground.g, kBackground.b);
        window_.clear(st_.present.on ? background : ImGuiSfml::panel_color(background));
        if (opt_.gl_finish) glFinish();
        st_.timer.mark(FramePart::Map);
        draw_map();
        imgui_->render();
        if (opt_.gl_finish) glFinish();
        st_.timer.mark(FramePart::Imgui);
        capture_if_pending();
        window_.display();
        st_.timer.mark(FramePart::Swap);
        st_.timer.end_frame();
    }
    if (opt_.frame_stats) std::printf("urbantwin-viewer: %s\n", st_.timer.summary().c_str());
    return exit_code_;
}

}  // namespace ut::viewer
