// Caseworker demand (models/mechanisms/casework.hpp): the hours a client asks for in a month.
#include <catch2/catch.hpp>

#include "models/mechanisms/casework_parameters.hpp"
#include "tests/support/parameter_docs.hpp"

using namespace drempel;

TEST_CASE(
    "scenarios/README.md shows the casework-demand keys as their parameter table declares them") {
  test::check_key_table_in_readme(kCaseworkFields, "/demand", "casework");
}
