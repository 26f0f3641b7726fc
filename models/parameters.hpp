#pragma once
// Every parameter of the activation-pathways model, read from a scenario (scenarios/README.md
// documents each key with unit and source). There are no defaults in code: the scenario carries
// every value, and read_model_parameters() rejects anything missing, unknown or out of range.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario.hpp"
#include "models/caseworkers.hpp"
#include "models/definitions.hpp"
#include "models/inflow.hpp"
#include "models/labour_market.hpp"
#include "models/mechanisms/debt_counselling_parameters.hpp"
#include "models/mechanisms/gpmi_parameters.hpp"
#include "models/mechanisms/housing_parameters.hpp"
#include "models/mechanisms/service_parameters.hpp"
#include "models/mechanisms/trust_parameters.hpp"
#include "models/transit.hpp"

namespace drempel {

struct RegionParameters {
  std::string name;
  double inhabitants = 0;
  std::int64_t initial_clients = 0;
  double caseworker_fte = 0;
  std::string reform_table_region;     ///< region of the inflow tables this one draws from
  double reform_population_share = 0;  ///< share of that table region's people living here
  double leefloon_recipients_before_reform = 0;  ///< sets the standard reimbursement tier
  double ordinary_applications_per_month = 0;
  double social_dwellings = 0;             ///< social rental dwellings in the region
  double interpreter_hours_per_month = 0;  ///< interpreter-phone budget
  double childcare_places_per_month = 0;   ///< childcare places freeing up for clients (mean)
  TransitDefinition transit;               ///< places (homes, jobs) and links with minutes per band
  LabourMarketParameters labour_market;    ///< vacancies by place, band and requirement
  /// Transit places with an open social-security counter (a client uses the nearest).
  std::vector<std::size_t> counter_places;
  std::array<double, kPlacedProgrammes> programme_places{};  ///< art60, wijk_werken, training
  double art60_budget_eur_per_month = 0;      ///< OCMW budget for art. 60 net wage costs
  double nt2_course_places = 0;               ///< seats in Dutch courses (NT2) for clients
  double therapy_places = 0;                  ///< mental-health follow-up places (CGG) for clients
  double low_threshold_places_per_month = 0;  ///< low-threshold work places freeing up (mean)
  double leefloon_federal_share = 0;  ///< share of the leefloon the federal state reimburses
};

/// How a background changes a new client (models/ODD.md, "Backgrounds").
struct BackgroundParameters {
  double share_of_ordinary = 0;           ///< share of ordinary applications with this background
  std::int32_t transition_months = 0;     ///< months of raised instability after the transition
  double network_loss_share = 0;          ///< arrive with the social network in crisis
  double mental_health_crisis_share = 0;  ///< arrive with mental health in crisis
  double no_address_share = 0;            ///< arrive without an address (besides the profile)
  double work_handicap_share = 0;         ///< have a work handicap
  std::int32_t dutch_level_cap = 3;       ///< highest Dutch level on arrival
};

/// One basic-rights task of the administrative start-up.
struct AdminTaskParameters {
  double missing_share = 0;    ///< share of new clients for whom the task is still to do
  double hours = 0;            ///< caseworker hours a month while it is pending
  bool counter_visit = false;  ///< needs a visit to a counter (unless done online)
  bool needs_address = false;  ///< cannot be done without an address or reference address
  bool families_only = false;  ///< only for households with children
};

/// Contract of a job a client finds (models/mechanisms/employment.hpp).
enum Contract : std::uint8_t { kInterim, kFixedTerm, kOpenEnded, kContractCount };

/// Jobs found by clients and how they end (key group `jobs`).
struct JobParameters {
  std::array<double, kContractCount> contract_share{};
  std::array<double, kContractCount> end_first_half_year{};   ///< month⁻¹, months 1-6
  std::array<double, kContractCount> end_second_half_year{};  ///< month⁻¹, months 7-12
  std::array<double, kContractCount> end_after_first_year{};  ///< month⁻¹, months 13+
  std::array<double, 3> end_factor_by_readiness{};
  std::int32_t follow_months = 0;         ///< endings are drawn within this window
  std::int32_t benefit_after_months = 0;  ///< a job this long gives unemployment benefit
  double reapply_share = 0;               ///< of the others, the share applying again
};

/// An activation programme with places.
struct ProgrammeParameters {
  std::int32_t months = 0;              ///< length of a place
  double caseworker_hours = 0;          ///< follow-up hours a month while in the programme
  double job_finding_factor = 0;        ///< multiplies regular-job finding while in the programme
  double readiness_gain_per_month = 0;  ///< chance of +1 work-readiness a month
};

/// What new clients of one origin look like when they arrive.
struct ArrivalProfile {
  std::array<std::array<double, kDomainLevels>, kDomainCount> domain_level_share{};
  std::array<double, kDutchLevels> dutch_level_share{};
  std::array<double, kHouseholdCount> household_share{};
  std::array<double, kHousingStatusCount> housing_status_share{};
  double social_housing_registered_share = 0;  ///< on the social-housing waiting list at arrival
  std::array<double, kMotivationLevels> motivation_level_share{};
  std::array<double, kTrustLevels> trust_level_share{};
  double job_ready_share = 0;  ///< close to the labour market: from start-up straight to activation
  std::array<double, 3> work_readiness_share{};  ///< 0 none, 1 partial, 2 ready (job-ready: 2)
  double system_knowledge_share = 0;             ///< clients who know their way in social security
  double young_child_share = 0;      ///< clients with a child under three (needs childcare)
  double digital_skills_share = 0;   ///< clients who can do administrative tasks online
  double driving_licence_share = 0;  ///< clients with a driving licence
  double car_share_of_licensed = 0;  ///< of those, clients with a car at their disposal
};

struct ModelParameters {
  // Simulation.
  std::int32_t start_month = 0;  ///< months since year 0
  std::int32_t months = 0;
  std::int32_t replicates = 0;
  std::uint64_t seed = 0;
  std::vector<RegionParameters> regions;

