#pragma once
// The group dimensions of the count tables (models/ODD.md, "Record: cohorts and groups"), declared
// once for every mechanism that counts by group (Groups, Cohorts).
#include "engine/mechanism.hpp"
#include "models/definitions.hpp"

namespace drempel {

inline constexpr std::array<const char*, kDutchLevels> kDutchLevelNames = {
    "none", "basic", "intermediate", "fluent"};

inline constexpr DimensionInfo kBackgroundDimension = {
    .name = "background",
    .long_name = "where the client comes from in life (models/ODD.md, Backgrounds)",
    .labels = kBackgroundNames};
inline constexpr DimensionInfo kDutchLevelDimension = {
    .name = "dutch_level",
    .long_name = "Dutch level: none (pre-A1), basic (A1-A2), intermediate (B1), fluent (B2+)",
    .labels = kDutchLevelNames};

}  // namespace drempel
