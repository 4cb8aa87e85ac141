// Assembly of the document from draft blocks (spec/cleaning.md §6): lib/clean/assemble.cpp. The
// cases hold its shortcuts against the general paths: block sources merged as read when pieces
// and edits are in source order (sorted otherwise), and the offset map built with raw sources at
// once when the input decodes to itself shifted (composed with OffsetMap::then otherwise).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "clean/assemble.hpp"
#include "tifa/document.hpp"
#include "tifa/offset_map.hpp"

namespace {

using tifa::Document;
using tifa::Edit;
using tifa::OffsetMap;
using tifa::Piece;
using tifa::Span;
using tifa::clean::DraftBlock;

Piece verbatim(std::size_t begin, std::size_t end) { return Piece{begin, end, true, {}}; }

// A deletion edit of the decoded range `source` (its text span is not looked at by the sources).
Edit deletion(Span source) {
  Edit edit;
  edit.rule = "N1";
  edit.raw_span = source;
  return edit;
}

DraftBlock draft(std::vector<Piece> pieces, std::vector<Edit> edits = {}) {
  DraftBlock block;
  block.pieces = std::move(pieces);
  block.edits = std::move(edits);
  return block;
}

Document assembled(std::string_view decoded, const OffsetMap& to_raw, std::vector<DraftBlock> blocks) {
  Document document;
  tifa::clean::assemble(decoded, to_raw, nullptr, blocks, document);
  return document;
}

// `to_raw` for input that is the decoded text after a `shift`-byte prefix (a BOM).
OffsetMap shifted_by(std::size_t shift, std::size_t size) {
  OffsetMap map;
  map.add_copy(shift, size);
  map.set_end(shift + size);
  return map;
}

void check_same_map(const OffsetMap& a, const OffsetMap& b) {
  REQUIRE(a.runs().size() == b.runs().size());
  for (std::size_t i = 0; i < a.runs().size(); ++i) {
    const OffsetMap::Run& x = a.runs()[i];
    const OffsetMap::Run& y = b.runs()[i];
    CHECK(x.target == y.target);
    CHECK(x.source == y.source);
    CHECK(x.length == y.length);
    CHECK(x.source_length == y.source_length);
    CHECK(x.kind == y.kind);
    CHECK(x.target_unit == y.target_unit);
    CHECK(x.source_unit == y.source_unit);
  }
  CHECK(a.target_size() == b.target_size());
  CHECK(a.source_end() == b.source_end());
}

}  // namespace

TEST_CASE("assemble: block sources are the merged union of piece and edit ranges, in source order or not") {
  const std::string decoded = "0123456789abcdefghij";
  const OffsetMap identity = OffsetMap::identity(decoded.size());
  const std::vector<Span> expected{{0, 4}, {10, 12}, {14, 16}};
  // In source order: a deletion before the pieces, touching pieces, a deletion after them.
  const Document in_order = assembled(
      decoded, identity,
      {draft({verbatim(1, 2), verbatim(2, 4), verbatim(10, 12)}, {deletion({0, 1}), deletion({14, 16})})});
  // The same ranges out of order, with an empty piece (a cell TAB) and an empty edit source.
  Piece tab{7, 7, false, "\t"};
  const Document shuffled = assembled(
      decoded, identity,
      {draft({verbatim(10, 12), tab, verbatim(2, 4), verbatim(1, 2)}, {deletion({14, 16}), deletion({5, 5}), deletion({0, 1})})});
  REQUIRE(in_order.blocks.size() == 1);
  REQUIRE(shuffled.blocks.size() == 1);
  CHECK(in_order.blocks[0].raw_spans == expected);
  CHECK(shuffled.blocks[0].raw_spans == expected);
  // Overlapping ranges merge too, an edit inside a piece's range among them.
  const Document overlapping =
      assembled(decoded, identity, {draft({verbatim(3, 9)}, {deletion({0, 4}), deletion({5, 6}), deletion({8, 12})})});
  CHECK(overlapping.blocks[0].raw_spans == std::vector<Span>{{0, 12}});
}

TEST_CASE("assemble: with input that decodes to itself shifted, the map is what then() composes") {
  // Verbatim pieces, a replacement, a reference run ("&amp;&lt;" -> "&<") and a separator.
  const std::string decoded = "ab&amp;&lt;cd&quot;ef";
  std::vector<DraftBlock> blocks{draft({verbatim(0, 2), Piece{2, 11, false, "&<", true}, verbatim(11, 13)}),
                                 draft({Piece{13, 19, false, "\"", false}, verbatim(19, 21)})};
  const Document plain = assembled(decoded, OffsetMap::identity(decoded.size()), blocks);
  CHECK(plain.text == "ab&<cd\n\"ef");
  for (std::size_t shift : {std::size_t{0}, std::size_t{3}}) {
    CAPTURE(shift);
    const OffsetMap to_raw = shifted_by(shift, decoded.size());
    const Document document = assembled(decoded, to_raw, blocks);
    CHECK(document.text == plain.text);
    check_same_map(document.offsets, plain.offsets.then(to_raw));
    CHECK(document.raw_offset(2) == shift + 2);  // '&' from "&amp;"
    CHECK(document.raw_offset(3) == shift + 7);  // '<' from "&lt;"
    CHECK(document.raw_offset(document.text.size()) == shift + decoded.size());
  }
}

TEST_CASE("pieces_text: pieces of every length from 0 to 40 bytes, verbatim or not, copy exactly") {
  // Short pieces are copied with overlapping fixed-size moves, long ones by memcpy: every length
  // and its neighbours must give the plain concatenation.
  std::string decoded;
  for (int i = 0; i < 200; ++i) decoded += static_cast<char>('A' + i % 26);
  for (std::size_t length = 0; length <= 40; ++length) {
    CAPTURE(length);
    std::vector<Piece> pieces;
    std::string expected;
    std::size_t at = 3;
    for (std::size_t k = 0; k < 3; ++k) {
      pieces.push_back(verbatim(at, at + length));
      expected += decoded.substr(at, length);
      at += length + 1;  // a gap: the pieces are not one stretch
      const std::string text(length + k, static_cast<char>('a' + k));
      pieces.push_back(Piece{at, at + 1, false, text});
      expected += text;
      at += 1;
    }
    CHECK(tifa::clean::pieces_text(decoded, pieces) == expected);
    std::string scratch;
    CHECK(tifa::clean::pieces_view(decoded, pieces, scratch) == expected);
  }
}
