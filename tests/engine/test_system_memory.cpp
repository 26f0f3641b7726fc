// Memory sizes (engine/system_memory.hpp).
#include <catch2/catch.hpp>

#include "engine/system_memory.hpp"

using namespace drempel;

TEST_CASE("sizes are read with binary units and refused otherwise") {
  CHECK(parse_byte_size("512M") == std::optional<std::uint64_t>(512ull << 20));
  CHECK(parse_byte_size("1.5G") == std::optional<std::uint64_t>(3ull << 29));
  CHECK(parse_byte_size("1000") == std::optional<std::uint64_t>(1000));
  CHECK_FALSE(parse_byte_size("lots"));
  CHECK_FALSE(parse_byte_size("-1G"));
  CHECK_FALSE(parse_byte_size("8 GB"));
  CHECK_FALSE(parse_byte_size("1e30T"));
  CHECK(format_bytes(512) == "512 bytes");
  CHECK(format_bytes(3ull << 29) == "1.5 GiB");
  // Linux says how much memory is available.
  CHECK(available_memory().value_or(0) > 0);
}
