#pragma once
// Shared by the fuzz targets that hand their input to a reader as a file.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace drempel::fuzz {

/// Writes the fuzzer's input bytes to `path`; aborts (a harness failure, not a finding in the
/// code under test) when that fails.
inline void write_input(const std::string& path, const std::uint8_t* data, std::size_t size,
                        const char* target) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::perror((std::string(target) + ": writing the input file").c_str());
    std::abort();
  }
}

}  // namespace drempel::fuzz
