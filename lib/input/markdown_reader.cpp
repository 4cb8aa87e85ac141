#include "input/markdown_reader.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TIFA_MARKDOWN_SSE2 1
#else
#define TIFA_MARKDOWN_SSE2 0
#endif

#include "input/markdown_inline.hpp"
#include "input/read_detail.hpp"
#include "input/text_scan.hpp"

namespace tifa::input {

namespace {

// The first '[' or '<' (where a link or an autolink may start) in text[pos, end), or end.
// Paragraphs are long and these bytes rare: 16 bytes are looked at a time.
std::size_t next_link_opener(std::string_view text, std::size_t pos, std::size_t end) {
#if TIFA_MARKDOWN_SSE2
  const __m128i bracket = _mm_set1_epi8('[');
  const __m128i angle = _mm_set1_epi8('<');
  for (; end - pos >= 16; pos += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const auto hits = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(block, bracket), _mm_cmpeq_epi8(block, angle))));
    if (hits != 0) return pos + static_cast<std::size_t>(std::countr_zero(hits));
  }
#endif
  while (pos < end && text[pos] != '[' && text[pos] != '<') ++pos;
  return pos;
}

// Appends text[range] to `block` as pieces, leaving out link syntax and autolink brackets.
void add_inline_pieces(std::string_view text, Span range, RawBlock& block) {
  // Room for 8 pieces at once (512 bytes, a size glibc's per-thread cache holds): grown from
  // one, a block with links grew two or three times; room for 4 or 16 cost more than 8 over the
  // whole pipeline.
  block.pieces.reserve(8);
  std::size_t pos = range.begin;
  std::size_t copied = range.begin;
  auto emit = [&](std::size_t begin, std::size_t end) {
    if (end > begin) block.pieces.push_back(Piece{begin, end, true, {}});
  };
  while ((pos = next_link_opener(text, pos, range.end)) < range.end) {
    char c = text[pos];
    if (c == '[') {
      if (auto link = match_link(text.substr(0, range.end), pos)) {
        emit(copied, link->whole.begin);
        emit(link->text.begin, link->text.end);
        block.links.push_back(*link);
        copied = pos = link->whole.end;
        continue;
      }
    } else if (c == '<') {
      if (auto autolink = match_autolink(text.substr(0, range.end), pos)) {
        emit(copied, autolink->begin);
        if (autolink->size() > 2) emit(autolink->begin + 1, autolink->end - 1);
        copied = pos = autolink->end;
        continue;
      }
    }
    ++pos;
  }
  emit(copied, range.end);
}

// A page marker and the spaces (not newlines) around it.
Span marker_with_spaces(std::string_view text, std::size_t pos, std::size_t size, Span line) {
  Span span{pos, pos + size};
  while (span.begin > line.begin && (text[span.begin - 1] == ' ' || text[span.begin - 1] == '\t'))
    --span.begin;
  while (span.end < line.end && (text[span.end] == ' ' || text[span.end] == '\t')) ++span.end;
  return span;
}

class MarkdownReader {
 public:
  MarkdownReader(RawDocument& doc, const Options& options) : doc_(doc), options_(options) {}
  void run(Span body);

 private:
  void line(Span line);
  void segment(Span range);
  void end_paragraph();
  void page_break(Span marker);

  RawDocument& doc_;
  const Options& options_;
  std::string_view text() const { return doc_.decoded.text; }
  Span paragraph_{0, 0};
  bool in_paragraph_ = false;
  bool seen_title_ = false;
  int page_ = 1;
  bool after_marker_ = false;
  bool any_marker_ = false;
};

void MarkdownReader::run(Span body) {
  // Room for 4 blocks at once (224 bytes each): grown from one by doublings, the blocks of a
  // document of a few paragraphs were moved four or five times; room for 16 was an allocation
  // too large for glibc's per-thread cache, some 3000 instructions a document. Most markdown
  // documents are a few paragraphs; a longer one grows it by doublings.
  doc_.blocks.reserve(doc_.blocks.size() + 4);
  for_each_line(text(), body, [&](Span l) { line(l); });
  end_paragraph();
  if (any_marker_) {
    doc_.pages = page_;
  } else {
    for (RawBlock& block : doc_.blocks) block.page = 0;
  }
}

