// Text matchers of the boilerplate and metadata line rules (spec/cleaning.md §3: B3-B7, B13-B16,
// B18-B20, R9, and the NAMES rules). Private to lib/clean.
//
// Every matcher is pure: it reads the ORIGINAL (pre-normalisation) text of one block, folds a
// private copy (clean/fold.hpp: NFC, P3, whitespace collapsed and trimmed), matches that copy with
// a hand-written scanner (no regular expressions, no backtracking), and returns spans in ORIGINAL
// byte offsets of `text`. Lengths are counted in code points of the folded copy.
//
// The matchers do not know zones, block positions or neighbours: the caller decides where a rule
// applies (header/trailer zone, first paragraphs, after an image, repeated blocks), applies the
// action and records `removed`. A line rule looks only at blocks of at most kLineRuleMaxCodePoints
// (B6: kOriginalTitleMaxCodePoints), and rejects longer blocks after reading about that many code
// points; the partial rules (B13, B18, B19, R9) fold only a window at the start or end of a block.
//
// Spans of a LineMatch: `whole` is what the rule matched (the whole block for line rules). For the
// move rules, the pieces with a home in `meta` are `value`, `code_span`, `date_span`, `extra_span`
// and the people's spans; everything else in `whole` (labels, brackets, separators, places, e-mail
// addresses, trailing text of "本文来自X，…") has no meta home and goes to `removed`. `label` is
// the first label with its brackets and separator, for the `part: "label"` record.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/span.hpp"

