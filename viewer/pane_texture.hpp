// Puts a PaneRaster on the screen: the image goes into a GL texture and is copied into the
// window's back buffer with glBlitFramebuffer, at 1:1 scale and without blending. Under Mesa's
// llvmpipe that copy is a plain memory copy when the formats match and nothing is scaled, so
// a 1120 x 860 pane costs ~0.5 ms where a textured quad (a sprite) costs ~6 ms; the texture
// is BGRA (the window's layout), and the copy is asked for upside down because Mesa keeps
// window buffers top-down and framebuffer objects bottom-up, so the two flips cancel.
// Needs OpenGL 3.0 (framebuffer objects), as the ImGui backend does.
#pragma once

#include <memory>

#include <SFML/Graphics/RenderWindow.hpp>

#include "pane_raster.hpp"

namespace ut::viewer {

class PaneTexture {
public:
    PaneTexture();
    ~PaneTexture();
    PaneTexture(const PaneTexture&) = delete;
    PaneTexture& operator=(const PaneTexture&) = delete;

    // Sends the image to the texture (re-created when the size changed). The window's GL
    // context must be the active one.
    void upload(sf::RenderWindow& window, const PaneRaster& image);
    // Copies the texture into the window's back buffer with its top left corner at `left`,
    // `top` (window pixels).
    void blit(sf::RenderWindow& window, int left, int top);

private:
    struct FramebufferApi;
    std::unique_ptr<FramebufferApi> gl_;  // looked up at the first copy
    unsigned texture_ = 0;
    int width_ = 0;
    int height_ = 0;
};

}  // namespace ut::viewer
