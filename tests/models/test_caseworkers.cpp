// Caseworker pool: effective hours, stress, sick leave, turnover, hiring lag, caseload norm,
// determinism, allocation-free stepping and parameter validation (models/caseworkers.md).
// Comparisons between levers use common random numbers: the same seed and replicate.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "models/caseworkers.hpp"

using namespace drempel;

// Counts every allocation made through operator new in this test executable, so that the
// "allocation-free" promise of CaseworkerPool::step() can be checked directly. The replacements
// are kept out of line: inlined into callers, GCC would see malloc and free where it expects new
// and delete and warn (-Wmismatched-new-delete).
namespace {
std::atomic<long> g_allocations{0};
void* counted_malloc(std::size_t size) noexcept {
  ++g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace
// Every non-aligned form is replaced, so that each pair of new and delete meets the same heap
// (sanitizers check that they match).
[[gnu::noinline]] void* operator new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void* operator new[](std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
[[gnu::noinline]] void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
[[gnu::noinline]] void operator delete(void* p) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete[](void* p) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

namespace {

// Every mechanism switched off: no stress, no sick leave, no turnover, no new posts.
CaseworkerParameters quiet(std::vector<double> budget_fte) {
  CaseworkerParameters p;
  p.hours_per_fte_per_month = 160;
  p.client_time_share = 0.75;  // 120 client hours per FTE
  p.junior_months = 12;
  p.junior_productivity = 0.5;
  p.initial_seniority_max_months = 119;
  p.stress_gain_per_overload = 0;
  p.stress_gain_per_moral_tension = 0;
  p.stress_recovery_per_month = 0;
  p.sick_leave_base_per_month = 0;
  p.sick_leave_per_stress = 0;
  p.sick_leave_mean_months = 1;
  p.turnover_base_per_month = 0;
  p.turnover_per_stress = 0;
  p.turnover_junior_extra_per_month = 0;
  p.hiring_lag_months = 3;
  p.caseload_norm_files_per_fte = 10000;
  p.budget_fte = std::move(budget_fte);
  return p;
}

// Every mechanism active, with effects large enough to measure in a few hundred runs.
CaseworkerParameters lively(std::vector<double> budget_fte) {
  CaseworkerParameters p = quiet(std::move(budget_fte));
  p.stress_gain_per_overload = 0.1;
  p.stress_gain_per_moral_tension = 0.05;
  p.stress_recovery_per_month = 0.2;
  p.sick_leave_base_per_month = 0.01;
  p.sick_leave_per_stress = 0.1;
  p.sick_leave_mean_months = 2;
  p.turnover_base_per_month = 0.01;
  p.turnover_per_stress = 0.1;
  p.turnover_junior_extra_per_month = 0.005;
  return p;
}

struct Totals {
  double stress = 0;    // sum over months of the region's mean stress
  double sick_fte = 0;  // FTE-months of sick leave
  double departures = 0;
  double hours = 0;  // effective hours
};

// Paired differences b - a over replicates: their mean and its standard error.
struct Paired {
  double mean = 0, se = 0;
};
Paired paired(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  double sum = 0, sum2 = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const double d = b[k] - a[k];
    sum += d;
    sum2 += d * d;
  }
  const double mean = sum / n;
  const double var = (sum2 - n * mean * mean) / (n - 1);
  return {mean, std::sqrt(std::max(var, 0.0) / n)};
}

std::vector<double> zeros(std::size_t n) {
  return std::vector<double>(n, 0.0);
}

}  // namespace

TEST_CASE("a junior caseworker supplies junior_productivity of a senior's effective hours") {
  CaseworkerParameters p = quiet({4.0});
  p.initial_seniority_max_months = 0;  // everyone starts with seniority 0
  p.junior_months = 2;
  CaseworkerPool juniors(p);
  p.junior_months = 0;  // seniority 0 is already senior
  CaseworkerPool seniors(p);

  const std::vector<double> one{1.0};
  juniors.start(one, 1, 0);
  seniors.start(one, 1, 0);
  std::vector<double> hours(1);
  juniors.effective_hours(hours);
  CHECK(hours[0] == 60.0);  // 1 FTE x 160 h x 0.75 x 0.5
  seniors.effective_hours(hours);
  CHECK(hours[0] == 120.0);

  // Seniority grows by one a month: junior in months 0 and 1, senior from month 2.
  const auto z = zeros(1);
  CHECK(juniors.step(0, z, z, z).effective_hours[0] == 60.0);
  CHECK(juniors.step(1, z, z, z).effective_hours[0] == 60.0);
  CHECK(juniors.step(2, z, z, z).effective_hours[0] == 120.0);
  CHECK(seniors.step(0, z, z, z).effective_hours[0] == 120.0);

  // The last initial caseworker holds the fractional rest of the FTE.
  CaseworkerPool fractional(p);
  fractional.start(std::vector<double>{2.5}, 1, 0);
  fractional.effective_hours(hours);
  CHECK(hours[0] == 300.0);
  CHECK(fractional.step(0, z, z, z).fte_employed[0] == 2.5);
}

TEST_CASE("with demand below supply and no moral tension, stress decays towards 0") {
  CaseworkerParameters p = lively({12.0, 7.0});
  p.stress_gain_per_overload = 0.3;
  p.stress_gain_per_moral_tension = 0.2;
  p.stress_recovery_per_month = 0.25;
  CaseworkerPool pool(p);
  pool.start(std::vector<double>{12.0, 7.0}, 21, 3);
  std::vector<double> supply(2), demand(2), tension(2), clients{500, 300};

  // Overload and moral tension first, so that there is stress to lose.
  std::int32_t month = 0;
  for (; month < 12; ++month) {
    pool.effective_hours(supply);
    for (int g = 0; g < 2; ++g) demand[g] = 2.0 * supply[g], tension[g] = 0.5;
    pool.step(month, demand, clients, tension);
  }
  const StaffMonth& loaded = pool.last_month();
  REQUIRE(loaded.mean_stress[0] > 0.3);
  REQUIRE(loaded.mean_stress[1] > 0.3);

  std::fill(tension.begin(), tension.end(), 0.0);
  const float keep = 0.75f;
  std::vector<float> before;
  std::vector<std::uint8_t> was_employed;
  for (; month < 36; ++month) {
    pool.effective_hours(supply);
    for (int g = 0; g < 2; ++g) demand[g] = 0.5 * supply[g];
    before.assign(pool.stress().begin(), pool.stress().end());
    was_employed.assign(pool.employed().begin(), pool.employed().end());
    pool.step(month, demand, clients, tension);
    // Every caseworker who stays sheds exactly the recovery share of their stress.
    for (std::size_t i = 0; i < pool.capacity(); ++i) {
      if (was_employed[i] == 0 || pool.employed()[i] == 0 || pool.fill_month()[i] == month)
        continue;
      CHECK(pool.stress()[i] ==
            static_cast<float>(static_cast<double>(keep) * static_cast<double>(before[i])));
    }
  }
  const double bound = std::pow(0.75, 24);  // newcomers start at 0, so the mean decays faster
  CHECK(pool.last_month().mean_stress[0] <= bound);
  CHECK(pool.last_month().mean_stress[1] <= bound);
}

TEST_CASE("stress grows with overload and moral tension at work and only recovers on sick leave") {
  CaseworkerParameters p = lively({15.0});
  p.stress_gain_per_overload = 0.15;
  p.stress_gain_per_moral_tension = 0.1;
  p.sick_leave_base_per_month = 0.2;  // many caseworkers on leave at any time
  p.sick_leave_mean_months = 4;
  CaseworkerPool pool(p);
  pool.start(std::vector<double>{15.0}, 12, 0);
  const std::vector<double> demand{2500}, clients{1500}, tension{0.4};
  std::vector<float> before;
  std::vector<std::uint16_t> away;
  std::vector<std::uint8_t> was_employed;
  int at_work = 0, on_leave = 0;
  for (std::int32_t month = 0; month < 24; ++month) {
    before.assign(pool.stress().begin(), pool.stress().end());
    away.assign(pool.sick_months_left().begin(), pool.sick_months_left().end());
    was_employed.assign(pool.employed().begin(), pool.employed().end());
    const StaffMonth& m = pool.step(month, demand, clients, tension);
    const double excess = std::max(0.0, m.overload[0] - 1.0);
    for (std::size_t i = 0; i < pool.capacity(); ++i) {
      if (was_employed[i] == 0 || pool.employed()[i] == 0 || pool.fill_month()[i] == month)
        continue;
      double s = 0.8 * static_cast<double>(before[i]);
      if (away[i] == 0) s += 0.15 * excess + 0.1 * 0.4;
      CHECK(pool.stress()[i] == static_cast<float>(std::clamp(s, 0.0, 1.0)));
      ++(away[i] == 0 ? at_work : on_leave);
    }
  }
  CHECK(at_work > 100);
  CHECK(on_leave > 50);
}

TEST_CASE("without overload or moral tension, sick leave and turnover stay at their base rates") {
  // The stress terms would be large; stress must stay exactly 0 so that they never apply.
  CaseworkerParameters p = lively({20.0, 20.0, 20.0});
  p.stress_gain_per_overload = 0.5;
  p.stress_gain_per_moral_tension = 0.5;
  p.sick_leave_base_per_month = 0.02;
  p.sick_leave_per_stress = 0.5;
  p.turnover_base_per_month = 0.015;
  p.turnover_per_stress = 0.4;
  p.turnover_junior_extra_per_month = 0.01;
  p.initial_seniority_max_months = 23;  // half the staff starts as juniors
  CaseworkerPool pool(p);
  const std::vector<double> initial{20.0, 20.0, 20.0}, clients{1000, 1000, 1000};
  const auto none = zeros(3);

  double sick_expected = 0, sick_var = 0, sick_seen = 0;
  double leave_expected = 0, leave_var = 0, leave_seen = 0;
  double worst_stress = 0;
  for (std::uint32_t rep = 0; rep < 20; ++rep) {
    pool.start(initial, 99, rep);
    for (std::int32_t month = 0; month < 120; ++month) {
      // The hazards each caseworker faces this month, from the state before the step.
      for (std::size_t i = 0; i < pool.capacity(); ++i) {
        if (pool.employed()[i] == 0) continue;
        if (pool.sick_months_left()[i] == 0) {
          sick_expected += p.sick_leave_base_per_month;
          sick_var += p.sick_leave_base_per_month * (1 - p.sick_leave_base_per_month);
        }
        const double q = p.turnover_base_per_month + (pool.seniority_months()[i] < p.junior_months
                                                          ? p.turnover_junior_extra_per_month
                                                          : 0.0);
        leave_expected += q;
        leave_var += q * (1 - q);
      }
      const StaffMonth& m = pool.step(month, none, clients, none);
      for (std::size_t g = 0; g < 3; ++g) {
        sick_seen += m.sick_leave_starts[g];
        leave_seen += m.departures[g];
        worst_stress = std::max(worst_stress, m.mean_stress[g]);
      }
    }
  }
  CHECK(worst_stress == 0.0);
  REQUIRE(sick_expected > 1000);
  REQUIRE(leave_expected > 1000);
  CHECK(std::abs(sick_seen - sick_expected) < 4 * std::sqrt(sick_var));
  CHECK(std::abs(leave_seen - leave_expected) < 4 * std::sqrt(leave_var));
}

TEST_CASE("sick leave lasts sick_leave_mean_months on average") {
  CaseworkerParameters p = quiet({50.0});
  p.sick_leave_base_per_month = 0.05;
  p.sick_leave_mean_months = 3;
  CaseworkerPool pool(p);
  const auto z = zeros(1);
  double sum = 0, count = 0;
  double shortest = 1e9;
  for (std::uint32_t rep = 0; rep < 10; ++rep) {
    pool.start(std::vector<double>{50.0}, 5, rep);
    for (std::int32_t month = 0; month < 60; ++month) {
      std::vector<std::uint16_t> left(pool.sick_months_left().begin(),
                                      pool.sick_months_left().end());
      pool.step(month, z, z, z);
      for (std::size_t i = 0; i < pool.capacity(); ++i)
        if (left[i] == 0 && pool.sick_months_left()[i] > 0) {
          sum += pool.sick_months_left()[i];
          count += 1;
          shortest = std::min(shortest, static_cast<double>(pool.sick_months_left()[i]));
        }
    }
  }
  REQUIRE(count > 1000);
  const double sd = std::sqrt((1 - 1 / 3.0) / (1 / 9.0));  // geometric on 1, 2, ...: sqrt(q)/p
  CHECK(shortest == 1.0);
  CHECK(std::abs(sum / count - 3.0) < 4 * sd / std::sqrt(count));
}

TEST_CASE("doubling demand raises mean stress, sick-leave months and departures") {
  CaseworkerPool pool(lively({20.0}));
  const std::vector<double> initial{20.0}, clients{2000}, tension{0.2};
  const std::vector<double> demand{2880}, doubled{5760};  // 1.2 and 2.4 x a senior team's hours
  std::vector<double> stress[2], sick[2], departures[2];
  for (std::uint32_t rep = 0; rep < 40; ++rep) {
    for (int lever = 0; lever < 2; ++lever) {
      pool.start(initial, 2024, rep);  // common random numbers for both levers
      Totals t;
      for (std::int32_t month = 0; month < 36; ++month) {
        const StaffMonth& m = pool.step(month, lever == 0 ? demand : doubled, clients, tension);
        t.stress += m.mean_stress[0] / 36;
        t.sick_fte += m.fte_on_sick_leave[0];
        t.departures += m.departures[0];
      }
      stress[lever].push_back(t.stress);
      sick[lever].push_back(t.sick_fte);
      departures[lever].push_back(t.departures);
    }
  }
  const auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
  };
  const Paired ds = paired(stress[0], stress[1]);
  const Paired dk = paired(sick[0], sick[1]);
  const Paired dd = paired(departures[0], departures[1]);
  INFO("stress " << mean(stress[0]) << " -> " << mean(stress[1]) << "; sick FTE-months "
                 << mean(sick[0]) << " -> " << mean(sick[1]) << "; departures "
                 << mean(departures[0]) << " -> " << mean(departures[1]));
  CHECK(ds.mean > 4 * ds.se);
  CHECK(dk.mean > 4 * dk.se);
  CHECK(dd.mean > 4 * dd.se);
  // Minimum effect sizes: a third more stress on the [0, 1] scale, half as much sick leave and
  // departures again.
  CHECK(ds.mean > 0.3);
  CHECK(mean(sick[1]) > 1.5 * mean(sick[0]));
  CHECK(mean(departures[1]) > 1.5 * mean(departures[0]));
}

TEST_CASE("a post left with hiring_lag_months = 3 is refilled exactly 3 months later") {
  CaseworkerParameters p = quiet({4.0});
  p.turnover_base_per_month = 1;  // everyone employed at step 5 leaves
  p.hiring_lag_months = 3;
  CaseworkerPool pool(p);
  pool.start(std::vector<double>{2.5}, 8, 0);
  const auto z = zeros(1);

  const StaffMonth& m0 = pool.step(0, z, z, z);
  CHECK(m0.departures[0] == 3);
  CHECK(m0.hires[0] == 0);
  CHECK(m0.open_vacancies[0] == 3);
  CHECK(m0.open_vacancy_fte[0] == 2.5);
  CHECK(m0.fte_employed[0] == 0.0);
  for (std::size_t i = 0; i < 3; ++i) CHECK(pool.fill_month()[i] == 3);
  for (std::int32_t month = 1; month <= 2; ++month) {
    const StaffMonth& m = pool.step(month, z, z, z);
    CHECK(m.hires[0] == 0);
    CHECK(m.departures[0] == 0);
    CHECK(m.open_vacancies[0] == 3);
    CHECK(m.effective_hours[0] == 0.0);
  }
  const StaffMonth& m3 = pool.step(3, z, z, z);
  CHECK(m3.hires[0] == 3);
  CHECK(m3.departures[0] == 0);  // the newcomers arrive after this month's departures
  CHECK(m3.open_vacancies[0] == 0);
  CHECK(m3.fte_employed[0] == 2.5);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(pool.employed()[i] == 1);
    CHECK(pool.seniority_months()[i] == 0);
  }
  CHECK(pool.fte()[2] == 0.5f);  // the same posts, the fractional one included
  const StaffMonth& m4 = pool.step(4, z, z, z);
  CHECK(m4.effective_hours[0] == 2.5 * 60.0);  // the newcomers worked, as juniors
  CHECK(m4.departures[0] == 3);

