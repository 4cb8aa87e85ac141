#include "tifa/document.hpp"

#include <array>
#include <charconv>
#include <string_view>

namespace tifa {

namespace {

constexpr std::array<const char*, 6> kFormatNames = {"auto", "hexo", "jekyll", "html",
                                                     "markdown", "text"};

// Names of bits 0..n-1, in bit order; spec/cleaning.md §6 is the closed list.
constexpr std::array<const char*, 11> kBlockFlagNames = {
    "page_join",     "line_join",        "indent_split",
    "letters_joined", "list_item",       "table_row",
    "caption_inferred", "title_wrap_merged", "title_wrap_space_removed",
    "title_space_ambiguous", "title_underscore"};

constexpr std::array<const char*, 7> kFieldFlagNames = {
    "copy", "from_comment", "from_dateline", "from_trailing_credit",
    "subtitle_inferred", "names_unsplit", "boilerplate"};

constexpr std::array<const char*, 7> kMentionFlagNames = {
    "gap", "traditional", "context", "quote_split", "abbrev", "in_book_title", "contains_lexicon"};

template <std::size_t N>
std::vector<std::string> names_of(std::uint32_t flags, const std::array<const char*, N>& names) {
  std::vector<std::string> out;
  for (std::size_t bit = 0; bit < N; ++bit) {
    if (flags & (1u << bit)) out.emplace_back(names[bit]);
  }
  return out;
}

}  // namespace

const char* to_string(Format format) noexcept {
  auto i = static_cast<std::size_t>(format);
  return i < kFormatNames.size() ? kFormatNames[i] : "auto";
}

std::optional<Format> parse_format(const std::string& name) {
  for (std::size_t i = 0; i < kFormatNames.size(); ++i) {
    if (name == kFormatNames[i]) return static_cast<Format>(i);
  }
  return std::nullopt;
}

const char* to_string(BlockType type) noexcept {
  switch (type) {
    case BlockType::kTitle: return "title";
    case BlockType::kHeading: return "heading";
    case BlockType::kParagraph: return "paragraph";
    case BlockType::kCaption: return "caption";
    case BlockType::kByline: return "byline";
  }
  return "paragraph";
}

std::vector<std::string> block_flag_names(std::uint32_t flags) {
  return names_of(flags, kBlockFlagNames);
}

std::vector<std::string> field_flag_names(std::uint32_t flags) {
  return names_of(flags, kFieldFlagNames);
}

std::vector<std::string> mention_flag_names(std::uint32_t flags) {
  return names_of(flags, kMentionFlagNames);
}

const char* to_string(MentionKind kind) noexcept {
  switch (kind) {
    case MentionKind::kLexicon: return "lexicon";
    case MentionKind::kNumeric: return "numeric";
    case MentionKind::kQuoted: return "quoted";
    case MentionKind::kParallel: return "parallel";
  }
  return "lexicon";
}

const char* to_string(Confidence level) noexcept {
  switch (level) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "low";
}

double confidence_value(Confidence level) noexcept {
  switch (level) {
    case Confidence::kLow: return 0.3;
    case Confidence::kMedium: return 0.6;
    case Confidence::kHigh: return 0.9;
  }
  return 0.3;
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  if (text == "low") return Confidence::kLow;
  if (text == "medium") return Confidence::kMedium;
  if (text == "high") return Confidence::kHigh;
  double value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0 && value <= 1)) {
    return std::nullopt;
  }
  // The highest level whose number is at or below the floor would drop mentions the caller asked
  // for; the floor keeps every level whose number reaches it.
  if (value <= confidence_value(Confidence::kLow)) return Confidence::kLow;
  if (value <= confidence_value(Confidence::kMedium)) return Confidence::kMedium;
  return Confidence::kHigh;
}

std::vector<Mention> Document::mentions_at_least(Confidence level) const {
  std::vector<Mention> out;
  for (const Mention& mention : mentions) {
    if (mention.confidence >= level) out.push_back(mention);
  }
  return out;
}

}  // namespace tifa
