#include "sfml_imgui.hpp"

#include <filesystem>

#include <SFML/Window/Clipboard.hpp>
#include <SFML/Window/Keyboard.hpp>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

namespace ut::viewer {

namespace {

// DejaVu is on nearly every Linux desktop; without it ImGui's built-in font is scaled (blurry
// at presentation size, but readable).
constexpr const char* kFontCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};

// Latin-1 plus the few symbols the viewer writes: dashes, arrows, minus, multiplication.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x2193, 0x2212, 0x2212, 0};

void map_keys(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::BackSpace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Return;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Return;
    io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
    io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
    io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
    io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
    io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
    io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
}

int mouse_index(sf::Mouse::Button b) {
    switch (b) {
        case sf::Mouse::Left: return 0;
        case sf::Mouse::Right: return 1;
        case sf::Mouse::Middle: return 2;
        case sf::Mouse::XButton1: return 3;
        case sf::Mouse::XButton2: return 4;
        default: return -1;
    }
}

}  // namespace

ImGuiSfml::ImGuiSfml(sf::RenderWindow& window, float ui_scale) : window_(window) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layouts are fixed by the viewer; no imgui.ini litter in cwd
    io.BackendPlatformName = "urbantwin_sfml";
    map_keys(io);
    io.UserData = this;
    io.GetClipboardTextFn = [](void* user) -> const char* {
        auto* self = static_cast<ImGuiSfml*>(user);
        self->clipboard_ = sf::Clipboard::getString().toAnsiString();
        return self->clipboard_.c_str();
    };
    io.SetClipboardTextFn = [](void*, const char* text) { sf::Clipboard::setString(text); };
    io.ClipboardUserData = this;

    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.ScaleAllSizes(ui_scale);
    load_fonts(ui_scale);

    window_.setActive(true);
    ImGui_ImplOpenGL3_Init("#version 130");
}

ImGuiSfml::~ImGuiSfml() {
    window_.setActive(true);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
}

void ImGuiSfml::load_fonts(float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    std::string path;
    for (const char* c : kFontCandidates)
        if (std::filesystem::exists(c)) path = c;
    if (!path.empty()) {
        fonts_.normal = io.Fonts->AddFontFromFileTTF(path.c_str(), 15.0f * ui_scale, nullptr, kGlyphRanges);
        fonts_.medium = io.Fonts->AddFontFromFileTTF(path.c_str(), 20.0f * ui_scale, nullptr, kGlyphRanges);
        fonts_.large = io.Fonts->AddFontFromFileTTF(path.c_str(), 34.0f * ui_scale, nullptr, kGlyphRanges);
        fonts_.arrows = fonts_.normal && fonts_.medium && fonts_.large;
    }
    if (!fonts_.normal) {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * ui_scale;
        fonts_.normal = io.Fonts->AddFontDefault(&cfg);
        cfg.SizePixels = 20.0f * ui_scale;
        fonts_.medium = io.Fonts->AddFontDefault(&cfg);
        cfg.SizePixels = 34.0f * ui_scale;
        fonts_.large = io.Fonts->AddFontDefault(&cfg);
    }
    io.FontDefault = fonts_.normal;
}

void ImGuiSfml::process_event(const sf::Event& e) {
    ImGuiIO& io = ImGui::GetIO();
    switch (e.type) {
        case sf::Event::MouseMoved:
            io.MousePos = ImVec2(static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y));
            break;
        case sf::Event::MouseButtonPressed:
        case sf::Event::MouseButtonReleased:
            if (const int i = mouse_index(e.mouseButton.button); i >= 0)
                io.MouseDown[i] = e.type == sf::Event::MouseButtonPressed;
            break;
        case sf::Event::MouseWheelScrolled:
            if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) io.MouseWheel += e.mouseWheelScroll.delta;
            else io.MouseWheelH += e.mouseWheelScroll.delta;
            break;
        case sf::Event::KeyPressed:
        case sf::Event::KeyReleased:
            if (e.key.code >= 0 && e.key.code < static_cast<int>(IM_ARRAYSIZE(io.KeysDown)))
                io.KeysDown[e.key.code] = e.type == sf::Event::KeyPressed;
            io.KeyCtrl = e.key.control;
            io.KeyShift = e.key.shift;
            io.KeyAlt = e.key.alt;
            io.KeySuper = e.key.system;
            break;
        case sf::Event::TextEntered:
            // Control characters arrive as text too; ImGui gets those as keys.
            if (e.text.unicode >= 32 && e.text.unicode != 127) io.AddInputCharacter(e.text.unicode);
            break;
        case sf::Event::LostFocus:
            io.AddFocusEvent(false);
            break;
        case sf::Event::GainedFocus:
            io.AddFocusEvent(true);
            break;
        default:
            break;
    }
}

void ImGuiSfml::new_frame(float dt_s) {
    ImGuiIO& io = ImGui::GetIO();
    const sf::Vector2u size = window_.getSize();
    io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = dt_s > 0.0f ? dt_s : 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
}

void ImGuiSfml::render() {
    ImGui::Render();
    window_.setActive(true);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // The backend restores what it changed, but SFML's cache may not match any more.
    window_.resetGLStates();
}

sf::Color ImGuiSfml::panel_color(sf::Color behind) {
    // In 8 bits, as ImGui hands the colour to GL and GL blends it.
    const ImU32 bg = ImGui::GetColorU32(ImGuiCol_WindowBg);
    const unsigned alpha = (bg >> IM_COL32_A_SHIFT) & 0xFF;
    const auto mix = [&](unsigned shift, sf::Uint8 under) {
        const unsigned c = (bg >> shift) & 0xFF;
        return static_cast<sf::Uint8>((c * alpha + under * (255 - alpha) + 127) / 255);
    };
    return {mix(IM_COL32_R_SHIFT, behind.r), mix(IM_COL32_G_SHIFT, behind.g), mix(IM_COL32_B_SHIFT, behind.b)};
}

bool ImGuiSfml::wants_mouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImGuiSfml::wants_keyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }

}  // namespace ut::viewer
