#include "models/pathways_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/parallel.hpp"

namespace drempel {

const std::array<MetricInfo, kMetricCount> kMetricInfo = {{
    {"clients_active", "1", "clients in an active pathway stage at the end of the month"},
    {"caseload_per_caseworker_fte", "1", "active clients per caseworker FTE"},
    {"caseworker_hours_capacity", "h month-1", "caseworker hours available for client files"},
    {"caseworker_hours_demanded", "h month-1", "caseworker hours asked by clients"},
    {"caseworker_hours_supplied", "h month-1", "caseworker hours given to clients"},
    {"caseworker_service_share", "1", "caseworker hours supplied / demanded"},
    {"clients_in_crisis", "1", "active clients with at least one life domain in crisis"},
    {"reform_benefit_losses", "month-1",
     "residents losing unemployment benefit under the 2026 reform (before take-up)"},
    {"arrivals_reform", "month-1", "new clients who lost unemployment benefit under the reform"},
    {"arrivals_ordinary", "month-1", "new clients from ordinary leefloon applications"},
    {"leefloon_spending_eur", "EUR month-1", "leefloon paid to clients in stages admin_startup "
                                             "to activation"},
}};

void ClientColumns::resize(std::size_t n) {
  stage.resize(n);
  months_in_stage.resize(n);
  for (auto& d : domain) d.resize(n);
  dutch.resize(n);
  region.resize(n);
  hours_demanded.resize(n);
  hours_granted.resize(n);
  priority.resize(n);
  origin.resize(n);
  household.resize(n);
  arrival_month.resize(n);
}

std::size_t ClientColumns::bytes_per_agent() {
  return sizeof(std::uint8_t) + sizeof(std::uint16_t) + kDomainCount * sizeof(std::uint8_t) +
         sizeof(std::uint8_t) + sizeof(std::uint16_t) + 2 * sizeof(float) + sizeof(std::uint8_t) +
         2 * sizeof(std::uint8_t) + sizeof(std::int16_t);
}

namespace {

constexpr std::uint8_t kPriorityIntake = 0;  // legal decision deadline: served first
constexpr std::uint8_t kPriorityCrisis = 1;
constexpr std::uint8_t kPriorityOther = 2;
constexpr std::uint8_t kPriorityClasses = 3;

template <std::size_t N>
std::array<double, N> cumulative(const std::array<double, N>& shares) {
  std::array<double, N> cdf{};
  double sum = 0;
  for (std::size_t i = 0; i < N; ++i) cdf[i] = sum += shares[i];
  return cdf;
}

bool leefloon_paid(std::uint8_t stage) { return stage >= kAdminStartup && stage <= kActivation; }

}  // namespace

PathwaysModel::PathwaysModel(const ModelParameters& params, std::size_t capacity,
                             std::size_t block_size)
    : p_(params),
      block_size_(block_size),
      table_(capacity),
      caseworkers_(AllocationConfig{params.regions.size(), kPriorityClasses, 24,
                                    Divisibility::kDivisible, block_size},
                   capacity) {
  c_.resize(capacity);
  const std::size_t regions = p_.regions.size();
  for (int d = 0; d < kDomainCount; ++d) shock_threshold_[d] = bernoulli_threshold(p_.shock_per_month[d]);
  capacity_hours_.resize(regions);
  for (std::size_t g = 0; g < regions; ++g)
    capacity_hours_[g] =
        p_.regions[g].caseworker_fte * p_.hours_per_fte_per_month * p_.client_time_share;
  const auto losses = reform_benefit_losses(p_);
  lost_benefits_.assign(losses.begin(), losses.end());
  const std::size_t blocks = std::max<std::size_t>(1, block_count(capacity, block_size));
  block_transitions_.assign(blocks * regions * kStageCount * kStageCount, 0);
  block_sums_.assign(blocks * regions * kBlockSums, 0.0);
}

void PathwaysModel::add_clients(std::size_t first, std::size_t n, std::uint16_t region,
                                std::uint8_t origin, std::int16_t month, bool initial) {
  const ArrivalProfile& profile = p_.profiles[origin];
  std::array<std::array<double, kDomainLevels>, kDomainCount> domain_cdf;
  for (int d = 0; d < kDomainCount; ++d) domain_cdf[d] = cumulative(profile.domain_level_share[d]);
  const auto dutch_cdf = cumulative(profile.dutch_level_share);
  const auto household_cdf = cumulative(profile.household_share);
  const auto stage_cdf = cumulative(p_.initial_stage_share);
  const auto stream_month = static_cast<std::uint32_t>(month);
  for_each_block(n, block_size_, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t i = first + k;
      const auto id = static_cast<std::uint32_t>(i);
      const RandomWords a = streams_.words(id, stream_month, kStreamInitialState, 0);
      const RandomWords b = streams_.words(id, stream_month, kStreamInitialState, 1);
      for (int d = 0; d < kDomainCount; ++d)
        c_.domain[d][i] = static_cast<std::uint8_t>(categorical(a[d], domain_cdf[d]));
      c_.dutch[i] = static_cast<std::uint8_t>(categorical(b[0], dutch_cdf));
      c_.household[i] = static_cast<std::uint8_t>(categorical(b[1], household_cdf));
      c_.stage[i] = initial ? static_cast<std::uint8_t>(categorical(b[2], stage_cdf))
                            : static_cast<std::uint8_t>(kIntake);
      c_.months_in_stage[i] = 0;
      c_.region[i] = region;
      c_.origin[i] = origin;
      c_.arrival_month[i] = month;
      c_.hours_demanded[i] = 0.0f;
      c_.hours_granted[i] = 0.0f;
      c_.priority[i] = kPriorityOther;
    }
  });
}

