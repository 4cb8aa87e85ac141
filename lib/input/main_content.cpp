#include "input/main_content.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "input/text_scan.hpp"

namespace tifa::input {

namespace {

// ---- what kind of element ----

template <std::size_t N>
bool is_one_of(std::string_view tag, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), tag) != list.end();
}

// H1: the elements that may be the article container.
bool is_candidate_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 5> kTags = {"article", "div", "section", "td",
                                                            "main"};
  return is_one_of(tag, kTags);
}

// Elements whose text never shows on the page (B2, the head). They add nothing to any count.
bool is_invisible_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 19> kTags = {
      "head",   "title",  "script", "style",    "template", "noscript", "iframe",
      "object", "embed",  "input",  "select",   "option",   "textarea", "button",
      "svg",    "canvas", "video",  "audio",    "map"};
  return is_one_of(tag, kTags);
}

// Elements that start and end a block (R4): text below them is not loose text of an ancestor.
bool is_block_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 43> kTags = {
      "p",      "div",     "section", "article", "blockquote", "li",     "h1",     "h2",
      "h3",     "h4",      "h5",      "h6",      "td",         "th",     "tr",     "table",
      "tbody",  "thead",   "tfoot",   "caption", "figcaption", "pre",    "ul",     "ol",
      "dl",     "dt",      "dd",      "header",  "footer",     "nav",    "aside",  "main",
      "figure", "center",  "form",    "hr",      "body",       "html",   "address", "fieldset",
      "menu",   "details", "summary"};
  return is_one_of(tag, kTags);
}

bool is_heading_tag(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// "display:none" or "visibility:hidden" in a style attribute, spaces and case ignored.
bool style_hides(std::string_view style) {
  std::string compact;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') compact.push_back(lower(c));
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

bool is_hidden(const DomNode& node) {
  return !node.is_text && (is_invisible_tag(node.tag) || node.has_attr("hidden") ||
                           style_hides(node.attr("style")));
}

// ---- class and id words (H1 boosts and penalties, H2 widgets) ----

// Does `word` occur in `value` at the start of a word? A word starts at the beginning, after a
// character that is not a lower-case letter ("post_header", "hotList", "list-hot"), or at an
// upper-case letter ("epContentLeft"). So "hot" is not found in "photo" nor "nav" in "canvas".
// `whole` also asks that the word end there: "ad" is found in "ad", "adList", "top_ad2", but
// not in "head", "shadow" or "adapt".
bool has_word(std::string_view value, std::string_view word, bool whole) {
  for (std::size_t pos = 0; pos < value.size(); ++pos) {
    if (value.size() - pos < word.size()) return false;
    bool starts = pos == 0 || !(value[pos - 1] >= 'a' && value[pos - 1] <= 'z') ||
                  (value[pos] >= 'A' && value[pos] <= 'Z');
    if (!starts) continue;
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i) same = lower(value[pos + i]) == word[i];
    if (!same) continue;
    std::size_t after = pos + word.size();
    if (!whole || after == value.size() || !(value[after] >= 'a' && value[after] <= 'z')) return true;
  }
  return false;
}

bool contains_nocase(std::string_view value, std::string_view word) {
  if (value.size() < word.size()) return false;
  for (std::size_t pos = 0; pos + word.size() <= value.size(); ++pos) {
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i) same = lower(value[pos + i]) == word[i];
    if (same) return true;
  }
  return false;
}

// H1 boost: anywhere in the class or id ("newscontent", "main-txt", "post_text").
bool has_boost_word(const DomNode& node) {
  static constexpr std::array<std::string_view, 9> kWords = {
      "article", "content", "正文", "txt", "text", "detail",
      "post",    "body",    "artical"};
  for (std::string_view value : {node.attr("class"), node.attr("id")}) {
    for (std::string_view word : kWords) {
      if (contains_nocase(value, word)) return true;
    }
  }
  return false;
}

// H2 widget words in a class or id: navigation, menus, footers, sidebars, recommendations,
// rankings, comments, share bars, logins, advertising, banners, keyword lists. Long words may
// stand anywhere ("post_topshare", "bdshare"); short ones must start a word, so that "hot" is not
// found in "photo", "nav" in "canvas", "side" in "inside" or "tie" in "entries"; "ad" must be a
// word of its own.
bool has_widget_word(const DomNode& node) {
  static constexpr std::array<std::string_view, 11> kAnywhere = {
      "menu",  "footer", "recommend", "relate", "comment", "cmt",
      "share", "login",  "banner",    "crumb",  "keyword"};
  static constexpr std::array<std::string_view, 5> kWordStart = {"nav", "side", "hot", "rank", "tie"};
  for (std::string_view value : {node.attr("class"), node.attr("id")}) {
    for (std::string_view word : kAnywhere) {
      if (contains_nocase(value, word)) return true;
    }
    for (std::string_view word : kWordStart) {
      if (has_word(value, word, false)) return true;
    }
    if (has_word(value, "ad", true)) return true;
  }
  return false;
}

