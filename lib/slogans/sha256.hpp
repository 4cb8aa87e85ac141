// SHA-256 (FIPS 180-4 §6.2), written from the standard: the lexicon hash of spec/slogans.md §2.8
// ties every output record to the exact lexicon used, so it must not depend on a crypto library.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tifa::slogans {

class Sha256 {
 public:
  Sha256() noexcept;

  // Adds bytes to the message; may be called any number of times.
  void update(std::string_view bytes) noexcept;
  // The digest of everything added so far. The object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish() noexcept;

 private:
  void compress(const std::uint8_t* block) noexcept;

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace tifa::slogans
