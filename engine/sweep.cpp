#include "engine/sweep.hpp"

#include <algorithm>
#include <set>

#include "engine/json_pointer.hpp"

namespace drempel {
namespace {

using nlohmann::json;

class SweepReader {
 public:
  explicit SweepReader(const ScenarioDocument& doc) : doc_(doc), file_(doc.file_of("/sweep")) {}

  SweepPlan read() {
    const auto it = doc_.root.find("sweep");
    if (it == doc_.root.end()) return {};
    if (!it->is_object() || it->empty()) {
      issue("/sweep", "an object with \"grid\" and/or \"variants\"", describe_json(&*it));
      return finish({});
    }
    for (const auto& item : it->items())
      if (item.key() != "grid" && item.key() != "variants")
        issue(child_pointer("/sweep", item.key()), "\"grid\" or \"variants\"",
              "unknown key \"" + item.key() + "\"");
    std::vector<SweepPoint> variants = {SweepPoint{}};
    if (it->contains("variants")) variants = read_variants((*it)["variants"]);
    std::vector<SweepPoint> grid = {SweepPoint{}};
    if (it->contains("grid")) grid = read_grid((*it)["grid"]);
    if (variants.size() * grid.size() > kMaxSweepPoints) {
      issue("/sweep", "at most " + std::to_string(kMaxSweepPoints) + " points",
            std::to_string(variants.size() * grid.size()) + " points");
      return finish({});
    }
    std::vector<SweepPoint> points;
    for (const SweepPoint& v : variants)
      for (const SweepPoint& g : grid) {
        SweepPoint p;
        p.name = v.name.empty() ? g.name : g.name.empty() ? v.name : v.name + "," + g.name;
        p.settings = v.settings;
        p.settings.insert(p.settings.end(), g.settings.begin(), g.settings.end());
        points.push_back(std::move(p));
      }
    std::set<std::string> names;
    for (const SweepPoint& p : points)
      if (!names.insert(p.name).second)
        issue("/sweep", "sweep point names that differ", "\"" + p.name + "\" twice");
    return finish(std::move(points));
  }

 private:
  void issue(const std::string& pointer, const std::string& expected, const std::string& found) {
    issues_.push_back({file_, pointer, expected, found});
  }

  SweepPlan finish(std::vector<SweepPoint> points) {
    if (!issues_.empty()) throw InputError(issues_);
    SweepPlan plan;
    plan.points = std::move(points);
    plan.pointers = pointers_;
    return plan;
  }

  // Records a pointer a point sets, after checking that the scenario has it.
  bool check_target(const std::string& where, const std::string& pointer) {
    std::vector<std::string> tokens;
    std::size_t depth = 0;
    if (!split_pointer(pointer, tokens) || tokens.empty() || tokens[0] == "sweep") {
      issue(where, "a JSON pointer to a scenario value, such as /regions/eeklo/caseworker_fte",
            "\"" + pointer + "\"");
      return false;
    }
    if (walk_pointer(doc_.root, tokens, depth) == nullptr) {
      issue(where, "a pointer to an existing scenario value", "no value at \"" + pointer + "\"");
      return false;
    }
    if (std::find(pointers_.begin(), pointers_.end(), pointer) == pointers_.end())
      pointers_.push_back(pointer);
    return true;
  }

