#include "models/mechanisms/cohorts.hpp"

#include <algorithm>
#include <limits>

namespace drempel {

std::uint32_t Cohorts::outcomes(std::uint8_t stage, std::uint8_t programme, bool returned) {
  const bool on = leefloon_paid(stage, programme);
  std::uint32_t bits = 1u << kCohortAwarded;
  bits |= 1u << (on ? kCohortOnLeefloon : kCohortOffLeefloon);
  if (!on && !returned) bits |= 1u << kCohortLeftForGood;
  if (returned) bits |= 1u << kCohortReturned;
  const auto with = [&](CohortOutcome o) { bits |= 1u << o; };
  switch (stage) {
    case kIntake:
      with(kCohortReapplying);
      break;
    case kAdminStartup:
      with(kCohortAdminStartup);
      break;
    case kActivation:
      if (programme == kArt60) with(kCohortArt60);
      if (programme == kAfterArt60) with(kCohortAfterArt60);
      if (programme == kWijkWerken || programme == kTraining) with(kCohortProgramme);
      break;
    case kEmployed:
      with(kCohortEmployed);
      break;
    case kParticipation:
      with(kCohortParticipation);
      break;
    case kDroppedOut:
      with(kCohortDroppedOut);
      break;
    case kExited:
      with(kCohortExited);
      break;
    default:
      break;
  }
  return bits;
}

Cohorts::Cohorts(const ModelParameters& p)
    : months_(static_cast<std::size_t>(p.months)),
      regions_(p.regions.size()),
      counts_(
          std::make_unique<std::atomic<std::int64_t>[]>(regions_ * months_ * kCohortOutcomeCount)),
      by_background_(std::make_unique<std::atomic<std::int64_t>[]>(
          months_ * std::size_t{kBackgroundCount} * kCohortOutcomeCount)) {}

void Cohorts::start_replicate() {
  for (std::size_t k = 0; k < regions_ * months_ * kCohortOutcomeCount; ++k)
    counts_[k].store(0, std::memory_order_relaxed);
  for (std::size_t k = 0; k < months_ * std::size_t{kBackgroundCount} * kCohortOutcomeCount; ++k)
    by_background_[k].store(0, std::memory_order_relaxed);
}

void Cohorts::add(std::size_t g, std::size_t b, std::uint32_t award, std::uint32_t bits,
                  int delta) const {
  for (int o = 0; o < kCohortOutcomeCount; ++o)
    if ((bits >> o) & 1u) {
      counter(g, award - 1, o).fetch_add(delta, std::memory_order_relaxed);
      by_background(b, award - 1, o).fetch_add(delta, std::memory_order_relaxed);
    }
}

// A client whose counted state changed this month: the first award makes her a cohort member;
// a member moves from the counts of her old state to those of her new one.
void Cohorts::moved(const ClientMonth& x, std::uint8_t background, std::int16_t& award,
                    std::uint8_t& returned) const {
  if (award < 0) return;
  const bool on_after = leefloon_paid(x.to, x.programme);
  if (award == 0) {
    if (!on_after) return;
    award = static_cast<std::int16_t>(x.month);
    add(x.g, background, x.month, outcomes(x.to, x.programme, false), 1);
    return;
  }
  const bool was = returned != 0;
  const bool on_before = leefloon_paid(x.from, x.programme_before);
  if (!on_before && on_after) returned = 1;
  const std::uint32_t before = outcomes(x.from, x.programme_before, was);
  const std::uint32_t after = outcomes(x.to, x.programme, returned != 0);
  const auto cohort = static_cast<std::uint32_t>(award);
  add(x.g, background, cohort, before & ~after, -1);
  add(x.g, background, cohort, after & ~before, 1);
}

// Share of the cohort awarded 12 months before month m in work at the end of month m (NaN before
// month 12 or without awards).
void Cohorts::finish(const RegionMonth& r, const double*, double* out) const {
  const int cohort = r.m - 12;
  out[0] = std::numeric_limits<double>::quiet_NaN();
  if (cohort < 0) return;
  const auto c = static_cast<std::size_t>(cohort);
  const auto count = [&](int o) {
    return static_cast<double>(counter(r.g, c, o).load(std::memory_order_relaxed));
  };
  const double awarded = count(kCohortAwarded);
  if (awarded > 0) out[0] = (count(kCohortEmployed) + count(kCohortArt60)) / awarded;
}

void Cohorts::record_tables(const TableMonth& t) const {
  constexpr std::size_t horizons = kCohortHorizons.size();
  std::span<std::int64_t> table = t.tables[0], groups = t.tables[1];
  if (t.month == 0) {
    std::fill(table.begin(), table.end(), -1);
    std::fill(groups.begin(), groups.end(), -1);
  }
  for (std::size_t h = 0; h < horizons; ++h) {
    const std::int32_t cohort = t.month - kCohortHorizons[h];
    if (cohort < 0) continue;
    const auto c = static_cast<std::size_t>(cohort);
    for (std::size_t g = 0; g < t.regions; ++g)
      for (int o = 0; o < kCohortOutcomeCount; ++o)
        table[((c * horizons + h) * t.regions + g) * kCohortOutcomeCount +
              static_cast<std::size_t>(o)] = counter(g, c, o).load(std::memory_order_relaxed);
    for (std::size_t b = 0; b < kBackgroundCount; ++b)
      for (int o = 0; o < kCohortOutcomeCount; ++o)
        groups[((c * horizons + h) * kBackgroundCount + b) * kCohortOutcomeCount +
               static_cast<std::size_t>(o)] =
            by_background(b, c, o).load(std::memory_order_relaxed);
  }
}

}  // namespace drempel
