#pragma once
// Shared by the fuzz targets that hand their input to a reader as a file.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace drempel::fuzz {

/// A directory of the fuzzer's own under $TMPDIR (or /tmp), removed at exit.
struct ScratchDirectory {
  std::filesystem::path path;
  explicit ScratchDirectory(const char* target) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/drempel-" +
                          target + "-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror((std::string(target) + ": mkdtemp").c_str());
      std::abort();
    }
    path = pattern;
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

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