// H1 penalty: the widget words and "header" (a page header is no article, but the article's
// own header may carry the word, so it is no reason to drop anything).
bool has_penalty_word(const DomNode& node) {
  return has_widget_word(node) || has_word(node.attr("class"), "header", false) ||
         has_word(node.attr("id"), "header", false);
}

// ---- text ----


// Full-width punctuation of running Chinese text. ASCII commas are not enough (H1).
bool is_cjk_punctuation(char32_t c) {
  switch (c) {
    case U'\uFF0C': case U'\u3002': case U'\u3001': case U'\uFF1B': case U'\uFF1A':
    case U'\uFF1F': case U'\uFF01': case U'\u201C': case U'\u201D': case U'\uFF08':
    case U'\uFF09': case U'\u300A': case U'\u300B':
      return true;
    default:
      return false;
  }
}

struct TextCounts {
  std::uint32_t han = 0;        // Han characters and CJK punctuation (the H1 measure)
  std::uint32_t han_chars = 0;  // Han characters alone (the H6 measure)
  std::uint32_t chars = 0;      // code points other than whitespace
};

TextCounts count_text(std::string_view s) {
  TextCounts counts;
  for (std::size_t pos = 0; pos < s.size();) {
    if (std::size_t space = whitespace_length_at(s, pos, s.size()); space > 0) {
      pos += space;
      continue;
    }
    std::size_t length = 1;
    char32_t c = decode_at(s, pos, length);
    pos += length;
    ++counts.chars;
    if (is_han(c)) ++counts.han_chars;
    if (is_han(c) || is_cjk_punctuation(c)) ++counts.han;
  }
  return counts;
}

// The text without whitespace, appended to `out` (phrase matching ignores letter-spacing:
// "人 民 网 版 权 所 有").
void append_compact(std::string& out, std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (std::size_t space = whitespace_length_at(s, pos, s.size()); space > 0) {
      pos += space;
      continue;
    }
    out.push_back(s[pos++]);
  }
}

// Blocks of at most this many code points are tested against the widget phrases (as B3), and
// may be header or trailer lines.
constexpr std::uint32_t kShortText = 60;
// Footers are longer: "版权所有 … Copyright © 2018 … 湘ICP备… 医院地址：…" is tested up to here.
constexpr std::uint32_t kFooterText = 200;

// ---- per-node aggregates, computed bottom-up in one pass ----

struct NodeStats {
  std::uint32_t end = 0;         // one past the last node of the subtree (nodes are pre-order)
  std::uint32_t han = 0;         // TextCounts::han of the visible text
  std::uint32_t plain_han = 0;   // the same outside links
  std::uint32_t han_chars = 0;   // Han characters alone (links included)
  std::uint32_t chars = 0;       // visible code points other than whitespace
  std::uint32_t link_chars = 0;  // those inside <a>
  std::uint32_t links = 0;       // <a> elements
  std::uint32_t loose_han = 0;   // han outside links and outside nested blocks: own paragraph text
  bool has_block = false;        // a block element below
  bool has_break = false;        // a <br> among the loose content (<br>-separated runs)
  bool hidden = false;           // the element itself never shows (B2, display:none)
};

struct Page {
  const Dom& dom;
  std::string_view text;
  std::vector<NodeStats> stats;
  // The compact text (no whitespace) of each node with at most kFooterText code points, as an
  // index into text_pool (0, the empty string, for longer or hidden nodes). A node whose text
  // all comes from one child shares the child's entry, so a deep chain of wrappers costs one
  // string, not one per level.
  std::vector<std::string> text_pool;
  std::vector<std::uint32_t> text_id;
  std::vector<bool> inside_hidden;             // the node or an ancestor is hidden
  std::vector<std::uint32_t> candidate_above;  // nearest candidate ancestor, or kNoNode

  const DomNode& node(std::uint32_t i) const { return dom.nodes[i]; }
  std::string_view short_text(std::uint32_t i) const { return text_pool[text_id[i]]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(dom.nodes.size()); }
  bool contains(std::uint32_t ancestor, std::uint32_t i) const {
    return i >= ancestor && i < stats[ancestor].end;
  }
};

