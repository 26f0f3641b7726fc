#pragma once
// Dense, stable agent ids with deterministic appends into pre-sized columns.
//
// Agent variables live in columns (one std::vector per variable, structure of arrays) owned by the
// model and sized once to the table's capacity. Appending hands out the next ids in order, so
// ids never depend on threads; agents who leave are marked by the model, never erased. Nothing is
// allocated after construction.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace drempel {

class AgentTable {
 public:
  /// Throws std::length_error when capacity does not fit 32-bit ids.
  explicit AgentTable(std::size_t capacity) : capacity_(capacity) {
    if (capacity > std::numeric_limits<std::uint32_t>::max())
      throw std::length_error("AgentTable: capacity exceeds 2^32-1 agents");
  }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }

  /// Appends n agents and returns the first new id. Throws std::length_error when the capacity
  /// planned at set-up would be exceeded (a set-up bug, not a run-time condition).
  std::uint32_t append(std::size_t n) {
    if (n > capacity_ - size_)
      throw std::length_error("AgentTable: append of " + std::to_string(n) +
                              " agents exceeds capacity " + std::to_string(capacity_));
    const auto first = static_cast<std::uint32_t>(size_);
    size_ += n;
    return first;
  }

  /// Forgets every agent (columns keep their memory).
  void clear() noexcept { size_ = 0; }

  /// Saves or restores (engine/state_archive.hpp) the number of agents; throws
  /// std::length_error when a restored number exceeds the capacity.
  template <class A>
  void state(A& a) {
    a(size_);
    if (size_ > capacity_)
      throw std::length_error("AgentTable: " + std::to_string(size_) +
                              " agents restored exceed capacity " + std::to_string(capacity_));
  }

 private:
  std::size_t capacity_;
  std::size_t size_ = 0;
};

}  // namespace drempel
