// The clean stage (spec/cleaning.md §1.2 steps 4-7): boilerplate and metadata rules,
// normalisation and the assembly of the Document. Each step is a function over CleanState, in
// the order below.
#include "tifa/clean.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/assemble.hpp"
#include "clean/boilerplate.hpp"
#include "clean/dates.hpp"
#include "clean/layout.hpp"
#include "clean/meta.hpp"
#include "clean/normalize.hpp"
#include "clean/state.hpp"
#include "clean/title.hpp"

namespace tifa {

namespace {

using clean::CleanState;
using clean::DraftBlock;

BlockType block_type_of(const RawBlock& block) {
  switch (block.kind) {
    case RawKind::kHeading: return BlockType::kHeading;
    case RawKind::kTitleLine: return BlockType::kHeading;
    case RawKind::kCaption: return BlockType::kCaption;
    default: return BlockType::kParagraph;
  }
}

bool is_navigation_line(const CleanState& state, const RawBlock& block) {
  if (block.kind != RawKind::kLinkLine) return false;
  for (const Link& link : block.links) {
    std::string_view text = state.decoded().substr(link.text.begin, link.text.size());
    if (text.rfind("返回", 0) != 0 && text != "首页") return false;
  }
  return true;
}

void drop_raw_block(CleanState& state, const RawBlock& block, const char* rule) {
  if (block.pieces.empty()) {
    state.remove(rule, block.source);
    return;
  }
  for (const Piece& piece : block.pieces) state.remove(rule, Span{piece.begin, piece.end});
}

// Body drafts from the reader's blocks. Whole-page blocks outside the article go (H2); the
// markdown tail gives the URL (B9) and loses its navigation links (B8).
void collect_body(CleanState& state) {
  std::vector<RawBlock>& blocks = state.raw.blocks;
  std::size_t last_text = SIZE_MAX;
  std::size_t first_text = SIZE_MAX;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    RawKind kind = blocks[i].kind;
    if (kind == RawKind::kAutolink || kind == RawKind::kLinkLine || blocks[i].zone == Zone::kOutside) continue;
    if (first_text == SIZE_MAX) first_text = i;
    last_text = i;
  }
  state.blocks.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    RawBlock& block = blocks[i];
    if (block.zone == Zone::kOutside) {
      drop_raw_block(state, block, "H2");
      continue;
    }
    bool trailing = last_text == SIZE_MAX || i > last_text;
    bool leading = first_text == SIZE_MAX || i < first_text;
    if (block.kind == RawKind::kAutolink && trailing) {
      state.remove("B9", block.source);
      if (!block.url.empty() && !state.doc.meta.url) {
        Field url;
        url.value = url.raw = block.url;
        url.rule = "B9";
        url.raw_spans.push_back(state.to_raw(Span{block.pieces.front().begin, block.pieces.front().end}));
        state.doc.meta.url = std::move(url);
      }
      continue;
    }
    if (is_navigation_line(state, block) && (trailing || leading)) {
      state.remove("B8", block.source);
      continue;
    }
    DraftBlock draft;
    draft.type = block_type_of(block);
    draft.pieces = std::move(block.pieces);  // the reader's pieces are not needed again
    draft.flags = block.flags;
    draft.page = block.page;
    draft.raw_index = i;
    state.blocks.push_back(std::move(draft));
  }
}

// Options that take whole kinds of blocks out of the text (spec/cleaning.md §9).
void apply_block_options(CleanState& state) {
  for (DraftBlock& block : state.blocks) {
    if (block.pieces.empty()) continue;
    if (!state.options.captions && block.type == BlockType::kCaption) {
      const char* rule = (block.flags & kCaptionInferred) != 0 ? "R9" : "R5";
      for (const Piece& piece : block.pieces) state.remove(rule, Span{piece.begin, piece.end});
      block.pieces.clear();
    } else if (state.options.tables == TableMode::kDrop && (block.flags & kTableRow) != 0) {
      for (const Piece& piece : block.pieces) state.remove("R8", Span{piece.begin, piece.end});
      block.pieces.clear();
    }
  }
}

// D6: control characters that P5 dropped are reported, one warning per edit, at most 100.
void warn_control_chars(CleanState& state) {
  constexpr std::size_t kMaxWarnings = 100;
  std::size_t count = 0;
  auto visit = [&](const DraftBlock& block) {
    for (const auto& edit : block.edits) {
      // (A string_view comparison is inline, without the strlen and compare call of a const char*:
      // this looks at every edit of every block.)
      if (std::string_view(edit.rule) != "P5" || !clean::removes_control_char(edit)) continue;
      if (++count <= kMaxWarnings)
        state.warn("control_char", "a control character was removed (P5)", state.to_raw(edit.raw_span));
    }
  };
  if (state.title) visit(*state.title);
  for (const DraftBlock& block : state.blocks) visit(block);
  if (count > kMaxWarnings)
    state.warn("control_char", std::to_string(count) + " control characters were removed in all");
}