void MarkdownReader::line(Span l) {
  std::string_view t = text();
  if (is_blank(t, l.begin, l.end)) {
    end_paragraph();
    return;
  }
  // Page markers cut the line; what lies between them is ordinary text.
  std::vector<std::size_t> markers = find_markers(t, l, options_.page_marker);
  std::size_t pos = l.begin;
  for (std::size_t marker : markers) {
    Span cut = marker_with_spaces(t, marker, options_.page_marker.size(), l);
    segment(Span{pos, std::max(pos, cut.begin)});
    page_break(cut);
    pos = cut.end;
  }
  segment(Span{pos, l.end});
}

void MarkdownReader::segment(Span range) {
  std::string_view t = text();
  if (is_blank(t, range.begin, range.end)) return;
  Span trimmed = trim_line(t, range);
  std::string_view s = t.substr(trimmed.begin, trimmed.size());
  std::vector<Link> links;
  bool heading = s.size() > 1 && s[0] == '#' && s.find_first_not_of('#') != std::string_view::npos &&
                 s[s.find_first_not_of('#')] == ' ';
  auto autolink = match_autolink(t.substr(0, trimmed.end), trimmed.begin);
  bool whole_autolink = autolink && autolink->end == trimmed.end;
  if (heading || whole_autolink || is_link_line(t, trimmed, links)) {
    end_paragraph();
    // Made in place: a local moved in cost a move and a destruction of its strings and vectors.
    RawBlock& block = doc_.blocks.emplace_back();
    block.tag.append("#markdown");  // (to the empty string: an assignment is the general replace)
    block.source = trimmed;
    if (heading) {
      std::size_t hashes = s.find_first_not_of('#');
      block.kind = (hashes == 1 && !seen_title_) ? RawKind::kTitleLine : RawKind::kHeading;
      seen_title_ = true;
      block.heading_level = static_cast<int>(hashes);
      add_inline_pieces(t, trim_line(t, Span{trimmed.begin + hashes, trimmed.end}), block);
    } else if (whole_autolink) {
      block.kind = RawKind::kAutolink;
      if (autolink->size() > 2) {
        block.url.assign(t.substr(autolink->begin + 1, autolink->size() - 2));
        block.pieces.push_back(Piece{autolink->begin + 1, autolink->end - 1, true, {}});
      }
    } else {
      block.kind = RawKind::kLinkLine;
      add_inline_pieces(t, trimmed, block);
    }
    block.page = page_;
    block.after_page_marker = std::exchange(after_marker_, false);
    return;
  }
  if (!in_paragraph_) {
    in_paragraph_ = true;
    paragraph_ = range;
  } else {
    paragraph_.end = range.end;
  }
}

void MarkdownReader::end_paragraph() {
  if (!in_paragraph_) return;
  in_paragraph_ = false;
  // Made in place (see segment), and dropped again when it holds no piece.
  RawBlock& block = doc_.blocks.emplace_back();
  Span range = trim_line(text(), paragraph_);
  add_inline_pieces(text(), range, block);
  if (block.pieces.empty()) {
    doc_.blocks.pop_back();
    return;
  }
  block.tag.append("#markdown");
  block.source = range;
  block.page = page_;
  block.after_page_marker = std::exchange(after_marker_, false);
}

void MarkdownReader::page_break(Span marker) {
  end_paragraph();
  doc_.removed.push_back(RawRemoved{"B11", marker});
  ++page_;
  after_marker_ = true;
  any_marker_ = true;
}

bool starts_with_date_label(std::string_view s) {
  return s.rfind("发布时间", 0) == 0 || s.rfind("发布日期", 0) == 0;
}