  // Caseworker supply: individual caseworkers with stress, sick leave, turnover and hiring
  // (models/caseworkers.md); regions[i].caseworker_fte is the staff at the start.
  CaseworkerParameters caseworkers;

  // Caseworker demand.
  std::array<double, kActiveStageCount> demand_hours_by_stage{};
  double extra_hours_per_crisis_domain = 0;
  std::array<double, kDutchLevels> extra_hours_by_dutch_level{};
  /// Added in admin_startup and stabilisation for clients who cannot do online tasks themselves
  /// (they bring them back to the caseworker).
  double extra_hours_without_digital_skills = 0;

  // Motivation and trust: failed attempts demotivate; trust grows with relational work (below)
  // and falls when the caseworker changes or a sanction is given.

  // GPMI (individualised project for social integration), mandatory with the leefloon.
  GpmiParameters gpmi;                       ///< models/mechanisms/gpmi_parameters.hpp
  ChildcareParameters childcare;             ///< models/mechanisms/service_parameters.hpp
  DutchCourseParameters dutch_courses;       ///< models/mechanisms/service_parameters.hpp
  TherapyParameters therapy;                 ///< models/mechanisms/service_parameters.hpp
  InterpreterParameters interpreters;        ///< models/mechanisms/service_parameters.hpp
  MotivationParameters motivation;           ///< models/mechanisms/trust_parameters.hpp
  TrustParameters trust;                     ///< models/mechanisms/trust_parameters.hpp
  RelationalWorkParameters relational_work;  ///< models/mechanisms/trust_parameters.hpp

