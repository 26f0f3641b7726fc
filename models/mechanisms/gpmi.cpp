#include <algorithm>
#include <string>

#include "models/mechanisms/gpmi_parameters.hpp"

namespace drempel {

GpmiParameters read_gpmi_parameters(ScenarioReader& r) {
  GpmiParameters p = read_parameter_table(r, "/gpmi", "/regions", 0, kGpmiFields);
  // Non-compliance is drawn by thinning at its largest rate, which must be a probability.
  const double worst = p.noncompliance_per_month * std::max(1.0, p.noncompliance_crisis_factor) *
                       *std::max_element(p.noncompliance_factor_by_trust.begin(),
                                         p.noncompliance_factor_by_trust.end());
  if (worst > 1.0)
    r.add_issue("/gpmi/noncompliance_crisis_factor",
                "non-compliance x crisis factor x largest trust factor <= 1 (a monthly "
                "probability)",
                std::to_string(worst));
  return p;
}

}  // namespace drempel
