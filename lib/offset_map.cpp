#include "tifa/offset_map.hpp"

#include <algorithm>

namespace tifa {

OffsetMap OffsetMap::identity(std::size_t size) {
  OffsetMap map;
  map.add_copy(0, size);
  map.set_end(size);
  return map;
}

void OffsetMap::push(Run run) {
  if (run.length == 0) return;
  run.target = target_size_;
  target_size_ += run.length;
  // Merge with the previous run when it continues it exactly, so that verbatim text stays one run.
  if (!runs_.empty() && run.kind == RunKind::kCopy) {
    Run& last = runs_.back();
    if (last.kind == RunKind::kCopy && last.source + last.source_length == run.source) {
      last.length += run.length;
      last.source_length += run.source_length;
      return;
    }
  }
  runs_.push_back(run);
}

void OffsetMap::add_copy(std::size_t source, std::size_t length) {
  push(Run{0, source, length, length, RunKind::kCopy, 1, 1});
}

void OffsetMap::add_collapsed(std::size_t source, std::size_t target_length,
                              std::size_t source_length) {
  push(Run{0, source, target_length, source_length, RunKind::kCollapsed, 1, 1});
}

void OffsetMap::add_scaled(std::size_t source, std::size_t units, std::uint8_t target_unit,
                           std::uint8_t source_unit) {
  push(Run{0, source, units * target_unit, units * source_unit, RunKind::kScaled, target_unit,
           source_unit});
}

std::size_t OffsetMap::map(std::size_t pos) const noexcept {
  if (pos >= target_size_ || runs_.empty()) return source_end_;
  auto it = std::upper_bound(runs_.begin(), runs_.end(), pos,
                             [](std::size_t p, const Run& r) { return p < r.target; });
  const Run& run = *(it - 1);
  std::size_t delta = pos - run.target;
  switch (run.kind) {
    case RunKind::kCopy: return run.source + delta;
    case RunKind::kScaled: return run.source + (delta / run.target_unit) * run.source_unit;
    case RunKind::kCollapsed: return run.source;
  }
  return run.source;
}

OffsetMap OffsetMap::then(const OffsetMap& inner) const {
  // Valid UTF-8 input decodes to itself shifted by a BOM at most: one copy run. Composing with
  // it only shifts every source offset, the common case by far.
  if (inner.runs_.size() == 1 && inner.runs_[0].kind == RunKind::kCopy && inner.runs_[0].target == 0 &&
      inner.source_end_ == inner.runs_[0].source + inner.runs_[0].length) {
    OffsetMap out = *this;
    const std::size_t shift = inner.runs_[0].source;
    const std::size_t limit = inner.target_size_;
    bool inside = true;
    for (Run& run : out.runs_) {
      inside = inside && run.source + run.source_length <= limit;
      run.source += shift;
    }
    if (inside && source_end_ <= limit) {
      out.source_end_ = source_end_ + shift;
      return out;
    }
  }
  OffsetMap out;
  for (const Run& run : runs_) {
    if (run.kind == RunKind::kCollapsed) {
      std::size_t begin = inner.map(run.source);
      std::size_t end = inner.map(run.source + run.source_length);
      out.add_collapsed(begin, run.length, end - begin);
      continue;
    }
    if (run.kind == RunKind::kScaled) {
      // Scaled runs only come from decoding; a composed map keeps them unit by unit.
      for (std::size_t u = 0; u < run.length / run.target_unit; ++u) {
        std::size_t begin = inner.map(run.source + u * run.source_unit);
        std::size_t end = inner.map(run.source + (u + 1) * run.source_unit);
        out.add_collapsed(begin, run.target_unit, end - begin);
      }
      continue;
    }
    // A copy run: split it along the inner runs it crosses.
    std::size_t done = 0;
    while (done < run.length) {
      std::size_t src = run.source + done;
      auto it = std::upper_bound(inner.runs_.begin(), inner.runs_.end(), src,
                                 [](std::size_t p, const Run& r) { return p < r.target; });
      if (it == inner.runs_.begin() || src >= inner.target_size_) {
        out.add_collapsed(inner.source_end_, run.length - done, 0);
        break;
      }
      const Run& in = *(it - 1);
      std::size_t in_end = in.target + in.length;
      std::size_t take = std::min(run.length - done, in_end - src);
      std::size_t delta = src - in.target;
      if (in.kind == RunKind::kCopy) {
        out.add_copy(in.source + delta, take);
      } else if (in.kind == RunKind::kCollapsed) {
        out.add_collapsed(in.source, take, in.source_length);
      } else if (delta % in.target_unit == 0 && take % in.target_unit == 0) {
        out.add_scaled(in.source + (delta / in.target_unit) * in.source_unit,
                       take / in.target_unit, in.target_unit, in.source_unit);
      } else {
        // A slice that starts or ends inside a unit: map it unit by unit.
        for (std::size_t i = 0; i < take; ++i) {
          std::size_t d = delta + i;
          out.add_collapsed(in.source + (d / in.target_unit) * in.source_unit, 1, 0);
        }
      }
      done += take;
    }
  }
  out.set_end(inner.map(source_end_));
  return out;
}

}  // namespace tifa