void normalize(CleanState& state) {
  clean::NormalizeContext context{&state.options, state.raw.pdf_layout};
  std::string_view decoded = state.decoded();
  clean::BlockNormalizer normalizer;  // one set of working buffers for the title and the body
  if (state.title) {
    normalizer.normalize(decoded, *state.title, context);
    // N9 repairs the wrapped "# " title of a PDF; titles from metadata keep their spaces.
    if (state.raw.pdf_layout && state.title->raw_index != SIZE_MAX) {
      state.title->flags |= clean::repair_title_wraps(decoded, *state.title, state.options.title_wrap_repair);
    }
  }
  for (DraftBlock& block : state.blocks) {
    if (block.pieces.empty()) continue;
    // N2 collapses the newlines of HTML source; N7 joins the wrapped lines of markdown and text.
    const RawBlock* raw = state.raw_block(block);
    context.html_newlines = raw != nullptr && !raw->tag.empty() && raw->tag[0] != '#';
    normalizer.normalize(decoded, block, context);
  }
  warn_control_chars(state);
}

// Fills a removed record (built in place in the document's list): rule (moved in), label, raw span
// and the decoded text (shortened beyond 1 KB).
void fill_removed(const CleanState& state, std::string& rule, Span source, bool label, Removed& removed) {
  constexpr std::size_t kMaxText = 1024;
  removed.rule = std::move(rule);
  removed.label = label;
  removed.raw_span = state.to_raw(source);
  std::string_view text = state.decoded().substr(source.begin, source.size());
  if (text.size() > kMaxText) {
    std::size_t cut = kMaxText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
    removed.truncated = true;
  }
  removed.text.assign(text);
}

// The removed records: the clean stage's removals, then the reader's (those of an empty range
// dropped, as CleanState::remove drops them), in source order, equal starts in that list order.
// The reader's are read where they are rather than moved into the clean stage's list first (a
// move of each rule string). (Their rules are moved: this is the last step that looks at the raw
// document.)
void finish_removed(CleanState& state) {
  std::vector<clean::PendingRemoval>& ours = state.removals;
  std::vector<RawRemoved>& reader = state.raw.removed;
  const std::size_t count = ours.size() + reader.size();
  // Entry k is ours[k] for k below ours.size(), else reader[k - ours.size()].
  const auto source_of = [&](std::size_t k) {
    return k < ours.size() ? ours[k].source : reader[k - ours.size()].source;
  };
  const auto fill = [&](std::size_t k) {
    Removed& removed = state.doc.removed.emplace_back();
    if (k < ours.size()) {
      fill_removed(state, ours[k].rule, ours[k].source, ours[k].label, removed);
    } else {
      RawRemoved& raw = reader[k - ours.size()];
      fill_removed(state, raw.rule, raw.source, false, removed);
    }
  };
  state.doc.removed.reserve(state.doc.removed.size() + count);
  bool in_order = true;
  std::size_t last_begin = 0;
  for (std::size_t k = 0; k < count && in_order; ++k) {
    const Span source = source_of(k);
    if (source.empty()) continue;  // (only the reader's can be empty)
    in_order = source.begin >= last_begin;
    last_begin = source.begin;
  }
  if (in_order) {
    for (std::size_t k = 0; k < count; ++k)
      if (!source_of(k).empty()) fill(k);
    return;
  }
  // In source order, equal starts in list order (as a stable sort would leave them): sorting
  // (start, index) pairs rather than the records saves moving their strings. The pairs of most
  // documents fit on the stack, without an allocation.
  using Entry = std::pair<std::size_t, std::size_t>;
  constexpr std::size_t kOnStack = 32;
  std::array<Entry, kOnStack> stack_order;
  std::vector<Entry> heap_order;
  if (count > kOnStack) heap_order.resize(count);
  Entry* const order = count > kOnStack ? heap_order.data() : stack_order.data();
  std::size_t entries = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const Span source = source_of(k);
    if (!source.empty()) order[entries++] = Entry{source.begin, k};
  }
  std::sort(order, order + entries);
  for (std::size_t i = 0; i < entries; ++i) fill(order[i].second);
}

void assemble(CleanState& state) {
  DraftBlock* title = state.title ? &*state.title : nullptr;
  clean::assemble(state.decoded(), state.raw.decoded.to_raw, title, state.blocks, state.doc);
  // Keep the title string of meta equal to the title block.
  if (state.doc.meta.title && title != nullptr && !state.doc.blocks.empty() &&
      state.doc.blocks.front().type == BlockType::kTitle) {
    const Block& title_block = state.doc.blocks.front();
    state.doc.meta.title->value.assign(state.doc.text, title_block.span.begin, title_block.span.size());
  }
  // Images point at document blocks: map draft indices through the blocks that survived.
  std::vector<std::size_t> block_of_raw(state.raw.blocks.size() + 1, SIZE_MAX);
  std::size_t next = 0;
  const auto number = [&](const DraftBlock& draft) {
    if (draft.pieces.empty()) return;
    if (draft.raw_index < block_of_raw.size() && block_of_raw[draft.raw_index] == SIZE_MAX)
      block_of_raw[draft.raw_index] = next;
    ++next;
  };
  if (title != nullptr) number(*title);
  for (const DraftBlock& draft : state.blocks) number(draft);
  clean::collect_images(state, block_of_raw, next);
}

}  // namespace

Document clean_document(RawDocument raw, const Input& input, const Options& options) {
  Document document;
  CleanState state(raw, input, options, document);
  clean::start_meta(state);
  collect_body(state);
  clean::choose_title(state);
  clean::classify_blocks(state);
  clean::apply_line_rules(state);
  clean::copy_meta_from_comments(state);
  clean::drop_repeats(state);
  clean::take_image_captions(state);
  apply_block_options(state);
  clean::join_pages(state);
  clean::finish_meta(state);
  normalize(state);
  assemble(state);
  finish_removed(state);
  return document;
}

}  // namespace tifa
