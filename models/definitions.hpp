#pragma once
// Names and indices of the activation-pathways model: stages, life domains, language levels,
// household categories and random streams. Stage names are stable identifiers used in results
// files and scenarios (models/ODD.md describes each).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace drempel {

/// Pathway stages. Stages before kEmployed are active (the client is followed by the OCMW); the
/// others are end states: agents stay there for the rest of the run and keep being counted.
enum Stage : std::uint8_t {
  kIntake,         ///< application filed, social inquiry and decision (legal deadline 30 days)
  kAdminStartup,   ///< basic rights being put in order (insurance, child benefit, bank, address)
  kStabilisation,  ///< income, housing and health made stable enough to plan
  kPreActivation,  ///< daily structure, language, social participation
  kActivation,     ///< activation programme (art. 60, training, wijk-werken)
  kEmployed,       ///< regular work: left the OCMW for a job
  kParticipation,  ///< participation beyond paid work (structural limits): followed differently
  kDroppedOut,     ///< dropped out of the pathway
  kExited,         ///< left for other reasons: refused at intake, moved, other income
  kStageCount
};
inline constexpr int kActiveStageCount = kEmployed;
inline constexpr std::array<const char*, kStageCount> kStageNames = {
    "intake",   "admin_startup", "stabilisation", "pre_activation", "activation",
    "employed", "participation", "dropped_out",   "exited"};

/// True when `name` is the name of an end state (a stage from kEmployed on).
inline bool is_end_stage_name(std::string_view name) {
  for (int s = kActiveStageCount; s < kStageCount; ++s)
    if (name == kStageNames[static_cast<std::size_t>(s)]) return true;
  return false;
}

/// Life domains with an instability level each: 0 stable, 1 fragile, 2 crisis. Administration
/// means "rights in order"; social_network is the informal help a client can call on.
enum Domain : std::uint8_t {
  kIncome,
  kHousing,
  kPhysicalHealth,
  kMentalHealth,
  kAdministration,
  kDebt,
  kSocialNetwork,
  kDomainCount
};
inline constexpr std::array<const char*, kDomainCount> kDomainNames = {
    "income",         "housing", "physical_health", "mental_health",
    "administration", "debt",    "social_network"};
inline constexpr int kDomainLevels = 3;

/// Motivation and trust levels: 0 very low ... 3 high.
inline constexpr int kMotivationLevels = 4;
inline constexpr int kTrustLevels = 4;

/// Dutch-language level: 0 none (pre-A1), 1 basic (A1-A2), 2 intermediate (B1), 3 fluent (B2+).
inline constexpr int kDutchLevels = 4;

/// Household category, which sets the leefloon amount.
enum Household : std::uint8_t { kCohabiting, kSingle, kFamily, kHouseholdCount };
inline constexpr std::array<const char*, kHouseholdCount> kHouseholdNames = {"cohabiting", "single",
                                                                             "family"};

/// Where a client lives. Without an address (staying with friends or family, or on the street)
/// a client cannot open a bank account or sign an employment contract, unless the OCMW gives her
/// a reference address.
enum HousingStatus : std::uint8_t {
  kSocialRent,     ///< a social dwelling: affordable and decent
  kPrivateDecent,  ///< a private rental of acceptable quality
  kPrivatePoor,    ///< a cheap private rental below quality and energy standards
  kNoAddress,      ///< no home of her own
  kHousingStatusCount
};
inline constexpr std::array<const char*, kHousingStatusCount> kHousingStatusNames = {
    "social_rent", "private_decent", "private_poor", "no_address"};

/// Where a client came from.
enum Origin : std::uint8_t { kOriginOrdinary, kOriginReform, kOriginCount };
inline constexpr std::array<const char*, kOriginCount> kOriginNames = {"ordinary", "reform"};

/// Where a client comes from in life (models/ODD.md, "Backgrounds"). Reform arrivals are
/// long-term unemployed; ordinary applications are spread over all backgrounds by shares.
enum Background : std::uint8_t {
  kLongTermUnemployed,  ///< unemployment benefit ended (older; often a work handicap)
  kNewcomerLoi,         ///< recognised refugee leaving local reception (LOI)
  kPsychiatricCare,     ///< leaving a psychiatric hospital
  kSupportedHousing,    ///< leaving supported housing (beschut wonen)
  kYouthCare,           ///< turning 18 in youth care
  kDetention,           ///< released from prison
  kHomeless,            ///< street or night shelter
  kOtherBackground,     ///< none of these
  kBackgroundCount
};
inline constexpr std::array<const char*, kBackgroundCount> kBackgroundNames = {
    "long_term_unemployed", "newcomer_loi", "psychiatric_care", "supported_housing",
    "youth_care",           "detention",    "homeless",         "other"};

/// Basic-rights tasks of the administrative start-up (models/ODD.md, "Administrative start-up").
enum AdminTask : std::uint8_t {
  kTaskHealthInsurance,
  kTaskChildBenefit,
  kTaskSchoolChildcare,
  kTaskBankAccount,
  kTaskAddressRegistration,
  kAdminTaskCount
};
inline constexpr std::array<const char*, kAdminTaskCount> kAdminTaskNames = {
    "health_insurance", "child_benefit", "school_and_childcare", "bank_account",
    "address_registration"};

/// Activation programmes a client in the activation stage can hold a place in.
enum Programme : std::uint8_t {
  kNoProgramme,  ///< searching for work with the caseworker and VDAB
  kArt60,        ///< a job through the OCMW (art. 60 par. 7), until unemployment rights return
  kWijkWerken,   ///< neighbourhood work, at most 60 hours a month for at most 12 months
  kTraining,     ///< vocational training
  kAfterArt60,   ///< art. 60 over: on unemployment benefit, looking for regular work
  kProgrammeCount
};
inline constexpr std::array<const char*, kProgrammeCount> kProgrammeNames = {
    "none", "art60", "wijk_werken", "training", "after_art60"};
/// Programmes with places (capacity) per region.
inline constexpr int kPlacedProgrammes = 3;  // art60, wijk_werken, training
inline constexpr std::array<const char*, kPlacedProgrammes> kPlacedProgrammeNames = {
    "art60", "wijk_werken", "training"};

/// Random stream ids of the set-up draws (arrivals and initial state). The streams of the monthly
/// mechanisms are declared in their files (models/mechanisms/) and checked for uniqueness in
/// models/mechanisms/registry.hpp.
enum RandomStream : std::uint16_t {
  kStreamInitialState = 1,  ///< a new client's domains, language, household, stage
  kStreamReformArrivals =
      10,  ///< set-up: destinations, application lags and awards of reform losers
  kStreamOrdinaryArrivals = 11,  ///< set-up: ordinary leefloon applications
  kStreamInflowParameters = 15,  ///< set-up: a replicate's draws of the uncertain inflow parameters
  kStreamNewClaimSurvival = 16,  ///< set-up: new claimants still unemployed when the benefit ends
  kStreamLeefloonExits = 17,     ///< set-up: leefloon files of reform losers ending (inflow stock)
  kStreamUnitLottery = 23,  ///< tie-break seed of every place (dwelling, childcare, programme...)
};

}  // namespace drempel
