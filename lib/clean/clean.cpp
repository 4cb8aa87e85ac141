// The clean stage (spec/cleaning.md §1.2 steps 4-7): metadata, boilerplate rules, normalisation
// and assembly of the Document.
#include "tifa/clean.hpp"

#include <algorithm>

#include "clean/assemble.hpp"
#include "clean/dates.hpp"
#include "clean/unicode.hpp"

namespace tifa {

namespace {

using clean::DraftBlock;

Span raw_span(const RawDocument& raw, Span decoded) {
  return Span{raw.decoded.to_raw.map(decoded.begin), raw.decoded.to_raw.map(decoded.end)};
}

std::string_view decoded_slice(const RawDocument& raw, Span span) {
  return std::string_view(raw.decoded.text).substr(span.begin, span.size());
}

// A removed record: rule, raw span and the decoded text (shortened beyond 1 KB).
Removed make_removed(const RawDocument& raw, const std::string& rule, Span source) {
  constexpr std::size_t kMaxText = 1024;
  Removed removed;
  removed.rule = rule;
  removed.raw_span = raw_span(raw, source);
  std::string_view text = decoded_slice(raw, source);
  if (text.size() > kMaxText) {
    std::size_t cut = kMaxText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
    removed.truncated = true;
  }
  removed.text.assign(text);
  return removed;
}

// ---- metadata from the front matter (R1, M1, M4, M8) ----

Field front_matter_field(const RawDocument& raw, const FrontMatterEntry& entry) {
  Field field;
  field.value = entry.values.empty() ? std::string() : entry.values.front();
  field.rule = "R1";
  for (Span span : entry.value_spans) {
    field.raw_spans.push_back(raw_span(raw, span));
    if (field.raw.empty()) field.raw.assign(decoded_slice(raw, span));
  }
  return field;
}

// M2: a date from the caller or the front matter; a string that does not parse keeps its raw
// form (iso stays empty, serialised as null) and adds a warning.
DateField read_date(const RawDocument& raw, std::string_view value, const std::vector<Span>& spans,
                    const std::string& rule, const Options& options,
                    std::vector<Warning>& warnings) {
  clean::DateParse parse = clean::parse_date_detailed(value, options.assume_offset);
  DateField date = parse.date ? *parse.date : DateField{};
  date.raw.assign(value);
  date.rule = rule;
  for (Span span : spans) date.raw_spans.push_back(raw_span(raw, span));
  if (std::string_view code = parse.warning_code(); !code.empty()) {
    Span where = date.raw_spans.empty() ? Span{} : date.raw_spans.front();
    warnings.push_back(Warning{std::string(code), parse.message, where});
  }
  return date;
}

void read_front_matter_meta(const RawDocument& raw, const Options& options, Meta& meta,
                            std::vector<Warning>& warnings) {
  for (const FrontMatterEntry& entry : raw.front_matter.entries) {
    if (entry.key == "date" && !meta.published_at && !entry.values.empty()) {
      meta.published_at = read_date(raw, entry.values.front(), entry.value_spans, "R1", options,
                                    warnings);
      continue;
    }
    const std::string& key = entry.key;
    if (key == "title" && !meta.title) {
      meta.title = front_matter_field(raw, entry);
    } else if (key == "author" && raw.format == Format::kHexo && !meta.publisher) {
      meta.publisher = front_matter_field(raw, entry);  // M4: the aggregator, not a person
    } else if (key == "categories") {
      meta.categories.insert(meta.categories.end(), entry.values.begin(), entry.values.end());
    } else if (key == "tags") {
      meta.tags.insert(meta.tags.end(), entry.values.begin(), entry.values.end());
    } else {
      ExtraValue extra;
      extra.key = key;
      extra.is_list = entry.is_list;
      extra.items = entry.values;
      for (Span span : entry.value_spans) extra.raw_spans.push_back(raw_span(raw, span));
      meta.extra.push_back(std::move(extra));
    }
  }
}

// ---- the title (M1) ----

// The title block made from a front-matter value: its characters come from the scalar.
DraftBlock title_from_front_matter(const RawDocument& raw, const FrontMatterEntry& entry) {
  DraftBlock title;
  title.type = BlockType::kTitle;
  if (entry.value_spans.empty() || entry.values.empty()) return title;
  Span span = entry.value_spans.front();
  const std::string& value = entry.values.front();
  bool verbatim = decoded_slice(raw, span) == value;
  title.pieces.push_back(Piece{span.begin, span.end, verbatim, verbatim ? std::string() : value});
  return title;
}

// ---- body blocks ----

BlockType block_type_of(const RawBlock& block) {
  switch (block.kind) {
    case RawKind::kHeading: return BlockType::kHeading;
    case RawKind::kTitleLine: return BlockType::kHeading;
    case RawKind::kCaption: return BlockType::kCaption;
    default: return BlockType::kParagraph;
  }
}

bool is_navigation_line(const RawDocument& raw, const RawBlock& block) {
  if (block.kind != RawKind::kLinkLine) return false;
  for (const Link& link : block.links) {
    std::string_view text = decoded_slice(raw, link.text);
    if (text.rfind("返回", 0) != 0 && text != "首页") return false;
  }
  return true;
}

class Cleaner {
 public:
  Cleaner(RawDocument& raw, const Input& input, const Options& options)
      : raw_(raw), input_(input), options_(options) {}
  Document run();

