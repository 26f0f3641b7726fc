#include "models/pathways_model.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "engine/parallel.hpp"
#include "engine/pass.hpp"

namespace drempel {

void PathwaysModel::UnitRequests::resize(std::size_t n) {
  key_region.resize(n);
  priority.resize(n);
  wait.resize(n);
  amount.assign(n, 1.0f);  // every request asks for one place
  key.resize(n);
  slot.resize(n);
  granted.resize(n);
}

namespace {

// Allocators keep one histogram (regions x buckets) per block; blocks larger than the model's
// keep that memory and its clearing small. Fixed, so results do not depend on threads.
constexpr std::size_t kAllocationBlock = 65536;

template <class... Ms>
std::tuple<Ms...> make_mechanisms(const ModelParameters& p, std::type_identity<std::tuple<Ms...>>) {
  return std::tuple<Ms...>(Ms(p)...);
}

}  // namespace

std::size_t PathwaysModel::max_blocks(std::size_t capacity, std::size_t block_size) {
  return std::max<std::size_t>(1, block_count(capacity, block_size));
}

AllocationConfig PathwaysModel::unit_places_config(std::size_t regions, std::size_t block_size) {
  return AllocationConfig{regions * kUnitResourceCount, 3, 120, Divisibility::kUnit,
                          std::max(block_size, kAllocationBlock)};
}

// Reform arrivals are leefloon awards (models/inflow.hpp): the means test and decision of the
// intake stage are behind them, so they start with the administrative start-up; ordinary
// applications start at intake.
namespace {
std::uint8_t arrival_stage(int origin) {
  return origin == kOriginReform ? std::uint8_t{kAdminStartup} : std::uint8_t{kIntake};
}

// The core's part of a new client: the shared variables, drawn from her origin's profile and
// her background at fixed positions of the initial-state stream. Built once per batch.
struct CoreArrival {
  const ModelParameters& p;
  const ArrivalProfile* profile;
  std::uint16_t region;
  std::span<const double> home_cdf;
  std::array<std::array<double, kDomainLevels>, kDomainCount> domain_cdf{};
  std::array<double, kDutchLevels> dutch_cdf{};
  std::array<double, kHouseholdCount> household_cdf{};
  std::array<double, kActiveStageCount> stage_cdf{};
  std::array<double, kMotivationLevels> motivation_cdf{};
  std::array<double, kTrustLevels> trust_cdf{};
  std::array<double, 3> readiness_cdf{};
  std::array<double, kBackgroundCount> background_cdf{};

  CoreArrival(const ModelParameters& params, std::uint8_t origin, std::uint16_t g,
              std::span<const double> homes)
      : p(params), profile(&params.profiles[origin]), region(g), home_cdf(homes) {
    for (int d = 0; d < kDomainCount; ++d)
      domain_cdf[d] = cumulative(profile->domain_level_share[d]);
    dutch_cdf = cumulative(profile->dutch_level_share);
    household_cdf = cumulative(profile->household_share);
    stage_cdf = cumulative(p.initial_stage_share);
    motivation_cdf = cumulative(profile->motivation_level_share);
    trust_cdf = cumulative(profile->trust_level_share);
    readiness_cdf = cumulative(profile->work_readiness_share);
    std::array<double, kBackgroundCount> share{};
    for (int b = 0; b < kBackgroundCount; ++b) share[b] = p.backgrounds[b].share_of_ordinary;
    background_cdf = cumulative(share);
  }

