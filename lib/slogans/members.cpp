// Member linking (spec/slogans.md §5): the enumeration that states a slogan's members, right
// before the slogan (rule 1) or after an explicit definition (rule 2), checked against the
// slogan's count or lexicon members (rule 3), item by item trimmed (rule 4).
#include "slogans/members.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "slogans/builtin_data.hpp"
#include "slogans/fold.hpp"
#include "slogans/member_text.hpp"

namespace tifa::slogans {

namespace {

using member_text::Window;

constexpr std::size_t kFirstItemReach = 30;  // rule 1: the first item's start lies this close
constexpr std::size_t kMaxItemCharacters = 30;  // rule 4
constexpr std::size_t kMinItems = 2;  // a single item paraphrases the slogan; it lists no members
constexpr std::size_t kMaxJoinOptions = 3;  // where the last item may be joined by 和 及 与 以及

constexpr std::string_view kEnumerationComma[] = {"、"};

// Rule 1: what may stand between the enumeration and the slogan, longest first; "" = nothing.
// (The slogan's own opening quote mark belongs to MemberQuery::outer.)
constexpr std::string_view kConnectorsBefore[] = {"等等", "这一", "这些", "，这", "的", "这", "等", ""};
constexpr std::string_view kEtcWords[] = {"等等", "等"};

// Rule 2: what introduces a definition after the slogan, longest first. Brackets end at their
// closing bracket, the other markers at clause punctuation.
struct DefinitionMarker {
  std::string_view text;
  std::string_view closing_bracket;  // "" for the non-bracket markers
};
constexpr DefinitionMarker kDefinitionMarkers[] = {
    {"，也就是", ""}, {"，就是", ""}, {"，即", ""}, {"是指", ""}, {"即", ""}, {"：", ""}, {":", ""},
    {"（", "）"},     {"(", ")"},     {"【", "】"}, {"〔", "〕"}, {"[", "]"},
};

// The marker texts in the same order, for one search of them all (Window::word_at).
constexpr auto kDefinitionMarkerTexts = [] {
  std::array<std::string_view, std::size(kDefinitionMarkers)> texts{};
  for (std::size_t i = 0; i < texts.size(); ++i) texts[i] = kDefinitionMarkers[i].text;
  return texts;
}();

// Rule 1: besides clause punctuation and governing verbs (§4.3), the first item starts after these.
constexpr std::string_view kItemStarters[] = {"按照", "在", "对", "把", "将", "由"};
constexpr std::size_t kLongestStarter = 16;  // characters, more than any verb or starter has
// The last item may be joined by these (rule 1) and may start with one (trimmed, rule 4).
constexpr std::string_view kJoinWords[] = {"以及", "和", "及", "与"};
// What cut_options() cuts at: the enumeration commas and the join words.
constexpr auto kItemSeparators = [] {
  std::array<std::string_view, std::size(kEnumerationComma) + std::size(kJoinWords)> words{};
  std::copy(std::begin(kJoinWords), std::end(kJoinWords),
            std::copy(std::begin(kEnumerationComma), std::end(kEnumerationComma), words.begin()));
  return words;
}();

// Words in which the characters of kJoinWords, 等 and 即 are no function words: 和平 is no
// "…和 平", 平等 no "平 等", 即将 no definition.
constexpr std::string_view kWordsWithJoinCharacters[] = {
    "和平", "和谐", "和美", "和睦", "和善", "和解", "和气", "和顺", "和衷共济", "和而不同",
    "共和", "温和", "缓和", "调和", "总和", "柔和", "平和", "祥和", "随和", "暖和",
    "饱和", "谦和", "人和", "及时", "及早", "及格", "涉及", "普及", "危及", "波及",
    "惠及", "顾及", "触及", "提及", "不及", "企及", "参与", "给与", "赠与", "授与",
    "与时俱进", "与日俱增", "与众不同", "与此同时", "人与自然",
};
constexpr std::string_view kWordsWithEtc[] = {
    "平等", "对等", "同等", "均等", "高等", "初等", "中等", "优等", "相等", "不等",
    "上等", "次等", "特等", "头等", "劣等", "何等", "超等", "一等", "二等", "三等",
};
constexpr std::string_view kWordsWithJi[] = {
    "即将", "即使", "即便", "即可", "即刻", "即时", "即日", "立即", "随即", "当即", "旋即",
};

// The words that hold a function word (worked out once per process, immutable afterwards).
const member_text::WordsWithin& words_with_join_characters() {
  static const member_text::WordsWithin words(kWordsWithJoinCharacters);
  return words;
}
const member_text::WordsWithin& words_with_etc() {
  static const member_text::WordsWithin words(kWordsWithEtc);
  return words;
}
const member_text::WordsWithin& words_with_ji() {
  static const member_text::WordsWithin words(kWordsWithJi);
  return words;
}

// The lists searched at every mention, with their folded edge characters (worked out once per
// process, immutable afterwards).
const member_text::FoldedWords& join_words() {
  static const member_text::FoldedWords words(kJoinWords);
  return words;
}
// The governing verbs (§4.3) and the item starters in one list, where either starts an item: one
// search of the text for both.
const member_text::FoldedWords& item_start_words() {
  static const std::vector<std::string_view> listed = [] {
    std::vector<std::string_view> words = builtin_word_list("governing_verbs");
    words.insert(words.end(), std::begin(kItemStarters), std::end(kItemStarters));
    return words;
  }();
  static const member_text::FoldedWords words(listed);
  return words;
}
const member_text::FoldedWords& connectors_before() {
  static const member_text::FoldedWords words(kConnectorsBefore);
  return words;
}
const member_text::FoldedWords& enumeration_commas() {
  static const member_text::FoldedWords words(kEnumerationComma);
  return words;
}
const member_text::FoldedWords& item_separators() {
  static const member_text::FoldedWords words(kItemSeparators);
  return words;
}
const member_text::FoldedWords& definition_markers() {
  static const member_text::FoldedWords words(kDefinitionMarkerTexts);
  return words;
}

// --------------------------------------------------------------------------------- items

// Raw item regions in text order, before trimming.
using Cuts = std::vector<Span>;

struct Enumeration {
  std::vector<Span> items;  // trimmed
  bool etc = false;         // ends with 等 / 等等
};

// Rule 4: quote marks, ignorable units, a leading 和/及/与/以及 and a trailing 等/等等 (the last two
// only on the last item, the only place a list puts them).
std::optional<Span> trim_item(const Window& w, Span item, bool last, bool& etc) {
  for (;;) {
    const Span before = item;
    item = w.trim_ignorable(item);
    item = w.trim_edge_quotes(item);
    if (last) item = w.trim_leading_word(item, join_words(), words_with_join_characters());
    if (last) {
      const Span without_etc = w.trim_trailing_word(item, kEtcWords, words_with_etc());
      etc = etc || without_etc != item;
      item = without_etc;
    }
    if (item == before) break;
  }
  const std::size_t characters = w.count_characters(item);
  if (characters == 0 || characters > kMaxItemCharacters || w.has_clause_punctuation(item)) {
    return std::nullopt;
  }
  return item;
}

std::optional<Enumeration> trim_items(const Window& w, const Cuts& cuts, bool etc) {
  Enumeration enumeration{{}, etc};
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const auto item = trim_item(w, cuts[i], i + 1 == cuts.size(), enumeration.etc);
    if (!item) return std::nullopt;
    enumeration.items.push_back(*item);
  }
  return enumeration;
}

// Positions where the last item is joined by 和 及 与 以及 (rightmost first), not at its very
// start (that is a leading connector) and not inside words such as 和谐 or 参与.
std::vector<Span> join_positions(const Window& w, Span last) {
  std::vector<Span> joins;
  const std::size_t content_begin = w.skip_opening_noise(last);
  for (std::size_t pos = content_begin; pos < last.end;) {
    const auto join = w.word_at(Span{pos, last.end}, join_words());  // 以及 before its 及
    if (!join) {
      pos += w.character_length(pos);
      continue;
    }
    if (pos != content_begin && !w.inside_word(join->span, join->word, words_with_join_characters())) {
      joins.push_back(join->span);
    }
    pos = join->span.end;
  }
  std::reverse(joins.begin(), joins.end());
  if (joins.size() > kMaxJoinOptions) joins.resize(kMaxJoinOptions);
  return joins;
}

// The ways to cut `region` into items: at every 、, and the last piece once more at a join
// word (tried first). Without any 、, only the joined pairs (A和B).
std::vector<Cuts> cut_options(const Window& w, Span region) {
  Cuts base;
  std::size_t begin = region.begin;
  for (const member_text::WordMatch& comma : w.find_words(region, enumeration_commas())) {
    base.push_back({begin, comma.span.begin});
    begin = comma.span.end;
  }
  base.push_back({begin, region.end});

  std::vector<Cuts> options;
  for (const Span join : join_positions(w, base.back())) {
    Cuts joined = base;
    const Span last = joined.back();
    joined.back() = {last.begin, join.begin};
    joined.push_back({join.end, last.end});
    options.push_back(std::move(joined));
  }
  if (base.size() >= kMinItems) options.push_back(std::move(base));
  return options;
}

// ------------------------------------------------------------------------------ rule 3

struct Verdict {
  bool partial = false;
  bool count_checked = false;
};

std::optional<Verdict> count_verdict(const MemberQuery& q, const Window& w, const Enumeration& e) {
  std::size_t measure = e.items.size();
  if (q.count_characters) {
    measure = 0;
    for (const Span item : e.items) measure += w.count_characters(item);
  }
  for (int value : q.count_values) {
    if (value > 0 && static_cast<std::size_t>(value) == measure) return Verdict{false, true};
  }
  const int largest = *std::max_element(q.count_values.begin(), q.count_values.end());
  if (e.etc && largest > 0 && measure < static_cast<std::size_t>(largest)) return Verdict{true, false};
  return std::nullopt;
}

std::optional<Verdict> lexicon_verdict(const MemberQuery& q, const Window& w, const Enumeration& e) {
  std::vector<std::string> members;
  for (const std::string& member : q.lexicon_members) members.push_back(fold_string(member));
  std::size_t matches = 0;
  for (const Span item : e.items) {
    const std::string folded = fold_string(w.without_ignorable(item));
    matches += std::find(members.begin(), members.end(), folded) != members.end();
  }
  if (2 * matches < e.items.size()) return std::nullopt;
  return Verdict{e.etc && e.items.size() < members.size(), false};
}

enum class Check { count, lexicon, definition, none };

// Which rule-3 check applies: numeric slogans are counted, non-numeric lexicon slogans compared
// with their members, non-numeric discovered ones accepted after a definition only.
Check check_for(const MemberQuery& q) {
  if (!q.count_values.empty()) return Check::count;
  if (!q.lexicon_members.empty()) return Check::lexicon;
  if (q.definition_only) return Check::definition;
  return Check::none;
}

std::optional<Verdict> verdict(const MemberQuery& q, const Window& w, const Enumeration& e) {
  switch (check_for(q)) {
    case Check::count: return count_verdict(q, w, e);
    case Check::lexicon: return lexicon_verdict(q, w, e);
    case Check::definition: return Verdict{e.etc, false};
    case Check::none: break;
  }
  return std::nullopt;
}

// The enumeration's span: its items and separators, with the quote marks that wrap it (a whole
// quoted list or the first and last of items quoted one by one), never reaching into `limit`.
Span enumeration_span(const Window& w, const std::vector<Span>& items, Span limit) {
  Span span{items.front().begin, items.back().end};
  const std::size_t opening = w.opening_quote_before(span.begin);
  if (opening >= limit.begin) span.begin = opening;
  const std::size_t closing = w.closing_quote_after(span.end);
  if (closing <= limit.end) span.end = closing;
  return span;
}

std::optional<MemberLink> judge(const MemberQuery& q, const Window& w, const Cuts& cuts, bool etc,
                                bool before, Span limit) {
  const auto enumeration = trim_items(w, cuts, etc);
  if (!enumeration || enumeration->items.size() < kMinItems) return std::nullopt;
  const auto accepted = verdict(q, w, *enumeration);
  if (!accepted) return std::nullopt;
  MemberLink link;
  link.items = enumeration->items;
  link.partial = accepted->partial;
  link.count_checked = accepted->count_checked;
  link.enumeration = enumeration_span(w, link.items, limit);
  link.before = before;
  return link;
}

// ------------------------------------------------------------------------------ rule 1

// Where the first item starts: after the nearest clause punctuation, governing verb, item starter
// (在 对 把 …) or the opening quote of a list quoted as a whole, if one lies within 30 characters
// and leaves the item non-empty; otherwise the first item is as long as the second. When the other
// items are quoted one by one, the quote pair that ends the region is a start too.
std::size_t first_item_begin(const Window& w, member_text::ClauseStart clause, Span first_raw,
                             Span second_raw, Span second_item) {
  const std::size_t first_end = first_raw.end;
  std::optional<std::size_t> nearest;
  const auto consider = [&](std::size_t start) {
    if (start > first_end || !w.has_content(Span{start, first_end})) return;
    if (w.count_characters(Span{start, first_end}) > kFirstItemReach) return;
    if (!nearest || start > *nearest) nearest = start;
  };
  if (clause.bounded) consider(clause.pos);
  // Words ending farther away than the reach cannot start the item: search just before it.
  const Span near{w.back_characters(first_end, kFirstItemReach + kLongestStarter, clause.pos), first_end};
  for (const auto& found : w.find_words(near, item_start_words())) consider(found.span.end);
  for (std::size_t after_quote : w.unclosed_opening_quotes(Span{clause.pos, first_end})) consider(after_quote);
  if (w.is_quoted_whole(second_raw)) {
    if (const auto quote = w.final_quote_start(Span{clause.pos, first_end})) consider(*quote);
  }
  if (nearest) return *nearest;
  return std::max(clause.pos, w.back_by_characters(first_end, w.count_characters(second_item)));
}

std::optional<MemberLink> link_enumeration_ending_at(const MemberQuery& q, const Window& w,
                                                     std::size_t end, bool etc, Span outer) {
  // "A、B和“X”": the slogan is the last item of the list, not what it counts.
  if (w.word_before(end, join_words(), words_with_join_characters())) return std::nullopt;
  // "A、积极推进“X”": a verb or 在 对 把 … right before the slogan governs it and starts a new
  // item (rule 1), so the list cannot end there.
  if (w.word_before(end, item_start_words(), {})) {
    return std::nullopt;
  }
  const member_text::ClauseStart clause = w.clause_start_before(end);
  // Most clauses before a slogan list nothing: without a 、 or a join word there is nothing to cut.
  if (!w.may_hold_word(Span{clause.pos, end}, item_separators())) return std::nullopt;
  for (Cuts cuts : cut_options(w, Span{clause.pos, end})) {
    bool ignored_etc = false;
    const auto second = trim_item(w, cuts[1], cuts.size() == 2, ignored_etc);
    if (!second) continue;
    cuts[0].begin = first_item_begin(w, clause, cuts[0], cuts[1], *second);
    if (auto link = judge(q, w, cuts, etc, true, Span{w.lo(), outer.begin})) return link;
  }
  return std::nullopt;
}

bool is_etc(std::string_view connector) {
  return std::find(std::begin(kEtcWords), std::end(kEtcWords), connector) != std::end(kEtcWords);
}

// "At most one connector": 的这 is two. A trailing 等 before another connector belongs to the last
// item, which rule 4 trims. Only connectors ending with the (folded) character before `end` can
// match there: the others are not compared.
bool ends_with_connector(const Window& w, std::size_t end) {
  const member_text::FoldedWords& connectors = connectors_before();
  const char32_t last = w.folded_before(end);
  for (std::size_t i = 0; i < connectors.size(); ++i) {
    const std::string_view connector = connectors[i];
    if (connector.empty() || connectors.last(i) != last || is_etc(connector)) continue;
    if (w.match_folded_before(end, connectors.folded(i))) return true;
  }
  return false;
}

std::optional<MemberLink> link_before(const MemberQuery& q, const Window& w, Span outer) {
  const std::size_t end = w.skip_ignorable_back(w.skip_opening_quote_back(w.skip_ignorable_back(outer.begin)));
  const member_text::FoldedWords& connectors = connectors_before();
  const char32_t last = w.folded_before(end);
  for (std::size_t i = 0; i < connectors.size(); ++i) {
    const std::string_view connector = connectors[i];
    if (!connector.empty() && connectors.last(i) != last) continue;  // cannot match: see ends_with_connector
    const auto length = w.match_folded_before(end, connectors.folded(i));
    if (!length) continue;
    const Span found{end - *length, end};
    const bool etc = is_etc(connector);
    if (etc && w.inside_word(found, connector, words_with_etc())) continue;
    const std::size_t enumeration_end = w.skip_ignorable_back(found.begin);
    if (ends_with_connector(w, enumeration_end)) continue;
    if (auto link = link_enumeration_ending_at(q, w, enumeration_end, etc, outer)) return link;
  }
  return std::nullopt;
}

// ------------------------------------------------------------------------------ rule 2

std::optional<std::size_t> definition_end(const Window& w, std::size_t begin,
                                          const DefinitionMarker& marker) {
  if (marker.closing_bracket.empty()) return w.clause_end_after(begin);
  return w.closing_bracket_after(begin, marker.text, marker.closing_bracket);
}

// 即 introduces a definition, 即将 or 即使 do not.
bool marker_is_definition(const Window& w, Span marker_span, const DefinitionMarker& marker) {
  if (!marker.text.ends_with("即")) return true;
  const auto ji = w.match_before(marker_span.end, "即");
  return !ji || !w.inside_word(Span{marker_span.end - *ji, marker_span.end}, "即", words_with_ji());
}

std::optional<MemberLink> link_after(const MemberQuery& q, const Window& w, Span outer) {
  const std::size_t start = w.skip_ignorable(w.skip_closing_quote(w.skip_ignorable(outer.end)));
  // The first marker (in list order) found at `start` decides.
  const auto found = w.word_at(Span{start, w.hi()}, definition_markers());
  if (!found) return std::nullopt;
  const DefinitionMarker& marker = *std::find_if(std::begin(kDefinitionMarkers), std::end(kDefinitionMarkers),
                                                 [&](const DefinitionMarker& m) { return m.text == found->word; });
  const Span marker_span = found->span;
  if (!marker_is_definition(w, marker_span, marker)) return std::nullopt;
  const auto items_end = definition_end(w, marker_span.end, marker);
  if (!items_end) return std::nullopt;
  for (const Cuts& cuts : cut_options(w, Span{marker_span.end, *items_end})) {
    if (auto link = judge(q, w, cuts, false, false, Span{outer.end, w.hi()})) return link;
  }
  return std::nullopt;
}

// The mention with its quote marks; callers that leave `outer` empty mean the mention itself.
Span outer_span(const MemberQuery& q) {
  if (q.outer.empty()) return q.mention;
  return Span{std::min(q.outer.begin, q.mention.begin), std::max(q.outer.end, q.mention.end)};
}

}  // namespace

std::optional<MemberLink> link_members(const MemberQuery& query) {
  const Span outer = outer_span(query);
  const auto window = Window::around(query.text, query.block, outer);
  if (!window || check_for(query) == Check::none) return std::nullopt;
  if (check_for(query) != Check::definition) {
    if (auto link = link_before(query, *window, outer)) return link;
  }
  return link_after(query, *window, outer);
}

}  // namespace tifa::slogans
