#include "output/csv.hpp"

#include <cmath>

#include <fmt/format.h>

namespace ut::output {

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_number(double v, int decimals) {
    if (!std::isfinite(v)) return {};
    return fmt::format("{:.{}f}", v, decimals);
}

}  // namespace ut::output
