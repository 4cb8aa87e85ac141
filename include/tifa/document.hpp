// tifa::Document: the result of processing one article.
//
// One contiguous UTF-8 string `text` holds the clean document: the title block first, then the body
// blocks, separated by '\n'. Blocks, sentences and mentions are byte spans into `text`, so a caller
// in any language slices without copies. Every raw_* span indexes the original input bytes, and
// raw_offset() maps any offset of `text` back to them.
//
// A Document is a plain value: it owns all its data, may be copied and moved, and may be read from
// many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/offset_map.hpp"
#include "tifa/sentences.hpp"
#include "tifa/span.hpp"

namespace tifa {

enum class Format : std::uint8_t { kAuto, kHexo, kJekyll, kHtml, kMarkdown, kText };

// "auto", "hexo", "jekyll", "html", "markdown", "text".
const char* to_string(Format format) noexcept;
// Parses a format name; std::nullopt for an unknown name.
std::optional<Format> parse_format(const std::string& name);

struct Source {
  std::string id;
  std::string path;
  Format format = Format::kAuto;
  std::string encoding;               // "utf-8", "gb18030", or the ICU name used
  std::size_t bytes = 0;              // input length
  std::size_t replacement_chars = 0;  // U+FFFD made by the decoder (D5)
  bool pdf_layout = false;            // markdown derived from a PDF (page markers, # title)
  bool html_page = false;             // a whole HTML page (main-content extraction applies)
  bool poster_layout = false;         // R7
};

enum class BlockType : std::uint8_t { kTitle, kHeading, kParagraph, kCaption, kByline };
const char* to_string(BlockType type) noexcept;

// Block flags (spec/cleaning.md §6). The values are bits of Block::flags.
enum BlockFlag : std::uint32_t {
  kPageJoin = 1u << 0,
  kLineJoin = 1u << 1,
  kIndentSplit = 1u << 2,
  kLettersJoined = 1u << 3,
  kListItem = 1u << 4,
  kTableRow = 1u << 5,
  kCaptionInferred = 1u << 6,
  kTitleWrapMerged = 1u << 7,
  kTitleWrapSpaceRemoved = 1u << 8,
  kTitleSpaceAmbiguous = 1u << 9,
  kTitleUnderscore = 1u << 10,
};
// The names of the bits set in `flags`, in bit order ("page_join", ...).
std::vector<std::string> block_flag_names(std::uint32_t flags);

// One normalisation edit: `before` (pre-normalisation text) became text[span] (empty for a
// deletion). `raw_span` is where `before` came from in the input.
struct Edit {
  std::string rule;  // "N1", "P1", ...
  Span span;
  Span raw_span;
  std::string before;
};

struct Block {
  BlockType type = BlockType::kParagraph;
  Span span;                   // bytes of `text`
  std::vector<Span> raw_spans; // input ranges the characters come from, in order
  int page = 0;                // 1-based page for inputs with page markers, else 0
  std::uint32_t flags = 0;     // BlockFlag bits
  std::vector<Edit> edits;
  std::optional<Span> byline_span;  // B13 inline byline/dateline, bytes of `text`
};

struct Image {
  std::string src;
  std::optional<std::string> alt;      // nullopt: no alt attribute; "" for a valueless alt
  std::optional<std::string> caption;
  std::size_t before_block = 0;        // index into Document::blocks
  bool decorative = false;
  Span raw_span;                       // the <img> tag in the input
};

struct Sentence {
  Span span;               // bytes of `text`
  std::size_t block = 0;   // index into Document::blocks
  std::uint32_t flags = 0; // SentenceFlag bits
};

// How a mention's surface looks (spec/slogans.md §1.3); the first that applies wins.
enum class MentionKind : std::uint8_t { kLexicon, kNumeric, kQuoted, kParallel };
const char* to_string(MentionKind kind) noexcept;  // "lexicon", "numeric", "quoted", "parallel"

// Confidence levels (spec/slogans.md §6). Formats that carry a number write 0.3, 0.6, 0.9.
enum class Confidence : std::uint8_t { kLow = 1, kMedium = 2, kHigh = 3 };
const char* to_string(Confidence level) noexcept;  // "low", "medium", "high"
double confidence_value(Confidence level) noexcept;
// "low", "medium", "high" or a number in [0, 1] used as a floor: the lowest level whose number
// reaches it (0.5 -> medium, 0.6 -> medium, 0.7 -> high). std::nullopt for anything else.
std::optional<Confidence> parse_confidence(std::string_view text);

// Mention flags (spec/slogans.md §1.4). The values are bits of Mention::flags.
enum MentionFlag : std::uint32_t {
  kMentionGap = 1u << 0,              // extraction noise inside the span (S9)
  kMentionTraditional = 1u << 1,      // the surface has characters that folding changes
  kMentionContext = 1u << 2,          // a context-requiring form whose rule held
  kMentionQuoteSplit = 1u << 3,       // canonical completed by text after the closing mark (S8)
  kMentionAbbrev = 1u << 4,           // an abbreviation defined in the text (D9)
  kMentionInBookTitle = 1u << 5,      // inside 《…》 (G3)
  kMentionContainsLexicon = 1u << 6,  // a quoted discovery that contains a lexicon form (§4.5)
};
// The names of the bits set in `flags`, in bit order ("gap", "traditional", ...).
std::vector<std::string> mention_flag_names(std::uint32_t flags);

// One use of a slogan in `text` (spec/slogans.md §1.4).
struct Mention {
  Span span;                      // bytes of `text`; the surface is text[span]
  std::string canonical;          // simplified, no gaps, no quote marks
  std::string slogan_id;          // the lexicon entry id; "d:" + canonical when discovered
  std::string category;           // the entry's category; empty when discovered
  MentionKind kind = MentionKind::kLexicon;
  bool in_lexicon = true;         // JSON "origin": "lexicon" or "discovered"
  bool quoted = false;            // the span is the whole content of a quote pair (S2)
  Confidence confidence = Confidence::kHigh;
  std::string rule;               // "L", or "D1" ... "D9" for discovered mentions
  std::vector<Span> members;      // member items stated in the text (§5), bytes of `text`
  bool members_partial = false;   // the stated list ends with 等
  std::uint32_t flags = 0;        // MentionFlag bits
  std::size_t sentence = 0;       // index into Document::sentences of the sentence holding span.begin
};

// Per-canonical counts of one document (spec/slogans.md §7).
struct SloganCount {
  std::string slogan_id;
  std::string canonical;
  std::string category;
  bool in_lexicon = true;
  std::size_t count = 0;
  std::size_t count_quoted = 0;
  std::size_t n_sentences_with = 0;
  std::size_t first_char = 0;     // code-point offset of the first mention
  Confidence confidence = Confidence::kLow;  // the highest of its mentions
  double per_10k_chars = 0;
  double sentence_share = 0;
};

struct CategoryCount {
  std::string category;  // empty for discovered mentions
  std::size_t count = 0;
};

struct SloganStats {
  std::size_t n_chars = 0;       // code points of `text` that are not White_Space
  std::size_t n_sentences = 0;
  std::size_t n_mentions = 0;
  std::vector<SloganCount> slogans;      // ordered by first_char
  std::vector<CategoryCount> categories; // ordered by first appearance
  std::string lexicon_sha256;            // the lexicon the mentions come from
};

// A piece of visible input that is not in `text` or `meta`, and the rule that took it.
struct Removed {
  std::string rule;   // an id of spec/cleaning.md ("B1", "R5", ...)
  Span raw_span;
  std::string text;   // the decoded text; shortened for spans over 1 KB (truncated = true)
  bool label = false; // the label part of a moved line ("责任编辑：")
  bool truncated = false;
};

struct Warning {
  std::string code;   // "replacement_char", "yaml_error", ...
  std::string message;
  Span raw_span;
};

// Field flags (spec/cleaning.md §6).
enum FieldFlag : std::uint32_t {
  kFieldCopy = 1u << 0,
  kFieldFromComment = 1u << 1,
  kFieldFromDateline = 1u << 2,
  kFieldFromTrailingCredit = 1u << 3,
  kFieldSubtitleInferred = 1u << 4,
  kFieldNamesUnsplit = 1u << 5,
  kFieldBoilerplate = 1u << 6,
};
std::vector<std::string> field_flag_names(std::uint32_t flags);

// A metadata string: the normalised value, the verbatim raw string and where it came from.
struct Field {
  std::string value;
  std::string raw;
  std::vector<Span> raw_spans;
  std::string rule;            // "R1" (front matter), "B5", "H5", ...
  std::uint32_t flags = 0;     // FieldFlag bits
};

struct DateField {
  std::string iso;         // ISO 8601 with the offset as given ("2022-02-14T08:47:41+08:00")
  std::string utc;         // the instant, "YYYY-MM-DDTHH:MM:SSZ"
  std::string local_date;  // calendar date at +08:00
  std::string precision;   // "second", "minute", "hour", "day", "month", "year"
  bool tz_explicit = false;
  std::string raw;
  std::vector<Span> raw_spans;
  std::string rule;
  std::uint32_t flags = 0;
};

struct Person {
  std::string name;
  std::string role;         // "记者", "全媒体记者", "通讯员", "作者", "文", ...
  std::string affiliation;
  Span raw_span;
  std::uint32_t flags = 0;  // FieldFlag bits
};

// A front-matter (or HTML head) value kept verbatim: a scalar or a list of strings.
struct ExtraValue {
  std::string key;
  bool is_list = false;
  std::vector<std::string> items;  // one item for a scalar
  std::vector<Span> raw_spans;
  std::uint32_t flags = 0;         // FieldFlag bits (kFieldBoilerplate for a QR headimg)
};

// B16: the print edition a web article reproduces ("《 人民日报 》（ 2011年03月21日 01 版）").
struct PrintEdition {
  Field outlet;
  std::optional<DateField> date;
  std::string page;  // as printed ("03", "01")
};

struct Meta {
  std::optional<Field> title;
  std::optional<Field> original_title;
  std::optional<Field> subtitle;
  std::optional<DateField> published_at;
  std::optional<DateField> issued_date;
  std::optional<Field> url;
  std::optional<Field> publisher;
  std::optional<Field> source_outlet;
  std::vector<Person> reporters;
  std::vector<Person> correspondents;
  std::vector<Person> credits;
  std::optional<Field> editor;
  std::optional<Field> editor_code;
  std::optional<PrintEdition> print_edition;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  std::vector<ExtraValue> extra;   // every other key, verbatim, in input order
};

struct Document {
  Source source;
  Meta meta;
  std::string text;
  std::vector<Block> blocks;
  std::vector<Image> images;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;     // at or above the recogniser's min_confidence, in text order
  SloganStats slogan_stats;
  std::vector<Removed> removed;
  std::vector<Warning> warnings;
  OffsetMap offsets;  // text offsets -> input offsets

  // The input byte offset of text offset `pos` (0 <= pos <= text.size()), spec/cleaning.md §6.
  std::size_t raw_offset(std::size_t pos) const noexcept { return offsets.map(pos); }

  // The mentions at `level` or above, in text order.
  std::vector<Mention> mentions_at_least(Confidence level) const;
};

}  // namespace tifa
