// Counter-based randomness: every random draw is a pure function of
// (seed, entity, step, purpose), so results never depend on thread count or on the order
// in which parallel work happens to run. No generator object is shared or carried.
#pragma once

#include <cstdint>

namespace ut {

enum class RandomPurpose : std::uint32_t {
    DemandDeparture = 1,
    DemandOrigin,
    DemandDestination,
    DemandVehicleType,
    LaneChoice,
    DriverSpeedFactor,
    PassengerArrival,
    PassengerDestination,
};

constexpr std::uint64_t mix64(std::uint64_t z) {
    // SplitMix64 finaliser: a bijection with good avalanche.
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t random_bits(std::uint64_t seed, std::uint64_t entity, std::uint64_t step,
                                    RandomPurpose purpose) {
    std::uint64_t h = mix64(seed);
    h = mix64(h ^ entity);
    h = mix64(h ^ step);
    return mix64(h ^ static_cast<std::uint64_t>(purpose));
}

// Uniform in [0, 1).
constexpr double random_unit(std::uint64_t seed, std::uint64_t entity, std::uint64_t step, RandomPurpose purpose) {
    return static_cast<double>(random_bits(seed, entity, step, purpose) >> 11) * 0x1.0p-53;
}

}  // namespace ut
