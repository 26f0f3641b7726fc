#include "models/mechanisms/caseload.hpp"

namespace drempel {

void Caseload::finish(const RegionMonth& r, const double* s, double* out) const {
  const std::size_t regions = r.p.regions.size();
  const auto gi = static_cast<std::int32_t>(r.g);
  out[0] = s[kSumActive];
  out[1] = s[kSumCrisis];
  out[2] = r.arrivals.reform_losses[static_cast<std::size_t>(r.m) * regions + r.g];
  out[3] = static_cast<double>(r.arrivals.at(r.m, gi, kOriginReform));
  out[4] = static_cast<double>(r.arrivals.at(r.m, gi, kOriginOrdinary));
  out[5] = s[kSumLeefloon];
  out[6] = s[kSumLeefloon] * r.p.regions[r.g].leefloon_federal_share;
  out[7] = moral_tension(s);
}

}  // namespace drempel