void add_child_stats(NodeStats& parent, const NodeStats& child, const DomNode& child_node) {
  if (child.hidden) return;
  parent.han += child.han;
  parent.plain_han += child.plain_han;
  parent.han_chars += child.han_chars;
  parent.chars += child.chars;
  parent.link_chars += child.link_chars;
  parent.links += child.links;
  if (!child_node.is_text && is_block_tag(child_node.tag)) {
    parent.has_block = true;
    return;
  }
  parent.loose_han += child.loose_han;
  parent.has_break = parent.has_break || child.has_break || std::string_view(child_node.tag) == "br";
}

void finish_own_stats(NodeStats& stats, const Dom& dom, const DomNode& node, std::string_view text) {
  if (node.is_text) {
    TextCounts counts = count_text(dom.text_of(node, text));
    stats.han = stats.plain_han = stats.loose_han = counts.han;
    stats.han_chars = counts.han_chars;
    stats.chars = counts.chars;
    return;
  }
  stats.hidden = is_hidden(node);
  if (std::string_view(node.tag) == "a") {  // link text counts against a container (H1) and for H2 density
    stats.link_chars = stats.chars;
    stats.plain_han = stats.loose_han = 0;
    ++stats.links;
  }
}

void collect_short_text(Page& page, std::uint32_t i) {
  const DomNode& node = page.node(i);
  if (page.stats[i].chars > kFooterText || page.stats[i].hidden) return;
  std::string own;
  if (node.is_text) {
    append_compact(own, page.dom.text_of(node, page.text));
  } else {
    std::uint32_t only_child = 0, with_text = 0;
    for (std::uint32_t c = node.first_child; c != kNoNode; c = page.node(c).next_sibling) {
      if (page.text_id[c] == 0) continue;
      only_child = page.text_id[c];
      ++with_text;
    }
    if (with_text <= 1) {
      page.text_id[i] = only_child;
      return;
    }
    for (std::uint32_t c = node.first_child; c != kNoNode; c = page.node(c).next_sibling)
      own += page.short_text(c);
  }
  if (own.empty()) return;
  page.text_id[i] = static_cast<std::uint32_t>(page.text_pool.size());
  page.text_pool.push_back(std::move(own));
}

Page analyse(const Dom& dom, std::string_view text) {
  Page page{dom, text, {}, {""}, {}, {}, {}};
  const std::uint32_t n = page.size();
  page.stats.resize(n);
  page.text_id.assign(n, 0);
  // Children have larger indices than their parents: one backward pass sees every child first.
  for (std::uint32_t i = n; i-- > 0;) {
    const DomNode& node = dom.nodes[i];
    NodeStats& stats = page.stats[i];
    stats.end = node.last_child == kNoNode ? i + 1 : page.stats[node.last_child].end;
    finish_own_stats(stats, dom, node, text);
    collect_short_text(page, i);
    if (node.parent != kNoNode) add_child_stats(page.stats[node.parent], stats, node);
  }
  page.inside_hidden.assign(n, false);
  page.candidate_above.assign(n, kNoNode);
  for (std::uint32_t i = 1; i < n; ++i) {
    std::uint32_t parent = dom.nodes[i].parent;
    if (parent == kNoNode) continue;
    page.inside_hidden[i] = page.stats[i].hidden || page.inside_hidden[parent];
    bool parent_is_candidate = !dom.nodes[parent].is_text && is_candidate_tag(dom.nodes[parent].tag);
    page.candidate_above[i] = parent_is_candidate ? parent : page.candidate_above[parent];
  }
  return page;
}

// ---- H1: scoring ----

// Where the loose text of element i counts. A paragraph (<p>, <li>, or a candidate that holds
// one run of text and nothing else) counts for the candidate that holds it; a candidate that
// holds <br>-separated runs or blocks beside its text is the holder itself.
std::uint32_t paragraph_holder(const Page& page, std::uint32_t i) {
  const DomNode& node = page.node(i);
  const NodeStats& stats = page.stats[i];
  bool holds_itself = is_candidate_tag(node.tag) && (stats.has_block || stats.has_break);
  return holds_itself ? i : page.candidate_above[i];
}

// Boosted and penalised by the class/id words. A penalty outweighs a boost ("comment-txt").
double class_weight(const DomNode& node) {
  if (has_penalty_word(node)) return 0.25;
  if (has_boost_word(node)) return 1.5;
  return 1.0;
}

