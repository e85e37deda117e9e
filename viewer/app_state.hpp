// All UI state of the viewer in one plain struct (no static locals anywhere): what is
// selected, the camera, the editor's drafts and history, run control settings, presentation
// mode. Panels read and change it; actions.cpp turns its changes into runner requests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "camera.hpp"
#include "frame_timer.hpp"
#include "layers.hpp"
#include "plan_edit.hpp"
#include "run_frame.hpp"
#include "run_measures.hpp"

namespace ut::viewer {

struct EditorState {
    std::map<std::uint32_t, signals::SignalPlan> drafts;  // by junction index; absent = no edit
    EditHistory history;
    PlanLimits limits;
    std::string refused;        // why the last edit was refused (shown until the next edit)
    std::string info;           // e.g. "applied to B at 00:12:30"
    int hovered_group = -1;     // the group under the mouse: its movements light up on the map
    // A field being dragged: the plan when the drag began (one undo step per drag).
    std::optional<signals::SignalPlan> drag_before;
    bool drag_had_draft = false;
    double drag_start_value = 0.0;
    // Saving: the file name, and whether to ask before replacing it.
    std::string save_path;
    bool confirm_overwrite = false;
};

struct RunControlState {
    int speed_index = 2;        // into kSpeeds (run_control view)
    bool playing = false;
    double jump_to_min = 15.0;  // the "jump to" field, in minutes
};

struct PresentationState {
    bool on = false;
    bool fullscreen = false;  // the window was switched to full screen by presentation mode
    float slider = 0.5f;      // before/after split as a fraction of the map width
    std::string export_dir = ".";
    std::string last_export;  // shown for a few seconds after a PNG was written
};

struct AppState {
    Camera camera;
    bool camera_fitted = false;
    bool camera_moved = false;  // by the user: a change of pane layout then keeps the camera
    std::size_t pane_count = 0;
    Layer layer = Layer::None;
    bool vehicles = true;
    bool show_labels = true;
    Selection selection;
    EditorState editor;
    RunControlState run;
    PresentationState present;
    FrameTimer timer;
    bool show_frame_stats = true;
    std::string select_tab;  // a script asks for a side-panel tab ("plots"); cleared when shown
    std::shared_ptr<const RunFrame> frame;  // the frame drawn this time round
    // How the two runs are called: a fork (edit) or two scenarios (--compare).
    std::string label_a = "A - as it was";
    std::string label_b = "B - with the edit";
    std::pair<std::string, std::string> before_after{"Before", "After"};
    std::uint64_t colored_serial = 0;       // frame whose layer colours are on the lanes
    Layer colored_layer = Layer::None;
    // A PNG to write: rendered `capture_wait` more frames first (ImGui windows settle their
    // size over a frame or two), then captured from the back buffer before display().
    std::string pending_capture;
    int capture_wait = 0;
    std::size_t vehicles_drawn = 0;         // by the map renderers, last frame
    std::string status;                     // one line at the bottom of the panel
    bool quit = false;

    // Screen layout, recomputed every frame (pixels).
    float top_bar_h = 0.0f;
    float side_panel_w = 0.0f;
};

}  // namespace ut::viewer
