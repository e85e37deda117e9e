// The viewer application: the window, the ImGui glue, the simulation runner, the map
// renderers, the panels and the optional script, and the frame loop that ties them together.
//
// A frame: events -> latest runner frame -> script step -> panels (ImGui) -> layer colours
// -> map panes (SFML) -> ImGui draw -> optional PNG capture -> display. Each part is timed
// by the built-in frame counter.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SFML/Graphics/RenderWindow.hpp>

#include "actions.hpp"
#include "app_state.hpp"
#include "map_geometry.hpp"
#include "map_renderer.hpp"
#include "run_files.hpp"
#include "scenario/scenario.hpp"
#include "script_runner.hpp"
#include "sfml_imgui.hpp"
#include "sim_runner.hpp"
#include "views.hpp"

namespace ut::viewer {

struct ViewerOptions {
    std::string scenario;
    std::optional<std::string> screenshot;
    double at_s = 0.0;
    std::optional<std::string> script;
    std::optional<std::string> compare;  // a second scenario, shown as B from the start
    std::vector<std::string> runs;       // finished runs' output folders (A, B) instead of running
    unsigned width = 1600;
    unsigned height = 900;
    bool fullscreen_presentation = true;  // presentation mode switches to full screen
    std::optional<unsigned> threads;
    bool frame_stats = false;  // print the frame-time summary at exit
    bool gl_finish = false;    // wait for the GPU after each part, so the split is exact
    bool vsync = true;         // wait for the display refresh, and draw at most 60 frames a second
    bool present = false;      // start in presentation mode
    std::optional<std::string> layer;  // default: none, or delay for finished runs
    float ui_scale = 1.0f;
};

class App {
public:
    // `compare`: the second scenario and its inputs when --compare was given; `finished`: the
    // runs read from --runs folders (then nothing runs: the map shows their files).
    App(ViewerOptions options, scenario::Scenario scenario, engine::SimulationInputs inputs,
        std::optional<std::pair<scenario::Scenario, engine::SimulationInputs>> compare = std::nullopt,
        const std::vector<FinishedRun>& finished = {});
    ~App();
    int run();

private:
    void open_window(bool fullscreen);
    void handle_event(const sf::Event& e);
    void layout();
    void update_lane_colors();
    void draw_map();
    void capture_if_pending();
    void set_presentation(bool on);
    void fit_camera();
    void camera_to_junction();
    const Pane* pane_at(sf::Vector2f px) const;
    void click(sf::Vector2f px);

    ViewerOptions opt_;
    scenario::Scenario scenario_;
    sf::RenderWindow window_;
    bool window_fullscreen_ = false;
    std::unique_ptr<ImGuiSfml> imgui_;
    std::unique_ptr<SimRunner> runner_;
    std::shared_ptr<const RunFrame> finished_frame_;  // finished runs: shown instead of the runner's frames
    std::unique_ptr<MapGeometry> geo_;
    std::unique_ptr<MapRenderer> renderer_a_;
    std::unique_ptr<MapRenderer> renderer_b_;
    AppState st_;
    std::unique_ptr<Actions> actions_;
    std::unique_ptr<ScriptRunner> script_;
    sf::FloatRect map_area_;
    std::vector<Pane> panes_;
    // The measures the lane colours were made from, held so their address is never reused.
    std::shared_ptr<const LinkMeasures> colored_a_;
    std::shared_ptr<const LinkMeasures> colored_b_;
    bool mouse_down_ = false;
    bool dragging_ = false;
    sf::Vector2f press_px_;
    sf::Vector2f press_center_;
    int exit_code_ = 0;
};

}  // namespace ut::viewer
