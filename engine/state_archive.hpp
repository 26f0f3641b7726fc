#pragma once
// A model's state as bytes, for checkpoints (engine/checkpoint.hpp).
//
// A class lists the state that outlives a month once, in `template <class A> void state(A& a)`,
// calling a(member) for each: the same function saves (A = StateWriter) and restores (A =
// StateReader), so saving and restoring cannot drift apart. Sizes fixed by the parameters are
// checked on restore, not adopted: a checkpoint of another scenario is refused, not half-read.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace drempel {

/// State bytes that do not fit the object they are read into (truncated, or from another
/// scenario): the message says what was expected and what was found.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Appends state to a byte string.
class StateWriter {
 public:
  static constexpr bool kReading = false;

  StateWriter() = default;
  /// Writes into `buffer`'s memory (emptied first): a state saved every few months reuses the
  /// last one's pages instead of faulting in new ones.
  explicit StateWriter(std::string buffer) : bytes_(std::move(buffer)) { bytes_.clear(); }

  /// A trivially copyable value (numbers, flags, fixed arrays of them, RandomStreams).
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void operator()(const T& value) { append(&value, sizeof(T)); }
  /// A vector whose size the parameters fix: its size, then its values.
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void operator()(const std::vector<T>& values) { prefix(values, values.size()); }
  /// The first n values of a vector sized for a capacity (n <= size).
  template <class T>
  void prefix(const std::vector<T>& values, std::size_t n) {
    (*this)(static_cast<std::uint64_t>(n));
    append(values.data(), n * sizeof(T));
  }
  /// The n values of `values` from `offset` (one replicate's part of a results array).
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void slice(const std::vector<T>& values, std::size_t offset, std::size_t n) {
    (*this)(static_cast<std::uint64_t>(n));
    append(values.data() + offset, n * sizeof(T));
  }
  /// n atomic counters (read and written when no thread touches them).
  template <class T>
  void atomics(const std::unique_ptr<std::atomic<T>[]>& values, std::size_t n) {
    (*this)(static_cast<std::uint64_t>(n));
    for (std::size_t k = 0; k < n; ++k) (*this)(values[k].load(std::memory_order_relaxed));
  }

  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  void append(const void* data, std::size_t n) { bytes_.append(static_cast<const char*>(data), n); }
  std::string bytes_;
};

/// Reads state written by StateWriter, in the same order. Throws StateError when the bytes end
/// early or a size differs from the one the object has.
class StateReader {
 public:
  static constexpr bool kReading = true;

  explicit StateReader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
  requires std::is_trivially_copyable_v<T>
  void operator()(T& value) { take(&value, sizeof(T)); }
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void operator()(std::vector<T>& values) {
    const std::uint64_t n = count(values.size(), "values");
    if (n != values.size())
      throw StateError("expected " + std::to_string(values.size()) + " values, found " +
                       std::to_string(n));
    take(values.data(), n * sizeof(T));
  }
  /// Reads n values into the front of `values` (n: a size restored before, such as the number
  /// of agents, and at most values.size()).
  template <class T>
  void prefix(std::vector<T>& values, std::size_t n) {
    if (n > values.size())
      throw StateError("expected at most " + std::to_string(values.size()) + " values, found " +
                       std::to_string(n));
    slice(values, 0, n);
  }
  template <class T>
  requires std::is_trivially_copyable_v<T>
  void slice(std::vector<T>& values, std::size_t offset, std::size_t n) {
    const std::uint64_t stored = count(n, "values");
    if (stored != n)
      throw StateError("expected " + std::to_string(n) + " values, found " +
                       std::to_string(stored));
    take(values.data() + offset, n * sizeof(T));
  }
  template <class T>
  void atomics(const std::unique_ptr<std::atomic<T>[]>& values, std::size_t n) {
    const std::uint64_t stored = count(n, "counters");
    if (stored != n)
      throw StateError("expected " + std::to_string(n) + " counters, found " +
                       std::to_string(stored));
    for (std::size_t k = 0; k < n; ++k) {
      T v{};
      (*this)(v);
      values[k].store(v, std::memory_order_relaxed);
    }
  }

  /// True when every byte has been read.
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::uint64_t count(std::size_t most, const char* what) {
    std::uint64_t n = 0;
    (*this)(n);
    if (n > most)
      throw StateError("expected at most " + std::to_string(most) + " " + what + ", found " +
                       std::to_string(n));
    return n;
  }
  void take(void* out, std::size_t n) {
    if (n > bytes_.size() - position_)
      throw StateError("the state ends after " + std::to_string(bytes_.size()) + " bytes");
    if (n > 0) std::memcpy(out, bytes_.data() + position_, n);
    position_ += n;
  }
  std::string_view bytes_;
  std::size_t position_ = 0;
};

}  // namespace drempel
