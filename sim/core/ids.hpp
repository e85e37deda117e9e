// Strong integer ids. Every entity (junction, link, lane, vehicle, ...) is named by a small
// index into its owner's arrays, never by a pointer, so state can be copied (a fork) and
// saved (a checkpoint) as plain data, and iteration order never depends on addresses.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace ut {

template <class Tag, class Int = std::uint32_t>
struct StrongId {
    using value_type = Int;
    static constexpr Int kInvalid = std::numeric_limits<Int>::max();

    Int value = kInvalid;

    constexpr StrongId() = default;
    constexpr explicit StrongId(Int v) : value(v) {}

    [[nodiscard]] constexpr bool valid() const { return value != kInvalid; }
    [[nodiscard]] constexpr Int index() const { return value; }
    constexpr auto operator<=>(const StrongId&) const = default;
};

using JunctionId = StrongId<struct JunctionTag>;
using LinkId = StrongId<struct LinkTag>;
using ConnectionId = StrongId<struct ConnectionTag>;
using VehicleTypeId = StrongId<struct VehicleTypeTag, std::uint8_t>;
using TripId = StrongId<struct TripTag>;

}  // namespace ut

template <class Tag, class Int>
struct std::hash<ut::StrongId<Tag, Int>> {
    std::size_t operator()(ut::StrongId<Tag, Int> id) const noexcept { return std::hash<Int>{}(id.value); }
};
