#include "models/caseworkers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace drempel {
namespace {

// One table of keys and ranges serves both the scenario reader and the constructor's checks, so
// a hand-built parameter set is held to exactly what a scenario may say.
struct NumberField {
  const char* key;
  double CaseworkerParameters::*member;
  double min, max;
};
struct IntegerField {
  const char* key;
  std::int32_t CaseworkerParameters::*member;
  std::int32_t min, max;
};

using P = CaseworkerParameters;
constexpr NumberField kNumberFields[] = {
    {"hours_per_fte_per_month", &P::hours_per_fte_per_month, 0, 744},
    {"client_time_share", &P::client_time_share, 0, 1},
    {"junior_productivity", &P::junior_productivity, 0, 1},
    {"stress_gain_per_overload", &P::stress_gain_per_overload, 0, 1},
    {"stress_gain_per_moral_tension", &P::stress_gain_per_moral_tension, 0, 1},
    {"stress_recovery_per_month", &P::stress_recovery_per_month, 0, 1},
    {"sick_leave_base_per_month", &P::sick_leave_base_per_month, 0, 1},
    {"sick_leave_per_stress", &P::sick_leave_per_stress, 0, 1},
    {"sick_leave_mean_months", &P::sick_leave_mean_months, 1, 120},
    {"turnover_base_per_month", &P::turnover_base_per_month, 0, 1},
    {"turnover_per_stress", &P::turnover_per_stress, 0, 1},
    {"turnover_junior_extra_per_month", &P::turnover_junior_extra_per_month, 0, 1},
    {"caseload_norm_files_per_fte", &P::caseload_norm_files_per_fte, 1, 10000},
};
constexpr IntegerField kIntegerFields[] = {
    {"junior_months", &P::junior_months, 0, 600},
    {"initial_seniority_max_months", &P::initial_seniority_max_months, 0, 600},
    {"hiring_lag_months", &P::hiring_lag_months, 0, 120},
};
constexpr double kMaxBudgetFte = 1e5;
constexpr std::size_t kMaxRegions = std::numeric_limits<std::uint16_t>::max();

// Posts of a region: whole-FTE posts within the budget plus at most two fractional ones.
std::uint64_t slots_for_budget(double budget_fte) {
  return static_cast<std::uint64_t>(std::ceil(budget_fte)) + 2;
}

// Hazards at the top of the stress scale are sums of these terms; like the model's competing
// risks, they must remain probabilities.
double sick_leave_top(const CaseworkerParameters& p) {
  return p.sick_leave_base_per_month + p.sick_leave_per_stress;
}
double turnover_top(const CaseworkerParameters& p) {
  return p.turnover_base_per_month + p.turnover_per_stress + p.turnover_junior_extra_per_month;
}

std::uint64_t total_slots(const std::vector<double>& budget_fte) {
  std::uint64_t total = 0;
  for (double b : budget_fte) total += slots_for_budget(b);
  return total;
}

// FTE are stored as float; rounding down keeps the posts of a region within its budget.
float fte_at_most(double x) {
  float f = static_cast<float>(x);
  if (static_cast<double>(f) > x) f = std::nextafter(f, 0.0f);
  return f;
}

// Posts below this size are not worth opening (about a minute of work per month); it also
// absorbs the rounding of float FTE.
constexpr double kFteTolerance = 1e-4;

// Messages are built only on failure: step() checks its input every month and must not allocate.
[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument("drempel: CaseworkerPool: " + what);
}

template <class T>
std::string range_message(const char* key, T min, T max, T found) {
  return std::string(key) + " must be in [" + std::to_string(min) + ", " + std::to_string(max) +
         "], found " + std::to_string(found);
}

void check_parameters(const CaseworkerParameters& p) {
  for (const auto& f : kNumberFields) {
    const double v = p.*f.member;
    if (!(v >= f.min && v <= f.max)) fail(range_message(f.key, f.min, f.max, v));
  }
  for (const auto& f : kIntegerFields) {
    const std::int32_t v = p.*f.member;
    if (v < f.min || v > f.max) fail(range_message(f.key, f.min, f.max, v));
  }
  if (sick_leave_top(p) > 1.0 + 1e-12) fail("sick-leave hazard above 1 at stress 1");
  if (turnover_top(p) > 1.0 + 1e-12) fail("turnover hazard above 1 at stress 1");
  if (p.budget_fte.empty() || p.budget_fte.size() > kMaxRegions)
    fail("budget_fte must have 1 to 65535 regions");
  for (double b : p.budget_fte)
    if (!(b >= 0 && b <= kMaxBudgetFte)) fail("budget_fte must be in [0, 100000]");
}

void check_span(std::size_t size, std::size_t regions, const char* name) {
  if (size != regions)
    fail(std::string(name) + " must have one entry per region (" + std::to_string(regions) +
         "), found " + std::to_string(size));
}

}  // namespace

