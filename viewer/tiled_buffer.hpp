// Static map geometry in GPU memory, sorted into square tiles so a zoomed-in view only
// submits the tiles it can see (one draw call per tile row), while a zoomed-out view
// submits everything in a handful of calls. Each primitive carries a payload (a link index)
// so a layer can recolour it without rebuilding the geometry.
#pragma once

#include <cstdint>
#include <vector>

#include <SFML/Graphics/PrimitiveType.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Vertex.hpp>
#include <SFML/Graphics/VertexBuffer.hpp>

namespace ut::viewer {

class TiledBuffer {
public:
    // `vertices` holds primitives of `per_primitive` vertices (4 for quads, 3 for triangles);
    // payload has one entry per primitive (may be empty).
    TiledBuffer(const std::vector<sf::Vertex>& vertices, std::vector<std::uint32_t> payload,
                sf::PrimitiveType type, std::size_t per_primitive, sf::FloatRect bounds, int tiles_per_side);

    void draw(sf::RenderTarget& target, sf::FloatRect visible) const;
    // How many vertices draw() would submit for this view.
    std::size_t visible_vertices(sf::FloatRect visible) const;

    // Recolours every primitive by its payload and re-uploads.
    template <class ColorOf>
    void recolor(ColorOf&& color_of) {
        for (std::size_t p = 0; p < payload_.size(); ++p) {
            const sf::Color c = color_of(payload_[p]);
            for (std::size_t k = 0; k < per_primitive_; ++k) vertices_[p * per_primitive_ + k].color = c;
        }
        upload();
    }

    std::size_t vertex_count() const { return vertices_.size(); }

private:
    void upload();
    struct Range {
        int x0, x1, y0, y1;
        bool empty;
    };
    Range tiles_in(sf::FloatRect visible) const;

    std::vector<sf::Vertex> vertices_;   // in tile order
    std::vector<std::uint32_t> payload_; // in tile order
    std::vector<std::size_t> tile_begin_;  // first vertex of each tile (+ end)
    sf::PrimitiveType type_;
    std::size_t per_primitive_;
    sf::FloatRect bounds_;
    int tiles_;
    bool use_gpu_buffer_;
    sf::VertexBuffer buffer_;
};

}  // namespace ut::viewer