  void draw(ClientArrival& x, ClientColumns& cols) const {
    const std::size_t i = x.i;
    const RandomWords& a = x.words[0];
    const RandomWords& b = x.words[1];
    const RandomWords& w2 = x.words[2];
    const RandomWords& h = x.words[3];
    const RandomWords& t = x.words[4];
    const RandomWords& tr = x.words[8];
    const RandomWords& a2 = x.words[11];
    const std::uint32_t domain_words[kDomainCount] = {a[0], a[1], a[2], a[3], a2[0], a2[1], a2[2]};
    for (int d = 0; d < kDomainCount; ++d)
      x.levels |= static_cast<std::uint64_t>(categorical(domain_words[d], domain_cdf[d]))
                  << (8 * d);
    // Background: reform arrivals are long-term unemployed; ordinary applications by shares.
    x.background = static_cast<std::uint8_t>(x.origin == kOriginReform
                                                 ? std::size_t{kLongTermUnemployed}
                                                 : categorical(x.words[7][0], background_cdf));
    const BackgroundParameters& from = p.backgrounds[x.background];
    cols.background[i] = x.background;
    cols.dutch[i] = static_cast<std::uint8_t>(std::min<std::size_t>(
        categorical(b[0], dutch_cdf), static_cast<std::size_t>(from.dutch_level_cap)));
    x.household = static_cast<std::uint8_t>(categorical(b[1], household_cdf));
    cols.household[i] = x.household;
    x.stage = x.initial ? static_cast<std::uint8_t>(categorical(b[2], stage_cdf))
                        : arrival_stage(x.origin);
    cols.stage[i] = x.stage;
    cols.months_in_stage[i] = 0;
    cols.region[i] = region;
    cols.home[i] = static_cast<std::uint8_t>(categorical(b[3], home_cdf));
    const bool licence = bernoulli(w2[0], profile->driving_licence_share);
    const bool car = licence && bernoulli(w2[1], profile->car_share_of_licensed);
    cols.mobility[i] = static_cast<std::uint8_t>(car       ? kOwnCar
                                                 : licence ? kLicenceNoCar
                                                           : kNoLicence);
    cols.digital[i] = bernoulli(h[2], profile->digital_skills_share) ? 1 : 0;
    const bool job_ready = bernoulli(x.words[6][0], profile->job_ready_share);
    cols.job_ready[i] = job_ready ? 1 : 0;
    cols.motivation[i] = static_cast<std::uint8_t>(categorical(t[0], motivation_cdf));
    cols.trust[i] = static_cast<std::uint8_t>(categorical(t[1], trust_cdf));
    x.traits = static_cast<std::uint8_t>(
        (bernoulli(tr[0], from.work_handicap_share) ? kWorkHandicap : 0) |
        (bernoulli(tr[2], profile->system_knowledge_share) ? kSystemKnowledge : 0) |
        (job_ready ? kWorkExperience : 0));
    cols.readiness[i] =
        job_ready ? std::uint8_t{2} : static_cast<std::uint8_t>(categorical(tr[1], readiness_cdf));
    cols.programme[i] = kNoProgramme;
    cols.origin[i] = x.origin;
    cols.arrival_month[i] = static_cast<std::int16_t>(x.month);
  }
};

}  // namespace

PathwaysModel::PathwaysModel(const ModelParameters& params, std::size_t capacity,
                             std::size_t block_size)
    : p_(params),
      block_size_(block_size),
      table_(capacity),
      mechanisms_(make_mechanisms(params, std::type_identity<Mechanisms::Tuple>{})),
      caseworkers_(params.regions.size(), kPriorityClasses, kMaxWaitBucket,
                   max_blocks(capacity, block_size)),
      staff_(params.caseworkers),
      interpreters_(params.regions.size(), kPriorityClasses, kMaxWaitBucket,
                    max_blocks(capacity, block_size)),
      unit_places_(unit_places_config(params.regions.size(), block_size), capacity / 4 + 4096) {
  if (capacity > std::numeric_limits<std::uint32_t>::max() / kPlaceKeyStride)
    throw std::length_error("PathwaysModel: " + std::to_string(capacity) +
                            " agents exceed the place-request keys (at most 2^32 / " +
                            std::to_string(kPlaceKeyStride) + ")");
  c_.resize(capacity);
  active_.resize(capacity);
  const std::size_t regions = p_.regions.size();
  for (const auto& g : p_.regions) {
    interpreter_budget_.push_back(g.interpreter_hours_per_month);
    std::vector<double> cdf;
    double sum = 0;
    for (const auto& place : g.transit.places) cdf.push_back(sum += place.home_share);
    for (auto& c : cdf) c /= sum;
    cdf.back() = 1.0;
    home_cdf_.push_back(std::move(cdf));
  }
  unit_capacity_.assign(regions * kUnitResourceCount, 0.0);
  occupancy_.assign(regions * kUnitResourceCount, 0.0);
  capacity_hours_.resize(regions);
  staff_inputs_.resize(3 * regions);
  region_sums_.resize(regions * kSums);
  const std::size_t blocks = max_blocks(capacity, block_size);
  block_transitions_.assign(blocks * regions * kStageCount * kStageCount, 0);
  block_sums_.assign(blocks * regions * kSums, 0.0);
  unit_block_offset_.assign(blocks + 1, 0);
  compact_kept_.assign(blocks + 1, 0);
  compact_spare_.resize(capacity);
  units_.resize(capacity / 4 + 4096);
}

void PathwaysModel::add_clients(std::size_t first, std::size_t n, std::uint16_t region,
                                std::uint8_t origin, std::int16_t month, bool initial) {
  const CoreArrival core(p_, origin, region, home_cdf_[region]);
  const auto stream_month = static_cast<std::uint32_t>(month);
  // A month's arrivals in a region are a few thousand at most: small blocks, so that both
  // threads share them (each client's draws depend on its id only, never on the blocking).
  constexpr std::size_t kArrivalBlock = 512;
  for_each_block(n, std::min(block_size_, kArrivalBlock),
                 [&](std::size_t, std::size_t begin, std::size_t end) {
                   for (std::size_t k = begin; k < end; ++k) {
                     ClientArrival x;
                     x.i = static_cast<std::uint32_t>(first + k);
                     x.origin = origin;
                     x.initial = initial;
                     x.month = stream_month;
                     streams_.words_draws(x.i, stream_month, kStreamInitialState, 0, x.words);
                     core.draw(x, c_);
                     for_each_mechanism(mechanisms_, [&](const auto& mechanism, auto) {
                       if constexpr (requires { mechanism.arrive(c_, x); }) mechanism.arrive(c_, x);
                     });
                     c_.domains[x.i] = x.levels;
                     c_.traits[x.i] = x.traits;
                     active_.id[active_.size + k] = x.i;
                   }
                 });
  active_.size += n;
}

void PathwaysModel::start_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals,
                                    Results& results) {
  replicate_ = replicate;
  arrivals_ = &arrivals;
  streams_ = RandomStreams(p_.seed, replicate);
  table_.clear();
  active_.size = 0;
  for_each_mechanism(mechanisms_, [](auto& m, auto) {
    if constexpr (requires { m.start_replicate(); }) m.start_replicate();
  });
  std::fill(occupancy_.begin(), occupancy_.end(), 0.0);
  std::vector<double> initial_fte;
  for (const auto& g : p_.regions) initial_fte.push_back(g.caseworker_fte);
  staff_.start(initial_fte, p_.seed, replicate);
  for (std::size_t g = 0; g < p_.regions.size(); ++g) {
    const auto n = static_cast<std::size_t>(p_.regions[g].initial_clients);
    add_clients(table_.append(n), n, static_cast<std::uint16_t>(g), kOriginOrdinary, 0, true);
  }
  for (std::size_t i = 0; i < table_.size(); ++i)
    ++results.initial_stage_count[results.initial_index(static_cast<int>(replicate), c_.region[i],
                                                        c_.stage[i])];
}