void PathwaysModel::start_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals,
                                    Results& results) {
  replicate_ = replicate;
  arrivals_ = &arrivals;
  streams_ = RandomStreams(p_.seed, replicate);
  table_.clear();
  for (std::size_t g = 0; g < p_.regions.size(); ++g) {
    const auto n = static_cast<std::size_t>(p_.regions[g].initial_clients);
    add_clients(table_.append(n), n, static_cast<std::uint16_t>(g), kOriginOrdinary, 0, true);
  }
  active_ = table_.size();
  for (std::size_t i = 0; i < table_.size(); ++i)
    ++results.initial_stage_count[results.initial_index(static_cast<int>(replicate),
                                                        c_.region[i], c_.stage[i])];
}

// Events (domain shocks) and demand (caseworker hours, priority) in one pass over the columns.
void PathwaysModel::events_and_demand(std::uint32_t month) {
  const std::size_t n = table_.size();
  for_each_block(n, block_size_, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint8_t stage = c_.stage[i];
      if (stage >= kActiveStageCount) {
        c_.hours_demanded[i] = 0.0f;
        continue;
      }
      const RandomWords w = streams_.words(static_cast<std::uint32_t>(i), month, kStreamShocks);
      int crisis = 0;
      for (int d = 0; d < kDomainCount; ++d) {
        std::uint8_t level = c_.domain[d][i];
        level = static_cast<std::uint8_t>(level + (level < 2 && w[d] < shock_threshold_[d]));
        c_.domain[d][i] = level;
        crisis += level == 2;
      }
      c_.hours_demanded[i] = static_cast<float>(p_.demand_hours_by_stage[stage] +
                                                p_.extra_hours_per_crisis_domain * crisis +
                                                p_.extra_hours_by_dutch_level[c_.dutch[i]]);
      c_.priority[i] = stage == kIntake ? kPriorityIntake
                       : crisis > 0     ? kPriorityCrisis
                                        : kPriorityOther;
    }
  });
}

// Transitions (domain recovery, stage moves) and the block tallies of the record phase.
void PathwaysModel::transitions_and_record(std::uint32_t month) {
  const std::size_t n = table_.size();
  const std::size_t regions = p_.regions.size();
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  const double floor_share = p_.unsupported_progress_share;
  for_each_block(n, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int64_t* tally = &block_transitions_[b * t_stride];
    double* sums = &block_sums_[b * regions * kBlockSums];
    std::fill(tally, tally + t_stride, 0);
    std::fill(sums, sums + regions * kBlockSums, 0.0);
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint8_t from = c_.stage[i];
      const std::size_t g = c_.region[i];
      if (from >= kActiveStageCount) {
        ++tally[(g * kStageCount + from) * kStageCount + from];
        continue;
      }
      const auto id = static_cast<std::uint32_t>(i);
      const float asked = c_.hours_demanded[i];
      const double received = asked > 0.0f ? static_cast<double>(c_.hours_granted[i]) / asked : 1.0;
      const double support = floor_share + (1.0 - floor_share) * received;

      const RandomWords r = streams_.words(id, month, kStreamRecovery);
      bool crisis = false;
      for (int d = 0; d < kDomainCount; ++d) {
        std::uint8_t level = c_.domain[d][i];
        const bool recovers = level > 0 && r[d] < bernoulli_threshold(p_.recovery_per_month[d] * support);
        level = static_cast<std::uint8_t>(level - recovers);
        c_.domain[d][i] = level;
        crisis |= level == 2;
      }

      // Competing monthly risks on one uniform: exit, drop-out, then the stage's own moves.
      const double u = to_unit(streams_.words(id, month, kStreamStage)[0]);
      double edge = p_.exit_per_month;
      std::uint8_t to = from;
      if (u < edge) {
        to = kExited;
      } else if (u < (edge += p_.dropout_per_month[from])) {
        to = kDroppedOut;
      } else {
        const double language = p_.dutch_progress_factor[c_.dutch[i]];
        switch (from) {
          case kIntake: {
            const double decided = p_.intake_decision_per_month * support;
            if (u < (edge += decided * p_.intake_refused_share)) to = kExited;
            else if (u < (edge += decided * (1.0 - p_.intake_refused_share))) to = kAdminStartup;
            break;
          }
          case kAdminStartup:
            if (c_.domain[kAdministration][i] == 0 &&
                u < edge + p_.admin_startup_done_per_month * support)
              to = kStabilisation;
            break;
          case kStabilisation:
            if (!crisis && u < edge + p_.stabilisation_done_per_month * support)
              to = kPreActivation;
            break;
          case kPreActivation:
            if (crisis) {
              if (u < edge + p_.crisis_setback_per_month) to = kStabilisation;
            } else if (c_.domain[kHealth][i] > 0 &&
                       u < (edge += p_.participation_per_month * support)) {
              to = kParticipation;
            } else if (u < edge + p_.pre_activation_to_activation_per_month * support * language) {
              to = kActivation;
            }
            break;
          case kActivation:
            if (crisis) {
              if (u < edge + p_.crisis_setback_per_month) to = kStabilisation;
            } else if (u < edge + p_.activation_to_employed_per_month * support * language) {
              to = kEmployed;
            }
            break;
          default:
            break;
        }
      }
      c_.stage[i] = to;
      const std::uint16_t mis = c_.months_in_stage[i];
      c_.months_in_stage[i] = to == from ? static_cast<std::uint16_t>(mis + (mis < 0xffff)) : 0;
      ++tally[(g * kStageCount + from) * kStageCount + to];
      if (to < kActiveStageCount) {
        double* s = &sums[g * kBlockSums];
        s[0] += 1.0;
        s[1] += crisis ? 1.0 : 0.0;
        if (leefloon_paid(to)) s[2] += p_.leefloon_eur_per_month[c_.household[i]];
      }
    }
  });
}

