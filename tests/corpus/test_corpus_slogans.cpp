// Slogans over every corpus document (spec/slogans.md §9; issue acceptance): every mention is a
// slice of the text, mentions never overlap, and every discovered mention at the default floor
// passes the trap list of §4.4 as written in the spec: no count of a measure or time word, no
// ordinal, no count label, no enumeration marker, no date, no meeting, no title of a person, no
// idiom. The discovered canonicals are printed with their counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "paths.hpp"
#include "tifa/pipeline.hpp"

namespace {

// The lists of the §4.4 table, copied from the spec (not from data/, which the library reads).
constexpr std::string_view kMeasureNouns[] = {"月", "小时", "多", "季度", "百分点", "工作日", "方面", "项目", "企业",
                                              "家", "人", "单位", "部门", "行业", "城市", "地区", "奖项", "以上", "左右"};
constexpr std::string_view kOrdinalWords[] = {"第", "前", "后", "近", "约", "逾", "超", "每", "数"};
constexpr std::string_view kCountLabelEnds[] = {"工作", "任务", "措施", "举措", "方面", "问题", "领域", "环节"};
constexpr std::string_view kEventWords[] = {"届", "大会", "全会", "会议"};
constexpr std::string_view kTitleNouns[] = {"警官", "主任", "经理", "书记", "老师"};
constexpr std::string_view kIdioms[] = {"一心一意", "十全十美", "三天三夜", "一举两得", "四舍五入", "一家三口", "双卡双待"};
constexpr std::string_view kNumerals = "〇零一二三四五六七八九十百千万亿两双0123456789";
constexpr std::string_view kClassifiers[] = {"个", "大", "项", "条", "重", "期", "线", "张", "篇", "字"};

bool starts_with_any(std::string_view s, const auto& words) {
  return std::any_of(std::begin(words), std::end(words), [&](std::string_view w) { return s.starts_with(w); });
}
bool ends_with_any(std::string_view s, const auto& words) {
  return std::any_of(std::begin(words), std::end(words), [&](std::string_view w) { return s.ends_with(w); });
}

// The leading numeral of `s` (numeral characters, each 1 or 3 bytes), or "".
std::string_view leading_numeral(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size()) {
    const std::size_t length = static_cast<unsigned char>(s[end]) < 0x80 ? 1 : 3;
    if (kNumerals.find(s.substr(end, length)) == std::string_view::npos) break;
    end += length;
  }
  return s.substr(0, end);
}

// The problem of a discovered mention, or "" when it passes the trap list.
std::string trap_of(const tifa::Mention& m, std::string_view text) {
  const std::string_view canonical = m.canonical;
  const std::string_view before = text.substr(m.span.begin >= 6 ? m.span.begin - 6 : 0,
                                              m.span.begin >= 6 ? 6 : m.span.begin);
  const std::string_view numeral = leading_numeral(canonical);
  if (std::find(std::begin(kIdioms), std::end(kIdioms), canonical) != std::end(kIdioms)) return "idiom";
  if (ends_with_any(canonical, kEventWords)) return "meeting or event";
  if (m.quoted && ends_with_any(canonical, kTitleNouns)) return "title of a person";
  if (canonical.starts_with("第") && !leading_numeral(canonical.substr(3)).empty()) return "ordinal";
  if (numeral.empty()) return "";
  if (ends_with_any(before, kOrdinalWords) && !m.quoted) return "ordinal or approximation";
  const std::string_view rest = canonical.substr(numeral.size());
  if (rest.starts_with("是") || rest.starts_with("要")) return "enumeration marker";
  // A date is numerals and date units only (一季度, 1—5月, 十一月十一日); 三日一网 is a formula.
  for (std::string_view unit : {"月", "日", "年", "季度", "月份", "年度"}) {
    if (rest == unit || (rest.starts_with(unit) && !leading_numeral(rest.substr(unit.size())).empty() &&
                         rest.ends_with("日"))) {
      return "date";
    }
  }
  if (starts_with_any(rest, kClassifiers)) {
    const std::string_view noun = rest.substr(3);
    if (starts_with_any(noun, kMeasureNouns)) return "count of a measure or time word";
    if (ends_with_any(noun, kCountLabelEnds)) return "count label";
  }
  if (starts_with_any(rest, kMeasureNouns) && m.rule != "D2") return "count of a measure or time word";
  return "";
}

}  // namespace

TEST_CASE("every corpus document: mentions are slices, never overlap, and no discovery is a trap") {
  const auto files = tifa::test::corpus_files();
  if (files.empty()) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  tifa::Pipeline pipeline;
  std::map<std::string, std::size_t> discovered;
  std::size_t mentions = 0;
  for (const auto& path : files) {
    CAPTURE(path.string());
    const tifa::Document doc = pipeline.process(tifa::test::read_file(path));
    std::size_t last_end = 0;
    for (const tifa::Mention& m : doc.mentions) {
      ++mentions;
      REQUIRE(m.span.begin < m.span.end);
      REQUIRE(m.span.end <= doc.text.size());
      CHECK(m.span.begin >= last_end);
      last_end = m.span.end;
      CHECK(m.confidence >= tifa::Confidence::kMedium);
      if (m.in_lexicon) continue;
      CAPTURE(m.canonical);
      CHECK(m.slogan_id == "d:" + m.canonical);
      CHECK(trap_of(m, doc.text) == "");
      ++discovered[m.canonical];
    }
  }
  std::vector<std::pair<std::string, std::size_t>> ranked(discovered.begin(), discovered.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string top;
  for (std::size_t i = 0; i < ranked.size() && i < 30; ++i) {
    top += "\n  " + std::to_string(ranked[i].second) + "  " + ranked[i].first;
  }
  MESSAGE(files.size() << " documents, " << mentions << " mentions, " << ranked.size()
                       << " discovered canonicals; the most frequent:" << top);
}