// Events (domain shocks) and demand (caseworker hours, priority, places asked) in one pass: each
// mechanism's demand hook in list order, then every mechanism's hours.
void PathwaysModel::events_and_demand(std::uint32_t month) {
  const std::size_t regions = p_.regions.size();
  caseworkers_.begin_pass(block_count(active_.size, block_size_));
  interpreters_.begin_pass(block_count(active_.size, block_size_));
  for_each_block(active_.size, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    auto passes = mechanism_passes(mechanisms_, c_, streams_);
    ShareAllocator::Block hours = caseworkers_.block(b);
    ShareAllocator::Block interpreter = interpreters_.block(b);
    std::size_t hours_region = regions;  // none yet
    const std::uint32_t* const ids = active_.id.data();
    std::uint16_t* const req_region = active_.region.data();
    std::uint8_t* const req_priority = active_.priority.data();
    PlaceMask* const wants_col = active_.wants.data();
    const std::uint8_t* const stage_col = c_.stage.data();
    const std::uint16_t* const months_col = c_.months_in_stage.data();
    const std::uint16_t* const region_col = c_.region.data();
    std::uint64_t* const domains_col = c_.domains.data();
    const std::uint8_t* const traits_col = c_.traits.data();
    const std::uint8_t* const trust_col = c_.trust.data();
    const std::uint8_t* const programme_col = c_.programme.data();
    const std::uint8_t* const dutch_col = c_.dutch.data();
    // The block's sums start here; the transitions pass adds to them.
    double* const sums = &block_sums_[b * regions * kSums];
    std::fill(sums, sums + regions * kSums, 0.0);
    RegionSums<kSums> s(sums);
    // One context for the block, not one per client: zeroing it for every client cost more than
    // a tenth of the pass. Every hook sets what it writes each time, except the fields reset
    // at the top of the loop.
    ClientMonth x;
    for (std::size_t k = begin; k < end; ++k) {
      x.wants = 0;  // the only field a demand hook may leave unset
      x.i = ids[k];
      x.k = k;
      x.month = month;
      x.from = stage_col[x.i];
      x.g = region_col[x.i];
      req_region[k] = region_col[x.i];
      s.region(x.g);
      if (x.from == kEmployed) [[unlikely]] {
        // At work, waiting to see whether the job lasts: asks for nothing.
        req_priority[k] = kPriorityOther;
        wants_col[k] = 0;
        continue;
      }
      x.levels = domains_col[x.i];
      x.traits = traits_col[x.i];
      x.trust = trust_col[x.i];
      x.programme = programme_col[x.i];
      x.dutch = dutch_col[x.i];
      call_hooks<Mechanisms, DemandHook>(passes, x, s.data());
      domains_col[x.i] = x.levels;
      x.crisis = kBitCount[crisis_mask(x.levels)];
      call_hooks<Mechanisms, HoursHook>(passes, x, nullptr);
      const std::uint8_t priority = x.from == kIntake ? kPriorityIntake
                                    : x.crisis > 0    ? kPriorityCrisis
                                                      : kPriorityOther;
      req_priority[k] = priority;
      wants_col[k] = x.wants;
      if (x.g != hours_region) {
        hours.region(x.g);
        interpreter.region(x.g);
        hours_region = x.g;
      }
      const std::size_t bucket = caseworkers_.bucket(priority, months_col[x.i]);
      hours.add(bucket, total_hours(x.hours));
      interpreter.add(bucket, x.interpreter_need);
    }
  });
}

