#pragma once
// Reform inflow: who loses the unemployment benefit under the 2026 reform, where they go, how
// many apply at the OCMW and are awarded a leefloon, the leefloon stock, the caseworkers it needs
// and what it costs after federal reimbursement. `drempel inflow` reports it for planners;
// `drempel run` takes its awards as the reform arrivals (models/reform_inflow.hpp), so both agree.
//
// Flow of a cohort (region, loss month, household, source): losers split over four destinations
// (work, sickness benefit, OCMW, nothing), the OCMW share by group (household, benefit, age,
// years unemployed); OCMW-bound people apply k months after the loss month (k = 0: in the month
// the benefit ends, which is its first month without one); an application is awarded with the
// household's
// award share (means test) in the month it is made; leefloon files end with a monthly exit
// probability. Uncertain shares are ranges (low, central, high) drawn once per replicate
// (triangular); counts are binomial draws, or expected values for the central estimate.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/random.hpp"
#include "engine/scenario.hpp"
#include "models/reform_rules.hpp"
#include "models/unemployed_population.hpp"

namespace drempel {

struct ModelParameters;

/// A parameter known only within a range; replicates draw it from the triangular distribution
/// (low, central, high). low == high makes it a fixed value.
struct UncertainValue {
  double low = 0;
  double central = 0;
  double high = 0;
  /// The value at quantile u in [0, 1) of the triangular distribution.
  double quantile(double u) const;
};

/// The uncertain parameters, in the order of the `parameter` dimension of inflow results.
enum InflowParameterId : std::uint8_t {
  kWorkShare,           ///< losers who find work
  kSicknessShare,       ///< losers who move to sickness or disability benefit
  kOcmwShare,           ///< losers who apply at the OCMW
  kAwardCohabiting,     ///< applications awarded (means test), cohabiting
  kAwardSingle,         ///< ... single
  kAwardFamily,         ///< ... with family
  kLeefloonExit,        ///< leefloon files ending a month
  kNewClaimJobFinding,  ///< new claimants finding work a month before the benefit ends
  kInflowParameterCount
};
inline constexpr std::array<const char*, kInflowParameterCount> kInflowParameterNames = {
    "work_share",
    "sickness_benefit_share",
    "ocmw_share",
    "award_share_cohabiting",
    "award_share_single",
    "award_share_family",
    "leefloon_exit_per_month",
    "new_claim_job_finding_per_month"};

/// Where a person who lost the benefit is, in a month after the loss (exactly one of these).
enum Destination : std::uint8_t {
  kDestinationWork,
  kDestinationSickness,
  kDestinationAwaitingApplication,  ///< heading for the OCMW, not applied yet
  kDestinationLeefloon,
  kDestinationLeftLeefloon,   ///< had a leefloon from the reform inflow, file ended since
  kDestinationRefused,        ///< applied, not entitled (means test)
  kDestinationNoApplication,  ///< no benefit, no application
  kDestinationCount
};
inline constexpr std::array<const char*, kDestinationCount> kDestinationNames = {
    "work",          "sickness_benefit", "awaiting_application", "leefloon",
    "left_leefloon", "refused",          "no_application"};

/// A reimbursement share that rises with the OCMW's number of leefloon recipients.
struct ReimbursementTier {
  double from_recipients = 0;
  double share = 0;
};

/// Groups of benefit losers whose OCMW take-up differs (models/ODD.md, "Reform inflow").
enum TakeUpBenefit : std::uint8_t { kTakeUpUnemployment, kTakeUpInsertion, kTakeUpBenefitCount };
enum TakeUpAge : std::uint8_t { kAgeUnder25, kAge25To49, kAge50Up, kTakeUpAgeCount };
enum TakeUpYears : std::uint8_t { kYearsUnder2, kYears2To8, kYears8Up, kTakeUpYearsCount };
inline constexpr std::array<const char*, kTakeUpBenefitCount> kTakeUpBenefitNames = {
    "unemployment_benefit", "insertion_allowance"};
inline constexpr std::array<const char*, kTakeUpAgeCount> kTakeUpAgeNames = {
    "under_25", "from_25_to_49", "from_50"};
inline constexpr std::array<const char*, kTakeUpYearsCount> kTakeUpYearsNames = {
    "under_2", "from_2_to_8", "from_8"};

/// Factors on `ocmw_share` by group: the share of a group is ocmw_share × the four factors,
/// capped at what work and sickness benefit leave.
struct OcmwShareFactors {
  std::array<double, 3> household{1, 1, 1};  ///< by Household
  std::array<double, kTakeUpBenefitCount> benefit{1, 1};
  std::array<double, kTakeUpAgeCount> age{1, 1, 1};                   ///< age at the loss
  std::array<double, kTakeUpYearsCount> unemployment_years{1, 1, 1};  ///< at the loss