namespace tifa::clean {

inline constexpr std::size_t kLineRuleMaxCodePoints = 60;        // spec §1.2: most B rules
inline constexpr std::size_t kOutletMaxCodePoints = 30;          // B5 OUTLET
inline constexpr std::size_t kOriginalTitleMaxCodePoints = 200;  // B6 has no limit; bound the work
inline constexpr std::size_t kAffiliationMaxCodePoints = 16;     // B7 AFFIL
inline constexpr std::size_t kTrailingOutletMaxCodePoints = 12;  // B13 trailing OUTLET
inline constexpr std::size_t kWatermarkMaxCodePoints = 40;       // B20
inline constexpr std::size_t kUnsplitNameMaxHan = 8;             // NAMES: longer runs are no names

struct PersonMatch {
  // Folded (NFC, P3); a Latin name keeps single spaces.
  std::string name;
  // "记者", "全媒体记者", "驻京记者", "通讯员", "作者", "文", "责任编辑"; "" for bare names in a
  // dateline bracket; B14: "photo", "chart", "layout", "producer", "chief_editor".
  std::string role;
  // "证券时报", "绵报融媒", "新华社"; "" when none.
  std::string affiliation;
  // The name in the original text.
  Span span;
  // A run of more than 4 Han characters kept whole (flag names_unsplit).
  bool unsplit = false;
};

struct LineMatch {
  // "B4", "B5", ... (static storage).
  std::string_view rule;
  // The matched part of the text: the whole block for line rules; the byline for B13.
  Span whole;
  // The first label with its brackets and separator ("责任编辑：", "（文章来源："), or empty.
  Span label;
  // The value ("冯体炜", "日照日报"). B5: the raw outlet, including a trailing "（ID：…）";
  // B15: the date; B13: the outlet of a dateline, or the names of a trailing credit.
  Span value;
  std::vector<PersonMatch> people;
  // The value folded and trimmed: editor names as written ("汤诗瑶、丁涛"), outlet (without
  // "（ID：…）"), original title, date, print outlet. B13: the dateline or trailing outlet only
  // ("" for names and for 本报, 本站, 本刊, 本台, 本网).
  std::string value_text;
  // B4 editor work code ("SF055"); B5 account id ("jjrbwx").
  std::string code;
  // B4: where `code` is.
  Span code_span;
  // B13, B15, B16: the date as written in the original ("３月１日"); validate with parse_date.
  std::string date_raw;
  Span date_span;
  // B6: the outlet of a split-off source tail; B15: the outlet of a date-and-source line; B16: the
  // page as written ("03"); B14: the first role; B13: the place of a dateline or "PLACE报道".
  std::string extra;
  // Where `extra` is (B14: empty).
  Span extra_span;
};

// B4 editor line: [open](责任编辑|责编|值班编辑|编辑)[sep]NAMES([ _]CODE)?[close], CODE
// [A-Z]{1,4}\d{2,6}. value = the names, people = the editors (role = the label word).
std::optional<LineMatch> match_editor_line(std::string_view text);

// B5 source line: [open](文章来源|本文来源|稿件来源|来源|转自)[sep]OUTLET[close] with OUTLET of at
// most 30 code points, no sentence-final mark and no further label separator; a trailing
// "（ID：…）" stays in `value` (raw) but not in value_text, and its id goes to `code`. Also
// [open]本文来自OUTLET(，…)?[close]. A block starting with 图片来源 is never a source line.
std::optional<LineMatch> match_source_line(std::string_view text);

// B6 original title: [open]原标题[sep]TITLE[close]. A tail " 来源[：:]OUTLET" is split off into
// extra / extra_span (it goes to B5).
std::optional<LineMatch> match_original_title(std::string_view text);

// B7 standalone credit line, optionally in brackets: (AFFIL)?(QUALIFIER)?记者 NAMES( PLACE报道)?,
// 通讯员 NAMES, [►▌]?文[sep]? (AFFIL )?NAMES, 作者[sep]NAMES(（e-mail）)?. A 记者 group may be
// followed by a 通讯员 group on the same line.
std::optional<LineMatch> match_credit_line(std::string_view text);

// B14 other credit line: ((头图)?摄影|图表?|排版)[sep]NAMES, 制片人/NAMES, 主编/NAMES; several
// credits may share a line ("制片人/马文佳 主编/马玮璐"). Whether the block is an R9 caption is the
// caller's test.
std::optional<LineMatch> match_other_credit(std::string_view text);

// B15 publication-date line: (发布时间|发布日期|时间|日期)[sep]DATE, or an H3 date-and-source line
// ([label[sep]]DATE (文章来源|本文来源|稿件来源|来源)[sep]OUTLET). value / date_span = the date;
// the source outlet, if any, is extra / extra_span. The date is only found, not validated: the
// caller parses date_raw (parse_date) and warns.
std::optional<LineMatch> match_date_line(std::string_view text);

// B16 print-edition line: 《 OUTLET 》（ YYYY年MM月DD日 (第)? NN 版）, spaces optional. value = the
// outlet, date_raw / date_span = the date, extra / extra_span = the page as written ("03").
std::optional<LineMatch> match_print_edition(std::string_view text);

// B13 prefix forms at the start of a paragraph: OUTLET?讯（…(记者|通讯员)NAMES）,
// 【OUTLET讯】（…）, AGENCY(PLACE)?M月D日电 ?（(记者)?NAMES）?, (AFFIL)?(QUALIFIER)?记者NAMES
// PLACE报道, YYYY年M月D日讯. `whole` is the byline span; the text stays (copy).
std::optional<LineMatch> match_byline_prefix(std::string_view text);

// B13 trailing forms at the end of a paragraph: （(AFFIL)?记者 NAMES） or （OUTLET） with an OUTLET
// of at most 12 code points ending in an outlet suffix. `whole` is the bracketed credit.
std::optional<LineMatch> match_byline_suffix(std::string_view text);

// B18 hashtag lead at the start of a paragraph: 【#…#】 or […#…#]. The span runs from the lead to
// the next non-space character (the rest of the paragraph stays).
std::optional<Span> match_hashtag_lead(std::string_view text);

// B19 end marker （完）, (完), 【完】 or （全文完） at the end of the block. The span includes the
// whitespace before and after it and ends at text.size().
std::optional<Span> match_end_marker(std::string_view text);

// B3 phrase list on a block of at most 60 code points: 尽在新浪财经APP, 扫描二维码, 扫二维码,
// 下载…客户端, 关注…公众号, 【纠错】, 分享到 (ASCII letters compared without case).
bool is_widget_phrase(std::string_view text);

// R9 caption patterns: ^图为, ^图自, ^△, ^（图, ^图片来源[：:], 摄$, 摄（[^）]{1,12}）$, 截图$.
bool is_inferred_caption(std::string_view text);

// B20 candidate: at most 40 code points holding a URL (http://, https://, www.) or a domain name
// (labels joined by dots, ending in a known top-level domain). Repetition is the caller's test.
bool is_watermark_candidate(std::string_view text);

// Whether `text` holds a '.' or a '．' (U+FF0E), which every watermark does: the same as
// mentions_any(text, {".", "．"}), but the '．' is looked for by its last byte, which far fewer
// characters end with than start with its lead (all full-width punctuation).
bool mentions_dot(std::string_view text);

// NAMES over text[names]: split on whitespace, 、，, and ","; each part is 2-4 Han characters, a
// Latin name (words joined by single spaces) or a run of 5-8 Han characters kept whole
// (unsplit). Han parts may contain a middle dot (买买提·依明). Returns {} when any part is no
// name. Roles and affiliations are left empty.
std::vector<PersonMatch> split_names(std::string_view text, Span names);

// Whether `text` contains one of `words` (bytes as they are, no folding). Each word is searched
// for by its last byte, which in Chinese text stops far less often than a lead byte.
bool mentions_any(std::string_view text, std::initializer_list<std::string_view> words);

}  // namespace tifa::clean