  SECTION("with a lag of 0 the post is refilled in the month it is left") {
    p.hiring_lag_months = 0;
    CaseworkerPool seamless(p);
    seamless.start(std::vector<double>{2.5}, 8, 0);
    for (std::int32_t month = 0; month < 3; ++month) {
      const StaffMonth& m = seamless.step(month, z, z, z);
      CHECK(m.departures[0] == 3);
      CHECK(m.hires[0] == 3);
      CHECK(m.open_vacancies[0] == 0);
      CHECK(m.fte_employed[0] == 2.5);
    }
  }
}

TEST_CASE("a stricter caseload norm opens more posts and more hours, never beyond budget_fte") {
  // Region 0 has room in its budget; region 1's budget stops the norm at 6.5 FTE.
  CaseworkerParameters p = lively({20.0, 6.5});
  p.hiring_lag_months = 2;
  const std::vector<double> initial{5.0, 5.0}, clients{1000, 1000}, demand{2500, 2500},
      tension{0.1, 0.1};
  const double norms[2] = {130, 85};
  std::vector<double> hours[2];
  for (int lever = 0; lever < 2; ++lever) {
    p.caseload_norm_files_per_fte = norms[lever];
    CaseworkerPool pool(p);
    for (std::uint32_t rep = 0; rep < 20; ++rep) {
      pool.start(initial, 77, rep);
      double total = 0;
      for (std::int32_t month = 0; month < 24; ++month) {
        const StaffMonth& m = pool.step(month, demand, clients, tension);
        if (month == 0) {
          // Whole posts until clients / FTE <= norm: ceil(1000 / 130) = 8, ceil(1000 / 85) = 12.
          CHECK(m.fte_employed[0] + m.open_vacancy_fte[0] == (lever == 0 ? 8.0 : 12.0));
          CHECK(m.fte_employed[1] + m.open_vacancy_fte[1] == 6.5);
        }
        for (std::size_t g = 0; g < 2; ++g)
          CHECK(m.fte_employed[g] + m.open_vacancy_fte[g] <= p.budget_fte[g]);
        if (month >= 2) total += m.effective_hours[0];
      }
      hours[lever].push_back(total);
    }
  }
  const Paired dh = paired(hours[0], hours[1]);
  CHECK(dh.mean > 4 * dh.se);
  double base = 0;
  for (double h : hours[0]) base += h / static_cast<double>(hours[0].size());
  CHECK(dh.mean > 0.2 * base);  // at least a fifth more client hours
}

