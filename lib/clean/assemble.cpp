#include "clean/assemble.hpp"

#include <algorithm>
#include <cstring>


namespace tifa::clean {

namespace {

// The offsets of a reference run (Piece::reference_run): character k of its text comes from the
// k-th stretch of decoded[begin, end) that starts at an '&'. Stretches of one size in a row make
// one scaled run, so a bomb of one reference stays one run. False (nothing added) when the text
// does not have one character per reference: then the piece maps as one collapsed run. The runs'
// sources are shifted by `shift` (see assemble).
bool add_reference_runs(std::string_view decoded, const Piece& piece, std::size_t shift, OffsetMap& map) {
  const std::string_view source = decoded.substr(piece.begin, piece.end - piece.begin);
  const std::string_view text = piece.text;
  // Calls unit(text bytes, source bytes) for each character; false when text and references do
  // not pair up.
  const auto walk = [&](auto&& unit) {
    std::size_t at = 0;
    std::size_t from = 0;
    while (at < text.size()) {
      if (from >= source.size() || source[from] != '&') return false;
      std::size_t next = source.find('&', from + 1);
      if (next == std::string_view::npos) next = source.size();
      std::size_t length = 1;
      while (at + length < text.size() && (static_cast<unsigned char>(text[at + length]) & 0xC0) == 0x80) ++length;
      if (next - from > 0xFF) return false;
      unit(length, next - from);
      at += length;
      from = next;
    }
    return from == source.size();
  };
  if (!walk([](std::size_t, std::size_t) {})) return false;
  std::size_t source_at = shift + piece.begin;
  std::size_t run_units = 0, run_text = 0, run_source = 0;
  const auto flush = [&] {
    if (run_units == 0) return;
    map.add_scaled(source_at, run_units, static_cast<std::uint8_t>(run_text), static_cast<std::uint8_t>(run_source));
    source_at += run_units * run_source;
    run_units = 0;
  };
  walk([&](std::size_t text_bytes, std::size_t source_bytes) {
    if (run_units > 0 && (text_bytes != run_text || source_bytes != run_source)) flush();
    run_text = text_bytes;
    run_source = source_bytes;
    ++run_units;
  });
  flush();
  return true;
}

// Copies `content` to `to`. Most pieces are a few bytes (a "　" indent, a decoded entity, the text
// between two inline tags): those are copied with fixed-size moves that overlap, which the
// compiler writes inline, instead of a call to memcpy each. Reads and writes stay within the
// `content.size()` bytes of each side.
void copy_piece(char* to, std::string_view content) {
  const char* from = content.data();
  const std::size_t size = content.size();
  if (size >= 8 && size <= 16) {
    std::memcpy(to, from, 8);
    std::memcpy(to + size - 8, from + size - 8, 8);
  } else if (size >= 4 && size < 8) {
    std::memcpy(to, from, 4);
    std::memcpy(to + size - 4, from + size - 4, 4);
  } else if (size > 0 && size < 4) {
    to[0] = from[0];
    to[size / 2] = from[size / 2];
    to[size - 1] = from[size - 1];
  } else if (size > 16) {
    std::memcpy(to, from, size);
  }
}

std::string_view piece_content(std::string_view decoded, const Piece& piece) {
  return piece.verbatim ? decoded.substr(piece.begin, piece.end - piece.begin)
                        : std::string_view(piece.text);
}

// Decoded ranges the block's text comes from: those of its pieces and those of its edits (a
// deletion leaves no piece, but the deleted text is part of the block's source, I4). Sorted,
// overlapping and adjacent ranges merged, mapped through `raw` into `out` (one allocation: this
// runs for every block).
template <typename ToRaw>
void add_block_sources(const DraftBlock& draft, ToRaw raw, std::vector<Span>& out) {
  const std::vector<Piece>& pieces = draft.pieces;
  const std::vector<Edit>& edits = draft.edits;
  const auto by_begin = [](const auto& a, const auto& b) { return a.begin < b.begin; };
  const auto edit_by_begin = [](const Edit& a, const Edit& b) { return a.raw_span.begin < b.raw_span.begin; };
  std::vector<Span>& spans = out;  // built in place
  spans.clear();
  spans.reserve(pieces.size() + edits.size());
  // Adds `span` to the sorted list, merged with the last range when it overlaps or touches it.
  const auto add = [&spans](Span span) {
    if (span.empty()) return;
    if (!spans.empty() && span.begin <= spans.back().end) {
      spans.back().end = std::max(spans.back().end, span.end);
    } else {
      spans.push_back(span);
    }
  };
  if (std::is_sorted(pieces.begin(), pieces.end(), by_begin) && std::is_sorted(edits.begin(), edits.end(), edit_by_begin)) {
    // Both lists in source order (nearly every block: the N1 deletions lie before and after the
    // pieces): merged as they are read, without a list to sort.
    // (An iterator, not an index: edits.size() divides by the size of an Edit at every test.)
    auto edit = edits.begin();
    for (const Piece& piece : pieces) {
      for (; edit != edits.end() && edit->raw_span.begin < piece.begin; ++edit) add(edit->raw_span);
      add(Span{piece.begin, piece.end});
    }
    for (; edit != edits.end(); ++edit) add(edit->raw_span);  // (edit spans are still decoded)
  } else {
    std::vector<Span> unsorted;
    unsorted.reserve(pieces.size() + edits.size());
    for (const Piece& piece : pieces) unsorted.push_back(Span{piece.begin, piece.end});
    for (const Edit& edit : edits) unsorted.push_back(edit.raw_span);
    std::sort(unsorted.begin(), unsorted.end(), by_begin);
    for (Span span : unsorted) add(span);
  }
  for (Span& span : spans) span = raw(span);
}

}  // namespace

// The pieces' text appended to `out` (a scratch buffer keeps its capacity from block to block).
// Sized once and then copied piece by piece: the line rules, repeats and normalisation each
// rebuild the text of every block whose pieces are not one stretch of the input.
void append_pieces_text(std::string_view decoded, const std::vector<Piece>& pieces, std::string& out) {
  // The size from the pieces' ranges, without cutting each content out of `decoded` twice (pieces
  // lie in `decoded`; were one to reach past its end, the final resize keeps what was copied).
  std::size_t size = 0;
  for (const Piece& piece : pieces) size += piece.verbatim ? piece.end - piece.begin : piece.text.size();
  const std::size_t start = out.size();
  out.resize(start + size);
  char* write = out.data() + start;
  for (const Piece& piece : pieces) {
    const std::string_view content = piece_content(decoded, piece);
    copy_piece(write, content);
    write += content.size();
  }
  out.resize(static_cast<std::size_t>(write - out.data()));
}

std::string pieces_text(std::string_view decoded, const std::vector<Piece>& pieces) {
  std::string out;
  append_pieces_text(decoded, pieces, out);
  return out;
}

std::string_view pieces_view(std::string_view decoded, const std::vector<Piece>& pieces, std::string& scratch) {
  if (pieces.empty()) return {};
  // Verbatim pieces, each starting where the one before ends: one stretch of `decoded`. (A range
  // loop: pieces.size() divides by the size of a Piece at every test.)
  bool contiguous = true;
  const Piece* previous = nullptr;
  for (const Piece& piece : pieces) {
    if (!piece.verbatim || (previous != nullptr && previous->end != piece.begin)) {
      contiguous = false;
      break;
    }
    previous = &piece;
  }
  if (contiguous) return decoded.substr(pieces.front().begin, pieces.back().end - pieces.front().begin);
  scratch.clear();
  append_pieces_text(decoded, pieces, scratch);
  return scratch;
}

void assemble(std::string_view decoded, const OffsetMap& to_raw, DraftBlock* title, std::vector<DraftBlock>& body,
              Document& document) {
  // The title and the body in order, without moving the blocks into one list.
  const auto for_each_draft = [&](auto&& visit) {
    if (title != nullptr) visit(*title);
    for (DraftBlock& draft : body) visit(draft);
  };
  std::string& text = document.text;
  std::size_t text_size = 0;
  std::size_t blocks = 0;
  std::size_t pieces = 0;
  std::size_t sources_end = 0;  // the end of the last decoded byte a piece comes from
  for_each_draft([&](const DraftBlock& draft) {
    if (draft.pieces.empty()) return;
    // (The size from the pieces' ranges, which lie in `decoded`: only the reservation uses it.)
    for (const Piece& piece : draft.pieces) {
      text_size += (piece.verbatim ? piece.end - piece.begin : piece.text.size()) + 1;
      sources_end = std::max(sources_end, piece.end);
    }
    pieces += draft.pieces.size();
    ++blocks;
  });
  text.reserve(text.size() + text_size);
  document.blocks.reserve(document.blocks.size() + blocks);
  const RawOffsets raw_offsets(to_raw);
  // Valid UTF-8 input decodes to itself shifted by a BOM at most: then the map is built with raw
  // sources at once, the map that map.then(to_raw) would give, without a second map and its copy.
  // (Pieces always lie in the decoded text; the test keeps the general path for one that did not.)
  const bool raw_sources = raw_offsets.shift_only() && sources_end <= decoded.size();
  // Every piece ends inside `decoded` (always, but checked): verbatim pieces are then appended
  // from a pointer, without a substring's range check per piece.
  const bool pieces_in_decoded = sources_end <= decoded.size();
  const std::size_t shift = raw_sources ? raw_offsets.shift() : 0;
  OffsetMap map;  // text -> decoded, or -> raw when `raw_sources`
  // A run per piece and per separator at most, but reference runs (split by their unit widths).
  map.reserve(pieces + blocks);
  std::size_t last_source_end = 0;
  auto raw = [&raw_offsets](Span s) { return raw_offsets.map(s); };
  for_each_draft([&](DraftBlock& draft) {
    if (draft.pieces.empty()) return;
    if (!document.blocks.empty()) {
      // The separator maps to the byte just after the previous block's last character.
      text += '\n';
      map.add_collapsed(shift + last_source_end, 1, 0);
    }
    Block& block = document.blocks.emplace_back();  // filled in place (room was made above)
    block.type = draft.type;
    block.span.begin = text.size();
    for (const Piece& piece : draft.pieces) {
      if (piece.verbatim) {
        if (pieces_in_decoded) {
          text.append(decoded.data() + piece.begin, piece.end - piece.begin);
        } else {
          text.append(decoded, piece.begin, piece.end - piece.begin);
        }
        map.add_copy(shift + piece.begin, piece.end - piece.begin);
      } else if (piece.reference_run && add_reference_runs(decoded, piece, shift, map)) {
        text += piece.text;
      } else {
        text += piece.text;
        map.add_collapsed(shift + piece.begin, piece.text.size(), piece.end - piece.begin);
      }
      last_source_end = std::max(last_source_end, piece.end);
    }
    block.span.end = text.size();
    add_block_sources(draft, raw, block.raw_spans);
    block.page = draft.page;
    if (draft.byline && draft.byline->end <= block.span.size())
      block.byline_span = Span{block.span.begin + draft.byline->begin, block.span.begin + draft.byline->end};
    block.flags = draft.flags;
    block.edits = std::move(draft.edits);
    for (Edit& edit : block.edits) {
      edit.span = Span{block.span.begin + edit.span.begin, block.span.begin + edit.span.end};
      edit.raw_span = raw(edit.raw_span);
    }
  });
  if (raw_sources) {
    map.set_end(shift + decoded.size());
    document.offsets = std::move(map);
  } else {
    map.set_end(decoded.size());
    document.offsets = map.then(to_raw);
  }
}

}  // namespace tifa::clean
