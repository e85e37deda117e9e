// Static map geometry (lane quads, junction triangles) sorted into square tiles, so a
// zoomed-in view only paints the primitives of the tiles it can see. Each primitive carries
// a payload (a link index) so a layer can recolour it without rebuilding the geometry.
#pragma once

#include <cstdint>
#include <vector>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/Vertex.hpp>

namespace ut::viewer {

class TiledBuffer {
public:
    // `vertices` holds primitives of `per_primitive` vertices (4 for quads, 3 for triangles);
    // payload has one entry per primitive (may be empty).
    TiledBuffer(const std::vector<sf::Vertex>& vertices, std::vector<std::uint32_t> payload,
                std::size_t per_primitive, sf::FloatRect bounds, int tiles_per_side);

    // Recolours every primitive by its payload.
    template <class ColorOf>
    void recolor(ColorOf&& color_of) {
        for (std::size_t p = 0; p < payload_.size(); ++p) {
            const sf::Color c = color_of(payload_[p]);
            for (std::size_t k = 0; k < per_primitive_; ++k) vertices_[p * per_primitive_ + k].color = c;
        }
    }

    // Calls fn(first vertex) for every primitive in the tiles `visible` touches.
    template <class Fn>
    void for_each_visible(sf::FloatRect visible, Fn&& fn) const {
        const Range r = tiles_in(visible);
        if (r.empty) return;
        for (int y = r.y0; y <= r.y1; ++y) {
            const std::size_t first = tile_begin_[static_cast<std::size_t>(y * tiles_ + r.x0)];
            const std::size_t last = tile_begin_[static_cast<std::size_t>(y * tiles_ + r.x1 + 1)];
            for (std::size_t v = first; v < last; v += per_primitive_) fn(vertices_.data() + v);
        }
    }

    std::size_t vertex_count() const { return vertices_.size(); }

private:
    struct Range {
        int x0, x1, y0, y1;
        bool empty;
    };
    Range tiles_in(sf::FloatRect visible) const;

    std::vector<sf::Vertex> vertices_;   // in tile order
    std::vector<std::uint32_t> payload_; // in tile order
    std::vector<std::size_t> tile_begin_;  // first vertex of each tile (+ end)
    std::size_t per_primitive_;
    sf::FloatRect bounds_;
    int tiles_;
};

}  // namespace ut::viewer
