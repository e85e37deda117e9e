// A map pane as a plain CPU image: the cached roads copied in, then signal heads, cars and
// buses filled in as small convex shapes, and the result sent to the screen in one copy
// (pane_texture.hpp). A software OpenGL (Mesa's llvmpipe, what Xvfb and machines without a
// GPU have) spends 200-700 ns on every primitive it sets up, so 100,000 vehicles as GL points
// or quads cost 15-30 ms a frame; filling their few pixels here costs a few nanoseconds each.
//
// Pixels follow OpenGL's rule for filled primitives: a pixel is covered when its centre
// (x + 0.5, y + 0.5) is inside the shape (on a shared edge the left/top side wins), and a
// point of size s covers the s x s pixels whose centres are within s/2 of it. So the picture
// is the one the GL path drew. No blending: every shape is opaque.
//
// Pixel format: one std::uint32_t per pixel, 0xAARRGGBB (uploaded as GL_BGRA with
// GL_UNSIGNED_INT_8_8_8_8_REV, which reads it in the machine's byte order). Rows top-down.
//
// Header-only and free of SFML so tests/viewer can check it headless.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ut::viewer {

struct PixelPoint {
    float x = 0.0f;
    float y = 0.0f;
};

constexpr std::uint32_t argb(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    return 0xFF000000u | (std::uint32_t{r} << 16) | (std::uint32_t{g} << 8) | std::uint32_t{b};
}

class PaneRaster {
public:
    void resize(int width, int height) {
        width_ = std::max(0, width);
        height_ = std::max(0, height);
        pixels_.assign(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0u);
    }
    int width() const { return width_; }
    int height() const { return height_; }
    const std::uint32_t* data() const { return pixels_.data(); }
    std::uint32_t* row(int y) { return pixels_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width_); }
    std::uint32_t at(int x, int y) const {
        return pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)];
    }

    // This image becomes a copy of `other` (resized if needed).
    void copy_from(const PaneRaster& other) {
        if (other.width_ != width_ || other.height_ != height_) resize(other.width_, other.height_);
        if (!pixels_.empty()) std::memcpy(pixels_.data(), other.pixels_.data(), pixels_.size() * sizeof(std::uint32_t));
    }

    // What GL draws for a point of `size` pixels at `p`.
    void fill_square(PixelPoint p, int size, std::uint32_t color) {
        const float half = 0.5f * static_cast<float>(size);
        const int x0 = first_center_at_or_after(p.x - half), y0 = first_center_at_or_after(p.y - half);
        if (x0 < 0 || y0 < 0 || x0 + size > width_ || y0 + size > height_) return fill_rect(x0, y0, x0 + size, y0 + size, color);
        // Inside: the common case, 100,000 times a frame far out, so no clipping and no fill call.
        std::uint32_t* r = row(y0) + x0;
        for (int y = 0; y < size; ++y, r += width_)
            for (int x = 0; x < size; ++x) r[x] = color;
    }

    // Pixels [x0, x1) x [y0, y1), clipped to the image.
    void fill_rect(int x0, int y0, int x1, int y1, std::uint32_t color) {
        x0 = std::max(x0, 0), y0 = std::max(y0, 0);
        x1 = std::min(x1, width_), y1 = std::min(y1, height_);
        if (x1 <= x0) return;
        for (int y = y0; y < y1; ++y) std::fill(row(y) + x0, row(y) + x1, color);
    }

    // A convex polygon (corners in order, either winding): every pixel whose centre is inside.
    void fill_convex(const PixelPoint* pts, int n, std::uint32_t color) {
        if (n < 3) return;
        float ymin = pts[0].y, ymax = pts[0].y;
        for (int i = 1; i < n; ++i) ymin = std::min(ymin, pts[i].y), ymax = std::max(ymax, pts[i].y);
        const int y0 = std::max(0, first_center_at_or_after(ymin));
        const int y1 = std::min(height_, first_center_at_or_after(ymax));  // centres below ymax
        for (int y = y0; y < y1; ++y) {
            const float yc = static_cast<float>(y) + 0.5f;
            float xl = 1e30f, xr = -1e30f;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                const PixelPoint a = pts[j], b = pts[i];
                if ((a.y <= yc) == (b.y <= yc)) continue;  // the edge does not cross this row's centre line
                const float x = a.x + (yc - a.y) * (b.x - a.x) / (b.y - a.y);
                xl = std::min(xl, x), xr = std::max(xr, x);
            }
            if (xl > xr) continue;
            const int x0 = std::max(0, first_center_at_or_after(xl));
            const int x1 = std::min(width_, first_center_at_or_after(xr));
            if (x1 > x0) std::fill(row(y) + x0, row(y) + x1, color);
        }
    }

private:
    // The first pixel whose centre is at or after coordinate v (clamped far outside, so huge
    // shapes far off the pane cannot overflow an int).
    static int first_center_at_or_after(float v) {
        const float c = std::clamp(v - 0.5f, -1e6f, 1e6f);
        const int i = static_cast<int>(c);  // towards zero; a ceil without a libm call
        return i + (static_cast<float>(i) < c ? 1 : 0);
    }

    int width_ = 0;
    int height_ = 0;
    std::vector<std::uint32_t> pixels_;
};

}  // namespace ut::viewer