// spec/cleaning.md §1.1: a page marker, or a "# " title followed within 3 blocks by a date line.
bool is_pdf_layout(const RawDocument& doc) {
  if (doc.pages > 0) return true;
  if (doc.blocks.empty() || doc.blocks.front().kind != RawKind::kTitleLine) return false;
  for (std::size_t i = 1; i < doc.blocks.size() && i <= 3; ++i) {
    if (starts_with_date_label(block_text(doc, doc.blocks[i]))) return true;
  }
  return false;
}

// ---- plain text (R11) ----

// U+3000 (E3 80 80) at text[pos], ending by `end`.
bool is_ideographic_space_at(std::string_view t, std::size_t pos, std::size_t end) {
  return pos + 3 <= end && t[pos] == '\xE3' && t[pos + 1] == '\x80' && t[pos + 2] == '\x80';
}

// Two or more U+3000 after non-space text in mid-line: a lost paragraph break.
std::vector<Span> split_indents(std::string_view t, Span line) {
  std::vector<Span> parts;
  std::size_t start = line.begin;
  std::size_t pos = line.begin;
  bool seen_text = false;
  while (pos < line.end) {
    std::size_t run = pos;
    while (is_ideographic_space_at(t, run, line.end)) run += 3;
    if (run - pos >= 6 && seen_text && run < line.end) {
      parts.push_back(Span{start, pos});
      start = pos;
      seen_text = false;
      pos = run;
      continue;
    }
    if (run > pos) {
      pos = run;
      continue;
    }
    if (whitespace_length_at(t, pos, line.end) == 0) seen_text = true;
    std::size_t len = 1;
    decode_at(t, pos, len);
    pos += len;
  }
  parts.push_back(Span{start, line.end});
  return parts;
}

// R11: a line of at least 60 code points ending in H, A, '，' or '、' wraps onto the next line.
bool is_hard_wrap(std::string_view t, Span line) {
  Span trimmed = trim_line(t, line);
  if (trimmed.size() == 0 || count_code_points(t.substr(trimmed.begin, trimmed.size())) < 60)
    return false;
  std::size_t len = 0;
  char32_t last = decode_before(t, trimmed.begin, trimmed.end, len);
  return is_han(last) || is_ascii_alnum(last) || last == U'，' || last == U'、';
}

}  // namespace

void read_markdown(RawDocument& doc, Span body, const Options& options) {
  MarkdownReader(doc, options).run(body);
  doc.pdf_layout = is_pdf_layout(doc);
  // The front matter's spans first (read.cpp leaves them to this reader), with room for these.
  std::size_t spans = doc.removed.size();
  for (const RawBlock& block : doc.blocks) spans += block.pieces.size();
  add_front_matter_spans(doc, spans);
  for (const RawBlock& block : doc.blocks) {
    for (const Piece& piece : block.pieces) doc.visible.push_back(Span{piece.begin, piece.end});
  }
  for (const RawRemoved& marker : doc.removed) doc.visible.push_back(marker.source);
}

void read_text(RawDocument& doc, Span body, const Options&) {
  std::string_view t = doc.decoded.text;
  doc.visible.push_back(body);
  std::vector<Span> lines;
  for_each_line(t, body, [&](Span line) { lines.push_back(line); });
  bool joining = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Span line = lines[i];
    if (is_blank(t, line.begin, line.end)) {
      joining = false;
      continue;
    }
    std::vector<Span> parts = split_indents(t, line);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      Span part = trim_line(t, parts[p]);
      if (part.size() == 0) continue;
      if (joining && p == 0 && !doc.blocks.empty()) {
        RawBlock& previous = doc.blocks.back();
        previous.pieces.back().end = part.end;  // the newline stays inside for N7
        previous.source.end = part.end;
        previous.flags |= kLineJoin;
        continue;
      }
      RawBlock block;
      block.tag = "#text";
      block.source = part;
      block.pieces.push_back(Piece{part.begin, part.end, true, {}});
      if (p > 0) block.flags |= kIndentSplit;
      doc.blocks.push_back(std::move(block));
    }
    joining = i + 1 < lines.size() && !is_blank(t, lines[i + 1].begin, lines[i + 1].end) &&
              is_hard_wrap(t, parts.back());
  }
}

}  // namespace tifa::input
