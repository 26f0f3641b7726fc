// The memory and the state of PathwaysModel: the buffers its constructor allocates (for the
// memory estimate) and what a checkpoint saves of a replicate between two months.
#include <string>

#include "engine/parallel.hpp"
#include "models/pathways_model.hpp"

namespace drempel {

std::uint64_t PathwaysModel::bytes_for(const ModelParameters& params, std::size_t capacity,
                                       std::size_t block_size) {
  const std::size_t regions = params.regions.size();
  const std::size_t blocks = max_blocks(capacity, block_size);
  const std::size_t requests = capacity / 4 + 4096;
  return capacity * (ClientColumns::bytes_per_agent() + ActiveList::bytes_per_slot() +
                     sizeof(std::uint32_t)) +
         2 * ShareAllocator::bytes_for(regions, kPriorityClasses, kMaxWaitBucket, blocks) +
         CapacityAllocator::bytes_for(unit_places_config(regions, block_size), requests) +
         requests * UnitRequests::bytes_per_request() + 2 * (blocks + 1) * sizeof(std::size_t) +
         blocks * regions *
             (kStageCount * kStageCount * sizeof(std::int64_t) + kSums * sizeof(double));
}

std::uint64_t PathwaysModel::allocation_bytes() const {
  const auto bytes = [](const auto& v) { return v.size() * sizeof(v[0]); };
  const std::uint64_t columns = c_.allocation_bytes();
  return columns + bytes(active_.id) + bytes(active_.region) + bytes(active_.priority) +
         bytes(active_.wants) + bytes(active_.granted_units) + bytes(compact_spare_) +
         caseworkers_.allocation_bytes() + interpreters_.allocation_bytes() +
         unit_places_.allocation_bytes() + bytes(units_.key_region) + bytes(units_.priority) +
         bytes(units_.wait) + bytes(units_.amount) + bytes(units_.key) + bytes(units_.slot) +
         bytes(units_.granted) + bytes(unit_block_offset_) + bytes(compact_kept_) +
         bytes(block_transitions_) + bytes(block_sums_);
}

// Everything a month leaves for the next; the rest of the model is set from the parameters or
// rebuilt every month. Mechanisms with replicate state (those that have start_replicate) list it
// in their `state`.
template <class A>
void PathwaysModel::replicate_state(A& a) {
  table_.state(a);
  c_.state(a, table_.size());
  a(active_.size);
  if (active_.size > table_.size())
    throw StateError("an active list of " + std::to_string(active_.size) + " clients among " +
                     std::to_string(table_.size()));
  a.prefix(active_.id, active_.size);
  for_each_mechanism(mechanisms_, [&](auto& m, auto) {
    using M = std::remove_cvref_t<decltype(m)>;
    static_assert(
        !requires(M & x) { x.start_replicate(); } || requires(M & x) { x.state(a); },
        "a mechanism with replicate state must save it: declare `state`");
    if constexpr (requires { m.state(a); }) m.state(a);
  });
  staff_.state(a);
  a(occupancy_);
}

void PathwaysModel::save_state(StateWriter& out) {
  replicate_state(out);
}

void PathwaysModel::resume_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals,
                                     StateReader& in) {
  replicate_ = replicate;
  arrivals_ = &arrivals;
  streams_ = RandomStreams(p_.seed, replicate);
  replicate_state(in);
  if (!in.at_end()) throw StateError("the state has bytes left after the model's");
}

}  // namespace drempel
