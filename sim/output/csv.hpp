// Minimal CSV writing (RFC 4180): comma separated, "\n" line ends, a field is quoted only
// when it holds a comma, a quote or a line break. Empty field = no value (e.g. a trip that
// has not arrived has no arrival time).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace ut::output {

std::string csv_field(std::string_view text);

// Fixed decimals, or "" for NaN/infinite values (a quantity that does not exist yet).
std::string csv_number(double v, int decimals);

}  // namespace ut::output
