// Mouse and keyboard on the map: drag to pan, wheel to zoom at the cursor, click to select a
// junction (or else a street), and the keyboard shortcuts. ImGui gets the input first; the
// map only sees what ImGui does not want.
#include <cmath>

#include "app.hpp"

namespace ut::viewer {

const Pane* App::pane_at(sf::Vector2f px) const {
    for (const Pane& p : panes_)
        if (p.rect.contains(px)) return &p;
    return nullptr;
}

void App::click(sf::Vector2f px) {
    const Pane* pane = pane_at(px);
    if (!pane) return;
    const sf::Vector2f m = st_.camera.to_map(px, pane->area);
    const float mpp = st_.camera.meters_per_pixel;
    if (const auto j = geo_->pick_junction(m, std::max(15.0f, 14.0f * mpp))) {
        actions_->select_junction(j);
        return;
    }
    if (const auto l = geo_->pick_link(m, std::max(6.0f, 8.0f * mpp))) {
        actions_->select_link(l);
        return;
    }
    actions_->select_junction(std::nullopt);
    actions_->select_link(std::nullopt);
}

void App::handle_event(const sf::Event& e) {
    imgui_->process_event(e);
    switch (e.type) {
        case sf::Event::Closed:
            st_.quit = true;
            break;
        case sf::Event::Resized:
            window_.setView(sf::View(sf::FloatRect(0.0f, 0.0f, static_cast<float>(e.size.width),
                                                   static_cast<float>(e.size.height))));
            break;
        case sf::Event::KeyPressed: {
            if (imgui_->wants_keyboard()) break;
            const RunFrame& f = *st_.frame;
            if (f.finished && (e.key.code == sf::Keyboard::Space || e.key.code == sf::Keyboard::Right)) break;
            if (e.key.code == sf::Keyboard::Space) {
                if (f.running) runner_->pause();
                else runner_->play(run_speed(st_.run.speed_index));
            } else if (e.key.code == sf::Keyboard::Right) {
                runner_->step_once();
            } else if (e.key.code == sf::Keyboard::F) {
                st_.camera_fitted = false;
            } else if (e.key.code == sf::Keyboard::F2) {
                st_.show_frame_stats = !st_.show_frame_stats;
            } else if (e.key.code == sf::Keyboard::F11) {
                set_presentation(!st_.present.on);
            } else if (e.key.code == sf::Keyboard::Escape && st_.present.on) {
                set_presentation(false);
            } else if (e.key.control && e.key.code == sf::Keyboard::Z) {
                actions_->undo();
            } else if (e.key.control && e.key.code == sf::Keyboard::Y) {
                actions_->redo();
            }
            break;
        }
        case sf::Event::MouseWheelScrolled: {
            const sf::Vector2f px{static_cast<float>(e.mouseWheelScroll.x), static_cast<float>(e.mouseWheelScroll.y)};
            const Pane* pane = pane_at(px);
            if (imgui_->wants_mouse() || !pane) break;
            st_.camera.zoom_at(std::pow(1.2f, e.mouseWheelScroll.delta), px, pane->area);
            st_.camera_moved = true;
            break;
        }
        case sf::Event::MouseButtonPressed: {
            const sf::Vector2f px{static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y)};
            if (e.mouseButton.button != sf::Mouse::Left || imgui_->wants_mouse() || !pane_at(px)) break;
            mouse_down_ = true;
            dragging_ = false;
            press_px_ = px;
            press_center_ = st_.camera.center;
            break;
        }
        case sf::Event::MouseMoved: {
            if (!mouse_down_) break;
            const sf::Vector2f px{static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y)};
            const sf::Vector2f d = px - press_px_;
            if (!dragging_ && std::hypot(d.x, d.y) > 4.0f) dragging_ = true;  // a click may wobble a little
            if (dragging_) {
                st_.camera.center = press_center_ - d * st_.camera.meters_per_pixel;
                st_.camera_moved = true;
            }
            break;
        }
        case sf::Event::MouseButtonReleased:
            if (e.mouseButton.button != sf::Mouse::Left || !mouse_down_) break;
            if (!dragging_) click(press_px_);
            mouse_down_ = dragging_ = false;
            break;
        default:
            break;
    }
}

}  // namespace ut::viewer
