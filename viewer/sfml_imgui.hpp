// The glue between an SFML 2.5 window and Dear ImGui 1.86: SFML events become ImGui input,
// ImGui's draw data is rendered with the OpenGL3 backend that Debian ships inside libimgui.a.
// SFML draws with the legacy GL pipeline and caches its own GL state, so the ImGui pass runs
// last in a frame and SFML's states are reset after it.
#pragma once

#include <string>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>

struct ImFont;

namespace ut::viewer {

struct Fonts {
    ImFont* normal = nullptr;  // the UI
    ImFont* large = nullptr;   // presentation mode: readable from the back of a hall
    ImFont* medium = nullptr;  // map labels, cards' small print
    bool arrows = false;       // the fonts have the arrow and minus glyphs (not ImGui's built-in one)
};

class ImGuiSfml {
public:
    // Creates the ImGui context and the GL objects; `ui_scale` enlarges everything (HiDPI).
    ImGuiSfml(sf::RenderWindow& window, float ui_scale);
    ~ImGuiSfml();
    ImGuiSfml(const ImGuiSfml&) = delete;
    ImGuiSfml& operator=(const ImGuiSfml&) = delete;

    void process_event(const sf::Event& event);
    void new_frame(float dt_s);
    void render();

    const Fonts& fonts() const { return fonts_; }
    // The colour an ImGui window's own background gives over `behind` (WindowBg is slightly
    // translucent). The top bar and the side panel draw no background: the window is cleared
    // to this colour instead, which a software renderer does for free, while a blended panel
    // quad costs it several milliseconds a frame.
    static sf::Color panel_color(sf::Color behind);
    bool wants_mouse() const;
    bool wants_keyboard() const;

private:
    void load_fonts(float ui_scale);

    sf::RenderWindow& window_;
    Fonts fonts_;
    std::string clipboard_;  // ImGui keeps the pointer we return until the next call
};

}  // namespace ut::viewer