// Each paragraph's Han count goes in full to its holder and in half to the holder's holder,
// as in readability: the tightest element around the paragraphs wins, and a parent that only
// adds navigation gets no more than half.
std::vector<double> score_candidates(const Page& page) {
  std::vector<double> score(page.size(), 0.0);
  for (std::uint32_t i = 0; i < page.size(); ++i) {
    const DomNode& node = page.node(i);
    if (node.is_text || page.inside_hidden[i] || is_heading_tag(node.tag)) continue;
    if (!is_block_tag(node.tag) || page.stats[i].loose_han == 0) continue;
    std::uint32_t holder = paragraph_holder(page, i);
    if (holder == kNoNode) continue;
    auto han = static_cast<double>(page.stats[i].loose_han);
    score[holder] += han;
    if (std::uint32_t above = page.candidate_above[holder]; above != kNoNode) score[above] += han / 2;
  }
  for (std::uint32_t i = 0; i < page.size(); ++i) {
    if (score[i] > 0) score[i] *= class_weight(page.node(i));
  }
  return score;
}

// The best-scoring candidate; on a tie the first (outer) one, which holds both.
std::uint32_t best_candidate(const Page& page, const std::vector<double>& score) {
  std::uint32_t best = kNoNode;
  for (std::uint32_t i = 0; i < page.size(); ++i) {
    const DomNode& node = page.node(i);
    if (node.is_text || !is_candidate_tag(node.tag) || page.inside_hidden[i]) continue;
    if (score[i] > 0 && (best == kNoNode || score[i] > score[best])) best = i;
  }
  return best;
}

// H6: some candidate must hold at least 200 Han characters. Like the spec, this counts all of a
// candidate's text: the best candidate may be smaller (a short notice inside a large page is
// still found), but a page with next to no text keeps its whole body.
bool page_has_article_text(const Page& page) {
  for (std::uint32_t i = 0; i < page.size(); ++i) {
    const DomNode& node = page.node(i);
    if (!node.is_text && is_candidate_tag(node.tag) && !page.inside_hidden[i] &&
        page.stats[i].han_chars >= 200)
      return true;
  }
  return false;
}

// ---- H2: widgets ----

bool contains_any(std::string_view text, std::initializer_list<std::string_view> phrases) {
  for (std::string_view phrase : phrases) {
    if (text.find(phrase) != std::string_view::npos) return true;
  }
  return false;
}

// Phrases of recommendation lists, comments, share bars, QR boxes, feedback boxes, page
// navigation and footers, tested on short blocks only (as B3 does).
bool has_widget_phrase(std::string_view compact, std::uint32_t chars) {
  // Footers, copyright notices and previous/next links: up to kFooterText.
  if (contains_any(compact, {"版权所有", "Copyright", "ICP备", "不得转载", "上一篇】", "上一篇：",
                             "下一篇】", "下一篇："}))
    return true;
  if (chars > kShortText) return false;
  if (contains_any(compact, {"相关新闻", "相关阅读", "相关文章", "相关推荐", "推荐阅读", "热点排行",
                             "为您推荐", "跟贴", "跟帖", "网友评论", "热门评论", "分享到", "分享至",
                             "扫描二维码", "扫二维码", "扫一扫", "不感兴趣", "上一篇", "下一篇"}))
    return true;
  // Buttons: these words are widgets only when they are (nearly) all of the block.
  return chars <= 8 && contains_any(compact, {"登录", "注册", "举报", "收藏", "投诉", "打印", "关闭"});
}

bool has_own_widget_phrase(const Page& page, std::uint32_t i) {
  return page.stats[i].chars <= kFooterText &&
         has_widget_phrase(page.short_text(i), page.stats[i].chars);
}

// The phrase belongs to the innermost block that holds it, so that a date-and-source line is
// not dropped with the share box beside it.
bool is_phrase_widget(const Page& page, std::uint32_t i) {
  if (!has_own_widget_phrase(page, i)) return false;
  for (std::uint32_t c = page.node(i).first_child; c != kNoNode; c = page.node(c).next_sibling) {
    const DomNode& child = page.node(c);
    if (!child.is_text && is_block_tag(child.tag) && has_own_widget_phrase(page, c)) return false;
  }
  return true;
}

// Link-dense: 3 or more links whose text is more than half of the element's text.
bool is_link_list(const NodeStats& stats) {
  return stats.links >= 3 && stats.link_chars * 2 > stats.chars;
}

bool is_widget_tag(std::string_view tag) { return tag == "nav" || tag == "aside" || tag == "footer"; }

// An H2 widget: by its class/id or tag, by a phrase in a short block, or as a link list.
// Only block elements: an inline "hot" span inside a sentence is no widget.
bool is_widget(const Page& page, std::uint32_t i) {
  const DomNode& node = page.node(i);
  if (node.is_text || !is_block_tag(node.tag)) return false;
  const NodeStats& stats = page.stats[i];
  if (stats.chars == 0) return false;
  if (is_widget_tag(node.tag) || has_widget_word(node) || is_link_list(stats)) return true;
  return is_phrase_widget(page, i);
}

