// The map camera: which world point is at the centre of a pane and how many metres one pixel
// covers. Map coordinates are world metres with y flipped (SFML's y grows downwards) and
// shifted by the network's centre so floats keep centimetre precision on large maps.
// A/B panes share one camera, so they always show the same place at the same scale.
#pragma once

#include <algorithm>
#include <cmath>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/View.hpp>
#include <SFML/System/Vector2.hpp>

namespace ut::viewer {

struct Camera {
    sf::Vector2f center;          // map coordinates at the middle of the map area
    float meters_per_pixel = 1.0f;

    static constexpr float kMinMpp = 0.02f;  // a car is ~200 px long
    static constexpr float kMaxMpp = 200.0f;

    // A view showing the part of the map seen through `pane` (pixels), for a map area whose
    // middle shows `center`. Sub-panes of the area (the before/after slider) use the same
    // area so the two halves line up exactly.
    sf::View view_for(sf::FloatRect pane, sf::FloatRect area, sf::Vector2u window_px) const {
        const sf::Vector2f area_mid{area.left + area.width * 0.5f, area.top + area.height * 0.5f};
        const sf::Vector2f pane_mid{pane.left + pane.width * 0.5f, pane.top + pane.height * 0.5f};
        sf::View v;
        v.setCenter(center + (pane_mid - area_mid) * meters_per_pixel);
        v.setSize(pane.width * meters_per_pixel, pane.height * meters_per_pixel);
        const float w = static_cast<float>(window_px.x), h = static_cast<float>(window_px.y);
        v.setViewport({pane.left / w, pane.top / h, pane.width / w, pane.height / h});
        return v;
    }

    sf::Vector2f to_map(sf::Vector2f pixel, sf::FloatRect area) const {
        const sf::Vector2f area_mid{area.left + area.width * 0.5f, area.top + area.height * 0.5f};
        return center + (pixel - area_mid) * meters_per_pixel;
    }

    sf::Vector2f to_pixel(sf::Vector2f map, sf::FloatRect area) const {
        const sf::Vector2f area_mid{area.left + area.width * 0.5f, area.top + area.height * 0.5f};
        return area_mid + (map - center) / meters_per_pixel;
    }

    // Zooms by `factor` (> 1 zooms in) keeping the map point under `pixel` where it is.
    void zoom_at(float factor, sf::Vector2f pixel, sf::FloatRect area) {
        const sf::Vector2f before = to_map(pixel, area);
        meters_per_pixel = std::clamp(meters_per_pixel / factor, kMinMpp, kMaxMpp);
        center += before - to_map(pixel, area);
    }

    void fit(sf::FloatRect map_bounds, sf::FloatRect area, float margin = 0.05f) {
        center = {map_bounds.left + map_bounds.width * 0.5f, map_bounds.top + map_bounds.height * 0.5f};
        const float mx = map_bounds.width / std::max(1.0f, area.width);
        const float my = map_bounds.height / std::max(1.0f, area.height);
        meters_per_pixel = std::clamp(std::max(mx, my) * (1.0f + 2.0f * margin), kMinMpp, kMaxMpp);
    }
};

}  // namespace ut::viewer
