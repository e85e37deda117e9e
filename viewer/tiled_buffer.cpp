#include "tiled_buffer.hpp"

#include <algorithm>
#include <cmath>

namespace ut::viewer {

TiledBuffer::TiledBuffer(const std::vector<sf::Vertex>& vertices, std::vector<std::uint32_t> payload,
                         std::size_t per_primitive, sf::FloatRect bounds, int tiles_per_side)
    : per_primitive_(per_primitive), bounds_(bounds), tiles_(std::max(1, tiles_per_side)) {
    const std::size_t prims = vertices.size() / per_primitive;
    const auto tile_of = [&](std::size_t p) {
        const sf::Vector2f v = vertices[p * per_primitive].position;
        const float tw = std::max(bounds_.width, 1.0f) / static_cast<float>(tiles_);
        const float th = std::max(bounds_.height, 1.0f) / static_cast<float>(tiles_);
        const int tx = std::clamp(static_cast<int>((v.x - bounds_.left) / tw), 0, tiles_ - 1);
        const int ty = std::clamp(static_cast<int>((v.y - bounds_.top) / th), 0, tiles_ - 1);
        return static_cast<std::size_t>(ty * tiles_ + tx);
    };
    // Counting sort of primitives by tile, stable so neighbouring lanes stay neighbours.
    const std::size_t tile_count = static_cast<std::size_t>(tiles_ * tiles_);
    std::vector<std::size_t> count(tile_count + 1, 0);
    std::vector<std::size_t> tile(prims);
    for (std::size_t p = 0; p < prims; ++p) ++count[(tile[p] = tile_of(p)) + 1];
    for (std::size_t t = 0; t < tile_count; ++t) count[t + 1] += count[t];
    tile_begin_.resize(tile_count + 1);
    for (std::size_t t = 0; t <= tile_count; ++t) tile_begin_[t] = count[t] * per_primitive;
    vertices_.resize(prims * per_primitive);
    payload_.resize(payload.empty() ? 0 : prims);
    std::vector<std::size_t> cursor(count.begin(), count.end() - 1);
    for (std::size_t p = 0; p < prims; ++p) {
        const std::size_t dst = cursor[tile[p]]++;
        std::copy_n(vertices.begin() + static_cast<std::ptrdiff_t>(p * per_primitive), per_primitive,
                    vertices_.begin() + static_cast<std::ptrdiff_t>(dst * per_primitive));
        if (!payload.empty()) payload_[dst] = payload[p];
    }
}

TiledBuffer::Range TiledBuffer::tiles_in(sf::FloatRect visible) const {
    const float tw = std::max(bounds_.width, 1.0f) / static_cast<float>(tiles_);
    const float th = std::max(bounds_.height, 1.0f) / static_cast<float>(tiles_);
    // A primitive is filed under the tile of its first vertex and may reach into the next
    // tile, so one extra tile of margin on every side.
    const auto clamp_tile = [&](float v) { return std::clamp(static_cast<int>(std::floor(v)), 0, tiles_ - 1); };
    Range r{clamp_tile((visible.left - bounds_.left) / tw - 1.0f),
            clamp_tile((visible.left + visible.width - bounds_.left) / tw + 1.0f),
            clamp_tile((visible.top - bounds_.top) / th - 1.0f),
            clamp_tile((visible.top + visible.height - bounds_.top) / th + 1.0f), false};
    r.empty = vertices_.empty() || visible.left > bounds_.left + bounds_.width + tw ||
              visible.top > bounds_.top + bounds_.height + th || visible.left + visible.width < bounds_.left - tw ||
              visible.top + visible.height < bounds_.top - th;
    return r;
}

}  // namespace ut::viewer
