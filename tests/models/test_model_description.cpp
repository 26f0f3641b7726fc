// The model description (`drempel model`): every mechanism, in list order, with what it declares.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "models/model_description.hpp"
#include "models/pathways_model.hpp"

using namespace drempel;

namespace {

template <class... Ms>
std::vector<std::string> names(MechanismList<Ms...>) {
  return {std::string(Ms::kName)...};
}

std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  CHECK(pclose(pipe) == 0);
  return out;
}

}  // namespace

TEST_CASE("the model description lists every mechanism once, in the order of the list") {
  const std::string text = describe_model();
  std::size_t last = 0;
  std::size_t position = 1;
  for (const std::string& name : names(PathwaysMechanisms{})) {
    const std::string line = "\n" + std::to_string(position++) + ". " + name + "\n";
    const std::size_t at = text.find(line);
    INFO(name);
    REQUIRE(at != std::string::npos);
    CHECK(at > last);
    last = at;
  }
  CHECK(position - 1 == PathwaysMechanisms::kCount);
}

TEST_CASE("the model description shows a mechanism's stream, columns, places and metrics") {
  const std::string text = describe_model();
  CHECK(text.find("   stream 9: whether a debt shock is kept") != std::string::npos);
  CHECK(text.find("     debt_counselling_left (1 B, hot)") != std::string::npos);
  CHECK(text.find("   places: debt_counselling\n") != std::string::npos);
  CHECK(text.find("   places: art60 wijk_werken training\n") != std::string::npos);
  CHECK(text.find("   metric debt_shocks_averted [month-1]") != std::string::npos);
  CHECK(text.find("bytes per client: " + std::to_string(ClientColumns::bytes(Heat::kHot)) +
                  " hot") != std::string::npos);
}

TEST_CASE("drempel model prints the model description") {
  CHECK(command_output(std::string(DREMPEL_BINARY) + " model") == describe_model());
}
