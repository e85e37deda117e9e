// Small string helpers for tag values (OSM values are short ASCII words and numbers).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ut::import {

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// Case-insensitive comparison of ASCII words.
bool iequals(std::string_view a, std::string_view b);
bool is_one_of(std::string_view v, std::initializer_list<std::string_view> options);
// A whole number, possibly surrounded by spaces; nothing else.
std::optional<std::int64_t> parse_int(std::string_view s);
// A decimal number ("50", "7.5", "-3"), possibly surrounded by spaces.
std::optional<double> parse_double(std::string_view s);
// "50", "7.5": shortest form for messages.
std::string format_number(double v);

}  // namespace ut::import