TEST_CASE("the pool is deterministic, and seeds and replicates differ") {
  CaseworkerParameters p = lively({9.0, 14.5});
  p.caseload_norm_files_per_fte = 90;
  const std::vector<double> initial{6.0, 10.5}, clients{700, 1100}, demand{1200, 1300},
      tension{0.3, 0.1};
  const auto run = [&](std::uint64_t seed, std::uint32_t replicate) {
    CaseworkerPool pool(p);
    pool.start(initial, seed, replicate);
    std::vector<StaffMonth> months;
    for (std::int32_t month = 0; month < 48; ++month)
      months.push_back(pool.step(month, demand, clients, tension));
    return months;
  };
  const auto same_bits = [](const std::vector<StaffMonth>& a, const std::vector<StaffMonth>& b) {
    const auto eq = [](const auto& x, const auto& y) {
      return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof x[0]) == 0;
    };
    for (std::size_t k = 0; k < a.size(); ++k) {
      const StaffMonth &x = a[k], &y = b[k];
      if (!eq(x.effective_hours, y.effective_hours) || !eq(x.overload, y.overload) ||
          !eq(x.fte_employed, y.fte_employed) || !eq(x.fte_on_sick_leave, y.fte_on_sick_leave) ||
          !eq(x.mean_stress, y.mean_stress) || !eq(x.sick_leave_starts, y.sick_leave_starts) ||
          !eq(x.departures, y.departures) || !eq(x.hires, y.hires) ||
          !eq(x.open_vacancies, y.open_vacancies) || !eq(x.open_vacancy_fte, y.open_vacancy_fte) ||
          !eq(x.caseload_per_fte, y.caseload_per_fte))
        return false;
    }
    return a.size() == b.size();
  };
  const auto a = run(31, 0);
  CHECK(same_bits(a, run(31, 0)));
  CHECK_FALSE(same_bits(a, run(32, 0)));
  CHECK_FALSE(same_bits(a, run(31, 1)));

  // start() resets the pool completely: a second replicate run on the same pool repeats itself.
  CaseworkerPool pool(p);
  for (int pass = 0; pass < 2; ++pass) {
    pool.start(initial, 31, 0);
    for (std::int32_t month = 0; month < 48; ++month) {
      const StaffMonth& m = pool.step(month, demand, clients, tension);
      CHECK(std::memcmp(m.departures.data(), a[month].departures.data(),
                        2 * sizeof(std::uint32_t)) == 0);
    }
  }
}