namespace {

// The core's part of the transitions pass: the shared client variables a client's month starts
// from (loaded into the context) and what it ends with (stored, and tallied as a move).
struct CoreTransition {
  const ShareAllocator& caseworkers;
  const ShareAllocator& interpreters;
  const std::uint8_t* priority;
  const PlaceMask* wants;
  const PlaceMask* granted;
  std::uint8_t* stage;
  std::uint16_t* months;
  const std::uint64_t* domains;
  std::uint8_t* traits;
  std::uint8_t* trust;
  std::uint8_t* motivation;
  std::uint8_t* programme;
  std::uint8_t* dutch;
  std::uint8_t* readiness;

  void load(ClientMonth& x, const RandomWords& stage_words,
            const RandomWords& service_words) const {
    const std::uint32_t i = x.i;
    x.levels = domains[i];
    x.traits = traits[i];
    x.trust = trust[i];
    x.programme_before = x.programme;
    x.dutch = dutch[i];
    x.readiness = readiness[i];
    x.crisis = kBitCount[crisis_mask(x.levels)];
    x.wants = wants[x.k];
    x.granted = granted[x.k];
    x.stage_words = stage_words;
    x.service_words = service_words;
  }
  // The shares of the hours asked that she received (1 if none asked), from her bucket of the
  // demand pass; after the hours hooks, which compute the same hours as in that pass.
  void shares(ClientMonth& x) const {
    const std::size_t bucket = caseworkers.bucket(priority[x.k], months[x.i]);
    x.received = total_hours(x.hours) > 0.0f ? caseworkers.share(x.g, bucket) : 1.0f;
    x.interpreter_granted = x.interpreter_need > 0.0f ? interpreters.share(x.g, bucket) : 1.0f;
  }
  void store(ClientMonth& x, std::int64_t* tally) const {
    const std::uint32_t i = x.i;
    programme[i] = x.programme;
    readiness[i] = x.readiness;
    traits[i] = x.traits;
    trust[i] = x.trust;
    dutch[i] = x.dutch;
    motivation[i] = x.motivation;
    stage[i] = x.to;
    const std::uint16_t mis = months[i];
    months[i] = x.to == x.from ? static_cast<std::uint16_t>(mis + (mis < 0xffff)) : 0;
    ++tally[(x.g * kStageCount + x.from) * kStageCount + x.to];
    x.active = x.to < kActiveStageCount;
  }
  // A job that ended: to the stage drawn at its start, with what the employed hooks changed.
  void store_relapse(const ClientMonth& x, std::int64_t* tally) const {
    stage[x.i] = x.to;
    months[x.i] = 0;
    motivation[x.i] = x.motivation;
    programme[x.i] = x.programme;
    ++tally[(x.g * kStageCount + kEmployed) * kStageCount + x.to];
  }
};

}  // namespace

