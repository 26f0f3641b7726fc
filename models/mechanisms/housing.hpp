#pragma once
// Housing (models/ODD.md, "Housing"): evictions from private rentals (likelier with income in
// crisis; drawn by thinning), the social-housing waiting list and the dwellings re-let to the
// OCMW's clients (allocated as places), private rentals found with the caseworker's help, and the
// reference address that lets a client without a home open a bank account and sign a contract.
#include <algorithm>
#include <cmath>

#include "engine/mechanism.hpp"
#include "models/client.hpp"

namespace drempel {

inline constexpr std::uint16_t kStreamHousing = 5;
inline constexpr std::uint16_t kStreamSocialHousingSupply = 12;

/// Bits of HousingColumns::housing_flags.
inline constexpr std::uint8_t kOnWaitingList = 1;     ///< registered for a social dwelling
inline constexpr std::uint8_t kReferenceAddress = 2;  ///< no home, but a reference address
inline constexpr std::uint8_t kEvictedThisMonth = 4;  ///< set by events, counted and cleared

struct HousingColumns {
  std::vector<std::uint8_t> housing_flags;
  std::vector<std::uint16_t> list_months;
  std::vector<std::uint16_t> eviction_check;
  std::vector<std::uint16_t> search_check;
  static constexpr auto columns() {
    using C = HousingColumns;
    return std::tuple{
        column(&C::housing_flags, "housing_flags", Heat::kHot,
               "kOnWaitingList | kReferenceAddress | kEvictedThisMonth"),
        column(&C::list_months, "list_months", Heat::kHot,
               "months on the social-housing waiting list"),
        column(&C::eviction_check, "eviction_check", Heat::kHot,
               "next candidate month for an eviction"),
        column(&C::search_check, "search_check", Heat::kHot,
               "next candidate month for finding a rental"),
    };
  }
};
static_assert(column_bytes<HousingColumns>(Heat::kHot) == 7);

class Housing {
 public:
  static constexpr const char* kName = "housing";
  /// The client columns this mechanism owns.
  using Columns = HousingColumns;
  static constexpr std::array<StreamInfo, 2> kStreams = {{
      {kStreamHousing, "eviction (draw 0), private search and quality (draw 1)"},
      {kStreamSocialHousingSupply, "social dwellings re-let to clients, per region and month"},
  }};
  enum Sum : int {
    kSumWaitingList,
    kSumAllocations,
    kSumAllocatedWait,
    kSumNoAddress,
    kSumEvictions,
    kSumPoorHousing,
    kSums
  };
  static constexpr std::array<MetricInfo, 6> kMetrics = {{
      {"social_housing_waiting_list", "1",
       "active clients on the social-housing waiting list at the end of the month",
       RegionTotal::kSum},
      {"social_housing_allocations", "month-1", "social dwellings allocated to clients",
       RegionTotal::kSum},
      {"social_housing_wait_allocated_months", "month",
       "mean months on the waiting list of the clients allocated a dwelling this month",
       RegionTotal::kNone},
      {"clients_without_address", "1", "active clients without a home of their own",
       RegionTotal::kSum},
      {"evictions", "month-1", "clients evicted from a private rental", RegionTotal::kSum},
      {"clients_in_poor_housing", "1", "active clients in private rentals below standard",
       RegionTotal::kSum},
  }};

  explicit Housing(const ModelParameters& p)
      : reference_share_(p.housing.reference_address_share),
        list_months_max_(p.housing.initial_list_months_max),
        reference_(bernoulli_threshold(p.housing.reference_address_share)),
        search_max_(p.housing.private_search_success_per_month),
        poor_quality_(bernoulli_threshold(p.housing.private_poor_quality_share)) {
    // Evictions are drawn by thinning at the larger of the two rates; the thresholds are the
    // acceptance probabilities (rate / largest rate).
    const double evict = p.housing.eviction_per_month;
    const double evict_crisis = evict * p.housing.eviction_income_crisis_factor;
    eviction_max_ = std::max(evict, evict_crisis);
    eviction_threshold_ = {
        bernoulli_threshold(eviction_max_ > 0 ? evict / eviction_max_ : 0.0),
        bernoulli_threshold(eviction_max_ > 0 ? evict_crisis / eviction_max_ : 0.0)};
    for (int o = 0; o < kOriginCount; ++o) {
      housing_cdf_[o] = cumulative(p.profiles[o].housing_status_share);
      registered_[o] = p.profiles[o].social_housing_registered_share;
    }
    for (int b = 0; b < kBackgroundCount; ++b) no_address_[b] = p.backgrounds[b].no_address_share;
    for (const auto& g : p.regions)
      relets_per_month_.push_back(g.social_dwellings * p.housing.social_relet_per_year / 12.0 *
                                  p.housing.ocmw_client_share_of_relets);
  }

