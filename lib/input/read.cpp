// The read stage: decode, detect the format, and run the reader of the body (spec/cleaning.md
// §1.2 steps 1-3).
#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <string>

#include "input/detect.hpp"
#include "input/frontmatter.hpp"
#include "input/html_reader.hpp"
#include "input/markdown_reader.hpp"
#include "input/read_detail.hpp"
#include "tifa/error.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {

// The front matter comes before the body: its spans first, so that normalise_spans finds one
// run fewer to merge (the union does not depend on the order). Reserved at once: appended entry
// by entry, the vector grew by doublings.
void add_front_matter_spans(RawDocument& doc, std::size_t body_spans) {
  std::size_t front_matter_spans = 0;
  for (const FrontMatterEntry& entry : doc.front_matter.entries) front_matter_spans += entry.value_spans.size();
  doc.visible.reserve(doc.visible.size() + front_matter_spans + body_spans);
  for (const FrontMatterEntry& entry : doc.front_matter.entries) {
    doc.visible.insert(doc.visible.end(), entry.value_spans.begin(), entry.value_spans.end());
  }
}

namespace {

// The readers append a few runs that are each in begin order already (text runs, comments, block
// pieces), so merging the runs one after the other into the first is linear in practice; more
// runs than that (never seen from the readers) are sorted instead. Which of two spans with the
// same begin comes first does not change the union.
void normalise_runs(std::vector<Span>& spans) {
  std::erase_if(spans, [](const Span& s) { return s.empty(); });
  auto by_begin = [](const Span& a, const Span& b) { return a.begin < b.begin; };
  constexpr std::size_t kMaxRuns = 8;
  std::array<std::size_t, kMaxRuns> run_ends{};
  std::size_t runs = 0;  // counted up to one past kMaxRuns, ends kept for the first kMaxRuns
  for (std::size_t end = 0; end < spans.size() && runs <= kMaxRuns;) {
    ++end;
    while (end < spans.size() && spans[end - 1].begin <= spans[end].begin) ++end;
    if (runs < kMaxRuns) run_ends[runs] = end;
    ++runs;
  }
  if (runs > kMaxRuns) {
    std::sort(spans.begin(), spans.end(), by_begin);
  } else {
    for (std::size_t run = 1; run < runs; ++run) {
      const auto middle = spans.begin() + static_cast<std::ptrdiff_t>(run_ends[run - 1]);
      const auto last = spans.begin() + static_cast<std::ptrdiff_t>(run_ends[run]);
      std::inplace_merge(spans.begin(), middle, last, by_begin);
    }
  }
  std::size_t kept = 0;
  for (const Span& span : spans) {
    if (kept > 0 && span.begin <= spans[kept - 1].end) {
      spans[kept - 1].end = std::max(spans[kept - 1].end, span.end);
    } else {
      spans[kept++] = span;
    }
  }
  spans.resize(kept);
}

}  // namespace

// Most documents' spans are one run in begin order (the front matter's, then the body's): those
// are joined in one pass, the empty ones left out on the way. At the first span that begins
// before the last joined one, the rest goes to normalise_runs with the part joined so far.
// (Joining before that point is sound: every span joined earlier ends before the last one
// begins, so a span that begins at or after it can only touch the last one.)
// The last joined span is held in `last` and stored when the next one starts (a load and a store
// of it per span, through the vector, were most of the loop's work); a span that starts past its
// end, most of them, is told by one comparison.
void normalise_spans(std::vector<Span>& spans) {
  Span* const first = spans.data();
  Span* const end = first + spans.size();
  Span* in = first;
  while (in != end && in->empty()) ++in;
  if (in == end) {
    spans.clear();
    return;
  }
  Span* out = first;  // the spans joined before the last one, which is in `last`
  Span last = *in++;
  for (; in != end; ++in) {
    const Span span = *in;
    if (span.empty()) continue;
    if (span.begin > last.end) {
      *out++ = last;
      last = span;
      continue;
    }
    if (span.begin < last.begin) {
      *out++ = last;
      spans.erase(spans.begin() + (out - first), spans.begin() + (in - first));
      normalise_runs(spans);
      return;
    }
    last.end = std::max(last.end, span.end);
  }
  *out++ = last;
  spans.resize(static_cast<std::size_t>(out - first));
}

}  // namespace tifa::input

