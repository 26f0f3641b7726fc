#pragma once
// The memory a run may use: what the system has available now, or a limit the user sets.
#include <cstdint>
#include <optional>
#include <string>

namespace drempel {

/// MemAvailable of /proc/meminfo in bytes (memory that can be used without swapping), or nothing
/// where the system does not say.
std::optional<std::uint64_t> available_memory();

/// A size such as "512M", "8G", "1.5T" or "1000000" (bytes; K, M, G, T are powers of 1024), or
/// nothing when `text` is not one.
std::optional<std::uint64_t> parse_byte_size(const std::string& text);

/// A byte count for people: "1.2 GiB", "340 MiB", "12 KiB" or "512 bytes".
std::string format_bytes(std::uint64_t bytes);

}  // namespace drempel
