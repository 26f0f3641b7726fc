#pragma once
// The activation-pathways model: the client table and the monthly step (models/ODD.md).
//
// One PathwaysModel runs one replicate at a time over a fixed agent capacity. The model is the
// list of mechanisms of models/mechanisms/registry.hpp; each month runs the phases of DESIGN.md:
// arrivals, events and demand (one pass over the active clients calling every mechanism's demand
// hook), allocation (caseworker and interpreter hours shared per priority bucket by the engine's
// ShareAllocator; places by its CapacityAllocator), transitions (one pass calling the transition
// and record hooks), staff (CaseworkerPool) and record (block sums reduced in block order; each
// mechanism finishes its own metrics). Every random number comes from RandomStreams addressed by
// (agent, month, stream), so results do not depend on the thread count.
#include <array>
#include <cstdint>
#include <vector>

#include "engine/agent_table.hpp"
#include "engine/allocation.hpp"
#include "engine/mechanism.hpp"
#include "engine/random.hpp"
#include "engine/results.hpp"
#include "engine/share_allocation.hpp"
#include "engine/state_archive.hpp"
#include "models/caseworkers.hpp"
#include "models/mechanisms/registry.hpp"
#include "models/parameters.hpp"
#include "models/reform_inflow.hpp"

namespace drempel {

/// The clients still on a pathway, in id order, with the working columns of the demand and
/// allocation phases indexed by position in that list. Hot loops run over this list only, so
/// clients in end states cost nothing; it is compacted (stably) after every month and new
/// clients are appended, which keeps it sorted by id. Hours are not stored: the demand pass adds
/// them to the allocators' bucket histograms, and the transitions pass reads the share of its
/// bucket (engine/share_allocation.hpp).
struct ActiveList {
  std::vector<std::uint32_t> id;
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> priority;    ///< Priority class this month
  std::vector<PlaceMask> wants;          ///< UnitResource bits requested this month
  std::vector<PlaceMask> granted_units;  ///< UnitResource bits granted this month
  std::size_t size = 0;

  void resize(std::size_t n);
  /// Bytes of storage per slot.
  static std::size_t bytes_per_slot();
};

/// Every metric of the model, in the order of the mechanism list (Results order).
inline constexpr auto kMetricInfo = PathwaysMechanisms::metric_table();

class PathwaysModel {
 public:
  /// Sizes every column and buffer for `capacity` agents. `block_size` is the number of agents
  /// per parallel block (see RunOptions::block_size).
  PathwaysModel(const ModelParameters& params, std::size_t capacity, std::size_t block_size);

  /// Clears the table and creates the initial clients of replicate `replicate`; writes
  /// initial_stage_count into `results`.
  void start_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals, Results& results);

  /// Runs simulation month `month` (0-based) and records it in `results`. Allocates nothing,
  /// except in a month with more place requests than any before, when the compact request list
  /// grows (by doubling, so rarely; sized at a quarter of the capacity to start with).
  void step(std::int32_t month, Results& results);

  /// Writes the replicate's state between two months (after a step), for a checkpoint: the
  /// clients, the active list, the staff, the places held and every mechanism's `state`.
  void save_state(StateWriter& out);
  /// Continues replicate `replicate` from a state that save_state wrote after some month (the
  /// next step is the month after it), as if it had run up to there. Throws StateError when the
  /// state does not fit this model (another scenario, or a truncated checkpoint).
  void resume_replicate(std::uint32_t replicate, const ArrivalSchedule& arrivals, StateReader& in);

  /// Bytes of the buffers the constructor allocates with these arguments, before anything is
  /// allocated (for memory estimates): the client columns, the active list and the per-agent
  /// and per-block (x region) working buffers, which for many regions outweigh the clients.
  /// Mechanism and staff state (per region) is left out. allocation_bytes() is what a model
  /// holds of the same buffers.
  static std::uint64_t bytes_for(const ModelParameters& params, std::size_t capacity,
                                 std::size_t block_size);
  std::uint64_t allocation_bytes() const;

