#include "pane_texture.hpp"

#include <stdexcept>

#include <SFML/OpenGL.hpp>
#include <SFML/Window/Context.hpp>
#include <GL/glext.h>

namespace ut::viewer {

// GL 3.0 entry points, looked up through SFML (gl.h declares only GL 1.x).
struct PaneTexture::FramebufferApi {
    PFNGLGENFRAMEBUFFERSPROC gen = nullptr;
    PFNGLDELETEFRAMEBUFFERSPROC remove = nullptr;
    PFNGLBINDFRAMEBUFFERPROC bind = nullptr;
    PFNGLFRAMEBUFFERTEXTURE2DPROC attach = nullptr;
    PFNGLBLITFRAMEBUFFERPROC blit = nullptr;

    // Needs a GL context active; the entry points do not depend on which one on the
    // platforms SFML supports with desktop GL.
    FramebufferApi() {
        gen = reinterpret_cast<PFNGLGENFRAMEBUFFERSPROC>(sf::Context::getFunction("glGenFramebuffers"));
        remove = reinterpret_cast<PFNGLDELETEFRAMEBUFFERSPROC>(sf::Context::getFunction("glDeleteFramebuffers"));
        bind = reinterpret_cast<PFNGLBINDFRAMEBUFFERPROC>(sf::Context::getFunction("glBindFramebuffer"));
        attach = reinterpret_cast<PFNGLFRAMEBUFFERTEXTURE2DPROC>(sf::Context::getFunction("glFramebufferTexture2D"));
        blit = reinterpret_cast<PFNGLBLITFRAMEBUFFERPROC>(sf::Context::getFunction("glBlitFramebuffer"));
        if (!gen || !remove || !bind || !attach || !blit)
            throw std::runtime_error("the OpenGL driver has no framebuffer objects (OpenGL 3.0); the viewer needs them");
    }
};

namespace {

GLuint bound_texture() {
    GLint t = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &t);
    return static_cast<GLuint>(t);
}

}  // namespace

PaneTexture::PaneTexture() = default;

PaneTexture::~PaneTexture() {
    // Textures live in the context group SFML shares between all its contexts; deleting one
    // needs some context active (SFML keeps one alive for as long as any resource exists).
    if (texture_ != 0) {
        const GLuint t = texture_;
        glDeleteTextures(1, &t);
    }
}

void PaneTexture::upload(sf::RenderWindow& window, const PaneRaster& image) {
    if (image.width() == 0 || image.height() == 0) return;
    (void)window.setActive(true);
    // SFML caches which texture it has bound: put its binding back afterwards.
    const GLuint previous = bound_texture();
    if (texture_ == 0 || width_ != image.width() || height_ != image.height()) {
        if (texture_ == 0) {
            GLuint t = 0;
            glGenTextures(1, &t);
            texture_ = t;
        }
        glBindTexture(GL_TEXTURE_2D, texture_);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        // Unsized GL_RGBA with BGRA data: Mesa then stores the texture as BGRA (no conversion
        // on upload, and the same layout as the window, which the fast copy needs).
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, image.width(), image.height(), 0, GL_BGRA,
                     GL_UNSIGNED_INT_8_8_8_8_REV, nullptr);
        width_ = image.width();
        height_ = image.height();
    }
    glBindTexture(GL_TEXTURE_2D, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_, height_, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, image.data());
    glBindTexture(GL_TEXTURE_2D, previous);
}

void PaneTexture::blit(sf::RenderWindow& window, int left, int top) {
    if (texture_ == 0) return;
    (void)window.setActive(true);
    if (!gl_) gl_ = std::make_unique<FramebufferApi>();
    const FramebufferApi& gl = *gl_;
    // A framebuffer object per copy: they are not shared between GL contexts, and presentation
    // mode re-creates the window's context; making one costs microseconds.
    GLuint fbo = 0;
    gl.gen(1, &fbo);
    gl.bind(GL_READ_FRAMEBUFFER, fbo);
    gl.attach(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
    gl.bind(GL_DRAW_FRAMEBUFFER, 0);
    // Row 0 of the image is the pane's top row: source y 0..h goes to window y top..bottom
    // (GL counts window rows from the bottom).
    const int window_h = static_cast<int>(window.getSize().y);
    const int dst_top = window_h - top, dst_bottom = window_h - top - height_;
    gl.blit(0, 0, width_, height_, left, dst_top, left + width_, dst_bottom, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    gl.bind(GL_FRAMEBUFFER, 0);
    gl.remove(1, &fbo);
}

}  // namespace ut::viewer