// Transitions and the block sums of the record phase, in one pass: each mechanism's transition
// hook in list order (the stage moves among them), then the core's write-back, then each
// mechanism's record hook. Employed clients whose job ends this month go through the employed
// hooks instead.
void PathwaysModel::transitions_and_record(std::uint32_t month) {
  const std::size_t regions = p_.regions.size();
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  for_each_block(active_.size, block_size_, [&](std::size_t b, std::size_t begin, std::size_t end) {
    auto passes = mechanism_passes(mechanisms_, c_, streams_);
    const CoreTransition core{caseworkers_,
                              interpreters_,
                              active_.priority.data(),
                              active_.wants.data(),
                              active_.granted_units.data(),
                              c_.stage.data(),
                              c_.months_in_stage.data(),
                              c_.domains.data(),
                              c_.traits.data(),
                              c_.trust.data(),
                              c_.motivation.data(),
                              c_.programme.data(),
                              c_.dutch.data(),
                              c_.readiness.data()};
    const std::uint32_t* const ids = active_.id.data();
    const std::uint16_t* const region = active_.region.data();
    const std::uint16_t* const relapse = c_.relapse_month.data();
    const RandomStreams streams = streams_;
    std::int64_t* const tally = &block_transitions_[b * t_stride];
    std::fill(tally, tally + t_stride, 0);
    RegionSums<kSums> s(&block_sums_[b * regions * kSums]);  // added to the demand pass's
    ClientMonth x;                                           // one per block: see events_and_demand
    // The stage and services words of every client, drawn for a chunk of clients at a time
    // (RandomStreams::words_many: the same numbers, a quarter of the time).
    constexpr std::size_t kChunk = 64;
    std::array<RandomWords, kChunk> stage_words, service_words;
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t c = (k - begin) % kChunk;
      if (c == 0) {
        const std::size_t n = std::min(kChunk, end - k);
        const std::span<const std::uint32_t> chunk(ids + k, n);
        streams.words_many(chunk, month, kStreamStage, 0, std::span(stage_words.data(), n));
        streams.words_many(chunk, month, kStreamServices, 1, std::span(service_words.data(), n));
      }
      // Flags that hooks set only when something happens.
      x.sanctioned = x.sanction_dropout = x.job_started = x.relapsed = false;
      x.i = ids[k];
      x.k = k;
      x.month = month;
      x.from = core.stage[x.i];
      x.g = region[k];
      s.region(x.g);
      x.motivation = core.motivation[x.i];
      x.programme = core.programme[x.i];
      if (x.from == kEmployed) [[unlikely]] {
        if (relapse[x.i] != month) continue;
        // The job ends in the month drawn when it started, and so does where the client goes:
        // back to intake, or out (unemployment benefit, other work or income).
        x.relapsed = true;
        x.to = c_.job_end_stage[x.i];
        call_hooks<Mechanisms, EmployedHook>(passes, x, s.data());
        core.store_relapse(x, tally);
        continue;
      }
      core.load(x, stage_words[c], service_words[c]);
      call_hooks<Mechanisms, HoursHook>(passes, x, nullptr);  // from the demand phase's state
      core.shares(x);
      call_hooks<Mechanisms, TransitionHook>(passes, x, s.data());
      core.store(x, tally);
      call_hooks<Mechanisms, RecordHook>(passes, x, s.data());
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
      results.arrival_count[results.stage_index(r, m, static_cast<int>(g), arrival_stage(o))] +=
          static_cast<std::int64_t>(k);
    }
  }

  // 2-3. Events and demand.
  events_and_demand(stream_month);

  // 4. Caseworker hours per region, shared by bucket (the demand pass made the histograms).
  const std::size_t n = active_.size;
  staff_.effective_hours(capacity_hours_);
  caseworkers_.allocate(capacity_hours_);

  // 4a. Interpreter hours from the region's budget, same priority rule as caseworker hours.
  interpreters_.allocate(interpreter_budget_);

  // 4b. Places from the compact list of unit requests: social dwellings, childcare,
  // programme places, Dutch courses, therapy and low-threshold work.
  allocate_unit_places(stream_month);

  // 5. Transitions, with the block sums of the record phase.
  transitions_and_record(stream_month);
  const std::size_t blocks = block_count(n, block_size_);
  compact_active();

  // 7a. Record: reduce block tallies in block order.
  record(month, blocks, results);

  // 6. Staff: stress, sick leave, turnover and hiring, which set next month's hours.
  const std::span<const double> inputs(staff_inputs_);
  const StaffMonth& staff =
      staff_.step(month, inputs.subspan(0, regions), inputs.subspan(regions, regions),
                  inputs.subspan(2 * regions, regions));
  std::get<Trust>(mechanisms_).after_staff(staff);

  // 7b. Record the metrics and the mechanisms' count tables.
  record_metrics(month, staff, results);
  record_tables(month, results);
}

