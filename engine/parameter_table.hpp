#pragma once
// A mechanism's parameters as one table: key, member, range, unit, one line of documentation and
// its source. The table drives reading and validation (through ScenarioReader, which reports
// every problem with its JSON pointer) and the key table of scenarios/README.md (a test compares
// the two), so the list of keys exists once.
#include <algorithm>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/scenario.hpp"

namespace drempel {

/// One parameter of struct P. Exactly one of `number`, `integer`, `per_region`, `list` is set. A
/// per-region parameter is read from every region's object (`REGIONS/i/KEY`) into a vector with
/// one value per region, so that a region added or copied by a what-if brings its own value. A
/// list is a JSON array of `list_size` numbers (`list(p)` gives where they go); with `names` it is
/// instead an object with one number per name (`KEY/names[i]`, i < list_size), such as one per
/// domain or per active stage. The key may be a path (`art60/direct_hire_share`).
template <class P>
struct ParameterField {
  const char* key;
  double P::*number = nullptr;
  std::int32_t P::*integer = nullptr;
  std::vector<double>* (*per_region)(P&) = nullptr;
  double* (*list)(P&) = nullptr;
  std::size_t list_size = 0;
  const char* const* names = nullptr;  ///< with `list`: read as an object of these names
  double min = 0;
  double max = 0;
  const char* unit = "";    ///< CF-style unit, or "share", "months", "places"
  const char* doc = "";     ///< what the value means, one line
  const char* source = "";  ///< where the value comes from, or "assumption"
};

/// Reads every field of `fields`, in their order, into `p` from the object at `base` (and, for
/// per-region fields, from each of the `regions` objects of the array at `regions_pointer`); other
/// members of `p` are left alone, so a table may cover some members of a larger struct. Problems
/// are recorded in `r`.
template <class P, std::size_t N>
void read_parameter_fields(ScenarioReader& r, const std::string& base,
                           const std::string& regions_pointer, std::size_t regions,
                           const std::array<ParameterField<P>, N>& fields, P& p) {
  for (const auto& f : fields) {
    if (f.number) p.*f.number = r.number(base + "/" + f.key, f.min, f.max);
    if (f.integer)
      p.*f.integer = static_cast<std::int32_t>(r.integer(
          base + "/" + f.key, static_cast<std::int64_t>(f.min), static_cast<std::int64_t>(f.max)));
    if (f.list && f.names) {
      double* values = f.list(p);
      for (std::size_t i = 0; i < f.list_size; ++i)
        values[i] = r.number(base + "/" + f.key + "/" + f.names[i], f.min, f.max);
    } else if (f.list) {
      const std::vector<double> values = r.numbers(base + "/" + f.key, f.list_size, f.min, f.max);
      if (values.size() == f.list_size) std::copy(values.begin(), values.end(), f.list(p));
    }
    if (f.per_region) {
      std::vector<double>& values = *f.per_region(p);
      values.assign(regions, 0.0);
      for (std::size_t g = 0; g < regions; ++g)
        values[g] = r.number(regions_pointer + "/" + std::to_string(g) + "/" + f.key, f.min, f.max);
    }
  }
}

/// A struct P read whole from a parameter table (see read_parameter_fields).
template <class P, std::size_t N>
P read_parameter_table(ScenarioReader& r, const std::string& base,
                       const std::string& regions_pointer, std::size_t regions,
                       const std::array<ParameterField<P>, N>& fields) {
  P p{};
  read_parameter_fields(r, base, regions_pointer, regions, fields, p);
  return p;
}

/// One row of a parameter table in Markdown, in the columns of scenarios/README.md: key, type,
/// unit / range, meaning, baseline, source. `key` is the key as the reader sees it (relative to
/// the mechanism's object, or `regions/*/KEY`); `baseline` is the value in the baseline scenario
/// (JSON text) or empty.
std::string parameter_row_markdown(const std::string& key, const std::string& type, double min,
                                   double max, const char* unit, const char* doc,
                                   const std::string& baseline, const char* source);

/// The row of a named list (an object with one number per name): key `KEY/{a, b, …}`, type
/// number, and as baseline the values of `baseline` at `pointer/NAME` in the order of the names,
/// separated by " / " (empty when the object is missing).
std::string named_parameter_row_markdown(const std::string& key,
                                         const std::vector<std::string>& names, double min,
                                         double max, const char* unit, const char* doc,
                                         const nlohmann::json& baseline, const std::string& pointer,
                                         const char* source);

/// The header of a parameter table in Markdown.
inline constexpr const char* kParameterTableHeader =
    "| key | type | unit / range | meaning | baseline | source |\n|---|---|---|---|---|---|\n";

/// The type column of a field: integer, N numbers or number.
template <class P>
std::string parameter_type(const ParameterField<P>& f) {
  return f.integer ? "integer" : f.list ? std::to_string(f.list_size) + " numbers" : "number";
}

/// The Markdown table (header and one row per field) of a parameter table, with the values of
/// `baseline` (a resolved scenario) at `base` and, for per-region fields, at `regions_pointer/0`.
template <class P, std::size_t N>
std::string parameter_table_markdown(const std::array<ParameterField<P>, N>& fields,
                                     const nlohmann::json& baseline, const std::string& base,
                                     const std::string& regions_pointer) {
  std::string out = kParameterTableHeader;
  for (const auto& f : fields) {
    if (f.list && f.names) {
      std::vector<std::string> names(f.names, f.names + f.list_size);
      out += named_parameter_row_markdown(f.key, names, f.min, f.max, f.unit, f.doc, baseline,
                                          base + "/" + f.key, f.source);
      continue;
    }
    const std::string key = f.per_region ? "regions/*/" + std::string(f.key) : f.key;
    const std::string pointer =
        f.per_region ? regions_pointer + "/0/" + f.key : base + "/" + std::string(f.key);
    const nlohmann::json::json_pointer ptr(pointer);
    const std::string value = baseline.contains(ptr) ? baseline.at(ptr).dump() : "";
    out += parameter_row_markdown(key, parameter_type(f), f.min, f.max, f.unit, f.doc, value,
                                  f.source);
  }
  return out;
}

/// The Markdown table of a parameter table that is read once per name, from `base/NAME` (one
/// object per programme, say): one row per field, with key `{a, b, …}/KEY` and as baseline the
/// values at `base/NAME/KEY` in the order of the names, separated by " / ". Fields are numbers,
/// integers or lists.
template <class P, std::size_t N>
std::string parameter_table_markdown_by_name(const std::array<ParameterField<P>, N>& fields,
                                             const nlohmann::json& baseline,
                                             const std::string& base,
                                             const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  std::string out = kParameterTableHeader;
  for (const auto& f : fields) {
    std::string values;
    for (const std::string& name : names) {
      const nlohmann::json::json_pointer ptr(base + "/" + name + "/" + f.key);
      values +=
          (values.empty() ? "" : " / ") + (baseline.contains(ptr) ? baseline.at(ptr).dump() : "?");
    }
    out += parameter_row_markdown("{" + list + "}/" + f.key, parameter_type(f), f.min, f.max,
                                  f.unit, f.doc, values, f.source);
  }
  return out;
}

}  // namespace drempel
