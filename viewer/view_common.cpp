#include <cmath>

#include <fmt/format.h>

#include "views.hpp"

namespace ut::viewer {

ImU32 to_imgui(Rgb c, unsigned alpha) { return IM_COL32(c.r, c.g, c.b, alpha); }

const RunView& edited_run(const RunFrame& f) { return f.b ? *f.b : f.a; }

}  // namespace ut::viewer