 private:
  void choose_title();
  void collect_body();
  void place_images();
  void copy_removed();

  RawDocument& raw_;
  const Input& input_;
  const Options& options_;
  Document doc_;
  std::vector<DraftBlock> drafts_;
  std::vector<std::size_t> doc_block_of_raw_;  // raw block index -> drafts_ index (or SIZE_MAX)
  std::size_t title_raw_index_ = SIZE_MAX;
};

Document Cleaner::run() {
  doc_.source.id = input_.id;
  doc_.source.path = input_.path;
  doc_.source.format = raw_.format;
  doc_.source.encoding = raw_.decoded.encoding;
  doc_.source.bytes = raw_.decoded.to_raw.source_end();
  doc_.source.replacement_chars = raw_.decoded.replacement_chars;
  doc_.source.pdf_layout = raw_.pdf_layout;
  doc_.source.html_page = raw_.html_page;
  doc_.warnings = raw_.warnings;
  if (!input_.date.empty()) {
    doc_.meta.published_at = read_date(raw_, input_.date, {}, "hint", options_, doc_.warnings);
  }
  read_front_matter_meta(raw_, options_, doc_.meta, doc_.warnings);
  choose_title();
  collect_body();
  for (DraftBlock& draft : drafts_) clean::strip_block(raw_.decoded.text, draft);
  clean::assemble(raw_.decoded.text, raw_.decoded.to_raw, drafts_, doc_);
  place_images();
  copy_removed();
  if (doc_.meta.title && !doc_.blocks.empty() && doc_.blocks.front().type == BlockType::kTitle) {
    doc_.meta.title->value.assign(doc_.text, doc_.blocks.front().span.begin,
                                  doc_.blocks.front().span.size());
  }
  if (!raw_.decoded.text.empty() && doc_.blocks.empty())
    doc_.warnings.push_back(Warning{"no_text", "the input has no text block", {}});
  return std::move(doc_);
}

void Cleaner::choose_title() {
  if (const FrontMatterEntry* title = raw_.front_matter.find("title");
      title != nullptr && (raw_.format == Format::kHexo || raw_.format == Format::kJekyll)) {
    drafts_.push_back(title_from_front_matter(raw_, *title));
    return;
  }
  // markdown: the first "# " line; html: the first h1.
  for (std::size_t i = 0; i < raw_.blocks.size(); ++i) {
    const RawBlock& block = raw_.blocks[i];
    bool candidate = block.kind == RawKind::kTitleLine ||
                     (block.kind == RawKind::kHeading && block.tag == "h1");
    if (!candidate) continue;
    DraftBlock title;
    title.type = BlockType::kTitle;
    title.pieces = block.pieces;
    title.page = block.page;
    title.raw_index = i;
    title_raw_index_ = i;
    Field field;
    field.rule = "M1";
    field.raw = block_text(raw_, block);
    field.value = field.raw;
    field.raw_spans.push_back(raw_span(raw_, block.source));
    field.flags = kFieldCopy;
    doc_.meta.title = field;
    drafts_.push_back(std::move(title));
    return;
  }
  doc_.warnings.push_back(Warning{"no_title", "no title was found", {}});
}

void Cleaner::collect_body() {
  // B9: autolink lines after the last body paragraph give the URL; B8: navigation lines go.
  std::size_t last_text = SIZE_MAX;
  for (std::size_t i = 0; i < raw_.blocks.size(); ++i) {
    RawKind kind = raw_.blocks[i].kind;
    if (kind != RawKind::kAutolink && kind != RawKind::kLinkLine) last_text = i;
  }
  doc_block_of_raw_.assign(raw_.blocks.size(), SIZE_MAX);
  for (std::size_t i = 0; i < raw_.blocks.size(); ++i) {
    const RawBlock& block = raw_.blocks[i];
    if (i == title_raw_index_) continue;
    if (raw_.html_page && title_raw_index_ != SIZE_MAX && i < title_raw_index_) {
      // H2: on a whole page, what comes before the headline is navigation and page header.
      raw_.removed.push_back(RawRemoved{"H2", block.source});
      continue;
    }
    bool trailing = last_text == SIZE_MAX || i > last_text;
    if (block.kind == RawKind::kAutolink && trailing) {
      raw_.removed.push_back(RawRemoved{"B9", block.source});
      if (!block.url.empty() && !doc_.meta.url) {
        Field url;
        url.value = block.url;
        url.raw = block.url;
        url.rule = "B9";
        url.raw_spans.push_back(raw_span(raw_, block.pieces.front().begin == block.pieces.front().end
                                                   ? block.source
                                                   : Span{block.pieces.front().begin,
                                                          block.pieces.front().end}));
        doc_.meta.url = url;
      }
      continue;
    }
    if (is_navigation_line(raw_, block) && (trailing || i < 2)) {
      raw_.removed.push_back(RawRemoved{"B8", block.source});
      continue;
    }
    DraftBlock draft;
    draft.type = block_type_of(block);
    draft.pieces = block.pieces;
    draft.flags = block.flags;
    draft.page = block.page;
    draft.raw_index = i;
    doc_block_of_raw_[i] = drafts_.size();
    drafts_.push_back(std::move(draft));
  }
}

void Cleaner::place_images() {
  if (!options_.images) return;
  // Draft indices shift when empty drafts are skipped by assembly: map through non-empty ones.
  std::vector<std::size_t> block_of_draft(drafts_.size() + 1, 0);
  std::size_t next = 0;
  for (std::size_t d = 0; d < drafts_.size(); ++d) {
    block_of_draft[d] = next;
    if (!drafts_[d].pieces.empty()) ++next;
  }
  block_of_draft[drafts_.size()] = next;
  for (const RawImage& image : raw_.images) {
    if (image.boilerplate) continue;
    Image out;
    out.src = image.src;
    if (image.has_alt) out.alt = image.alt;
    if (!image.caption.empty()) out.caption = image.caption;
    out.raw_span = raw_span(raw_, image.source);
    std::size_t draft = drafts_.size();
    for (std::size_t r = image.before_block; r < doc_block_of_raw_.size(); ++r) {
      if (doc_block_of_raw_[r] != SIZE_MAX) {
        draft = doc_block_of_raw_[r];
        break;
      }
    }
    out.before_block = block_of_draft[draft];
    doc_.images.push_back(std::move(out));
  }
}

void Cleaner::copy_removed() {
  std::sort(raw_.removed.begin(), raw_.removed.end(),
            [](const RawRemoved& a, const RawRemoved& b) { return a.source.begin < b.source.begin; });
  for (const RawRemoved& removed : raw_.removed) {
    doc_.removed.push_back(make_removed(raw_, removed.rule, removed.source));
  }
}

}  // namespace

Document clean_document(RawDocument raw, const Input& input, const Options& options) {
  return Cleaner(raw, input, options).run();
}

}  // namespace tifa