  std::vector<SweepPoint> read_variants(const json& node) {
    const std::string at = "/sweep/variants";
    if (!node.is_array() || node.empty()) {
      issue(at, "a non-empty array of {\"name\": ..., \"set\": {pointer: value}}",
            describe_json(&node));
      return {SweepPoint{}};
    }
    std::vector<SweepPoint> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string here = at + "/" + std::to_string(i);
      const json& v = node[i];
      const auto name = v.is_object() ? v.find("name") : v.end();
      const auto set = v.is_object() ? v.find("set") : v.end();
      if (!v.is_object() || v.size() != 2 || name == v.end() || set == v.end()) {
        issue(here, "an object with exactly \"name\" and \"set\"", describe_json(&v));
        continue;
      }
      SweepPoint p;
      if (!name->is_string() || !printable_text(name->get<std::string>()) ||
          !names.insert(name->get<std::string>()).second) {
        issue(here + "/name", "a non-empty name without control characters used by one variant",
              describe_json(&*name));
        continue;
      }
      p.name = name->get<std::string>();
      if (!set->is_object()) {
        issue(here + "/set", "an object {pointer: value}", describe_json(&*set));
        continue;
      }
      for (const auto& item : set->items())
        if (check_target(child_pointer(here + "/set", item.key()), item.key()))
          p.settings.emplace_back(item.key(), item.value());
      out.push_back(std::move(p));
    }
    if (out.empty()) out.push_back(SweepPoint{});
    variant_pointers_ = pointers_;
    return out;
  }

  std::vector<SweepPoint> read_grid(const json& node) {
    const std::string at = "/sweep/grid";
    if (!node.is_object() || node.empty()) {
      issue(at, "a non-empty object {pointer: [values]}", describe_json(&node));
      return {SweepPoint{}};
    }
    // The number of points, counted before any is built (a grid can be huge).
    double points = 1;
    for (const auto& item : node.items())
      if (item.value().is_array() && !item.value().empty())
        points *= static_cast<double>(item.value().size());
    if (points > static_cast<double>(kMaxSweepPoints)) {
      issue("/sweep/grid", "at most " + std::to_string(kMaxSweepPoints) + " points",
            "a grid of " + format_number(points) + " points");
      return {SweepPoint{}};
    }
    std::vector<SweepPoint> out = {SweepPoint{}};
    for (const auto& item : node.items()) {
      const std::string here = child_pointer(at, item.key());
      if (std::find(variant_pointers_.begin(), variant_pointers_.end(), item.key()) !=
          variant_pointers_.end()) {
        issue(here, "a pointer that the variants do not set", "\"" + item.key() + "\" in both");
        continue;
      }
      if (!check_target(here, item.key())) continue;
      if (!item.value().is_array() || item.value().empty()) {
        issue(here, "a non-empty array of values", describe_json(&item.value()));
        continue;
      }
      std::vector<SweepPoint> crossed;
      for (const SweepPoint& p : out)
        for (const json& value : item.value()) {
          SweepPoint q = p;
          const std::string label = axis_label(item.key()) + "=" + value_text(value);
          q.name = q.name.empty() ? label : q.name + "," + label;
          q.settings.emplace_back(item.key(), value);
          crossed.push_back(std::move(q));
        }
      out = std::move(crossed);
    }
    return out;
  }

  // "/regions/eeklo/caseworker_fte" -> "regions.eeklo.caseworker_fte".
  static std::string axis_label(const std::string& pointer) {
    std::string label = pointer.substr(1);
    std::replace(label.begin(), label.end(), '/', '.');
    return label;
  }

  static std::string value_text(const json& value) {
    return value.is_string() ? value.get<std::string>()
                             : value.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  const ScenarioDocument& doc_;
  std::string file_;
  std::vector<ScenarioIssue> issues_;
  std::vector<std::string> pointers_;
  std::vector<std::string> variant_pointers_;
};

}  // namespace

SweepPlan read_sweep(const ScenarioDocument& doc) {
  return SweepReader(doc).read();
}

ScenarioDocument sweep_point_document(const ScenarioDocument& doc, const SweepPoint& point) {
  ScenarioDocument out = doc;
  out.root.erase("sweep");
  const std::string origin = doc.file_of("/sweep") + " (sweep point " + point.name + ")";
  for (const auto& [pointer, value] : point.settings) {
    std::vector<std::string> tokens;
    split_pointer(pointer, tokens);
    std::string canonical;
    *walk_pointer(out.root, tokens, &canonical) = value;
    out.origin.set(canonical, origin);
  }
  return out;
}

}  // namespace drempel
