#pragma once
// Agent variables declared once, storage derived (as FLAME GPU 2 declares agent variables in a
// model description).
//
// A column group is a struct of std::vector members with a static constexpr `columns()` that lists
// each member once: its name, whether it is hot (read or written every month for every active
// agent) or cold (set on arrival, read rarely), and one line of documentation. Resizing, byte
// counts and listings are derived from that list, so nothing about a column is kept in step by
// hand; a group's byte counts can be checked at compile time (static_assert), as Box2D checks the
// size of its hot body state.
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

namespace drempel {

/// How often a column is touched: hot columns are the state of every active agent every month.
enum class Heat : std::uint8_t { kHot, kCold };

/// One column of group `Group`, holding values of type T.
template <class Group, class T>
struct ColumnDecl {
  std::vector<T> Group::*member;
  const char* name;
  Heat heat;
  const char* doc;
  using value_type = T;
};

/// Declares a column (for use in a group's `columns()`).
template <class Group, class T>
constexpr ColumnDecl<Group, T> column(std::vector<T> Group::*member, const char* name, Heat heat,
                                      const char* doc) {
  return {member, name, heat, doc};
}

/// Resizes every column of `group` to n agents.
template <class Group>
void resize_columns(Group& group, std::size_t n) {
  std::apply([&](const auto&... d) { ((group.*(d.member)).resize(n), ...); }, Group::columns());
}

/// Bytes the columns of `group` hold (their sizes, not their capacities).
template <class Group>
std::size_t columns_allocation_bytes(const Group& group) {
  std::size_t bytes = 0;
  std::apply(
      [&](const auto&... d) {
        ((bytes +=
          (group.*(d.member)).size() * sizeof(typename std::decay_t<decltype(d)>::value_type)),
         ...);
      },
      Group::columns());
  return bytes;
}

/// Saves or restores (engine/state_archive.hpp) the first n agents of every column of `group`.
template <class Group, class A>
void columns_state(Group& group, A& a, std::size_t n) {
  std::apply([&](const auto&... d) { (a.prefix(group.*(d.member), n), ...); }, Group::columns());
}

/// Bytes per agent of the group's columns of the given heat.
template <class Group>
constexpr std::size_t column_bytes(Heat heat) {
  std::size_t bytes = 0;
  std::apply(
      [&](const auto&... d) {
        ((bytes += d.heat == heat ? sizeof(typename std::decay_t<decltype(d)>::value_type) : 0),
         ...);
      },
      Group::columns());
  return bytes;
}

/// Bytes per agent of all the group's columns.
template <class Group>
constexpr std::size_t column_bytes() {
  return column_bytes<Group>(Heat::kHot) + column_bytes<Group>(Heat::kCold);
}

/// Calls fn(name, bytes, heat, doc) for every column of the group, in declaration order.
template <class Group, class Fn>
void describe_columns(Fn&& fn) {
  std::apply(
      [&](const auto&... d) {
        (fn(d.name, sizeof(typename std::decay_t<decltype(d)>::value_type), d.heat, d.doc), ...);
      },
      Group::columns());
}

}  // namespace drempel
