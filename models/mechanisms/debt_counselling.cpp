#include "models/mechanisms/debt_counselling.hpp"

namespace drempel {

DebtCounsellingParameters read_debt_counselling_parameters(ScenarioReader& r, std::size_t regions) {
  return read_parameter_table(r, "/debt_counselling", "/regions", regions, kDebtCounsellingFields);
}

DebtCounselling::DebtCounselling(const ModelParameters& p)
    : p_(p.debt_counselling),
      months_(static_cast<std::uint8_t>(std::min(255, p.debt_counselling.months))),
      keep_(bernoulli_threshold(p.debt_counselling.debt_shock_factor)) {}

}  // namespace drempel