  std::size_t agents() const { return table_.size(); }
  std::size_t active_agents() const { return active_.size; }
  const ClientColumns& columns() const { return c_; }

 private:
  using Mechanisms = PathwaysMechanisms;
  /// A place request's lottery key: id * stride + place, distinct over a client's requests.
  static constexpr std::uint32_t kPlaceKeyStride = 16;
  static constexpr std::size_t kSums = Mechanisms::kSumTotal;

  /// The places' allocation problem: (region, place type) pairs, three priority classes, waits
  /// up to 120 months, one place per request.
  static AllocationConfig unit_places_config(std::size_t regions, std::size_t block_size);
  /// Blocks of the largest active list (at least one): the size of every per-block buffer.
  static std::size_t max_blocks(std::size_t capacity, std::size_t block_size);
  void add_clients(std::size_t first, std::size_t n, std::uint16_t region, std::uint8_t origin,
                   std::int16_t month, bool initial);
  void compact_active();
  /// What save_state and resume_replicate write and read (engine/state_archive.hpp).
  template <class A>
  void replicate_state(A& a);
  /// Turns ActiveList::wants into the compact unit-request list, allocates the places and sets
  /// ActiveList::granted_units.
  void allocate_unit_places(std::uint32_t stream_month);
  void free_places(std::uint32_t stream_month);
  void events_and_demand(std::uint32_t month);
  void transitions_and_record(std::uint32_t month);
  void record(std::int32_t month, std::size_t blocks, Results& results);
  void record_metrics(std::int32_t month, const StaffMonth& staff, Results& results);
  void record_tables(std::int32_t month, Results& results);

  const ModelParameters& p_;
  std::size_t block_size_;
  AgentTable table_;
  ClientColumns c_;
  Mechanisms::Tuple mechanisms_;
  ShareAllocator caseworkers_;
  CaseworkerPool staff_;
  ShareAllocator interpreters_;
  std::vector<double> interpreter_budget_;  // per region
  RandomStreams streams_{0, 0};
  std::uint32_t replicate_ = 0;
  const ArrivalSchedule* arrivals_ = nullptr;
  ActiveList active_;

  std::vector<std::vector<double>> home_cdf_;  // per region, over its transit places
  // Compact list of unit requests (programmes, NT2, therapy, ...): one entry per requested place.
  struct UnitRequests {
    std::vector<std::uint16_t> key_region;  // region * kUnitResourceCount + resource
    std::vector<std::uint8_t> priority;
    std::vector<std::uint16_t> wait;
    std::vector<float> amount;
    std::vector<std::uint32_t> key;  // id * kPlaceKeyStride + resource
    std::vector<std::uint32_t> slot;
    std::vector<float> granted;
    void resize(std::size_t n);
    static constexpr std::size_t bytes_per_request() {
      return sizeof(std::uint16_t) + sizeof(std::uint8_t) + sizeof(std::uint16_t) + sizeof(float) +
             2 * sizeof(std::uint32_t) + sizeof(float);
    }
  } units_;
  std::vector<std::size_t> unit_block_offset_;
  std::vector<std::size_t> compact_kept_;     // [block + 1]: clients kept, then their offsets
  std::vector<std::uint32_t> compact_spare_;  // per agent: ids kept, at their block's place
  CapacityAllocator unit_places_;
  std::vector<double> unit_capacity_;   // [region * kUnitResourceCount + resource]
  std::vector<double> occupancy_;       // same layout: places held at the end of last month
  std::vector<double> capacity_hours_;  // per region, this month's effective staff hours
  std::vector<double> staff_inputs_;    // [3][region]: hours demanded, clients, moral tension
  std::vector<double> region_sums_;     // [region][kSums], this month

  // Per-block tallies, reduced in block order: [block][region][from][to], [block][region][sum].
  std::vector<std::int64_t> block_transitions_;
  std::vector<double> block_sums_;
};

}  // namespace drempel