void PathwaysModel::step(std::int32_t month, Results& results) {
  const std::size_t regions = p_.regions.size();
  const int r = static_cast<int>(replicate_);
  const int m = month;
  // Stream months are 1-based: month 0 of the streams belongs to the initial population.
  const auto stream_month = static_cast<std::uint32_t>(month + 1);

  // 1. Arrivals, appended in (region, origin) order so ids are deterministic.
  for (std::size_t g = 0; g < regions; ++g) {
    for (int o = 0; o < kOriginCount; ++o) {
      const std::size_t k = arrivals_->at(month, static_cast<std::int32_t>(g), o);
      if (k == 0) continue;
      add_clients(table_.append(k), k, static_cast<std::uint16_t>(g), static_cast<std::uint8_t>(o),
                  static_cast<std::int16_t>(stream_month), false);
      results.arrival_count[results.stage_index(r, m, static_cast<int>(g), kIntake)] +=
          static_cast<std::int64_t>(k);
    }
  }

  // 2-3. Events and demand.
  events_and_demand(stream_month);

  // 4. Allocation of caseworker hours per region.
  const std::size_t n = table_.size();
  AllocationRequests requests{
      std::span<const std::uint16_t>(c_.region.data(), n),
      std::span<const std::uint8_t>(c_.priority.data(), n),
      std::span<const std::uint16_t>(c_.months_in_stage.data(), n),
      std::span<const float>(c_.hours_demanded.data(), n),
      {}};
  caseworkers_.allocate(requests, capacity_hours_,
                        hash_mix(p_.seed, replicate_, stream_month, kStreamCaseworkerLottery),
                        std::span<float>(c_.hours_granted.data(), n));

  // 5. Transitions, with the block tallies of the record phase.
  transitions_and_record(stream_month);

  // 6-7. Staff figures and record: reduce block tallies in block order.
  const std::size_t blocks = block_count(n, block_size_);
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  active_ = 0;
  for (std::size_t g = 0; g < regions; ++g) {
    const int gi = static_cast<int>(g);
    std::array<double, kBlockSums> sums{};
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::int64_t* tally = &block_transitions_[b * t_stride + g * kStageCount * kStageCount];
      for (int from = 0; from < kStageCount; ++from)
        for (int to = 0; to < kStageCount; ++to) {
          const std::int64_t v = tally[from * kStageCount + to];
          results.transition_count[results.transition_index(r, m, gi, from, to)] += v;
          results.stage_count[results.stage_index(r, m, gi, to)] += v;
        }
      for (int k = 0; k < kBlockSums; ++k) sums[k] += block_sums_[(b * regions + g) * kBlockSums + k];
    }
    active_ += static_cast<std::size_t>(sums[0]);
    const RegionAllocation& hours = caseworkers_.summary()[g];
    const double fte = p_.regions[g].caseworker_fte;
    const double values[kMetricCount] = {
        sums[0],
        fte > 0 ? sums[0] / fte : std::numeric_limits<double>::quiet_NaN(),
        hours.capacity,
        hours.requested,
        hours.granted,
        hours.requested > 0 ? hours.granted / hours.requested : 1.0,
        sums[1],
        lost_benefits_[static_cast<std::size_t>(m) * regions + g],
        static_cast<double>(arrivals_->at(month, gi, kOriginReform)),
        static_cast<double>(arrivals_->at(month, gi, kOriginOrdinary)),
        sums[2],
    };
    for (int k = 0; k < kMetricCount; ++k)
      results.metrics[k].values[results.metric_index(r, m, gi)] = values[k];
  }
}

}  // namespace drempel
