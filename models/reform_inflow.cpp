#include "models/reform_inflow.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace drempel {
namespace {

// Losers of wave w in region g, one entry per month of the wave's spread, rounded so that the
// running total always equals the rounded running share.
std::vector<std::int64_t> wave_losers(const ReformWave& wave, double share) {
  std::vector<std::int64_t> out(static_cast<std::size_t>(wave.spread_months));
  std::int64_t previous = 0;
  for (std::int32_t j = 0; j < wave.spread_months; ++j) {
    const double cumulative = wave.flanders_people * share * (j + 1) / wave.spread_months;
    const auto rounded = static_cast<std::int64_t>(std::llround(cumulative));
    out[static_cast<std::size_t>(j)] = rounded - previous;
    previous = rounded;
  }
  return out;
}

}  // namespace

std::uint64_t ArrivalSchedule::total() const {
  std::uint64_t sum = 0;
  for (auto c : counts) sum += c;
  return sum;
}

std::vector<std::int64_t> reform_benefit_losses(const ModelParameters& p) {
  const auto regions = static_cast<std::int32_t>(p.regions.size());
  std::vector<std::int64_t> out(static_cast<std::size_t>(p.months) * regions, 0);
  for (const auto& wave : p.reform_waves) {
    for (std::int32_t g = 0; g < regions; ++g) {
      const auto losers = wave_losers(wave, p.regions[g].reform_share_of_flanders);
      for (std::int32_t j = 0; j < wave.spread_months; ++j) {
        const std::int32_t m = wave.loss_month + j - p.start_month;
        if (m >= 0 && m < p.months)
          out[static_cast<std::size_t>(m) * regions + g] += losers[static_cast<std::size_t>(j)];
      }
    }
  }
  return out;
}

ArrivalSchedule draw_arrivals(const ModelParameters& p, const RandomStreams& streams) {
  ArrivalSchedule s;
  s.months = p.months;
  s.regions = static_cast<std::int32_t>(p.regions.size());
  s.counts.assign(static_cast<std::size_t>(s.months) * s.regions * kOriginCount, 0);
  auto add = [&](std::int32_t month, std::int32_t region, int origin, std::uint64_t n) {
    if (month < 0 || month >= s.months || n == 0) return;
    std::uint32_t& cell =
        s.counts[(static_cast<std::size_t>(month) * s.regions + region) * kOriginCount + origin];
    // Validation bounds the expected population far below this; a draw this far out is a bug.
    if (n > std::numeric_limits<std::uint32_t>::max() - cell)
      throw std::overflow_error("draw_arrivals: more than 2^32-1 arrivals in one month and region");
    cell += static_cast<std::uint32_t>(n);
  };

  for (std::size_t w = 0; w < p.reform_waves.size(); ++w) {
    const ReformWave& wave = p.reform_waves[w];
    for (std::int32_t g = 0; g < s.regions; ++g) {
      const auto losers = wave_losers(wave, p.regions[g].reform_share_of_flanders);
      for (std::int32_t j = 0; j < wave.spread_months; ++j) {
        const std::int32_t loss = wave.loss_month + j - p.start_month;
        // Losses before the start belong to the initial caseload; later ones may still apply
        // after the horizon, which add() drops.
        if (loss < 0) continue;
        // One word sequence per (wave, region, month of spread): other waves' draws never shift.
        WordSequence words(streams,
                           static_cast<std::uint32_t>((w << 16) | static_cast<std::size_t>(g)),
                           static_cast<std::uint32_t>(j), kStreamReformArrivals);
        const auto n = static_cast<std::uint64_t>(std::max<std::int64_t>(0, losers[j]));
        std::uint64_t left = binomial(n, p.reform_take_up_share, words);
        double share_left = 1.0;
        for (std::size_t k = 0; k < p.application_lag_share.size() && left > 0; ++k) {
          const double q = share_left > 0 ? p.application_lag_share[k] / share_left : 1.0;
          const std::uint64_t here =
              k + 1 == p.application_lag_share.size() ? left : binomial(left, q, words);
          add(loss + static_cast<std::int32_t>(k), g, kOriginReform, here);
          left -= here;
          share_left -= p.application_lag_share[k];
        }
      }
    }
  }

  for (std::int32_t m = 0; m < s.months; ++m) {
    for (std::int32_t g = 0; g < s.regions; ++g) {
      WordSequence words(streams, static_cast<std::uint32_t>(g), static_cast<std::uint32_t>(m),
                         kStreamOrdinaryArrivals);
      add(m, g, kOriginOrdinary, poisson(p.regions[g].ordinary_applications_per_month, words));
    }
  }
  return s;
}

}  // namespace drempel