CaseworkerParameters read_caseworker_parameters(ScenarioReader& r, const std::string& pointer,
                                                const std::string& regions_pointer,
                                                std::size_t regions) {
  CaseworkerParameters p;
  p.budget_fte.assign(regions, 0.0);
  if (!r.has(pointer)) {
    // One issue for the whole object rather than one per missing key.
    r.add_issue(pointer, "an object with the caseworker parameters", "nothing (missing key)");
    return p;
  }
  const std::string b = pointer + "/";
  for (const auto& f : kNumberFields) p.*f.member = r.number(b + f.key, f.min, f.max);
  for (const auto& f : kIntegerFields)
    p.*f.member = static_cast<std::int32_t>(r.integer(b + f.key, f.min, f.max));

  if (sick_leave_top(p) > 1.0 + 1e-12)
    r.add_cross_issue(
        {b + "sick_leave_per_stress", b + "sick_leave_base_per_month"},
        "sick_leave_base_per_month + sick_leave_per_stress <= 1 (a monthly probability)",
        std::to_string(sick_leave_top(p)));
  if (turnover_top(p) > 1.0 + 1e-12)
    r.add_cross_issue({b + "turnover_junior_extra_per_month", b + "turnover_base_per_month",
                       b + "turnover_per_stress"},
                      "turnover_base_per_month + turnover_per_stress + "
                      "turnover_junior_extra_per_month <= 1 (a monthly probability)",
                      std::to_string(turnover_top(p)));

  // Each region's budget sits in the region's own object, so that a region copied or added by
  // a what-if carries its budget with it.
  std::vector<std::string> budget_keys;
  for (std::size_t g = 0; g < regions; ++g) {
    budget_keys.push_back(regions_pointer + "/" + std::to_string(g) + "/caseworker_budget_fte");
    p.budget_fte[g] = r.number(budget_keys.back(), 0, kMaxBudgetFte);
  }
  if (total_slots(p.budget_fte) > std::numeric_limits<std::uint32_t>::max())
    r.add_cross_issue(budget_keys, "budgets whose posts fit 32-bit caseworker ids",
                      "a total of " + std::to_string(total_slots(p.budget_fte)) + " posts");
  return p;
}