  /// Housing at arrival: some backgrounds arrive without a home (housing at least fragile); the
  /// others by the profile's shares; registration on the waiting list and the months on it; the
  /// first candidate months of an eviction and a successful search.
  template <class C>
  void arrive(C& c, ClientArrival& x) const {
    const RandomWords& w2 = x.words[2];
    const RandomWords& w3 = x.words[3];
    const bool lost_home = bernoulli(x.words[7][3], no_address_[x.background]);
    const auto h = static_cast<std::uint8_t>(
        lost_home ? std::size_t{kNoAddress} : categorical(w2[2], housing_cdf_[x.origin]));
    c.housing[x.i] = h;
    std::uint8_t f = 0;
    if (h != kSocialRent && bernoulli(w2[3], registered_[x.origin])) f |= kOnWaitingList;
    if (h == kNoAddress && bernoulli(w3[1], reference_share_)) f |= kReferenceAddress;
    c.housing_flags[x.i] = f;
    const std::uint32_t first_month = std::max<std::uint32_t>(x.month, 1);
    c.eviction_check[x.i] = next_candidate(x.words[5][0], eviction_max_, first_month);
    c.search_check[x.i] = next_candidate(x.words[5][1], search_max_, first_month);
    c.list_months[x.i] =
        static_cast<std::uint16_t>(std::floor(to_unit(w3[0]) * (list_months_max_ + 1)));
    if (h == kNoAddress)  // no home: housing is at least fragile
      x.levels = with_level(x.levels, kHousing, std::max(1, domain_level(x.levels, kHousing)));
  }
  static constexpr std::array<std::uint8_t, 1> kPlaces = {kResourceDwelling};
  /// Dwellings first for those without a home, then in poor housing, by months on the list.
  template <class C>
  PlaceRequest place_request(const C& c, std::uint32_t i, int, std::uint8_t, std::uint16_t) const {
    const std::uint8_t h = c.housing[i];
    return {static_cast<std::uint8_t>(h == kNoAddress     ? 0
                                      : h == kPrivatePoor ? 1
                                                          : 2),
            c.list_months[i]};
  }
  /// Social dwellings re-let to clients this month (Poisson around the mean re-let rate).
  double free_places(int, std::size_t g, const double*, const RandomStreams& streams,
                     std::uint32_t month) const {
    WordSequence relet(streams, static_cast<std::uint32_t>(g), month, kStreamSocialHousingSupply);
    return static_cast<double>(poisson(relets_per_month_[g], relet));
  }

  struct Pass {
    std::uint8_t* housing;
    std::uint8_t* flags;
    std::uint16_t* list;
    std::uint16_t* eviction;
    std::uint16_t* search;
    RandomStreams streams;
    std::array<std::uint64_t, 2> eviction_threshold;
    std::uint64_t reference, poor_quality;
    double eviction_max, search_max;
    bool allocated = false, evicted = false;
    std::uint16_t waited = 0;

    // Eviction from a private rental: no address, housing in crisis; the OCMW may give a
    // reference address. Then the request for a social dwelling (homeless first).
    void demand(ClientMonth& x, double*) const {
      std::uint8_t h = housing[x.i];
      const bool private_tenant = h == kPrivateDecent || h == kPrivatePoor;
      if (private_tenant && eviction[x.i] == x.month) {
        const RandomWords hw = streams.words(x.i, x.month, kStreamHousing, 0);
        eviction[x.i] = next_candidate(hw[2], eviction_max, x.month + 1);
        if (hw[0] < eviction_threshold[domain_level(x.levels, kIncome) == 2 ? 1 : 0]) {
          h = kNoAddress;
          housing[x.i] = h;
          x.levels = with_level(x.levels, kHousing, 2);
          flags[x.i] = static_cast<std::uint8_t>(flags[x.i] | kEvictedThisMonth |
                                                 (hw[1] < reference ? kReferenceAddress : 0));
          search[x.i] = next_candidate(hw[3], search_max, x.month + 1);
        }
      }
      const bool listed = (flags[x.i] & kOnWaitingList) != 0 && h != kSocialRent;
      if (listed) x.wants |= 1u << kResourceDwelling;
    }

