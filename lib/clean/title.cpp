#include "clean/title.hpp"

#include <algorithm>
#include <array>

#include "clean/lines.hpp"
#include "clean/unicode.hpp"
#include "util/utf8.hpp"

namespace tifa::clean {

using util::code_point_at;
using util::code_point_before;
using util::is_blank_text;
using util::is_han;

namespace {

constexpr std::size_t kNoBlock = SIZE_MAX;

bool is_hexo_or_jekyll(Format format) { return format == Format::kHexo || format == Format::kJekyll; }

// A line that a B rule would take (source, editor, credit, date line): never a title.
bool is_rule_line(std::string_view text) {
  return match_editor_line(text) || match_source_line(text) || match_credit_line(text) ||
         match_date_line(text) || match_original_title(text) || match_print_edition(text);
}

bool has_underscore_between_han(std::string_view text) {
  for (std::size_t pos = text.find('_'); pos != std::string_view::npos; pos = text.find('_', pos + 1)) {
    if (pos == 0 || pos + 1 >= text.size()) continue;
    if (is_han(code_point_before(text, pos)) && is_han(code_point_at(text, pos + 1))) return true;
  }
  return false;
}

Field title_field(const CleanState& state, std::string value, Span source, const char* rule,
                  std::uint32_t flags) {
  Field field;
  field.raw = value;
  field.value = std::move(value);
  field.rule = rule;
  field.flags = flags | kFieldCopy;  // the characters' primary home is the title block
  if (!source.empty()) field.raw_spans.push_back(state.to_raw(source));
  return field;
}

DraftBlock title_block(std::vector<Piece> pieces) {
  DraftBlock block;
  block.type = BlockType::kTitle;
  block.pieces = std::move(pieces);
  return block;
}

void take_front_matter_title(CleanState& state, const FrontMatterEntry& entry) {
  if (entry.values.empty() || entry.value_spans.empty()) return;
  Span span = entry.value_spans.front();
  const std::string& value = entry.values.front();
  if (value.empty() || is_blank_text(value)) return;
  bool verbatim = state.decoded().substr(span.begin, span.size()) == value;
  state.title = title_block({Piece{span.begin, span.end, verbatim, verbatim ? std::string() : value}});
  std::uint32_t flags = has_underscore_between_han(value) ? std::uint32_t{kTitleUnderscore} : 0u;
  state.title->flags |= flags;
  state.doc.meta.title = title_field(state, value, span, "M1", 0);
}

// Takes body block `index` as the title.
void take_block_title(CleanState& state, std::size_t index) {
  DraftBlock block = std::move(state.blocks[index]);
  state.blocks.erase(state.blocks.begin() + static_cast<std::ptrdiff_t>(index));
  block.type = BlockType::kTitle;
  std::string text = state.text_of(block);
  Span source{block.pieces.front().begin, block.pieces.back().end};
  state.doc.meta.title = title_field(state, text, source, "M1", 0);
  state.title = std::move(block);
}

// N9(a): a short line right after a PDF "# " title is the end of the wrapped title.
void merge_wrapped_title_line(CleanState& state) {
  if (!state.title || state.blocks.empty()) return;
  const DraftBlock& next = state.blocks.front();
  std::string text = state.text_of(next);
  if (code_points(text) > 8 || text.find_first_of("\n") != std::string::npos) return;
  for (std::string_view mark : {"。", "，", "、", "；", "：", "！", "？"}) {
    if (text.find(mark) != std::string::npos) return;
  }
  if (is_rule_line(text)) return;
  DraftBlock& title = *state.title;
  title.title_seam = state.text_of(title).size();
  title.pieces.insert(title.pieces.end(), next.pieces.begin(), next.pieces.end());
  title.flags |= kTitleWrapMerged;
  state.blocks.erase(state.blocks.begin());
  state.doc.meta.title->value = state.text_of(title);
  state.doc.meta.title->raw = state.doc.meta.title->value;
}

std::size_t find_markdown_title(const CleanState& state) {
  if (state.blocks.empty()) return kNoBlock;
  const RawBlock* raw = state.raw_block(state.blocks.front());
  return raw != nullptr && raw->kind == RawKind::kTitleLine ? 0 : kNoBlock;
}

bool has_warning(const CleanState& state, std::string_view code) {
  return std::any_of(state.doc.warnings.begin(), state.doc.warnings.end(),
                     [&](const Warning& w) { return w.code == code; });
}

// The <h1> that starts the article. Only when main-content extraction found the article (H1-H4)
// has everything before the headline gone; otherwise an <h1> is the title only when it is the
// first block, so that the title never moves ahead of text that precedes it (I3).
std::size_t find_html_headline(const CleanState& state) {
  bool extracted = state.raw.html_page && !has_warning(state, "no_main_content");
  for (std::size_t i = 0; i < state.blocks.size(); ++i) {
    const RawBlock* raw = state.raw_block(state.blocks[i]);
    if (raw == nullptr || raw->tag != "h1") continue;
    if (extracted && (raw->zone == Zone::kHeader || raw->zone == Zone::kContainer)) return i;
    if (i == 0) return i;
  }
  return kNoBlock;
}

const HeadMeta* head_meta(const CleanState& state, std::string_view name) {
  for (const HeadMeta& meta : state.raw.head) {
    if (meta.name == name && !meta.value.empty()) return &meta;
  }
  return nullptr;
}

// og:title is truncated when it is a strict prefix of the <title> head (broken quoting).
bool is_truncated(std::string_view og_title, std::string_view page_title) {
  return og_title.size() < page_title.size() && page_title.substr(0, og_title.size()) == og_title;
}

void take_head_title(CleanState& state) {
  const HeadMeta* page_title = head_meta(state, "title");
  const HeadMeta* og_title = head_meta(state, "og:title");
  if (og_title != nullptr && !(page_title != nullptr && is_truncated(og_title->value, page_title->value))) {
    Span source = og_title->source;
    state.title = title_block({Piece{source.begin, source.end, false, og_title->value}});
    state.doc.meta.title = title_field(state, og_title->value, source, "H5", 0);
    return;
  }
  if (page_title == nullptr) return;
  std::size_t length = title_without_site_suffix(page_title->value);
  std::string_view value = std::string_view(page_title->value).substr(0, length);
  Span source = page_title->source;
  bool verbatim = state.decoded().substr(source.begin, source.size()) == page_title->value;
  Span used = verbatim ? Span{source.begin, source.begin + length} : source;
  if (verbatim) {
    state.title = title_block({Piece{used.begin, used.end, true, {}}});
  } else {
    state.title = title_block({Piece{used.begin, used.end, false, std::string(value)}});
  }
  state.doc.meta.title = title_field(state, std::string(value), used, "H5", 0);
  // The reader recorded the whole <title> text as removed (H5); the title part now lives in the
  // title block, only the site suffix stays removed.
  for (RawRemoved& removed : state.raw.removed) {
    if (removed.rule == "H5" && removed.source.begin == source.begin) removed.source.begin = used.end;
  }
}

// M1 for text: the first line, when short, unpunctuated at the end, not a rule line, and
// followed directly by another line.
std::size_t find_text_title(const CleanState& state) {
  if (state.blocks.size() < 2) return kNoBlock;
  const DraftBlock& first = state.blocks.front();
  const RawBlock* raw = state.raw_block(first);
  if (raw == nullptr || (raw->flags & kLineJoin) != 0) return kNoBlock;
  std::string text = state.text_of(first);
  if (code_points(text) > 40 || is_rule_line(text)) return kNoBlock;
  for (std::string_view end : {"。", "！", "？", "…"}) {
    if (text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0)
      return kNoBlock;
  }
  // "Followed by a non-blank line": no blank line between the first two lines.
  const RawBlock* second = state.raw_block(state.blocks[1]);
  if (second == nullptr) return kNoBlock;
  std::string_view between = state.decoded().substr(raw->source.end, second->source.begin - raw->source.end);
  std::size_t newlines = static_cast<std::size_t>(std::count(between.begin(), between.end(), '\n'));
  return newlines <= 1 ? 0 : kNoBlock;
}

}  // namespace

std::size_t title_without_site_suffix(std::string_view title) {
  static constexpr std::array<std::string_view, 7> kSeparators = {" - ", "--", "__", "-", "_", "|", "｜"};
  static constexpr std::array<std::string_view, 9> kSiteWords = {
      "网", "网站", "官网", "频道", "报", "新闻", ".com", ".cn", "The Paper"};
  for (std::size_t pos = 0; pos < title.size(); ++pos) {
    for (std::string_view separator : kSeparators) {
      if (title.compare(pos, separator.size(), separator) != 0 || pos == 0) continue;
      std::string_view rest = title.substr(pos + separator.size());
      if (code_points(rest) > 30) continue;
      for (std::string_view word : kSiteWords) {
        if (rest.find(word) != std::string_view::npos) return pos;
      }
    }
  }
  return title.size();
}

// M1: a caller title beats every source in the document; its characters come from no input
// byte, so the block is made of one replacement piece at offset 0.
bool take_caller_title(CleanState& state) {
  const std::string& hint = state.input.title;
  if (hint.empty() || is_blank_text(hint)) return false;
  state.title = title_block({Piece{0, 0, false, hint}});
  Field field;
  field.value = field.raw = hint;
  field.rule = "hint";
  field.flags = kFieldCopy;
  state.doc.meta.title = std::move(field);
  return true;
}

void choose_title(CleanState& state) {
  if (take_caller_title(state)) return;
  const Format format = state.raw.format;
  const FrontMatterEntry* front_matter_title = state.raw.front_matter.find("title");
  if (is_hexo_or_jekyll(format) && front_matter_title != nullptr) {
    take_front_matter_title(state, *front_matter_title);
  } else if (format == Format::kMarkdown || (is_hexo_or_jekyll(format) && find_markdown_title(state) != kNoBlock)) {
    if (std::size_t index = find_markdown_title(state); index != kNoBlock) {
      take_block_title(state, index);
      if (state.raw.pdf_layout) merge_wrapped_title_line(state);
    }
  } else if (format == Format::kHtml) {
    if (std::size_t index = find_html_headline(state); index != kNoBlock) {
      take_block_title(state, index);
    } else {
      take_head_title(state);
    }
  } else if (format == Format::kText) {
    if (std::size_t index = find_text_title(state); index != kNoBlock) take_block_title(state, index);
  }
  if (!state.title) state.warn("no_title", "no title was found");
}

}  // namespace tifa::clean