  /// The group of a loser: benefit × age band × unemployment-years band, < 18.
  static std::uint8_t group(TakeUpBenefit benefit, double age, double unemployment_years);
  /// The product of the factors of household `h` and group `g`.
  double factor(int h, std::uint8_t g) const;
};

/// Every inflow parameter of a scenario (scenarios/README.md, "inflow"), and the tables.
struct InflowParameters {
  std::string recipients_csv;        ///< resolved path
  std::string new_claims_csv;        ///< resolved path
  std::int32_t reference_month = 0;  ///< month the recipients table describes (ages, durations)
  NewClaimRule new_claims;
  std::vector<TransitionWave> waves;
  BenefitExceptions exceptions;
  std::array<UncertainValue, kInflowParameterCount> uncertain{};
  OcmwShareFactors ocmw_share_factor;
  /// Per Household, [k]: the share of the OCMW-bound who apply k months after the loss month.
  std::array<std::vector<double>, kHouseholdCount> application_lag_share;
  /// (year, share) ascending: a year's share holds until the next listed year; before the first,
  /// the standard share and tiers apply.
  std::vector<std::pair<std::int32_t, double>> reform_reimbursement_by_year;
  double standard_reimbursement_share = 0;
  std::vector<ReimbursementTier> reimbursement_tiers;  ///< ascending from_recipients
  double staff_subsidy_eur_per_file_per_year = 0;
  std::vector<std::int32_t> staff_subsidy_loss_months;  ///< losses in these months qualify

  std::vector<BenefitRecipientGroup> recipients;  ///< loaded by load_inflow_tables
  std::vector<NewClaimGroup> claims;
};

/// Reads the `/inflow` section (paths resolved against the file that set them). Records issues in
/// `r`; does not read the tables.
InflowParameters read_inflow_parameters(ScenarioReader& r, const ScenarioDocument& doc);

/// Reads both tables and checks that every region's `reform_population/table_region` occurs in
/// them. Throws InputError naming the file, line and column (or the scenario pointer).
void load_inflow_tables(ModelParameters& p, const ScenarioDocument& doc);

/// One value per uncertain parameter.
using InflowDraw = std::array<double, kInflowParameterCount>;

/// The central values.
InflowDraw central_inflow_draw(const InflowParameters& inflow);
/// A replicate's values, from its own stream (kStreamInflowParameters), one word per parameter:
/// adding a parameter leaves the others' draws unchanged.
InflowDraw draw_inflow_parameters(const InflowParameters& inflow, const RandomStreams& streams);

/// Monthly series of one replicate (or of the central estimate) for simulation months
/// 0..months-1 and every region: value[month * regions + region]; destinations
/// [(month * regions + region) * kDestinationCount + destination], stocks at the end of the month.
struct InflowSeries {
  std::int32_t months = 0;
  std::int32_t regions = 0;
  std::vector<double> losses_waves;       ///< current recipients losing the benefit
  std::vector<double> losses_new_claims;  ///< new-rule claims running out
  std::vector<double> applications;
  std::vector<double> awards;
  std::vector<double> leefloon_stock;
  std::vector<double> caseworker_fte_needed;
  std::vector<double> cost_gross_eur;
  std::vector<double> cost_net_eur;
  std::vector<double> destinations;
  /// People who lost the benefit from the first loss up to the end of each month (also those
  /// before the start month): the destinations of a month sum to this.
  std::vector<double> lost_to_date;

  std::size_t at(std::int32_t month, std::int32_t region) const {
    return static_cast<std::size_t>(month) * static_cast<std::size_t>(regions) +
           static_cast<std::size_t>(region);
  }
};

/// The inflow of one replicate with `draw`: binomial counts from `streams`, or expected values
/// when `streams` is nullptr (the central estimate uses central_inflow_draw and nullptr).
InflowSeries compute_inflow(const ModelParameters& p, const InflowDraw& draw,
                            const RandomStreams* streams);

}  // namespace drempel