namespace tifa {

namespace {

Span to_raw(const DecodedInput& decoded, Span span) {
  return Span{decoded.to_raw.map(span.begin), decoded.to_raw.map(span.end)};
}

void read_front_matter(RawDocument& doc, const input::Layout& layout) {
  if (layout.front_matter_unclosed) {
    doc.warnings.push_back(Warning{"front_matter_unclosed",
                                   "the front matter has no closing '---' line; read as body",
                                   to_raw(doc.decoded, Span{0, 0})});
  }
  if (!layout.has_front_matter) return;
  // The decoded text is valid UTF-8 (DecodedInput): the fast path does not look again.
  doc.front_matter = input::parse_front_matter(doc.decoded.text, layout.yaml, /*valid_utf8=*/true);
  doc.front_matter.present = true;
  doc.front_matter.span = layout.front_matter;
  if (doc.front_matter.yaml_error) {
    doc.warnings.push_back(Warning{"yaml_error",
                                   "the front matter is not valid YAML; it was read line by line",
                                   to_raw(doc.decoded, layout.yaml)});
  }
}

// Joins the blocks past options.max_blocks into the last allowed one, a space between each, so
// that no text is lost (spec/cleaning.md D7; warning block_limit). Images after the cut point
// to the joined block.
void limit_blocks(RawDocument& doc, std::size_t max_blocks) {
  if (max_blocks == 0 || doc.blocks.size() <= max_blocks) return;
  const std::size_t extra = doc.blocks.size() - max_blocks;
  RawBlock& last = doc.blocks[max_blocks - 1];
  const Span first_joined = doc.blocks[max_blocks].source;
  for (std::size_t i = max_blocks; i < doc.blocks.size(); ++i) {
    RawBlock& block = doc.blocks[i];
    if (!last.pieces.empty() && !block.pieces.empty()) {
      const std::size_t at = block.pieces.front().begin;
      last.pieces.push_back(Piece{at, at, false, " "});
    }
    std::move(block.pieces.begin(), block.pieces.end(), std::back_inserter(last.pieces));
    std::move(block.links.begin(), block.links.end(), std::back_inserter(last.links));
    last.source.end = std::max(last.source.end, block.source.end);
    last.all_bold = last.all_bold && block.all_bold;
  }
  doc.blocks.resize(max_blocks);
  for (RawImage& image : doc.images) image.before_block = std::min(image.before_block, max_blocks);
  doc.warnings.push_back(Warning{
      "block_limit",
      std::to_string(extra) + " blocks past max_blocks (" + std::to_string(max_blocks) +
          ") were joined into the last block; their text is kept",
      Span{doc.decoded.to_raw.map(first_joined.begin), doc.decoded.to_raw.map(first_joined.end)}});
}

}  // namespace

RawDocument read(std::string_view bytes, const Input& input, const Options& options) {
  if (bytes.size() > options.max_input_bytes) {
    throw Error(ErrorCode::kLimit, "input of " + std::to_string(bytes.size()) +
                                       " bytes is larger than max_input_bytes (" +
                                       std::to_string(options.max_input_bytes) + ")");
  }
  RawDocument doc;
  std::string_view encoding = input.encoding.empty() ? std::string_view(options.encoding)
                                                     : std::string_view(input.encoding);
  doc.decoded = decode(bytes, encoding);
  doc.warnings = doc.decoded.warnings;
  Format hint = input.format != Format::kAuto ? input.format : options.format;
  input::Layout layout = input::detect_layout(doc.decoded.text, hint, options.page_marker);
  doc.format = layout.format;
  read_front_matter(doc, layout);
  // The HTML and markdown readers add the front matter's spans themselves, once they know how
  // many spans the body adds: reserved here first, the vector was allocated again (or grown).
  if (layout.body_kind == input::BodyKind::kText) input::add_front_matter_spans(doc, 1);
  switch (layout.body_kind) {
    case input::BodyKind::kHtmlPage:
      doc.html_page = true;
      input::read_html(doc, layout.body, options);
      break;
    case input::BodyKind::kHtmlFragment: input::read_html(doc, layout.body, options); break;
    case input::BodyKind::kMarkdown: input::read_markdown(doc, layout.body, options); break;
    case input::BodyKind::kText: input::read_text(doc, layout.body, options); break;
  }
  limit_blocks(doc, options.max_blocks);
  input::normalise_spans(doc.visible);
  return doc;
}

std::string block_text(const RawDocument& doc, const RawBlock& block) {
  std::string out;
  for (const Piece& piece : block.pieces) {
    if (piece.verbatim) out.append(doc.decoded.text, piece.begin, piece.end - piece.begin);
    else out += piece.text;
  }
  return out;
}

}  // namespace tifa
