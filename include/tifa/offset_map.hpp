// tifa::OffsetMap: a monotone map from byte offsets of one buffer to byte offsets of another.
//
// Document uses it to map every offset of the clean text back to the input bytes
// (Document::raw_offset); the decoder uses it to map decoded UTF-8 back to GB18030 bytes. It is
// stored as sorted runs, never one entry per byte. Immutable after building; thread-safe to read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tifa {

class OffsetMap {
 public:
  enum class RunKind : std::uint8_t {
    kCopy,       // target byte i maps to source byte i (same bytes, or same-width units)
    kScaled,     // units of `target_unit` bytes made from units of `source_unit` bytes
    kCollapsed,  // every target byte maps to the first source byte (replacements, separators)
  };
  struct Run {
    std::size_t target = 0;  // first target offset of the run
    std::size_t source = 0;  // source offset of the run's first byte
    std::size_t length = 0;  // target bytes in the run
    std::size_t source_length = 0;
    RunKind kind = RunKind::kCopy;
    std::uint8_t target_unit = 1;
    std::uint8_t source_unit = 1;
  };

  OffsetMap() = default;

  // The identity map over [0, size].
  static OffsetMap identity(std::size_t size);

  // Appends a run; runs must be appended in target order without gaps. Source offsets must not
  // decrease. These are used by the library while it builds a document.
  void add_copy(std::size_t source, std::size_t length);
  void add_collapsed(std::size_t source, std::size_t target_length, std::size_t source_length);
  void add_scaled(std::size_t source, std::size_t units, std::uint8_t target_unit,
                  std::uint8_t source_unit);
  // Makes room for `runs` more runs, so that a builder that can count its pieces appends them
  // without growing the list step by step. Changes no mapping.
  void reserve(std::size_t runs) { runs_.reserve(runs_.size() + runs); }
  // Sets where the end of the target (offset target_size()) maps to.
  void set_end(std::size_t source_end) { source_end_ = source_end; }

  // Maps target offset `pos` (0 <= pos <= target_size()) to its source offset. A byte inside a
  // multi-byte unit maps to the first source byte of that unit; pos == target_size() maps to the
  // source end. Positions past the end map to the source end.
  std::size_t map(std::size_t pos) const noexcept;

  // This map followed by `inner` (which maps this map's source space onward).
  OffsetMap then(const OffsetMap& inner) const;

  std::size_t target_size() const noexcept { return target_size_; }
  std::size_t source_end() const noexcept { return source_end_; }
  const std::vector<Run>& runs() const noexcept { return runs_; }

 private:
  void push(Run run);

  std::vector<Run> runs_;
  std::size_t target_size_ = 0;
  std::size_t source_end_ = 0;
};

}  // namespace tifa