CaseworkerPool::CaseworkerPool(CaseworkerParameters parameters) : p_(std::move(parameters)) {
  check_parameters(p_);
  const std::uint64_t total = total_slots(p_.budget_fte);
  if (total > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("drempel: CaseworkerPool: more posts than 32-bit ids");
  const std::size_t n = static_cast<std::size_t>(total);
  const std::size_t regions = p_.budget_fte.size();

  first_slot_.resize(regions + 1);
  used_slots_.assign(regions, 0);
  region_.resize(n);
  std::uint32_t next = 0;
  for (std::size_t g = 0; g < regions; ++g) {
    first_slot_[g] = next;
    const auto slots = static_cast<std::uint32_t>(slots_for_budget(p_.budget_fte[g]));
    std::fill_n(region_.begin() + next, slots, static_cast<std::uint16_t>(g));
    next += slots;
  }
  first_slot_[regions] = next;

  fte_.assign(n, 0.0f);
  seniority_.assign(n, 0);
  stress_.assign(n, 0.0f);
  sick_left_.assign(n, 0);
  employed_.assign(n, 0);
  fill_month_.assign(n, 0);

  for (auto* v :
       {&out_.effective_hours, &out_.overload, &out_.fte_employed, &out_.fte_on_sick_leave,
        &out_.mean_stress, &out_.open_vacancy_fte, &out_.caseload_per_fte})
    v->assign(regions, 0.0);
  for (auto* v : {&out_.sick_leave_starts, &out_.departures, &out_.hires, &out_.open_vacancies})
    v->assign(regions, 0);
}

void CaseworkerPool::start(std::span<const double> initial_fte_per_region, std::uint64_t seed,
                           std::uint32_t replicate) {
  const std::size_t regions = this->regions();
  check_span(initial_fte_per_region.size(), regions, "initial_fte_per_region");
  for (std::size_t g = 0; g < regions; ++g) {
    const double f = initial_fte_per_region[g];
    if (!(std::isfinite(f) && f >= 0 && f <= p_.budget_fte[g] + 1e-9))
      fail("initial FTE of region " + std::to_string(g) + " must be in [0, budget_fte], found " +
           std::to_string(f));
  }

  streams_ = RandomStreams(seed, replicate);
  started_ = true;
  stepped_ = false;
  std::fill(fte_.begin(), fte_.end(), 0.0f);
  std::fill(seniority_.begin(), seniority_.end(), std::uint16_t{0});
  std::fill(stress_.begin(), stress_.end(), 0.0f);
  std::fill(sick_left_.begin(), sick_left_.end(), std::uint16_t{0});
  std::fill(employed_.begin(), employed_.end(), std::uint8_t{0});
  std::fill(fill_month_.begin(), fill_month_.end(), 0);

  const std::uint64_t seniority_values =
      static_cast<std::uint64_t>(p_.initial_seniority_max_months) + 1;
  for (std::size_t g = 0; g < regions; ++g) {
    const double f = std::min(initial_fte_per_region[g], p_.budget_fte[g]);
    const double whole = std::floor(f);
    const double rest = f - whole;
    const auto posts = static_cast<std::uint32_t>(whole) + (rest > kFteTolerance ? 1u : 0u);
    used_slots_[g] = posts;
    for (std::uint32_t k = 0; k < posts; ++k) {
      const std::uint32_t slot = first_slot_[g] + k;
      fte_[slot] = k < static_cast<std::uint32_t>(whole) ? 1.0f : fte_at_most(rest);
      employed_[slot] = 1;
      fill_month_[slot] = std::numeric_limits<std::int32_t>::min();
      // Multiply-shift maps a 32-bit word onto 0..max without a division's bias pattern.
      const std::uint32_t w = streams_.words(slot, 0, kStreamCaseworkerSeniority)[0];
      seniority_[slot] = static_cast<std::uint16_t>((w * seniority_values) >> 32);
    }
  }
}

bool CaseworkerPool::junior(std::size_t slot) const noexcept {
  return static_cast<std::int32_t>(seniority_[slot]) < p_.junior_months;
}

void CaseworkerPool::fill(std::size_t slot, std::int32_t month) noexcept {
  employed_[slot] = 1;
  seniority_[slot] = 0;
  stress_[slot] = 0.0f;
  sick_left_[slot] = 0;
  fill_month_[slot] = month;
}

void CaseworkerPool::effective_hours(std::span<double> out) const {
  check_span(out.size(), regions(), "effective_hours output");
  std::fill(out.begin(), out.end(), 0.0);
  const double hours = p_.hours_per_fte_per_month * p_.client_time_share;
  for (std::size_t i = 0; i < region_.size(); ++i) {
    if (employed_[i] == 0 || sick_left_[i] > 0) continue;
    out[region_[i]] +=
        static_cast<double>(fte_[i]) * hours * (junior(i) ? p_.junior_productivity : 1.0);
  }
}

const StaffMonth& CaseworkerPool::step(std::int32_t month,
                                       std::span<const double> hours_demanded_per_region,
                                       std::span<const double> clients_per_region,
                                       std::span<const double> moral_tension_per_region) {
  if (!started_) throw std::logic_error("drempel: CaseworkerPool::step() before start()");
  if (month < 0) fail("month must be >= 0, found " + std::to_string(month));
  if (stepped_ && month != last_step_month_ + 1)
    fail("months must be consecutive: expected " + std::to_string(last_step_month_ + 1) +
         ", found " + std::to_string(month));
  const std::size_t regions = this->regions();
  check_span(hours_demanded_per_region.size(), regions, "hours_demanded_per_region");
  check_span(clients_per_region.size(), regions, "clients_per_region");
  check_span(moral_tension_per_region.size(), regions, "moral_tension_per_region");
  for (std::size_t g = 0; g < regions; ++g) {
    const double d = hours_demanded_per_region[g], c = clients_per_region[g],
                 t = moral_tension_per_region[g];
    if (!(std::isfinite(d) && d >= 0)) fail("hours demanded must be finite and >= 0");
    if (!(std::isfinite(c) && c >= 0)) fail("clients must be finite and >= 0");
    if (!(t >= 0 && t <= 1)) fail("moral tension must be in [0, 1]");
  }
  stepped_ = true;
  last_step_month_ = month;
  const auto stream_month = static_cast<std::uint32_t>(month);

  std::fill(out_.sick_leave_starts.begin(), out_.sick_leave_starts.end(), 0u);
  std::fill(out_.departures.begin(), out_.departures.end(), 0u);
  std::fill(out_.hires.begin(), out_.hires.end(), 0u);

  // (1) and (2).
  effective_hours(out_.effective_hours);
  for (std::size_t g = 0; g < regions; ++g) {
    const double supply = out_.effective_hours[g], demand = hours_demanded_per_region[g];
    out_.overload[g] = supply > 0   ? demand / supply
                       : demand > 0 ? std::numeric_limits<double>::infinity()
                                    : 0.0;
  }

  // (3)-(5) touch only the caseworker's own state and the region's figures from (1)-(2), so they
  // can run slot by slot.
  const double keep = 1.0 - p_.stress_recovery_per_month;
  const double sick_p = 1.0 / p_.sick_leave_mean_months;
  const std::size_t n = region_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (employed_[i] == 0) continue;
    const std::size_t g = region_[i];
    const bool away = sick_left_[i] > 0;

    double s = keep * static_cast<double>(stress_[i]);
    if (!away) {
      const double excess = std::max(0.0, out_.overload[g] - 1.0);
      // 0 x inf would be NaN when a region has no hours at all and overload carries no stress.
      if (excess > 0 && p_.stress_gain_per_overload > 0) s += p_.stress_gain_per_overload * excess;
      s += p_.stress_gain_per_moral_tension * moral_tension_per_region[g];
    }
    stress_[i] = static_cast<float>(std::clamp(s, 0.0, 1.0));
    const double stress = static_cast<double>(stress_[i]);
    const auto id = static_cast<std::uint32_t>(i);

    if (away) {
      --sick_left_[i];
    } else {
      const RandomWords w = streams_.words(id, stream_month, kStreamCaseworkerSickLeave);
      const double hazard = p_.sick_leave_base_per_month + p_.sick_leave_per_stress * stress;
      if (w[0] < bernoulli_threshold(hazard)) {
        const std::uint64_t months = 1 + geometric(w[1], sick_p);
        sick_left_[i] = static_cast<std::uint16_t>(
            std::min<std::uint64_t>(months, std::numeric_limits<std::uint16_t>::max()));
        ++out_.sick_leave_starts[g];
      }
    }

    const double leave_hazard = p_.turnover_base_per_month + p_.turnover_per_stress * stress +
                                (junior(i) ? p_.turnover_junior_extra_per_month : 0.0);
    if (streams_.words(id, stream_month, kStreamCaseworkerTurnover)[0] <
        bernoulli_threshold(leave_hazard)) {
      employed_[i] = 0;
      stress_[i] = 0.0f;
      sick_left_[i] = 0;
      seniority_[i] = 0;
      fill_month_[i] = month + p_.hiring_lag_months;
      ++out_.departures[g];
    }
  }

  // (6) A post vacated this month with a lag of 0 is filled now.
  for (std::size_t i = 0; i < n; ++i) {
    if (employed_[i] == 0 && fte_[i] > 0.0f && fill_month_[i] <= month) {
      fill(i, month);
      ++out_.hires[region_[i]];
    }
  }

  // (7) Ceil-like opening of whole posts: the norm is a ceiling on clients per FTE, so the last
  // post may overshoot the target but never the budget.
  for (std::size_t g = 0; g < regions; ++g) {
    double posts = 0;
    const std::uint32_t first = first_slot_[g];
    for (std::uint32_t i = first; i < first + used_slots_[g]; ++i)
      posts += static_cast<double>(fte_[i]);
    const double budget = p_.budget_fte[g];
    double need = std::min(clients_per_region[g] / p_.caseload_norm_files_per_fte, budget) - posts;
    while (need > kFteTolerance && first + used_slots_[g] < first_slot_[g + 1]) {
      const double room = budget - posts;
      if (room <= kFteTolerance) break;
      const std::uint32_t slot = first + used_slots_[g]++;
      fte_[slot] = fte_at_most(std::min(1.0, room));
      fill_month_[slot] = month + p_.hiring_lag_months;
      if (p_.hiring_lag_months == 0) {
        fill(slot, month);
        ++out_.hires[g];
      }
      posts += static_cast<double>(fte_[slot]);
      need -= static_cast<double>(fte_[slot]);
    }
  }

  // (8) and the end-of-month stocks.
  for (std::size_t g = 0; g < regions; ++g) {
    out_.fte_employed[g] = 0;
    out_.fte_on_sick_leave[g] = 0;
    out_.mean_stress[g] = 0;
    out_.open_vacancies[g] = 0;
    out_.open_vacancy_fte[g] = 0;
  }
  std::vector<double>& headcount = out_.caseload_per_fte;  // scratch until the last loop
  std::fill(headcount.begin(), headcount.end(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t g = region_[i];
    const auto f = static_cast<double>(fte_[i]);
    if (employed_[i] != 0) {
      if (fill_month_[i] != month && seniority_[i] < std::numeric_limits<std::uint16_t>::max())
        ++seniority_[i];
      out_.fte_employed[g] += f;
      if (sick_left_[i] > 0) out_.fte_on_sick_leave[g] += f;
      out_.mean_stress[g] += static_cast<double>(stress_[i]);
      headcount[g] += 1;
    } else if (f > 0) {
      ++out_.open_vacancies[g];
      out_.open_vacancy_fte[g] += f;
    }
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t g = 0; g < regions; ++g) {
    out_.mean_stress[g] = headcount[g] > 0 ? out_.mean_stress[g] / headcount[g] : kNaN;
    out_.caseload_per_fte[g] =
        out_.fte_employed[g] > 0 ? clients_per_region[g] / out_.fte_employed[g] : kNaN;
  }
  return out_;
}

}  // namespace drempel
