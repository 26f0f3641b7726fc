#pragma once
// Sweeps: one scenario file that stands for several runs (scenarios/README.md, "Sweeps").
//
//     "sweep": {
//       "grid": {"/regions/eeklo/caseworker_fte": [3.5, 4.0], "/gpmi/sanction_strictness": [0.05,
//       0.5]}, "variants": [{"name": "base", "set": {}},
//                    {"name": "x2", "set": {"/regions/eeklo/caseworker_fte": 7.0,
//                                           "/regions/eeklo/caseworker_budget_fte": 8.0}}]
//     }
//
// `grid` crosses every listed value of every pointer (the pointers in alphabetical order, the
// last varying fastest); `variants` lists named sets of values; with both, every variant is
// crossed with the grid (variants outermost). Every point keeps the scenario's seed, so replicate
// r of every point draws the same random numbers (common random numbers).
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/scenario.hpp"

namespace drempel {

/// One point of a sweep: its name and the values it sets (pointer as written, value).
struct SweepPoint {
  std::string name;
  std::vector<std::pair<std::string, nlohmann::json>> settings;
};

/// The points of a sweep, in order, and every pointer that any point sets (in order of first
/// appearance: the variants' pointers, then the grid's).
struct SweepPlan {
  std::vector<SweepPoint> points;
  std::vector<std::string> pointers;

  bool empty() const { return points.empty(); }
};

/// The most points one sweep may have.
inline constexpr std::size_t kMaxSweepPoints = 10000;

/// Reads and checks the "/sweep" block of `doc`; no block gives an empty plan. Checks: an object
/// with "grid" and/or "variants" and nothing else; grid pointers that exist in the scenario, each
/// with a non-empty array of values; variants with unique non-empty names and a "set" object of
/// existing pointers; no pointer in both; unique point names; at most kMaxSweepPoints points.
/// Throws InputError listing every problem (file, pointer in the sweep block, expected, found).
SweepPlan read_sweep(const ScenarioDocument& doc);

/// The scenario of one point: `doc` without "/sweep" and with the point's values set. The values
/// it sets record "FILE (sweep point NAME)" as their origin, so that a problem with them names
/// the point. `doc` must have passed read_sweep.
ScenarioDocument sweep_point_document(const ScenarioDocument& doc, const SweepPoint& point);

}  // namespace drempel