  // Domains.
  std::array<double, kDomainCount> shock_per_month{};
  std::array<double, kDomainCount> recovery_per_month{};  ///< with full support
  /// [from][to]: a domain `from` in crisis multiplies the shock of domain `to` (1 = no effect).
  std::array<std::array<double, kDomainCount>, kDomainCount> shock_interaction{};
  /// Recovery x (1 + this x share of the other domains that are stable).
  double stable_domain_recovery_bonus = 0;
  /// Multiplies every shock in the months after a transition (their number: by background).
  double transition_shock_factor = 1;

  // Backgrounds.
  std::array<BackgroundParameters, kBackgroundCount> backgrounds{};

  // Administrative start-up: basic-rights tasks.
  std::array<AdminTaskParameters, kAdminTaskCount> admin_tasks{};
  double admin_task_done_per_month = 0;      ///< per pending task, at full support
  double admin_overhead_hours_per_task = 0;  ///< explaining the case again, per pending task
  double fixed_contact_share = 0;            ///< partner organisations with a fixed contact person
  double counter_halving_minutes = 0;  ///< one-way travel that halves a counter task's progress
  double system_knowledge_hours_factor = 0;  ///< task hours x this when the client knows the system
  double system_knowledge_gain_per_month = 0;  ///< at full support, from start-up on

  // Relational work: hours by trust level; trust grows with the relational hours received.

  // Work-readiness (implicit expectations at work).
  double work_readiness_gain_per_month = 0;  ///< in pre-activation, at full support
  JobParameters jobs;                        ///< jobs found and how they end

  // Programmes (art60, wijk_werken, training) and what follows art. 60.
  std::array<ProgrammeParameters, kPlacedProgrammes> programmes{};
  double wijk_werken_hours_per_month = 0;      ///< client hours (legal maximum 60)
  double art60_direct_hire_share = 0;          ///< hired by the employer when the contract ends
  double art60_net_cost_eur_per_month = 0;     ///< wage cost minus federal subsidy, per place
  double after_art60_job_finding_factor = 0;   ///< regular-job finding x this, on benefits
  std::int32_t after_art60_follow_months = 0;  ///< followed this long, then exited
  double training_job_finding_factor = 0;      ///< job finding x this after a finished training

  // Employer willingness: job finding x factor for each group the client belongs to.
  double willingness_work_handicap = 0;
  double willingness_no_dutch_b1 = 0;
  double willingness_long_term_unemployed = 0;
  double willingness_no_work_experience = 0;  ///< without recent work experience (art. 60 gives it)

  // Stage transitions (monthly probabilities at full support).
  double unsupported_progress_share = 0;  ///< share of a supported hazard kept without support
  double intake_decision_per_month = 0;
  double intake_refused_share = 0;
  double admin_startup_done_per_month = 0;
  double stabilisation_done_per_month = 0;
  double pre_activation_to_activation_per_month = 0;
  double activation_to_employed_per_month = 0;
  double participation_per_month = 0;
  double crisis_setback_per_month = 0;
  double exit_per_month = 0;
  std::array<double, kActiveStageCount> dropout_per_month{};
  std::array<double, kDutchLevels> dutch_progress_factor{};

  // Arrivals.
  InflowParameters inflow;  ///< reform benefit losses, destinations and awards (models/inflow.hpp)
  std::array<ArrivalProfile, kOriginCount> profiles{};
  std::array<double, kActiveStageCount> initial_stage_share{};

  // Housing.
  HousingParameters housing;  ///< models/mechanisms/housing_parameters.hpp

  // Debt counselling (models/mechanisms/debt_counselling.hpp).
  DebtCounsellingParameters debt_counselling;

  // Money.
  std::array<double, kHouseholdCount> leefloon_eur_per_month{};
};

/// Reads and validates every model parameter. Throws InputError listing every problem (file,
/// JSON pointer, expected, found), including unknown keys and cross-field inconsistencies
/// (competing monthly probabilities that could sum above 1).
ModelParameters read_model_parameters(const ScenarioDocument& doc);

}  // namespace drempel
