#include "clean/pieces.hpp"

#include <algorithm>

namespace tifa::clean {

namespace {

std::size_t piece_size(const Piece& piece) {
  return piece.verbatim ? piece.end - piece.begin : piece.text.size();
}

void add_merged(std::vector<Span>& spans, Span span) {
  if (span.empty()) return;
  if (!spans.empty() && spans.back().end == span.begin) {
    spans.back().end = span.end;
  } else {
    spans.push_back(span);
  }
}

// Calls fn(piece index, piece text offset, overlap begin, overlap end) for each piece that
// overlaps text[range), in order.
template <typename Fn>
void for_each_overlap(const std::vector<Piece>& pieces, Span range, Fn&& fn) {
  std::size_t offset = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::size_t size = piece_size(pieces[i]);
    std::size_t begin = std::max(offset, range.begin);
    std::size_t end = std::min(offset + size, range.end);
    if (begin < end) fn(i, offset, begin, end);
    offset += size;
    if (offset >= range.end) break;
  }
}

}  // namespace

std::vector<Span> source_of(std::string_view, const std::vector<Piece>& pieces, Span range) {
  std::vector<Span> spans;
  for_each_overlap(pieces, range, [&](std::size_t i, std::size_t offset, std::size_t b, std::size_t e) {
    const Piece& piece = pieces[i];
    if (piece.verbatim) {
      add_merged(spans, Span{piece.begin + (b - offset), piece.begin + (e - offset)});
    } else {
      add_merged(spans, Span{piece.begin, piece.end});
    }
  });
  return spans;
}

Span source_hull(std::string_view, const std::vector<Piece>& pieces, Span range) {
  Span hull{};
  bool found = false;
  for_each_source(pieces, range, [&](Span source) {
    if (!found) hull.begin = source.begin;
    hull.end = source.end;
    found = true;
  });
  return hull;
}

std::vector<Span> cut(std::string_view decoded, std::vector<Piece>& pieces, Span range) {
  std::vector<Span> removed = source_of(decoded, pieces, range);
  std::vector<Piece> out;
  out.reserve(pieces.size() + 1);
  std::size_t offset = 0;
  for (Piece& piece : pieces) {
    std::size_t size = piece_size(piece);
    std::size_t begin = std::max(offset, range.begin);
    std::size_t end = std::min(offset + size, range.end);
    if (begin >= end) {
      out.push_back(std::move(piece));
    } else if (piece.verbatim) {
      if (begin > offset) out.push_back(Piece{piece.begin, piece.begin + (begin - offset), true, {}});
      if (end < offset + size) out.push_back(Piece{piece.begin + (end - offset), piece.end, true, {}});
    }
    offset += size;
  }
  pieces = std::move(out);
  return removed;
}

}  // namespace tifa::clean
