#include "clean/layout.hpp"

#include <algorithm>
#include <map>

#include "clean/lines.hpp"
#include "clean/pieces.hpp"
#include "clean/unicode.hpp"
#include "util/utf8.hpp"

namespace tifa::clean {

namespace {

// The most bytes `code_points` UTF-8 characters can take: a cheap bound that lets long blocks be
// turned away without building their text.
constexpr std::size_t kMaxBytesOf(std::size_t code_points) { return 4 * code_points; }

// The last bytes are compared first: most texts end in none of the marks, and most marks then
// differ in their last byte, without a call to compare the rest.
bool ends_with_any(std::string_view text, std::initializer_list<std::string_view> marks) {
  for (std::string_view mark : marks) {
    if (text.size() < mark.size()) continue;
    if (mark.empty()) return true;
    if (text.back() == mark.back() && text.compare(text.size() - mark.size(), mark.size(), mark) == 0) return true;
  }
  return false;
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> marks) {
  for (std::string_view mark : marks) {
    if (text.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

// Text without surrounding whitespace (blocks are stripped only later, by N1).
std::string_view trimmed(std::string_view text) {
  std::size_t begin = leading_space_bytes(text);
  std::size_t end = text.size() - trailing_space_bytes(text.substr(begin));
  return text.substr(begin, end - begin);
}

// `core`: text without surrounding whitespace.
bool has_final_punctuation(std::string_view core) {
  return ends_with_any(core, {"。", "！", "？", "；", "…", "”", "!", "?", ".", "：", "，"});
}

// R7: most paragraphs (at least 5, and 60 %) are short unpunctuated phrases (WeChat/CCTV posters,
// infographics). The paragraphs are counted first so that the scan stops as soon as too many
// were no phrase: in an ordinary article that is after a few of them. The answer depends on the
// count alone, so the long paragraphs (no phrase at a glance) are counted before the text of a
// short one is looked at.
bool is_poster_layout(const CleanState& state) {
  const auto is_paragraph = [](const DraftBlock& block) { return block.type == BlockType::kParagraph; };
  const auto paragraphs = static_cast<std::size_t>(std::count_if(state.blocks.begin(), state.blocks.end(), is_paragraph));
  if (paragraphs < 5) return false;
  const auto enough = [paragraphs](std::size_t phrases) { return phrases * 10 >= paragraphs * 6; };
  const auto is_long = [](const DraftBlock& block) { return text_size(block.pieces) > kMaxBytesOf(20) + 64; };
  std::size_t not_phrases = 0;
  for (const DraftBlock& block : state.blocks) {
    if (is_paragraph(block) && is_long(block) && !enough(paragraphs - ++not_phrases)) return false;
  }
  std::string scratch;
  for (const DraftBlock& block : state.blocks) {
    if (!is_paragraph(block) || is_long(block)) continue;
    const std::string_view core = trimmed(state.text_view(block, scratch));
    const bool phrase = code_points(core) <= 20 && !has_final_punctuation(core);
    if (!phrase && !enough(paragraphs - ++not_phrases)) return false;
  }
  return enough(paragraphs - not_phrases);
}

// R6: a short paragraph whose text is all bold and that does not end like a sentence.
bool is_bold_heading(const CleanState& state, const DraftBlock& block, std::string& scratch) {
  const RawBlock* raw = state.raw_block(block);
  if (raw == nullptr || !raw->all_bold || block.type != BlockType::kParagraph) return false;
  const std::string_view text = state.text_view(block, scratch);
  std::string_view core = trimmed(text);
  return code_points(core) <= 40 && !ends_with_any(core, {"。", "；", "，", "："});
}

// R6 for text and PDF-derived markdown: a short line without sentence punctuation.
bool is_plain_heading(const CleanState& state, const DraftBlock& block, std::string& scratch) {
  if (block.type != BlockType::kParagraph || text_size(block.pieces) > kMaxBytesOf(25) + 64) return false;
  const std::string_view text = state.text_view(block, scratch);
  std::string_view core = trimmed(text);
  return !core.empty() && core.find('\n') == std::string_view::npos &&
         code_points(core) <= 25 &&
         !contains_any(core, {"。", "，", "；", "：", "！", "？"});
}

// Whether a reader image that is not boilerplate stands right before a raw block. Readers list
// their images in source order and classify_blocks asks in raw order: then a cursor that only
// moves forward answers each block from the images at its index, instead of a look through
// every image for every paragraph. A list out of order, or a question about an earlier block,
// falls back to the whole list.
class ImagesBefore {
 public:
  explicit ImagesBefore(const std::vector<RawImage>& images)
      : images_(images), in_order_(std::is_sorted(images.begin(), images.end(), [](const RawImage& a, const RawImage& b) {
          return a.before_block < b.before_block;
        })) {}

  bool any(std::size_t raw_index) {
    if (!in_order_ || raw_index < last_asked_) return any_in_whole_list(raw_index);
    last_asked_ = raw_index;
    while (next_ != images_.end() && next_->before_block < raw_index) ++next_;
    for (auto image = next_; image != images_.end() && image->before_block == raw_index; ++image)
      if (!image->boilerplate) return true;
    return false;
  }

 private:
  bool any_in_whole_list(std::size_t raw_index) const {
    return std::any_of(images_.begin(), images_.end(), [raw_index](const RawImage& image) {
      return !image.boilerplate && image.before_block == raw_index;
    });
  }

  const std::vector<RawImage>& images_;
  const bool in_order_;
  std::vector<RawImage>::const_iterator next_ = images_.begin();
  std::size_t last_asked_ = 0;
};

// The block is a paragraph between paragraphs (not the first or last body block).
bool is_between_paragraphs(const CleanState& state, std::size_t index) {
  return index > 0 && index + 1 < state.blocks.size();
}

// The length of the character at text[pos] when it is one that stands for itself at a glance:
// ASCII but the spaces, or a three-byte character with lead E4-EF (the spaces and curly quotes
// have leads C2, E1, E2 and E3). 0 when it has to be decoded.
std::size_t plain_character_length(std::string_view text, std::size_t pos) {
  const auto byte = [text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return lead == ' ' || (lead >= 0x09 && lead <= 0x0D) ? 0 : 1;
  if (lead >= 0xE4 && lead <= 0xEF && pos + 2 < text.size() && (byte(pos + 1) & 0xC0) == 0x80 &&
      (byte(pos + 2) & 0xC0) == 0x80)
    return 3;
  return 0;
}

// B17: compare ignoring whitespace and the difference between curly and straight quotes. Hands
// the key of `text` to `take` part by part until `take` returns false; returns whether it took all.
// A part is one character, or with `kRuns` a run of characters that stand for themselves (most of
// a headline: one append instead of one per character). A comparison wants single characters, so
// that it stops at the first that differs.
template <bool kRuns, typename Take>
bool for_each_headline_key_part(std::string_view text, Take take) {
  std::size_t run = 0;  // where the current run of characters that stand for themselves began
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = plain_character_length(text, pos);
    bool plain = length != 0;
    std::string_view replacement;
    if (!plain) {
      const char32_t c = util::decode_at(text, pos, length);
      if (c == U'“' || c == U'”') {
        replacement = "\"";
      } else if (c == U'‘' || c == U'’') {
        replacement = "'";
      } else {
        plain = !util::is_space(c);
      }
    }
    if (plain) {
      pos += length;
      if (!kRuns && !take(text.substr(run, pos - run))) return false;
      if (!kRuns) run = pos;
      continue;
    }
    if (pos > run && !take(text.substr(run, pos - run))) return false;
    if (!replacement.empty() && !take(replacement)) return false;
    pos += length;
    run = pos;
  }
  return run == text.size() || take(text.substr(run));
}

std::string headline_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());  // the key is never longer than the text
  for_each_headline_key_part<true>(text, [&out](std::string_view part) {
    out += part;
    return true;
  });
  return out;
}

// headline_key(text) == key, reading `text` (often a long first paragraph) only as far as it
// agrees with `key`.
bool has_headline_key(std::string_view text, std::string_view key) {
  std::size_t matched = 0;
  const bool all = for_each_headline_key_part<false>(text, [&](std::string_view part) {
    if (key.substr(matched, part.size()) != part) return false;
    matched += part.size();
    return true;
  });
  return all && matched == key.size();
}

// The first part of headline_key(text) (one character), or empty for an empty key.
std::string_view first_key_part(std::string_view text) {
  std::string_view first;
  for_each_headline_key_part<false>(text, [&first](std::string_view part) {
    first = part;
    return false;
  });
  return first;
}

void drop_block(CleanState& state, std::size_t index, const char* rule) {
  for (const Piece& piece : state.blocks[index].pieces) state.remove(rule, Span{piece.begin, piece.end});
  state.blocks[index].pieces.clear();
}

}  // namespace

void classify_blocks(CleanState& state) {
  state.doc.source.poster_layout = is_poster_layout(state);
  bool plain_headings = state.raw.format == Format::kText || state.raw.pdf_layout;
  std::string scratch;  // a block's text when its pieces are not one stretch of the input
  ImagesBefore images_before(state.raw.images);
  for (std::size_t i = 0; i < state.blocks.size(); ++i) {
    DraftBlock& block = state.blocks[i];
    if (!state.doc.source.poster_layout && is_bold_heading(state, block, scratch)) {
      block.type = BlockType::kHeading;
    } else if (plain_headings && is_between_paragraphs(state, i) && is_plain_heading(state, block, scratch)) {
      block.type = BlockType::kHeading;
    } else if (block.type == BlockType::kParagraph && images_before.any(block.raw_index) &&
               is_inferred_caption(trimmed(state.text_view(block, scratch)))) {
      block.type = BlockType::kCaption;
      block.flags |= kCaptionInferred;
    }
  }
}

void drop_repeats(CleanState& state) {
  // B17: the first body block repeats the headline.
  if (state.title && !state.blocks.empty()) {
    std::string scratch, title_scratch;
    const std::string_view first = state.text_view(state.blocks.front(), scratch);
    const std::string_view title = state.text_view(*state.title, title_scratch);
    // Most first paragraphs differ from the headline at once: the first characters of the two
    // keys are compared before the title's key is built.
    const std::string_view title_first = first_key_part(title);
    if ((title_first.empty() || title_first == first_key_part(first)) && has_headline_key(first, headline_key(title)))
      drop_block(state, 0, "B17");
  }
  // B20: a short line with a URL or domain that occurs at least twice verbatim.
  std::map<std::string, int> counts;
  std::vector<std::size_t> candidates;
  std::string scratch;
  for (std::size_t i = 0; i < state.blocks.size(); ++i) {
    const DraftBlock& block = state.blocks[i];
    if (block.pieces.empty() || text_size(block.pieces) > kMaxBytesOf(40) + 64) continue;
    // A watermark holds a '.' or a '．' (is_watermark_candidate's first test): a line without one
    // anywhere is passed over before it is trimmed.
    const std::string_view line = state.text_view(block, scratch);
    if (!mentions_dot(line)) continue;
    const std::string_view text = trimmed(line);
    if (!text.empty() && is_watermark_candidate(text)) {
      ++counts[std::string(text)];
      candidates.push_back(i);
    }
  }
  for (std::size_t i : candidates) {
    std::string text(trimmed(state.text_of(state.blocks[i])));
    if (auto it = counts.find(text); it != counts.end() && it->second >= 2) drop_block(state, i, "B20");
  }
  // B21: a <caption> equal to the block just before its table.
  for (std::size_t i = 1; i < state.blocks.size(); ++i) {
    const RawBlock* raw = state.raw_block(state.blocks[i]);
    if (raw == nullptr || std::string_view(raw->tag) != "caption") continue;  // by size first
    std::string previous_scratch;
    if (trimmed(state.text_view(state.blocks[i], scratch)) ==
        trimmed(state.text_view(state.blocks[i - 1], previous_scratch)))
      drop_block(state, i, "B21");
  }
}

void join_pages(CleanState& state) {
  for (std::size_t i = 1; i < state.blocks.size(); ++i) {
    DraftBlock& block = state.blocks[i];
    const RawBlock* raw = state.raw_block(block);
    if (raw == nullptr || !raw->after_page_marker || block.pieces.empty()) continue;
    std::size_t previous = i;
    while (previous > 0 && state.blocks[previous - 1].pieces.empty()) --previous;
    if (previous == 0) continue;
    DraftBlock& before = state.blocks[previous - 1];
    std::string text = state.text_of(before);
    if (ends_with_any(trimmed(text), {"。", "！", "？", "；", "…", "”", "’", "」", "』", "）"})) continue;
    if (before.type != BlockType::kParagraph || block.type != BlockType::kParagraph) continue;
    before.pieces.insert(before.pieces.end(), block.pieces.begin(), block.pieces.end());
    before.flags |= kPageJoin;
    block.pieces.clear();
  }
}

}  // namespace tifa::clean
