// Internals of tifa::decode (spec/cleaning.md D1-D7), exposed for the unit tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tifa/reader.hpp"
#include "tifa/span.hpp"

namespace tifa::input {

// The offset of the first byte that starts an ill-formed UTF-8 sequence at or after `from`, or
// bytes.size() when the rest is well-formed. `from` must be at a character boundary.
// Checks 32 bytes a step with AVX2 where the CPU has it (util/cpu_features.hpp).
std::size_t find_invalid_utf8(std::string_view bytes, std::size_t from) noexcept;
// The same without AVX2, so that the tests hold both paths against their reference.
std::size_t find_invalid_utf8_without_avx2(std::string_view bytes, std::size_t from) noexcept;

// A charset declared by an HTML <meta> tag in the first kDeclarationWindow bytes.
inline constexpr std::size_t kDeclarationWindow = 4096;
struct DeclaredCharset {
  std::string label;  // lowercased
  Span raw_span;      // the label as written in the input
};
std::optional<DeclaredCharset> find_declared_charset(std::string_view bytes);

// Decodes bytes[skip, size) with the ICU converter `icu_name`: at most `chunk_units` UTF-16 units
// and `slice_bytes` input bytes per ICU call (ICU takes at most INT32_MAX bytes per call). Returns
// std::nullopt when ICU cannot open the converter. Only tests change the sizes, to cross every
// chunk and slice boundary case.
inline constexpr std::size_t kDefaultChunkUnits = 16 * 1024;
inline constexpr std::size_t kMaxSliceBytes = std::size_t{1} << 30;
std::optional<DecodedInput> decode_with_icu(std::string_view bytes, std::size_t skip,
                                            const char* icu_name,
                                            std::size_t chunk_units = kDefaultChunkUnits,
                                            std::size_t slice_bytes = kMaxSliceBytes);

}  // namespace tifa::input