// ---- lines at the edges of the container ----

std::string_view strip_prefix(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view prefix : prefixes) {
    if (s.substr(0, prefix.size()) == prefix) return s.substr(prefix.size());
  }
  return s;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view prefix : prefixes) {
    if (s.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// A line without its opening bracket or bullet: "（原标题：…）" -> "原标题：…）".
std::string_view line_body(std::string_view compact) {
  return strip_prefix(compact, {"（", "(", "【", "[", "►", "▌"});
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "2019年06月15日…", "2019-09-08 00:20:15…", "2019/09/08": a date line of the header (B15, H3).
bool starts_with_date(std::string_view s) {
  if (s.size() < 6 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
    return false;
  std::string_view rest = s.substr(4);
  return (rest[0] == '-' || rest[0] == '/' || rest[0] == '.' || rest.substr(0, 3) == "年") &&
         rest.size() > 1;
}

bool holds_date(std::string_view s) {
  for (std::size_t pos = 0; pos + 6 <= s.size(); ++pos) {
    if ((pos == 0 || !is_digit(s[pos - 1])) && starts_with_date(s.substr(pos))) return true;
  }
  return false;
}

// Standalone credit lines (B7): "澎湃新闻记者 段彦超 廖艳", "（记者 王悦）", "通讯员 许祥波".
bool is_credit_line(std::string_view body) {
  bool sentence = contains_any(body, {"。", "，", "；"});
  return !sentence && (contains_any(body, {"记者", "通讯员"}) ||
                       starts_with_any(body, {"作者", "文/", "文：", "文:", "文|", "文丨"}));
}

// "《 人民日报 》（ 2011年03月21日 01 版）" (B16).
bool is_print_edition(std::string_view body) {
  return body.substr(0, 3) == "《" && contains_any(body, {"版）", "版)"});
}

// A header line at the top of the container: original title, source, date, credits (B5-B7,
// B14-B16). H3 reads these lines in the header zone, so they are zoned kHeader.
bool is_lead_line(std::string_view compact) {
  std::string_view body = line_body(compact);
  if (contains_any(body, {"。"})) return false;
  bool date_alone = starts_with_date(body) && !contains_any(body, {"，"});  // not "2019年2月27日下午，…"
  return starts_with_any(body, {"原标题", "来源", "文章来源", "本文来源", "稿件来源", "转自",
                                "发布时间", "发布日期", "时间：", "时间:", "日期：", "日期:",
                                "头图摄影", "摄影", "图表", "排版"}) ||
         date_alone || is_credit_line(body) || is_print_edition(body);
}

// A trailer line at the end of the container: editor, source, correction, credits (B4, B5, B7,
// B14, B16, H4). H4 reads these lines in the trailer zone, so they are zoned kTrailer.
bool is_tail_line(std::string_view compact) {
  std::string_view body = line_body(compact);
  return starts_with_any(body, {"责任编辑", "责编", "值班编辑", "编辑", "本文来源", "文章来源",
                                "稿件来源", "来源", "转自", "本文来自", "纠错", "摄影", "图表",
                                "排版", "制片人", "主编"}) ||
         is_credit_line(body) || is_print_edition(body);
}

// ---- H3: the headline ----

// The Han characters of a text, in order (the headline test ignores quotes, spaces, Latin).
std::u32string han_only(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t length = 1;
    char32_t c = decode_at(s, pos, length);
    pos += length;
    if (is_han(c)) out.push_back(c);
  }
  return out;
}

std::string page_title(const Page& page) {
  for (std::uint32_t i = 0; i < page.size(); ++i) {
    if (!page.node(i).is_text && std::string_view(page.node(i).tag) == "title") {
      std::string out;
      for (std::uint32_t j = i; j < page.stats[i].end; ++j) {
        if (page.node(j).is_text) append_compact(out, page.dom.text_of(page.node(j), page.text));
      }
      return out;
    }
  }
  return {};
}

// A headline repeats the start of the page title ("标题_网易财经"): its first Han characters
// (at most 8) occur in the title.
bool matches_title(const std::u32string& headline, const std::u32string& title) {
  if (headline.size() < 4) return false;
  return title.find(headline.substr(0, 8)) != std::u32string::npos;
}

// h1-h3, or an element named as a title ("title", "h-title", "artical_topic").
bool may_be_headline(const Page& page, std::uint32_t i) {
  const DomNode& node = page.node(i);
  if (node.is_text || page.inside_hidden[i] || std::string_view(node.tag) == "a") return false;
  const NodeStats& stats = page.stats[i];
  if (stats.chars == 0 || stats.chars > 100) return false;
  if (std::string_view(node.tag) == "h1" || std::string_view(node.tag) == "h2" || std::string_view(node.tag) == "h3") return true;
  for (std::string_view value : {node.attr("class"), node.attr("id")}) {
    if (contains_nocase(value, "title") || contains_nocase(value, "headline") ||
        contains_nocase(value, "topic"))
      return true;
  }
  return false;
}

// Is this short text a good part of the page title ("中华人民共和国监察法" of
// "中华人民共和国监察法-纪检")? At least 4 Han characters and half of the title's.
bool is_part_of_title(const std::u32string& han, const std::u32string& title) {
  return han.size() >= 4 && han.size() * 2 >= title.size() &&
         title.find(han) != std::u32string::npos;
}

// A headline at the top of the container, before any other text: a title-like element that
// repeats the page title, or a short block that is part of the page title ("中华人民共和国监察法"
// in "中华人民共和国监察法-纪检").
std::uint32_t headline_atop(const Page& page, std::uint32_t container, const std::u32string& title) {
  for (std::uint32_t i = container + 1; i < page.stats[container].end; ++i) {
    const DomNode& node = page.node(i);
    if (page.inside_hidden[i]) continue;
    if (node.is_text) {
      if (page.stats[i].han > 0) return kNoNode;
      continue;
    }
    if (may_be_headline(page, i) && matches_title(han_only(page.short_text(i)), title)) return i;
    if (is_block_tag(node.tag) && page.stats[i].han > 0 && page.stats[i].chars <= kShortText) {
      if (is_part_of_title(han_only(page.short_text(i)), title)) return i;
    }
  }
  return kNoNode;
}

// The headline, searched for in this order: the nearest title-like element before the
// container that repeats the page title; the nearest element before it whose text is a good
// part of the page title (a title in a plain <span>); the nearest <h1> before it; a headline at
// the top of the container.
std::uint32_t find_headline(const Page& page, std::uint32_t container) {
  const std::u32string title = han_only(page_title(page));
  std::uint32_t nearest_h1 = kNoNode;
  std::uint32_t nearest_title_part = kNoNode;
  for (std::uint32_t i = container; i-- > 1;) {
    if (page.contains(i, container) || page.node(i).is_text || page.inside_hidden[i]) continue;
    const NodeStats& stats = page.stats[i];
    if (stats.han == 0 || stats.chars > 100 || std::string_view(page.node(i).tag) == "a") continue;
    std::u32string han = han_only(page.short_text(i));
    if (may_be_headline(page, i) && matches_title(han, title)) return i;
    if (nearest_title_part == kNoNode && is_part_of_title(han, title)) nearest_title_part = i;
    if (std::string_view(page.node(i).tag) == "h1" && nearest_h1 == kNoNode) nearest_h1 = i;
  }
  if (nearest_title_part != kNoNode) return nearest_title_part;
  if (nearest_h1 != kNoNode) return nearest_h1;
  return headline_atop(page, container, title);
}

// ---- zones ----

// H4 ends, at the latest, once this much text (Han characters and CJK punctuation) has passed
// after the container: editor, source and correction lines are short, so more text than this is
// unmarked page furniture (teasers, other stories).
constexpr std::uint32_t kTrailerHan = 100;
// The same bound for text of any script ("Copyright", links in Latin letters), which also keeps
// the walk linear on pathological pages.
constexpr std::uint32_t kTrailerChars = 300;

class ZoneBuilder {
 public:
  ZoneBuilder(const Page& page, MainContent& result)
      : page_(page), result_(result), in_dropped_(page.size(), false) {}

  void run();

 private:
  bool droppable(std::uint32_t i, Zone zone) const;
  void mark_range(std::uint32_t begin, std::uint32_t end, Zone zone);
  void mark_subtree(std::uint32_t root, Zone zone);
  std::uint32_t trailer_end() const;
  std::uint32_t line_block(std::uint32_t text_node, std::uint32_t root) const;
  std::vector<std::uint32_t> leading_lines(std::uint32_t root, std::uint32_t begin,
                                           bool (*is_line)(std::string_view)) const;
  std::vector<std::uint32_t> tail_lines(std::uint32_t stop) const;

  const Page& page_;
  MainContent& result_;
  std::vector<bool> in_dropped_;
};

// Never drop the article itself: the container, the headline, what holds them, or an element
// with more than half of the container's text (a wrapper with an unlucky class name). In the
// header, a line with a date is the H3 date-and-source line, whatever its class says.
bool ZoneBuilder::droppable(std::uint32_t i, Zone zone) const {
  const DomNode& node = page_.node(i);
  if (node.is_text || is_invisible_tag(node.tag)) return false;  // B2 is the reader's
  if (page_.contains(i, result_.container)) return false;
  if (result_.headline != kNoNode && page_.contains(i, result_.headline)) return false;
  if (page_.stats[i].plain_han * 2 > page_.stats[result_.container].plain_han) return false;
  if (page_.stats[i].hidden) return page_.stats[i].chars > 0;  // display:none never shows
  if (page_.inside_hidden[i]) return false;
  if (zone == Zone::kHeader && page_.stats[i].chars <= kShortText &&
      holds_date(page_.short_text(i)))
    return false;
  return is_widget(page_, i);
}

// Marks the nodes of [begin, end) with `zone`; widgets inside are recorded as dropped (their
// nodes keep the zone, so the caller knows where they were). An element that also holds nodes
// beyond the range (an ancestor of the container or of the node that ends the range) belongs to
// no zone as a whole and stays kOutside; its own text nodes are zoned by where they stand.
void ZoneBuilder::mark_range(std::uint32_t begin, std::uint32_t end, Zone zone) {
  for (std::uint32_t i = begin; i < end;) {
    const std::uint32_t subtree_end = page_.stats[i].end;
    if (subtree_end > end) {
      ++i;  // straddles the range: zone its children one by one
      continue;
    }
    if (droppable(i, zone)) {
      result_.dropped.push_back(i);
      std::fill(result_.zones.begin() + i, result_.zones.begin() + subtree_end, zone);
      std::fill(in_dropped_.begin() + i, in_dropped_.begin() + subtree_end, true);
      i = subtree_end;
      continue;
    }
    result_.zones[i] = zone;
    ++i;
  }
}

void ZoneBuilder::mark_subtree(std::uint32_t root, Zone zone) {
  std::fill(result_.zones.begin() + root, result_.zones.begin() + page_.stats[root].end, zone);
}

// H4: after the container up to the first widget, the first long line (prose is no trailer
// line: another story or a teaser), or until kTrailerHan (kTrailerChars) of text have passed.
std::uint32_t ZoneBuilder::trailer_end() const {
  const std::uint32_t start = page_.stats[result_.container].end;
  std::uint32_t han = 0;
  std::uint32_t chars = 0;
  for (std::uint32_t i = start; i < page_.size(); ++i) {
    if (page_.inside_hidden[i]) continue;
    if (!page_.node(i).is_text) {
      if (is_widget(page_, i)) return i;
      continue;
    }
    if (page_.stats[i].chars == 0) continue;
    std::uint32_t block = page_.node(i).parent;
    while (block != 0 && !is_block_tag(page_.node(block).tag)) block = page_.node(block).parent;
    // A block with blocks inside is no line: then the text run alone is.
    bool whole_block = block >= start && !page_.stats[block].has_block;
    std::uint32_t line_chars = whole_block ? page_.stats[block].chars : page_.stats[i].chars;
    if (line_chars > kShortText) return whole_block ? block : i;
    han += page_.stats[i].han;
    chars += page_.stats[i].chars;
    if (han > kTrailerHan || chars > kTrailerChars) return i;
  }
  return page_.size();
}

// The block element below `root` that holds a text node (its line), or kNoNode when the text
// stands directly in `root` or the line is too long to be a header or trailer line.
std::uint32_t ZoneBuilder::line_block(std::uint32_t text_node, std::uint32_t root) const {
  std::uint32_t i = page_.node(text_node).parent;
  while (i != root && !is_block_tag(page_.node(i).tag)) i = page_.node(i).parent;
  if (i == root || page_.stats[i].chars > kShortText) return kNoNode;
  return i;
}

// The lines of `root`, from node `begin` on, that pass `is_line`, up to the first that does not.
std::vector<std::uint32_t> ZoneBuilder::leading_lines(std::uint32_t root, std::uint32_t begin,
                                                      bool (*is_line)(std::string_view)) const {
  std::vector<std::uint32_t> lines;
  for (std::uint32_t i = begin; i < page_.stats[root].end; ++i) {
    if (!page_.node(i).is_text || page_.stats[i].chars == 0) continue;
    if (page_.inside_hidden[i] || in_dropped_[i]) continue;
    std::uint32_t block = line_block(i, root);
    if (block == kNoNode || !is_line(page_.short_text(block))) break;
    lines.push_back(block);
    i = page_.stats[block].end - 1;
  }
  return lines;
}

// Lines at the bottom of the container that belong to the trailer (is_tail_line), last first.
// `stop` is the first node the walk must not reach (the end of the lead lines).
std::vector<std::uint32_t> ZoneBuilder::tail_lines(std::uint32_t stop) const {
  std::vector<std::uint32_t> lines;
  for (std::uint32_t i = page_.stats[result_.container].end; i-- > stop;) {
    if (!page_.node(i).is_text || page_.stats[i].chars == 0) continue;
    if (page_.inside_hidden[i] || in_dropped_[i]) continue;
    std::uint32_t block = line_block(i, result_.container);
    if (block == kNoNode || block < stop || !is_tail_line(page_.short_text(block))) break;
    lines.push_back(block);
    i = block;
  }
  return lines;
}

void ZoneBuilder::run() {
  const std::uint32_t container = result_.container;
  const std::uint32_t container_end = page_.stats[container].end;
  const std::uint32_t headline = result_.headline;
  std::uint32_t body_begin = container + 1;
  if (headline != kNoNode && headline < container) {
    mark_range(headline, container, Zone::kHeader);
  }
  mark_range(container, container_end, Zone::kContainer);
  if (headline != kNoNode && headline > container) {
    mark_subtree(headline, Zone::kHeader);
    body_begin = page_.stats[headline].end;
  }
  // Header lines at the top of the container and trailer lines at its bottom (H3, H4).
  std::vector<std::uint32_t> lead = leading_lines(container, body_begin, is_lead_line);
  for (std::uint32_t line : lead) mark_subtree(line, Zone::kHeader);
  if (!lead.empty()) body_begin = page_.stats[lead.back()].end;
  for (std::uint32_t line : tail_lines(body_begin)) mark_subtree(line, Zone::kTrailer);
  const std::uint32_t trailer_stop = trailer_end();
  mark_range(container_end, trailer_stop, Zone::kTrailer);
  // The widget that ends the trailer may open with trailer lines ("[责任编辑：刘斌]" atop a
  // share box): they still belong to the trailer.
  if (trailer_stop < page_.size()) {
    for (std::uint32_t line : leading_lines(trailer_stop, trailer_stop + 1, is_tail_line))
      mark_subtree(line, Zone::kTrailer);
  }
}

// H6: every node inside <body> (or, without a body, outside the head) is kept.
void keep_whole_body(const Page& page, MainContent& result) {
  std::uint32_t body = kNoNode;
  for (std::uint32_t i = 0; i < page.size() && body == kNoNode; ++i) {
    if (!page.node(i).is_text && std::string_view(page.node(i).tag) == "body") body = i;
  }
  if (body != kNoNode) {
    std::fill(result.zones.begin() + body, result.zones.begin() + page.stats[body].end,
              Zone::kContainer);
    return;
  }
  for (std::uint32_t i = 1; i < page.size(); ++i) {
    const DomNode& node = page.node(i);
    if (!node.is_text && std::string_view(node.tag) == "head") {
      i = page.stats[i].end - 1;  // skip the head
    } else if (node.is_text || std::string_view(node.tag) != "html") {
      result.zones[i] = Zone::kContainer;
    }
  }
}

// Roots of the maximal subtrees that are kOutside throughout.
std::vector<std::uint32_t> outside_roots(const Page& page, const std::vector<Zone>& zones) {
  const std::uint32_t n = page.size();
  std::vector<bool> all_outside(n);
  for (std::uint32_t i = 0; i < n; ++i) all_outside[i] = zones[i] == Zone::kOutside;
  for (std::uint32_t i = n; i-- > 1;) {
    std::uint32_t parent = page.node(i).parent;
    if (parent != kNoNode && !all_outside[i]) all_outside[parent] = false;
  }
  std::vector<std::uint32_t> roots;
  for (std::uint32_t i = 1; i < n; ++i) {
    std::uint32_t parent = page.node(i).parent;
    if (all_outside[i] && (parent == kNoNode || !all_outside[parent])) roots.push_back(i);
  }
  return roots;
}

}  // namespace

MainContent find_main_content(const Dom& dom, std::string_view text) {
  MainContent result;
  result.zones.assign(dom.nodes.size(), Zone::kOutside);
  if (dom.nodes.empty()) return result;
  Page page = analyse(dom, text);
  std::uint32_t best = best_candidate(page, score_candidates(page));
  if (best == kNoNode || !page_has_article_text(page)) {
    keep_whole_body(page, result);
  } else {
    result.found = true;
    result.container = best;
    result.headline = find_headline(page, best);
    ZoneBuilder(page, result).run();
  }
  result.outside_roots = outside_roots(page, result.zones);
  return result;
}

}  // namespace tifa::input