void PathwaysModel::record_tables(std::int32_t month, Results& results) {
  std::array<std::span<std::int64_t>, Mechanisms::kTableTotal + 1> tables{};
  for (std::size_t k = 0; k < Mechanisms::kTableTotal; ++k) {
    CountTable& t = results.tables[k];
    const std::size_t cells = results.table_cells(t);
    tables[k] = std::span(t.values).subspan(replicate_ * cells, cells);
  }
  for_each_mechanism(mechanisms_, [&](auto& mechanism, auto I) {
    constexpr std::size_t index = decltype(I)::value;
    if constexpr (requires(const TableMonth& t) { mechanism.record_tables(t); })
      mechanism.record_tables(TableMonth{month, p_.regions.size(),
                                         region_sums_.data() + Mechanisms::kSumOffset<index>, kSums,
                                         tables.data() + Mechanisms::kTableOffset<index>});
  });
}

void PathwaysModel::record(std::int32_t month, std::size_t blocks, Results& results) {
  const std::size_t regions = p_.regions.size();
  const int r = static_cast<int>(replicate_);
  const int m = month;
  const std::size_t t_stride = regions * kStageCount * kStageCount;
  constexpr std::size_t caseload = Mechanisms::kSumsOf<Caseload>;
  for (std::size_t g = 0; g < regions; ++g) {
    const int gi = static_cast<int>(g);
    double* sums = &region_sums_[g * kSums];
    std::fill(sums, sums + kSums, 0.0);
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::int64_t* tally = &block_transitions_[b * t_stride + g * kStageCount * kStageCount];
      for (int from = 0; from < kStageCount; ++from)
        for (int to = 0; to < kStageCount; ++to) {
          const std::int64_t v = tally[from * kStageCount + to];
          results.transition_count[results.transition_index(r, m, gi, from, to)] += v;
          results.stage_count[results.stage_index(r, m, gi, to)] += v;
        }
      for (std::size_t k = 0; k < kSums; ++k) sums[k] += block_sums_[(b * regions + g) * kSums + k];
    }
    // End states: everyone stays but those who left (a job that ended), counted in the tallies.
    for (int s = kActiveStageCount; s < kStageCount; ++s) {
      std::int64_t left = 0;
      for (int to = 0; to < kStageCount; ++to)
        if (to != s) left += results.transition_count[results.transition_index(r, m, gi, s, to)];
      const std::int64_t stayed =
          (m == 0 ? results.initial_stage_count[results.initial_index(r, gi, s)]
                  : results.stage_count[results.stage_index(r, m - 1, gi, s)]) -
          left;
      results.transition_count[results.transition_index(r, m, gi, s, s)] += stayed;
      results.stage_count[results.stage_index(r, m, gi, s)] += stayed;
    }
    // Inputs of the staff phase: this month's demand, the caseload, and moral tension (clients
    // pushed towards work while a domain is in crisis).
    staff_inputs_[g] = caseworkers_.summary()[g].requested;
    staff_inputs_[regions + g] = Caseload::active(sums + caseload);
    staff_inputs_[2 * regions + g] = Caseload::moral_tension(sums + caseload);
  }
}

void PathwaysModel::record_metrics(std::int32_t month, const StaffMonth& staff, Results& results) {
  const int r = static_cast<int>(replicate_);
  constexpr std::size_t caseload = Mechanisms::kSumsOf<Caseload>;
  for (std::size_t g = 0; g < p_.regions.size(); ++g) {
    const double* sums = &region_sums_[g * kSums];
    const RegionMonth region{p_,
                             g,
                             month,
                             staff,
                             caseworkers_.summary()[g],
                             interpreters_.summary()[g],
                             *arrivals_,
                             sums,
                             Caseload::active(sums + caseload),
                             &occupancy_[g * kUnitResourceCount]};
    std::array<double, Mechanisms::kMetricTotal> values{};
    for_each_mechanism(mechanisms_, [&](const auto& mechanism, auto I) {
      constexpr std::size_t index = decltype(I)::value;
      mechanism.finish(region, sums + Mechanisms::kSumOffset<index>,
                       values.data() + Mechanisms::kMetricOffset<index>);
    });
    for (std::size_t k = 0; k < values.size(); ++k)
      results.metrics[k].values[results.metric_index(r, month, static_cast<int>(g))] = values[k];
  }
}

}  // namespace drempel