    // A social dwelling from the allocation, or a private rental found with the caseworker's
    // help by those without a home or in poor housing.
    void transition(ClientMonth& x, double*) {
      std::uint8_t h = housing[x.i];
      std::uint8_t f = flags[x.i];
      waited = list[x.i];
      allocated = ((x.granted >> kResourceDwelling) & 1) != 0;
      if (allocated) {
        h = kSocialRent;
        f = static_cast<std::uint8_t>(f & ~(kOnWaitingList | kReferenceAddress));
        x.levels = with_level(x.levels, kHousing, 0);
      } else if ((h == kNoAddress || h == kPrivatePoor) && search[x.i] == x.month) {
        // A candidate month at the largest rate; success with probability support (<= 1).
        const RandomWords hw = streams.words(x.i, x.month, kStreamHousing, 1);
        search[x.i] = next_candidate(hw[2], search_max, x.month + 1);
        if (static_cast<double>(hw[0]) < x.support * 0x1.0p32) {
          eviction[x.i] = next_candidate(hw[3], eviction_max, x.month + 1);
          // A poor-quality home is what an eviction or the street often leads to; from poor
          // housing only a decent home is a move.
          const bool poor = h == kNoAddress && hw[1] < poor_quality;
          h = poor ? kPrivatePoor : kPrivateDecent;
          f = static_cast<std::uint8_t>(f & ~kReferenceAddress);
          x.levels = with_level(x.levels, kHousing, std::min(1, domain_level(x.levels, kHousing)));
        }
      }
      if ((f & kOnWaitingList) != 0 && h != kSocialRent)
        list[x.i] = static_cast<std::uint16_t>(waited + (waited < 0xffff));
      x.no_address_block = h == kNoAddress && (f & kReferenceAddress) == 0;
      x.housing = h;
      evicted = (f & kEvictedThisMonth) != 0;
      housing[x.i] = h;
      flags[x.i] = static_cast<std::uint8_t>(f & ~kEvictedThisMonth);
    }
    void record(const ClientMonth& x, double* s) const {
      if (x.active) {
        s[kSumWaitingList] +=
            (flags[x.i] & kOnWaitingList) != 0 && x.housing != kSocialRent ? 1.0 : 0.0;
        s[kSumNoAddress] += x.housing == kNoAddress ? 1.0 : 0.0;
        s[kSumPoorHousing] += x.housing == kPrivatePoor ? 1.0 : 0.0;
      }
      if (allocated) {
        s[kSumAllocations] += 1.0;
        s[kSumAllocatedWait] += static_cast<double>(waited);
      }
      if (evicted) s[kSumEvictions] += 1.0;
    }
  };
  template <class C>
  Pass pass(C& c, const RandomStreams& streams) const {
    return {c.housing.data(),
            c.housing_flags.data(),
            c.list_months.data(),
            c.eviction_check.data(),
            c.search_check.data(),
            streams,
            eviction_threshold_,
            reference_,
            poor_quality_,
            eviction_max_,
            search_max_};
  }

  void finish(const RegionMonth&, const double* s, double* out) const {
    out[0] = s[kSumWaitingList];
    out[1] = s[kSumAllocations];
    out[2] = s[kSumAllocations] > 0 ? s[kSumAllocatedWait] / s[kSumAllocations]
                                    : std::numeric_limits<double>::quiet_NaN();
    out[3] = s[kSumNoAddress];
    out[4] = s[kSumEvictions];
    out[5] = s[kSumPoorHousing];
  }

 private:
  std::vector<double> relets_per_month_;  // per region
  double reference_share_;
  std::int32_t list_months_max_;
  std::array<std::array<double, kHousingStatusCount>, kOriginCount> housing_cdf_{};
  std::array<double, kOriginCount> registered_{};
  std::array<double, kBackgroundCount> no_address_{};
  std::uint64_t reference_;
  double search_max_;
  std::uint64_t poor_quality_;
  double eviction_max_ = 0;
  std::array<std::uint64_t, 2> eviction_threshold_{};
};

}  // namespace drempel
