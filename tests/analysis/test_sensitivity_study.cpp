// drempel sensitivity's study (analysis/sensitivity_study.hpp): configuration errors, common random
// numbers, threads.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/sensitivity_study.hpp"
#include "engine/input_error.hpp"
#include "models/run.hpp"
#include "tests/support/scenarios.hpp"

using namespace drempel;

namespace {

// A study of the baseline written to a temporary file; `parameters` and `method` are JSON text.
std::string study_file(const std::string& name, const std::string& parameters,
                       const std::string& method, const std::string& metric = "job_starts",
                       const std::string& to = "2027-12") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drempel_sensitivity_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << "{\"scenario\": \"" << test::source_path("scenarios/baseline.json")
                      << "\", \"replicates\": 2, \"seed\": 5, \"output\": {\"metric\": \"" << metric
                      << "\", \"from\": \"2026-07\", \"to\": \"" << to
                      << "\"}, \"parameters\": " << parameters << ", \"method\": " << method << "}";
  return path;
}

const char* kTwo =
    "[{\"pointer\": \"/transitions/activation_to_employed_per_month\", \"low\": 0.5, \"high\": "
    "0.75}, {\"pointer\": \"/programmes/art60/net_cost_eur_per_month\", \"low\": 500, \"high\": "
    "1500}]";

std::string messages(const std::string& path) {
  try {
    read_sensitivity_study(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a sensitivity study's errors name the file, the key and what was expected") {
  const std::string bad_method = study_file("m.json", kTwo,
                                            "{\"morris\": {\"trajectories\": 4, "
                                            "\"levels\": 3}}");
  CHECK_THAT(messages(bad_method), Catch::Contains("/method/morris/levels") &&
                                       Catch::Contains("an even number of levels"));
  const std::string no_method = study_file("n.json", kTwo, "{\"grid\": 3}");
  CHECK_THAT(messages(no_method), Catch::Contains("/method"));
  const std::string metric =
      study_file("x.json", kTwo, "{\"morris\": {\"trajectories\": 4, \"levels\": 4}}", "jobs");
  CHECK_THAT(messages(metric), Catch::Contains("/output/metric") && Catch::Contains("x.json"));
  const std::string window =
      study_file("w.json", kTwo, "{\"morris\": {\"trajectories\": 4, \"levels\": 4}}", "job_starts",
                 "2040-01");
  CHECK_THAT(messages(window), Catch::Contains("/output/to") && Catch::Contains("2030-12"));
  const std::string reversed =
      study_file("r.json", "[{\"pointer\": \"/jobs/reapply_share\", \"low\": 0.6, \"high\": 0.4}]",
                 "{\"morris\": {\"trajectories\": 4, \"levels\": 4}}");
  CHECK_THAT(messages(reversed), Catch::Contains("/parameters/0/high"));
  // A corner of the box that is not a valid scenario is refused before any run.
  const std::string outside =
      study_file("o.json", "[{\"pointer\": \"/jobs/reapply_share\", \"low\": 0.5, \"high\": 1.5}]",
                 "{\"morris\": {\"trajectories\": 4, \"levels\": 4}}");
  CHECK_THAT(messages(outside), Catch::Contains("/jobs/reapply_share"));
}

TEST_CASE("with common random numbers a parameter the output does not read has no effect at all") {
  // The art. 60 net cost enters only the spending metrics: with the same seed at every point, the
  // job starts are identical whatever its value, so its elementary effects are exactly 0; the
  // job-finding chance moves them.
  const SensitivityStudy study =
      read_sensitivity_study(study_file("crn.json", kTwo,
                                        "{\"morris\": {\"trajectories\": 3, "
                                        "\"levels\": 4}}"));
  const StudyResult result = run_sensitivity_study(study, 0, {});
  CHECK(result.morris.evaluations == 9);
  CHECK(result.morris.mu_star[1] == 0.0);
  CHECK(result.morris.sigma[1] == 0.0);
  CHECK(result.morris.mu[0] > 0.0);
}

TEST_CASE("a study's output is the same at 1 and 2 threads") {
  const SensitivityStudy study =
      read_sensitivity_study(study_file("t.json", kTwo,
                                        "{\"sobol\": {\"rows\": 2, \"bootstrap\": "
                                        "0}}"));
  const std::vector<double> point = {0.6, 1000};
  CHECK(study_output(study, point, 1) == study_output(study, point, 2));
}

TEST_CASE(
    "common random numbers make the difference between two nearby points at least ten times "
    "less noisy") {
  // Per replicate, the job starts of 2026-07 .. 2027-12 at two nearby job-finding chances:
  // the variance over replicates of their difference with the same seed (replicate r against
  // replicate r) against that with another seed for the second point.
  const auto starts = [](double chance, std::uint64_t seed) {
    const ModelParameters p = test::baseline_parameters(
        {"/replicates=30", "/months=24", "/seed=" + std::to_string(seed),
         "/transitions/activation_to_employed_per_month=" + std::to_string(chance)});
    const Results res = run_pathways(p, "{}");
    std::vector<double> out;
    const MetricSeries& m = *res.metric("job_starts");
    for (int r = 0; r < res.replicates; ++r) {
      double sum = 0;
      for (int month = 6; month < 24; ++month) sum += m.values[res.metric_index(r, month, 0)];
      out.push_back(sum);
    }
    return out;
  };
  const auto variance_of_difference = [](const std::vector<double>& a,
                                         const std::vector<double>& b) {
    double mean = 0, square = 0;
    for (std::size_t r = 0; r < a.size(); ++r) {
      mean += b[r] - a[r];
      square += (b[r] - a[r]) * (b[r] - a[r]);
    }
    const double n = static_cast<double>(a.size());
    mean /= n;
    return (square - n * mean * mean) / (n - 1);
  };
  const std::vector<double> base = starts(0.65, 11);
  const double same = variance_of_difference(base, starts(0.67, 11));
  const double fresh = variance_of_difference(base, starts(0.67, 12));
  INFO("variance of the difference: common " << same << ", fresh " << fresh);
  CHECK(fresh > 10 * same);
}

TEST_CASE("a sensitivity study keeps every point's replicates, and their noise apart") {
  const SensitivityStudy study = read_sensitivity_study(
      study_file("noise.json", kTwo, "{\"morris\": {\"trajectories\": 2, \"levels\": 4}}"));
  const StudyResult r = run_sensitivity_study(study, 0, {});
  REQUIRE(r.points.size() == 6);
  REQUIRE(r.replicate_outputs.size() == 6);
  double noise = 0;
  for (std::size_t p = 0; p < 6; ++p) {
    const auto& v = r.replicate_outputs[p];
    REQUIRE(v.size() == 2);
    CHECK(r.outputs[p] == Approx((v[0] + v[1]) / 2));
    CHECK(r.outputs[p] == study_output(study, r.points[p], 0));
    noise += (v[0] - v[1]) * (v[0] - v[1]) / 2 / 2;  // variance of two, over two
  }
  CHECK(r.noise_variance == Approx(noise / 6));
  CHECK(r.noise_variance > 0);
  CHECK(r.output_variance > 0);
  const Dataset d = study_dataset(study, r);
  CHECK(d.variable("design")->real.size() == 12);
  CHECK(d.variable("replicate_output")->real.size() == 12);
  CHECK(d.variable("mu_star")->real == r.morris.mu_star);
  CHECK_THAT(format_study(study, r), Catch::Contains("replicate noise: "));
}