TEST_CASE("stepping the pool allocates nothing and reuses its output buffers") {
  CaseworkerParameters p = lively({9.0, 14.5});
  p.caseload_norm_files_per_fte = 90;
  p.hiring_lag_months = 0;
  CaseworkerPool pool(p);
  const std::vector<double> initial{6.0, 10.5}, clients{700, 1100}, demand{1200, 1300},
      tension{0.3, 0.1};
  std::vector<double> supply(2);
  pool.start(initial, 3, 0);
  const double* buffer = pool.last_month().effective_hours.data();
  const long before = g_allocations.load();
  for (std::int32_t month = 0; month < 60; ++month) {
    pool.effective_hours(supply);
    pool.step(month, demand, clients, tension);
  }
  pool.start(initial, 3, 1);
  const long after = g_allocations.load();
  CHECK(after == before);
  CHECK(pool.last_month().effective_hours.data() == buffer);
}

TEST_CASE("the pool rejects bad parameters, bad starts and bad months") {
  CaseworkerParameters p = quiet({3.0});
  p.junior_productivity = 1.5;
  CHECK_THROWS_AS(CaseworkerPool(p), std::invalid_argument);
  p = quiet({});
  CHECK_THROWS_AS(CaseworkerPool(p), std::invalid_argument);

  CaseworkerPool pool(quiet({3.0}));
  const auto z = zeros(1);
  CHECK_THROWS_AS(pool.step(0, z, z, z), std::logic_error);
  CHECK_THROWS_AS(pool.start(std::vector<double>{3.5}, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(pool.start(std::vector<double>{1.0, 1.0}, 1, 0), std::invalid_argument);
  pool.start(std::vector<double>{3.0}, 1, 0);
  pool.step(0, z, z, z);
  CHECK_THROWS_AS(pool.step(2, z, z, z), std::invalid_argument);
  CHECK_THROWS_AS(pool.step(1, z, z, std::vector<double>{1.5}), std::invalid_argument);
  CHECK_THROWS_AS(pool.step(1, zeros(2), z, z), std::invalid_argument);
}

namespace {

nlohmann::json valid_caseworkers() {
  return {{"hours_per_fte_per_month", 130},
          {"client_time_share", 0.6},
          {"junior_months", 12},
          {"junior_productivity", 0.6},
          {"initial_seniority_max_months", 119},
          {"stress_gain_per_overload", 0.2},
          {"stress_gain_per_moral_tension", 0.05},
          {"stress_recovery_per_month", 0.2},
          {"sick_leave_base_per_month", 0.01},
          {"sick_leave_per_stress", 0.03},
          {"sick_leave_mean_months", 2},
          {"turnover_base_per_month", 0.008},
          {"turnover_per_stress", 0.02},
          {"turnover_junior_extra_per_month", 0.01},
          {"hiring_lag_months", 3},
          {"caseload_norm_files_per_fte", 110}};
}

// Two regions with the caseworker budgets 4.5 and 10 FTE.
nlohmann::json valid_regions() {
  return nlohmann::json::array({{{"caseworker_budget_fte", 4.5}}, {{"caseworker_budget_fte", 10}}});
}

bool has_issue(const std::vector<ScenarioIssue>& issues, const std::string& pointer) {
  return std::any_of(issues.begin(), issues.end(), [&](const ScenarioIssue& i) {
    return i.pointer == pointer && i.file == "test.json";
  });
}

}  // namespace

TEST_CASE("read_caseworker_parameters reads a valid object without issues") {
  ScenarioDocument doc;
  doc.root = nlohmann::json{{"caseworkers", valid_caseworkers()}, {"regions", valid_regions()}};
  doc.path = "test.json";
  ScenarioReader r(doc);
  const CaseworkerParameters p = read_caseworker_parameters(r, "/caseworkers", "/regions", 2);
  CHECK(r.issues().empty());
  CHECK_NOTHROW(r.finish());
  CHECK(p.hours_per_fte_per_month == 130);
  CHECK(p.junior_months == 12);
  CHECK(p.hiring_lag_months == 3);
  CHECK(p.sick_leave_mean_months == 2);
  CHECK(p.budget_fte == std::vector<double>{4.5, 10});
  CHECK_NOTHROW(CaseworkerPool(p));
}

TEST_CASE("read_caseworker_parameters names the pointer of each bad value") {
  ScenarioDocument doc;
  nlohmann::json c = valid_caseworkers();
  c["hiring_lag_months"] = -1;
  c["junior_productivity"] = 1.2;
  doc.root = nlohmann::json{{"caseworkers", c}, {"regions", valid_regions()}};
  doc.path = "test.json";
  ScenarioReader r(doc);
  read_caseworker_parameters(r, "/caseworkers", "/regions", 2);
  CHECK(r.issues().size() == 2);
  CHECK(has_issue(r.issues(), "/caseworkers/hiring_lag_months"));
  CHECK(has_issue(r.issues(), "/caseworkers/junior_productivity"));
  CHECK_THROWS_AS(r.finish(), InputError);

  SECTION("hazards that could exceed 1, a budget per region and an unknown key") {
    c = valid_caseworkers();
    c["turnover_base_per_month"] = 0.6;
    c["turnover_per_stress"] = 0.5;
    c["caseload_norm"] = 100;
    nlohmann::json regions = valid_regions();
    regions[1].erase("caseworker_budget_fte");
    doc.root = nlohmann::json{{"caseworkers", c}, {"regions", regions}};
    ScenarioReader r2(doc);
    read_caseworker_parameters(r2, "/caseworkers", "/regions", 2);
    CHECK(has_issue(r2.issues(), "/caseworkers/turnover_junior_extra_per_month"));
    CHECK(has_issue(r2.issues(), "/regions/1/caseworker_budget_fte"));
    CHECK_THROWS_AS(r2.finish(), InputError);
    CHECK(has_issue(r2.issues(), "/caseworkers/caseload_norm"));
  }

  SECTION("a missing object is one issue") {
    doc.root = nlohmann::json{{"regions", nlohmann::json::array()}};
    ScenarioReader r3(doc);
    read_caseworker_parameters(r3, "/caseworkers", "/regions", 0);
    REQUIRE(r3.issues().size() == 1);
    CHECK(r3.issues()[0].pointer == "/caseworkers");
  }
}
