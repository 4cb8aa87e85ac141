// Line matchers of spec/cleaning.md §3 (B3-B7, B13-B16, B18-B20, R9, NAMES): lib/clean/lines.cpp.
// Every example of the B table is here, plus forms found in corpus/ (quoted verbatim) and the
// "things that stay". Spans are checked by slicing the original text.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/lines.hpp"
#include "clean/pieces.hpp"
#include "paths.hpp"

namespace {

using tifa::Span;
using tifa::clean::LineMatch;
using tifa::clean::PersonMatch;
namespace clean = tifa::clean;

std::string_view cut(std::string_view text, Span span) {
  return text.substr(span.begin, span.size());
}

struct Person {
  std::string_view name;
  std::string_view role;
  std::string_view affiliation = {};
  bool unsplit = false;
  std::string_view written = {};  // the name in the original when it differs from `name`
};

// Every field of a LineMatch; spans are given as the original text they cover ("" = empty span).
struct Expected {
  std::string_view rule;
  std::string_view whole;
  std::string_view label = {};
  std::string_view value = {};
  std::string_view value_text = {};
  std::vector<Person> people = {};
  std::string_view code = {};
  std::string_view code_at = {};
  std::string_view date_raw = {};
  std::string_view extra = {};
  std::string_view extra_at = {};
};

void check_span(std::string_view text, Span span, std::string_view expected,
                std::string_view what) {
  INFO(what);
  REQUIRE(span.begin <= span.end);
  REQUIRE(span.end <= text.size());
  CHECK(cut(text, span) == expected);
  if (expected.empty()) CHECK(span.empty());
}

void check_match(std::string_view text, const std::optional<LineMatch>& match,
                 const Expected& expected) {
  INFO("text: ", text);
  REQUIRE(match.has_value());
  CHECK(match->rule == expected.rule);
  check_span(text, match->whole, expected.whole, "whole");
  check_span(text, match->label, expected.label, "label");
  check_span(text, match->value, expected.value, "value");
  CHECK(match->value_text == expected.value_text);
  CHECK(match->code == expected.code);
  check_span(text, match->code_span, expected.code_at, "code_span");
  CHECK(match->date_raw == expected.date_raw);
  check_span(text, match->date_span, expected.date_raw, "date_span");
  CHECK(match->extra == expected.extra);
  check_span(text, match->extra_span, expected.extra_at, "extra_span");
  REQUIRE(match->people.size() == expected.people.size());
  for (std::size_t i = 0; i < expected.people.size(); ++i) {
    const PersonMatch& person = match->people[i];
    const Person& want = expected.people[i];
    INFO("person ", i);
    CHECK(person.name == want.name);
    CHECK(person.role == want.role);
    CHECK(person.affiliation == want.affiliation);
    CHECK(person.unsplit == want.unsplit);
    check_span(text, person.span, want.written.empty() ? want.name : want.written, "person span");
  }
}

// The forms quoted from corpus files are really there (UTF-8 files only).
void check_in_corpus(std::string_view file, std::string_view quote) {
  const std::filesystem::path shared = tifa::test::shared_dir();
  if (shared.empty()) return;
  const std::string bytes = tifa::test::read_file(shared / "corpus" / file);
  INFO(file, ": ", quote);
  CHECK(bytes.find(quote) != std::string::npos);
}

// Runs every matcher that could fire on a whole block; none may match.
void check_no_line_rule(std::string_view text) {
  INFO("text: ", text);
  CHECK_FALSE(clean::match_editor_line(text));
  CHECK_FALSE(clean::match_source_line(text));
  CHECK_FALSE(clean::match_original_title(text));
  CHECK_FALSE(clean::match_credit_line(text));
  CHECK_FALSE(clean::match_other_credit(text));
  CHECK_FALSE(clean::match_date_line(text));
  CHECK_FALSE(clean::match_print_edition(text));
}

std::string repeat(std::string_view piece, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += piece;
  return out;
}

}  // namespace

// =============================================================================================
// B4 editor line

TEST_CASE("B4: editor lines of the spec") {
  check_match("责任编辑：冯体炜 ", clean::match_editor_line("责任编辑：冯体炜 "),
              {.rule = "B4",
               .whole = "责任编辑：冯体炜 ",
               .label = "责任编辑：",
               .value = "冯体炜",
               .value_text = "冯体炜",
               .people = {{"冯体炜", "责任编辑"}}});
  check_match("责任编辑：梁斌 SF055", clean::match_editor_line("责任编辑：梁斌 SF055"),
              {.rule = "B4",
               .whole = "责任编辑：梁斌 SF055",
               .label = "责任编辑：",
               .value = "梁斌",
               .value_text = "梁斌",
               .people = {{"梁斌", "责任编辑"}},
               .code = "SF055",
               .code_at = "SF055"});
  check_match("责任编辑：刘万里 SF014", clean::match_editor_line("责任编辑：刘万里 SF014"),
              {.rule = "B4",
               .whole = "责任编辑：刘万里 SF014",
               .label = "责任编辑：",
               .value = "刘万里",
               .value_text = "刘万里",
               .people = {{"刘万里", "责任编辑"}},
               .code = "SF014",
               .code_at = "SF014"});
  check_match("责任编辑：荀建国_NN7379", clean::match_editor_line("责任编辑：荀建国_NN7379"),
              {.rule = "B4",
               .whole = "责任编辑：荀建国_NN7379",
               .label = "责任编辑：",
               .value = "荀建国",
               .value_text = "荀建国",
               .people = {{"荀建国", "责任编辑"}},
               .code = "NN7379",
               .code_at = "NN7379"});
  check_match("(责编：汤诗瑶、丁涛)", clean::match_editor_line("(责编：汤诗瑶、丁涛)"),
              {.rule = "B4",
               .whole = "(责编：汤诗瑶、丁涛)",
               .label = "(责编：",
               .value = "汤诗瑶、丁涛",
               .value_text = "汤诗瑶、丁涛",
               .people = {{"汤诗瑶", "责编"}, {"丁涛", "责编"}}});
  check_match("[责任编辑：刘斌]", clean::match_editor_line("[责任编辑：刘斌]"),
              {.rule = "B4",
               .whole = "[责任编辑：刘斌]",
               .label = "[责任编辑：",
               .value = "刘斌",
               .value_text = "刘斌",
               .people = {{"刘斌", "责任编辑"}}});
}

TEST_CASE("B4: editor lines from the corpus") {
  // sina-individual-businesses-103m.md (inside the adlist comment), ASCII colon.
  check_match("【责任编辑:薛涛】", clean::match_editor_line("【责任编辑:薛涛】"),
              {.rule = "B4",
               .whole = "【责任编辑:薛涛】",
               .label = "【责任编辑:",
               .value = "薛涛",
               .value_text = "薛涛",
               .people = {{"薛涛", "责任编辑"}}});
  check_in_corpus("hexo-sina/sina-individual-businesses-103m.md", "【责任编辑:薛涛】");
  // sina-gunpowder-king-donation.md: 编辑 with a slash.
  check_match("编辑/刘波", clean::match_editor_line("编辑/刘波"),
              {.rule = "B4",
               .whole = "编辑/刘波",
               .label = "编辑/",
               .value = "刘波",
               .value_text = "刘波",
               .people = {{"刘波", "编辑"}}});
  check_in_corpus("hexo-sina/sina-gunpowder-king-donation.md", "编辑/刘波");
  // html-page/gne-vis-cmse-1.html, full-width brackets; gne-163-1.html, NF4425.
  check_match("（责任编辑：周雁）", clean::match_editor_line("（责任编辑：周雁）"),
              {.rule = "B4",
               .whole = "（责任编辑：周雁）",
               .label = "（责任编辑：",
               .value = "周雁",
               .value_text = "周雁",
               .people = {{"周雁", "责任编辑"}}});
  check_match("责任编辑：杨倩_NF4425", clean::match_editor_line("责任编辑：杨倩_NF4425"),
              {.rule = "B4",
               .whole = "责任编辑：杨倩_NF4425",
               .label = "责任编辑：",
               .value = "杨倩",
               .value_text = "杨倩",
               .people = {{"杨倩", "责任编辑"}},
               .code = "NF4425",
               .code_at = "NF4425"});
}

TEST_CASE("B4: spans skip indentation and keep original characters") {
  const std::string_view text = "　　责任编辑：　冯体炜　";
  check_match(text, clean::match_editor_line(text),
              {.rule = "B4",
               .whole = text,
               .label = "责任编辑：　",
               .value = "冯体炜",
               .value_text = "冯体炜",
               .people = {{"冯体炜", "责任编辑"}}});
}

TEST_CASE("B4: what is no editor line") {
  CHECK_FALSE(clean::match_editor_line("编辑姓名及工作代码"));    // Sina comment text
  CHECK_FALSE(clean::match_editor_line("责任编辑："));            // empty template slot
  CHECK_FALSE(clean::match_editor_line("（责任编辑： HN666）"));  // a code without a name
  CHECK_FALSE(clean::match_editor_line("责任编辑：刘斌]"));       // a closing bracket alone
  CHECK_FALSE(clean::match_editor_line("编辑部认为，这项改革意义重大。"));
  CHECK_FALSE(clean::match_editor_line("责任编辑：" + repeat("很长的段落", 13)));
}

// =============================================================================================
// B5 source line

TEST_CASE("B5: source lines of the spec") {
  check_match("来源：国资小新", clean::match_source_line("来源：国资小新"),
              {.rule = "B5",
               .whole = "来源：国资小新",
               .label = "来源：",
               .value = "国资小新",
               .value_text = "国资小新"});
  check_match("（文章来源：日照日报）", clean::match_source_line("（文章来源：日照日报）"),
              {.rule = "B5",
               .whole = "（文章来源：日照日报）",
               .label = "（文章来源：",
               .value = "日照日报",
               .value_text = "日照日报"});
  check_match("来源|观察者网", clean::match_source_line("来源|观察者网"),
              {.rule = "B5",
               .whole = "来源|观察者网",
               .label = "来源|",
               .value = "观察者网",
               .value_text = "观察者网"});
  check_match("来源|九派新闻、新华每日电讯",
              clean::match_source_line("来源|九派新闻、新华每日电讯"),
              {.rule = "B5",
               .whole = "来源|九派新闻、新华每日电讯",
               .label = "来源|",
               .value = "九派新闻、新华每日电讯",
               .value_text = "九派新闻、新华每日电讯"});
  // The account id stays in the raw value, not in value_text.
  check_match("来源丨经济日报（ID：jjrbwx）",
              clean::match_source_line("来源丨经济日报（ID：jjrbwx）"),
              {.rule = "B5",
               .whole = "来源丨经济日报（ID：jjrbwx）",
               .label = "来源丨",
               .value = "经济日报（ID：jjrbwx）",
               .value_text = "经济日报",
               .code = "jjrbwx"});
  const std::string_view from = "(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)";
  check_match(from, clean::match_source_line(from),
              {.rule = "B5",
               .whole = from,
               .label = "(本文来自",
               .value = "澎湃新闻",
               .value_text = "澎湃新闻"});
}

TEST_CASE("B5: source lines from the corpus") {
  check_in_corpus("hexo-sina/sina-changjin-lake-film-account-banned.md", "来源|观察者网");
  check_in_corpus("hexo-sina/sina-cpc-centenary-economic-history.md", "经济日报（ID：jjrbwx）");
  check_in_corpus("hexo-sina/sina-nuclear-veteran-obituary.md",
                  "(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)");
  check_match("本文来源：证券市场红周刊", clean::match_source_line("本文来源：证券市场红周刊"),
              {.rule = "B5",
               .whole = "本文来源：证券市场红周刊",
               .label = "本文来源：",
               .value = "证券市场红周刊",
               .value_text = "证券市场红周刊"});
  check_match("来源: 每日经济新闻", clean::match_source_line("来源: 每日经济新闻"),
              {.rule = "B5",
               .whole = "来源: 每日经济新闻",
               .label = "来源: ",
               .value = "每日经济新闻",
               .value_text = "每日经济新闻"});
  // Seed 000: the line carries the paragraph's U+3000 indentation.
  check_match("　　来源：国资小新", clean::match_source_line("　　来源：国资小新"),
              {.rule = "B5",
               .whole = "　　来源：国资小新",
               .label = "来源：",
               .value = "国资小新",
               .value_text = "国资小新"});
}

TEST_CASE("B5: what is no source line") {
  CHECK_FALSE(clean::match_source_line("图片来源：未来科学大奖官网"));  // a caption (R9)
  CHECK_FALSE(clean::match_source_line("图片来源：每经记者 张蕊 摄"));
  CHECK_FALSE(clean::match_source_line("来源：本站原创  作者：医技药剂党支部"));  // two labels
  CHECK_FALSE(clean::match_source_line("信息来源: 中国空间技术研究院、中国运载火箭技术研究院等"));
  CHECK_FALSE(clean::match_source_line("来源CSDN|"));
  CHECK_FALSE(clean::match_source_line("来源："));
  CHECK_FALSE(clean::match_source_line("来源：新华社。"));  // sentence-final mark
  CHECK_FALSE(clean::match_source_line("来源：" + repeat("很长的媒体名", 6)));  // 31+ code points
  CHECK_FALSE(clean::match_source_line(
      "▌本文来源：央视新闻微信公众号（ID：cctvnewscenter）综合南京理工大学官网、《面对面》等"));
  // A long paragraph that merely contains 来源.
  CHECK_FALSE(clean::match_source_line(
      "来源：据统计，今年以来全市新增市场主体数量明显增加，资金来源更加多元，企业融资渠道不断拓宽，"
      "为经济稳定增长提供了有力支撑。"));
  CHECK_FALSE(
      clean::match_source_line("据了解，该项目的资金来源：中央预算内投资和地方政府专项债券。"));
}

// =============================================================================================
// B6 original title

TEST_CASE("B6: original titles") {
  const std::string_view seed_004 = "　　原标题：韩俊主持召开研究国资国企改革有关工作专题会议";
  check_match(seed_004, clean::match_original_title(seed_004),
              {.rule = "B6",
               .whole = seed_004,
               .label = "原标题：",
               .value = "韩俊主持召开研究国资国企改革有关工作专题会议",
               .value_text = "韩俊主持召开研究国资国企改革有关工作专题会议"});

  // One line with a source tail (sina-tibet-postal-coverage.md).
  const std::string_view one_line =
      "原标题：100%直接通邮！西藏实现乡镇及以上城市邮政网点全覆盖 来源：央视新闻客户端";
  check_match(one_line, clean::match_original_title(one_line),
              {.rule = "B6",
               .whole = one_line,
               .label = "原标题：",
               .value = "100%直接通邮！西藏实现乡镇及以上城市邮政网点全覆盖",
               .value_text = "100%直接通邮！西藏实现乡镇及以上城市邮政网点全覆盖",
               .extra = "央视新闻客户端",
               .extra_at = "央视新闻客户端"});
  check_in_corpus("hexo-sina/sina-tibet-postal-coverage.md", "全覆盖 来源：央视新闻客户端");

  // In brackets (html-page/gne-163-3.html).
  const std::string_view bracketed =
      "（原标题：单项奖金100万美元，“中国诺贝尔奖”揭晓！第一位获奖的女性科学家什么来头？）";
  check_match(
      bracketed, clean::match_original_title(bracketed),
      {.rule = "B6",
       .whole = bracketed,
       .label = "（原标题：",
       .value = "单项奖金100万美元，“中国诺贝尔奖”揭晓！第一位获奖的女性科学家什么来头？",
       .value_text = "单项奖金100万美元，“中国诺贝尔奖”揭晓！第一位获奖的女性科学家什么来头？"});
}

TEST_CASE("B6: values are trimmed, inner spaces and column tags stay (M5)") {
  const std::string_view trailing_ideographic =
      "原标题：“绿色创新合作”底色鲜明 服贸会打开经济复苏新空间　";
  check_match(trailing_ideographic, clean::match_original_title(trailing_ideographic),
              {.rule = "B6",
               .whole = trailing_ideographic,
               .label = "原标题：",
               .value = "“绿色创新合作”底色鲜明 服贸会打开经济复苏新空间",
               .value_text = "“绿色创新合作”底色鲜明 服贸会打开经济复苏新空间"});
  const std::string_view trailing_space =
      "原标题：105岁中国核工业元老级人物、原核工业部副部长刁筠寿逝世 ";
  check_match(trailing_space, clean::match_original_title(trailing_space),
              {.rule = "B6",
               .whole = trailing_space,
               .label = "原标题：",
               .value = "105岁中国核工业元老级人物、原核工业部副部长刁筠寿逝世",
               .value_text = "105岁中国核工业元老级人物、原核工业部副部长刁筠寿逝世"});
  const std::string_view inner_space = "原标题：1-7月西安市经济　延续稳定恢复态势";
  check_match(inner_space, clean::match_original_title(inner_space),
              {.rule = "B6",
               .whole = inner_space,
               .label = "原标题：",
               .value = "1-7月西安市经济　延续稳定恢复态势",
               .value_text = "1-7月西安市经济 延续稳定恢复态势"});
  const std::string_view column_tag =
      "原标题：1—8月社会消费品零售总额保持两位数增长——消费市场持续恢复态势未变（锐财经）";
  check_match(
      column_tag, clean::match_original_title(column_tag),
      {.rule = "B6",
       .whole = column_tag,
       .label = "原标题：",
       .value = "1—8月社会消费品零售总额保持两位数增长——消费市场持续恢复态势未变（锐财经）",
       .value_text = "1—8月社会消费品零售总额保持两位数增长——消费市场持续恢复态势未变（锐财经）"});
  const std::string_view history = "原标题：经世济民为苍生——建党之初经济主张与实践";
  check_match(history, clean::match_original_title(history),
              {.rule = "B6",
               .whole = history,
               .label = "原标题：",
               .value = "经世济民为苍生——建党之初经济主张与实践",
               .value_text = "经世济民为苍生——建党之初经济主张与实践"});
  check_in_corpus("hexo-sina/sina-cpc-centenary-economic-history.md",
                  "原标题：经世济民为苍生——建党之初经济主张与实践");
}

TEST_CASE("B6: what is no original title") {
  CHECK_FALSE(clean::match_original_title("（原题为《是“收割韭菜”还是“回归理性”》）"));
  CHECK_FALSE(clean::match_original_title("原标题"));
  CHECK_FALSE(clean::match_original_title("原标题："));
  CHECK_FALSE(clean::match_original_title("（原标题：没有闭合的括号"));
  CHECK_FALSE(clean::match_original_title("进一步深化国资国企改革 切实提升国企市场竞争力"));
}

// =============================================================================================
// B7 standalone credit lines

TEST_CASE("B7: reporter and correspondent lines of the spec") {
  check_match("全媒体记者王大鹏", clean::match_credit_line("全媒体记者王大鹏"),
              {.rule = "B7",
               .whole = "全媒体记者王大鹏",
               .label = "全媒体记者",
               .value = "王大鹏",
               .value_text = "王大鹏",
               .people = {{"王大鹏", "全媒体记者"}}});
  check_match("通讯员许祥波唐娜", clean::match_credit_line("通讯员许祥波唐娜"),
              {.rule = "B7",
               .whole = "通讯员许祥波唐娜",
               .label = "通讯员",
               .value = "许祥波唐娜",
               .value_text = "许祥波唐娜",
               .people = {{"许祥波唐娜", "通讯员", "", true}}});
  check_match("证券时报记者 江聃", clean::match_credit_line("证券时报记者 江聃"),
              {.rule = "B7",
               .whole = "证券时报记者 江聃",
               .label = "证券时报记者 ",
               .value = "江聃",
               .value_text = "江聃",
               .people = {{"江聃", "记者", "证券时报"}}});
  check_match("（深圳商报驻京记者 宋华）", clean::match_credit_line("（深圳商报驻京记者 宋华）"),
              {.rule = "B7",
               .whole = "（深圳商报驻京记者 宋华）",
               .label = "（深圳商报驻京记者 ",
               .value = "宋华",
               .value_text = "宋华",
               .people = {{"宋华", "驻京记者", "深圳商报"}}});
  check_match("（总台央视记者 徐宁宁 杨毅）",
              clean::match_credit_line("（总台央视记者 徐宁宁 杨毅）"),
              {.rule = "B7",
               .whole = "（总台央视记者 徐宁宁 杨毅）",
               .label = "（总台央视记者 ",
               .value = "徐宁宁 杨毅",
               .value_text = "徐宁宁 杨毅",
               .people = {{"徐宁宁", "记者", "总台央视"}, {"杨毅", "记者", "总台央视"}}});
  // The (www…) part is not counted and not kept in the affiliation; the place is no name.
  const std::string_view chinatimes = "华夏时报（www.chinatimes.net.cn）记者 王悦 徐芸茜 北京报道";
  check_match(chinatimes, clean::match_credit_line(chinatimes),
              {.rule = "B7",
               .whole = chinatimes,
               .label = "华夏时报（www.chinatimes.net.cn）记者 ",
               .value = "王悦 徐芸茜",
               .value_text = "王悦 徐芸茜",
               .people = {{"王悦", "记者", "华夏时报"}, {"徐芸茜", "记者", "华夏时报"}}});
  check_in_corpus("hexo-sina/sina-zero-waste-cities-plan.md", "北京报道");
}

TEST_CASE("B7: 文 and 作者 lines") {
  check_match("►文 观察者网 陶梦", clean::match_credit_line("►文 观察者网 陶梦"),
              {.rule = "B7",
               .whole = "►文 观察者网 陶梦",
               .label = "►文 ",
               .value = "观察者网 陶梦",
               .value_text = "观察者网 陶梦",
               .people = {{"陶梦", "文", "观察者网"}}});
  check_in_corpus("hexo-sina/sina-changjin-lake-film-account-banned.md",
                  "文 观察者网 陶梦");  // ► in its own <font>
  // Without a space the outlet is not split off: one unsplit run (spec §3 NAMES).
  check_match("►文观察者网鞠峰", clean::match_credit_line("►文观察者网鞠峰"),
              {.rule = "B7",
               .whole = "►文观察者网鞠峰",
               .label = "►文",
               .value = "观察者网鞠峰",
               .value_text = "观察者网鞠峰",
               .people = {{"观察者网鞠峰", "文", "", true}}});
  check_in_corpus("hexo-sina/sina-zhengzhou-disaster-insurance.md", "►文观察者网鞠峰");
  check_match("文丨吕立勤梁剑箫", clean::match_credit_line("文丨吕立勤梁剑箫"),
              {.rule = "B7",
               .whole = "文丨吕立勤梁剑箫",
               .label = "文丨",
               .value = "吕立勤梁剑箫",
               .value_text = "吕立勤梁剑箫",
               .people = {{"吕立勤梁剑箫", "文", "", true}}});
  check_in_corpus("hexo-sina/sina-cpc-centenary-economic-history.md",
                  "丨吕立勤梁剑箫");  // 文 in its own <font>
  check_match("作者：余源（andyy1988@126.com）",
              clean::match_credit_line("作者：余源（andyy1988@126.com）"),
              {.rule = "B7",
               .whole = "作者：余源（andyy1988@126.com）",
               .label = "作者：",
               .value = "余源",
               .value_text = "余源",
               .people = {{"余源", "作者"}}});
}

TEST_CASE("B7: more credit lines from the corpus and combined groups") {
  check_match("澎湃新闻记者 段彦超 廖艳", clean::match_credit_line("澎湃新闻记者 段彦超 廖艳"),
              {.rule = "B7",
               .whole = "澎湃新闻记者 段彦超 廖艳",
               .label = "澎湃新闻记者 ",
               .value = "段彦超 廖艳",
               .value_text = "段彦超 廖艳",
               .people = {{"段彦超", "记者", "澎湃新闻"}, {"廖艳", "记者", "澎湃新闻"}}});
  check_match("（驻京记者 宋华）", clean::match_credit_line("（驻京记者 宋华）"),
              {.rule = "B7",
               .whole = "（驻京记者 宋华）",
               .label = "（驻京记者 ",
               .value = "宋华",
               .value_text = "宋华",
               .people = {{"宋华", "驻京记者"}}});
  check_in_corpus("hexo-sina/sina-soe-profit-jan-jul-2021.md", "驻京记者 宋华");
  // A 记者 group followed by a 通讯员 group on one line (form).
  check_match("本报记者 张三 通讯员 李四、王五",
              clean::match_credit_line("本报记者 张三 通讯员 李四、王五"),
              {.rule = "B7",
               .whole = "本报记者 张三 通讯员 李四、王五",
               .label = "本报记者 ",
               .value = "张三 通讯员 李四、王五",
               .value_text = "张三 通讯员 李四、王五",
               .people = {{"张三", "记者", "本报"}, {"李四", "通讯员"}, {"王五", "通讯员"}}});
}

TEST_CASE("B7: things that stay are no credit lines") {
  check_no_line_rule("市国资委党委书记、主任陈凯告诉记者。");
  check_no_line_rule(
      "抓项目就是抓发展。2月8日早晨8点，日照开元森泊度假乐园项目现场人声鼎沸、机器轰鸣，工作人员告"
      "诉记者，为了加快进度，整个春节假期该项目都没停工。");
  check_no_line_rule("工作人员告诉记者，为了加快进度");
  check_no_line_rule("澎湃新闻（www.thepaper.cn）记者从新四军研究会方面获悉");
  check_no_line_rule("记者从会上获悉");
  check_no_line_rule("国家发展改革委副主任连维良：");
  check_no_line_rule("记者手记");
  check_no_line_rule("国资委新闻发言人接受记者采访");
  check_no_line_rule("市长向记者介绍");
  check_no_line_rule("据记者了解");
  check_no_line_rule("文化自信");
  check_no_line_rule("@上帝之鹰_5zn");
  check_no_line_rule("（综编）");
  check_no_line_rule("【编前语】");
  // Link text glued to a credit (html-page/gne-njxfhn-1.html) is no list of names.
  check_no_line_rule("作者：余毅菁 向雪妮返回富达，查看更多");
}

// =============================================================================================
// B13 inline bylines and datelines

TEST_CASE("B13: prefix forms of the spec") {
  const std::string_view seed_004 =
      "　　本报讯（记者何琳娣 "
      "于小博）8月25日，省委副书记、省长韩俊主持召开研究国资国企改革有关工作专题会议。";
  check_match(seed_004, clean::match_byline_prefix(seed_004),
              {.rule = "B13",
               .whole = "本报讯（记者何琳娣 于小博）",
               .people = {{"何琳娣", "记者"}, {"于小博", "记者"}}});
  const std::string_view seed_003 =
      "本报讯(绵报融媒记者安达福)"
      "6月7日，全市重点工作推进会召开，省委常委、市委书记曹立军主持会议并讲话。";
  check_match(seed_003, clean::match_byline_prefix(seed_003),
              {.rule = "B13",
               .whole = "本报讯(绵报融媒记者安达福)",
               .people = {{"安达福", "记者", "绵报融媒"}}});
  const std::string_view shenzhen =
      "【深圳商报讯】（首席记者 "
      "王海荣）8月17日，深圳市科创委对2020年度企业研究开发资助计划第二批拟资助企业名单进行公示";
  check_match(shenzhen, clean::match_byline_prefix(shenzhen),
              {.rule = "B13",
               .whole = "【深圳商报讯】（首席记者 王海荣）",
               .value = "深圳商报",
               .value_text = "深圳商报",
               .people = {{"王海荣", "首席记者"}}});
  const std::string_view wuhan =
      "武汉晚报讯（记者李玉莹）12月6日上午8时刚过，89岁的中南财经政法大学退休教授赵德馨又开始忙着修"
      "订《楚国的货币》一书了。";
  check_match(wuhan, clean::match_byline_prefix(wuhan),
              {.rule = "B13",
               .whole = "武汉晚报讯（记者李玉莹）",
               .value = "武汉晚报",
               .value_text = "武汉晚报",
               .people = {{"李玉莹", "记者"}}});
  const std::string_view guangzhou =
      "中新网广州6月22日电 （唐贵江 "
      "关悦）广州海关22日消息，6月3日，100吨核辐射超标的锆英砂中矿在广州海关所属花都海关的现场监管"
      "下退运出境。";
  check_match(guangzhou, clean::match_byline_prefix(guangzhou),
              {.rule = "B13",
               .whole = "中新网广州6月22日电 （唐贵江 关悦）",
               .value = "中新网",
               .value_text = "中新网",
               .people = {{"唐贵江", ""}, {"关悦", ""}},
               .date_raw = "6月22日",
               .extra = "广州",
               .extra_at = "广州"});
  // Full-width digits: date_raw is the original text (corpus/text is GB18030, quoted decoded).
  const std::string_view xinhua =
      "新华网北京３月１日电（记者李菲）全国组织系统３月１日召开深入推进“讲党性、重品行、作表率”活动"
      "视频会。";
  check_match(xinhua, clean::match_byline_prefix(xinhua),
              {.rule = "B13",
               .whole = "新华网北京３月１日电（记者李菲）",
               .value = "新华网",
               .value_text = "新华网",
               .people = {{"李菲", "记者"}},
               .date_raw = "３月１日",
               .extra = "北京",
               .extra_at = "北京"});
  const std::string_view dongguan =
      "南方财经全媒体见习记者程浩 东莞报道 "
      "5月24日，东莞市倍增计划工作领导小组办公室开展2022年东莞市“倍增计划”企业动态遴选调整工作";
  check_match(dongguan, clean::match_byline_prefix(dongguan),
              {.rule = "B13",
               .whole = "南方财经全媒体见习记者程浩 东莞报道",
               .people = {{"程浩", "见习记者", "南方财经全媒体"}},
               .extra = "东莞",
               .extra_at = "东莞"});
  check_in_corpus("hexo-sina/sina-dongguan-doubling-plan-firms.md",
                  "南方财经全媒体见习记者程浩 东莞报道");
  const std::string_view dated =
      "2021年12月8日讯，财政部2年期续发国债中标利率为2.4576%，边际利率为2.4823%";
  check_match(dated, clean::match_byline_prefix(dated),
              {.rule = "B13", .whole = "2021年12月8日讯", .date_raw = "2021年12月8日"});
}

TEST_CASE("B13: prefix forms from the corpus") {
  const std::string_view fdi =
      "中新网6月12日电 据商务部网站消息，2021年1-5月，全国新设立外商投资企业";
  check_match(fdi, clean::match_byline_prefix(fdi),
              {.rule = "B13",
               .whole = "中新网6月12日电",
               .value = "中新网",
               .value_text = "中新网",
               .date_raw = "6月12日"});
  check_in_corpus("hexo-sina/sina-fdi-jan-may-2021.md", "中新网6月12日电 据商务部");
  const std::string_view bonds = "中新经纬客户端7月26日电 财政部网站26日公布数据显示";
  check_match(bonds, clean::match_byline_prefix(bonds),
              {.rule = "B13",
               .whole = "中新经纬客户端7月26日电",
               .value = "中新经纬客户端",
               .value_text = "中新经纬客户端",
               .date_raw = "7月26日"});
  check_in_corpus("hexo-sina/sina-local-gov-bonds-h1-2021.md", "中新经纬客户端7月26日电");
  const std::string_view rcep = "上证报中国证券网讯（记者 陈芳）记者从海关总署获悉，今年1-11月";
  check_match(rcep, clean::match_byline_prefix(rcep),
              {.rule = "B13",
               .whole = "上证报中国证券网讯（记者 陈芳）",
               .value = "上证报中国证券网",
               .value_text = "上证报中国证券网",
               .people = {{"陈芳", "记者"}}});
  check_in_corpus("hexo-sina/sina-rcep-trade-jan-nov-2021.md", "上证报中国证券网讯（记者 陈芳）");
  const std::string_view paris = "新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工";
  check_match(paris, clean::match_byline_prefix(paris),
              {.rule = "B13",
               .whole = "新华社巴黎12月9日电（记者唐霁）",
               .value = "新华社",
               .value_text = "新华社",
               .people = {{"唐霁", "记者"}},
               .date_raw = "12月9日",
               .extra = "巴黎",
               .extra_at = "巴黎"});
  const std::string_view xian = "本报讯（记者 张维）8月23日，西安市统计局发布1-7月经济运行情况表明";
  check_match(xian, clean::match_byline_prefix(xian),
              {.rule = "B13", .whole = "本报讯（记者 张维）", .people = {{"张维", "记者"}}});
  const std::string_view station =
      "本站讯（职工通讯员 李琴雯 刘会）为深入推进党建与业务工作紧密结合";
  check_match(station, clean::match_byline_prefix(station),
              {.rule = "B13",
               .whole = "本站讯（职工通讯员 李琴雯 刘会）",
               .people = {{"李琴雯", "通讯员", "职工"}, {"刘会", "通讯员", "职工"}}});
  // 新华社 may omit the date.
  const std::string_view undated = "新华社北京电 国务院总理主持召开国务院常务会议";
  check_match(undated, clean::match_byline_prefix(undated),
              {.rule = "B13",
               .whole = "新华社北京电",
               .value = "新华社",
               .value_text = "新华社",
               .extra = "北京",
               .extra_at = "北京"});
  const std::string_view hashtag =
      "华夏时报（www.chinatimes.net.cn）记者 王悦 徐芸茜 北京报道 近日，生态环境部等18个部门";
  check_match(hashtag, clean::match_byline_prefix(hashtag),
              {.rule = "B13",
               .whole = "华夏时报（www.chinatimes.net.cn）记者 王悦 徐芸茜 北京报道",
               .people = {{"王悦", "记者", "华夏时报"}, {"徐芸茜", "记者", "华夏时报"}},
               .extra = "北京",
               .extra_at = "北京"});
}

TEST_CASE("B13: paragraphs without a prefix byline") {
  for (std::string_view text : {
           std::string_view(
               "据中新网9月9日报道，针对外媒“苹果公司违反中国劳动法”的报道，苹果公司9日对记者表示"),
           std::string_view("市国资委党委书记、主任陈凯告诉记者。"),
           std::string_view("工作人员告诉记者，为了加快进度，整个春节假期该项目都没停工。"),
           std::string_view(
               "澎湃新闻（www.thepaper.cn）记者从新四军研究会方面获悉，该会名誉会长逝世。"),
           std::string_view(
               "“十二五”规划纲要是怎样编制的，有什么样新的特点？新华社记者对此进行了追踪采访。"),
           std::string_view("1月9日，国务院国资委以视频方式召开地方国资委负责人会议"),
           std::string_view("新华社电力专题报道显示"),
           std::string_view("国家电网公司6月1日电力供应平稳"),
           std::string_view("本报讯 8月25日，省委副书记主持召开会议。"),
           std::string_view("【编前语】近年来，各地积极推进改革。"),
       }) {
    INFO(text);
    CHECK_FALSE(clean::match_byline_prefix(text));
  }
}

TEST_CASE("B13: the prefix forms are found past the test on the unfolded lead") {
  // match_byline_prefix turns a paragraph away by its first characters when they are copied by
  // folding as they are and hold none of 讯, 电 (after the first) and 报道 among the first 48, and
  // the first is no digit. A date lead's date may run past 48 characters.
  const std::string_view long_date =
      "2019-09-07T13:43:45.123456789012345678901234567890123456789012345678901234567890讯 财政部公布";
  check_match(long_date, clean::match_byline_prefix(long_date),
              {.rule = "B13",
               .whole = "2019-09-07T13:43:45.123456789012345678901234567890123456789012345678901234567890讯",
               .date_raw = "2019-09-07T13:43:45.123456789012345678901234567890123456789012345678901234567890"});
  // Characters that folding changes or drops before the key word: the matchers decide on the
  // folded text.
  const std::string_view invisible = "\u200B本报讯（记者 张维）8月23日，西安市统计局发布";
  check_match(invisible, clean::match_byline_prefix(invisible),
              {.rule = "B13", .whole = "本报讯（记者 张维）", .people = {{"张维", "记者"}}});
  // Against the same paragraph behind a zero-width space, which the test cannot read past (so
  // the matchers always run): the same verdict, the same span three bytes on. (At most 90
  // characters: the folded window of 120 holds all of both.)
  const char* const atoms[] = {"中", "国", "本报", "新华社", "北京", "讯", "电", "报道", "报", "道", "记者", "张维",
                               "（", "）", "，", "。", "1", "2", "月", "日", "a", "【", "】", "《", "》", " ", "　"};
  std::uint32_t state = 2026;
  const auto next = [&state](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (std::uint32_t n = 1 + next(30); n > 0; --n) text += atoms[next(static_cast<std::uint32_t>(std::size(atoms)))];
    INFO("case ", i, ": ", text);
    const std::optional<LineMatch> plain = clean::match_byline_prefix(text);
    const std::optional<LineMatch> behind = clean::match_byline_prefix("\u200B" + text);
    REQUIRE(plain.has_value() == behind.has_value());
    if (plain) {
      CHECK(behind->whole.begin == plain->whole.begin + 3);
      CHECK(behind->whole.end == plain->whole.end + 3);
      CHECK(behind->people.size() == plain->people.size());
    }
  }
}

TEST_CASE("B13: trailing forms of the spec") {
  const std::string_view potash = "加强市场监管等一系列措施，促进国内钾肥保供稳价。（记者安蓓）";
  check_match(potash, clean::match_byline_suffix(potash),
              {.rule = "B13",
               .whole = "（记者安蓓）",
               .value = "安蓓",
               .value_text = "",
               .people = {{"安蓓", "记者"}}});
  // Seed text split over three <font> elements; a trailing space after the bracket.
  const std::string_view retail = "需求结构、流通网络和发展环境提质升级。（ 本报记者 汪文正） ";
  check_match(retail, clean::match_byline_suffix(retail),
              {.rule = "B13",
               .whole = "（ 本报记者 汪文正）",
               .value = "汪文正",
               .people = {{"汪文正", "记者", "本报"}}});
  const std::string_view cls = "沥青、铁矿、沪锌、沪铅、沪锡涨超1%。（财联社）";
  check_match(cls, clean::match_byline_suffix(cls),
              {.rule = "B13", .whole = "（财联社）", .value = "财联社", .value_text = "财联社"});
  const std::string_view cctv = "累计打击恶意商标注册申请37.6万件。(央视新闻)";
  check_match(
      cctv, clean::match_byline_suffix(cctv),
      {.rule = "B13", .whole = "(央视新闻)", .value = "央视新闻", .value_text = "央视新闻"});
  check_in_corpus("jekyll-finews/finews-emnews-cnipa-abnormal-patents.md", "37.6万件。(央视新闻)");
}

TEST_CASE("B13: trailing forms from the corpus") {
  const std::string_view app = "平均利率3.52%，其中一般债券3.52%，专项债券3.52%。（中新经纬APP）";
  check_match(app, clean::match_byline_suffix(app),
              {.rule = "B13",
               .whole = "（中新经纬APP）",
               .value = "中新经纬APP",
               .value_text = "中新经纬APP"});
  check_in_corpus("hexo-sina/sina-local-gov-bonds-h1-2021.md", "（中新经纬APP）");
  const std::string_view ministries = "从2012年到2021年年均11.8%的增速。（记者赵文君）";
  check_match(ministries, clean::match_byline_suffix(ministries),
              {.rule = "B13",
               .whole = "（记者赵文君）",
               .value = "赵文君",
               .people = {{"赵文君", "记者"}}});
  const std::string_view cctv_two = "（总台央视记者 徐宁宁 杨毅）";
  check_match(cctv_two, clean::match_byline_suffix(cctv_two),
              {.rule = "B13",
               .whole = cctv_two,
               .value = "徐宁宁 杨毅",
               .people = {{"徐宁宁", "记者", "总台央视"}, {"杨毅", "记者", "总台央视"}}});
  for (std::string_view outlet : {"（界面新闻）", "（上海证券报）", "（中新网）"}) {
    const std::string text = "同比分别增长8%及5%。" + std::string(outlet);
    const std::optional<LineMatch> match = clean::match_byline_suffix(text);
    REQUIRE(match);
    CHECK(cut(text, match->whole) == outlet);
  }
}

TEST_CASE("B13: what is no trailing credit") {
  for (std::string_view text : {
           std::string_view("为构建新发展格局贡献交通力量。（综编）"),
           std::string_view("社会各项事业进一步和谐发展。（张树超）"),
           std::string_view(
               "1—8月社会消费品零售总额保持两位数增长——消费市场持续恢复态势未变（锐财经）"),
           std::string_view("全场倍数为3.7，边际倍数为2.2。(东方财富Choice数据)"),
           std::string_view("总体全县投资结构趋稳趋优。（德清县发改局）"),
           std::string_view("建议 AP 哥再设计一个奥斯卡奖的失误检测 AI。（Doge）"),
           std::string_view("（进入视频，点击帐号头像，加关注）"),
           std::string_view("图为山西品牌丝路行（南美站）启动仪式。（刘通摄）"),
           std::string_view("（本报）"),
           std::string_view("文章到此结束。"),
       }) {
    INFO(text);
    CHECK_FALSE(clean::match_byline_suffix(text));
  }
}

// =============================================================================================
// B14 other credits

TEST_CASE("B14: other credit lines") {
  check_match("图表：张海彤", clean::match_other_credit("图表：张海彤"),
              {.rule = "B14",
               .whole = "图表：张海彤",
               .label = "图表：",
               .value = "张海彤",
               .value_text = "张海彤",
               .people = {{"张海彤", "chart"}},
               .extra = "chart"});
  check_match("头图摄影丨新华社 刘颖", clean::match_other_credit("头图摄影丨新华社 刘颖"),
              {.rule = "B14",
               .whole = "头图摄影丨新华社 刘颖",
               .label = "头图摄影丨",
               .value = "新华社 刘颖",
               .value_text = "新华社 刘颖",
               .people = {{"刘颖", "photo", "新华社"}},
               .extra = "photo"});
  check_in_corpus("hexo-sina/sina-cpc-centenary-economic-history.md",
                  "丨新华社 刘颖");  // split over two <font>
  check_match("排版：肖冉", clean::match_other_credit("排版：肖冉"),
              {.rule = "B14",
               .whole = "排版：肖冉",
               .label = "排版：",
               .value = "肖冉",
               .value_text = "肖冉",
               .people = {{"肖冉", "layout"}},
               .extra = "layout"});
  // Two credits on one line (sina-gunpowder-king-donation.md).
  check_match("制片人/马文佳 主编/马玮璐", clean::match_other_credit("制片人/马文佳 主编/马玮璐"),
              {.rule = "B14",
               .whole = "制片人/马文佳 主编/马玮璐",
               .label = "制片人/",
               .value = "马文佳",
               .value_text = "马文佳",
               .people = {{"马文佳", "producer"}, {"马玮璐", "chief_editor"}},
               .extra = "producer"});
  check_in_corpus("hexo-sina/sina-gunpowder-king-donation.md", "制片人/马文佳 主编/马玮璐");
}

TEST_CASE("B14: what is no other credit") {
  CHECK_FALSE(clean::match_other_credit("长城云海似画卷。摄影：新华社王立群"));
  CHECK_FALSE(clean::match_other_credit("图为山西品牌丝路行（南美站）启动仪式。（刘通摄）"));
  CHECK_FALSE(clean::match_other_credit("图片来源：摄图网"));
  CHECK_FALSE(clean::match_other_credit("主编：马玮璐"));  // 主编 is written with a slash
  CHECK_FALSE(clean::match_other_credit("图表：1-7月全国一般公共预算收入同比增长情况"));
  CHECK_FALSE(clean::match_other_credit("编辑/刘波"));  // B4
}

// =============================================================================================
// B15 date lines, B16 print edition

TEST_CASE("B15: publication-date lines") {
  check_match("发布时间：2023 年 7 月 17 日",
              clean::match_date_line("发布时间：2023 年 7 月 17 日"),
              {.rule = "B15",
               .whole = "发布时间：2023 年 7 月 17 日",
               .label = "发布时间：",
               .value = "2023 年 7 月 17 日",
               .value_text = "2023 年 7 月 17 日",
               .date_raw = "2023 年 7 月 17 日"});
  check_match("发布时间: 2021 年 12 月 19 日",
              clean::match_date_line("发布时间: 2021 年 12 月 19 日"),
              {.rule = "B15",
               .whole = "发布时间: 2021 年 12 月 19 日",
               .label = "发布时间: ",
               .value = "2021 年 12 月 19 日",
               .value_text = "2021 年 12 月 19 日",
               .date_raw = "2021 年 12 月 19 日"});
  check_match("发布日期: 2012-06-24", clean::match_date_line("发布日期: 2012-06-24"),
              {.rule = "B15",
               .whole = "发布日期: 2012-06-24",
               .label = "发布日期: ",
               .value = "2012-06-24",
               .value_text = "2012-06-24",
               .date_raw = "2012-06-24"});
  check_match("时间：2019-09-18 06:23", clean::match_date_line("时间：2019-09-18 06:23"),
              {.rule = "B15",
               .whole = "时间：2019-09-18 06:23",
               .label = "时间：",
               .value = "2019-09-18 06:23",
               .value_text = "2019-09-18 06:23",
               .date_raw = "2019-09-18 06:23"});
}

TEST_CASE("B15: H3 date-and-source lines give the date and the source") {
  const std::string_view people = "2019年06月15日08:18  来源：人民网-文化频道";
  check_match(people, clean::match_date_line(people),
              {.rule = "B15",
               .whole = people,
               .value = "2019年06月15日08:18",
               .value_text = "2019年06月15日08:18",
               .date_raw = "2019年06月15日08:18",
               .extra = "人民网-文化频道",
               .extra_at = "人民网-文化频道"});
  const std::string_view netease = "2019-09-08 00:20:15　来源: 每日经济新闻";
  check_match(netease, clean::match_date_line(netease),
              {.rule = "B15",
               .whole = netease,
               .value = "2019-09-08 00:20:15",
               .value_text = "2019-09-08 00:20:15",
               .date_raw = "2019-09-08 00:20:15",
               .extra = "每日经济新闻",
               .extra_at = "每日经济新闻"});
}

TEST_CASE("B15: what is no date line") {
  CHECK_FALSE(clean::match_date_line("2019-09-18 06:23"));  // a bare date has no label
  CHECK_FALSE(clean::match_date_line("发布时间：昨天"));
  CHECK_FALSE(clean::match_date_line("时间：2019年10月31日 23:00  浏览："));
  CHECK_FALSE(clean::match_date_line("7 月 13 日至 14 日,国务院国资委举办中央企业负责人研讨班"));
  CHECK_FALSE(clean::match_date_line("1月9日，国务院国资委以视频方式召开会议"));
  CHECK_FALSE(clean::match_date_line("2019年06月15日08:18  来源：新华社。"));
}

TEST_CASE("B16: print-edition lines") {
  const std::string_view overseas = "《 人民日报海外版 》（ 2021年09月20日   第 03 版）";
  check_match(overseas, clean::match_print_edition(overseas),
              {.rule = "B16",
               .whole = overseas,
               .value = "人民日报海外版",
               .value_text = "人民日报海外版",
               .date_raw = "2021年09月20日",
               .extra = "03",
               .extra_at = "03"});
  check_in_corpus("hexo-sina/sina-retail-sales-jan-aug-2021.md", "人民日报海外版");
  const std::string_view daily = "《 人民日报 》（ 2011年03月21日 01 版）";
  check_match(daily, clean::match_print_edition(daily),
              {.rule = "B16",
               .whole = daily,
               .value = "人民日报",
               .value_text = "人民日报",
               .date_raw = "2011年03月21日",
               .extra = "01",
               .extra_at = "01"});
  const std::string_view compact = "《人民日报》(2011年03月21日第1版)";
  check_match(compact, clean::match_print_edition(compact),
              {.rule = "B16",
               .whole = compact,
               .value = "人民日报",
               .value_text = "人民日报",
               .date_raw = "2011年03月21日",
               .extra = "1",
               .extra_at = "1"});
  CHECK_FALSE(clean::match_print_edition("《广东荔枝产业高质量发展三年行动计划（2021—2023年）》"));
  CHECK_FALSE(clean::match_print_edition("《 人民日报 》（ 2011年03月21日 01 版）转载"));
}

// =============================================================================================
// B18 hashtag lead, B19 end marker

TEST_CASE("B18: hashtag leads") {
  const std::string_view potash =
      "【#100万吨国家钾肥储备投放保春耕#】记者21日了解到，近日国家发展改革委、财政部联合印发通知";
  const std::optional<Span> lead = clean::match_hashtag_lead(potash);
  REQUIRE(lead);
  CHECK(cut(potash, *lead) == "【#100万吨国家钾肥储备投放保春耕#】");
  check_in_corpus("hexo-sina/sina-potash-reserve-release.md",
                  "【#100万吨国家钾肥储备投放保春耕#】");

  const std::string_view budget =
      "[1-2月31个省市区一般公共预算收入全部正增长：#广东一般公共预算收入居榜首##"
      "浙江一般公共预算收入超江苏成全国第二#]"
      "目前，31个省市区已经发布了1-2月地方财政收入数据";
  const std::optional<Span> square = clean::match_hashtag_lead(budget);
  REQUIRE(square);
  CHECK(cut(budget, *square) ==
        "[1-2月31个省市区一般公共预算收入全部正增长：#广东一般公共预算收入居榜首##"
        "浙江一般公共预算收入超江苏成全国第二#]");
  check_in_corpus("hexo-sina/sina-provincial-budget-revenue-jan-feb-2021.md",
                  "#浙江一般公共预算收入超江苏成全国第二#]");

  // Indentation stays before the span; the spaces after the lead go with it.
  const std::string_view spaced = "　　【#话题#】　记者了解到";
  const std::optional<Span> with_space = clean::match_hashtag_lead(spaced);
  REQUIRE(with_space);
  CHECK(cut(spaced, *with_space) == "【#话题#】　");

  CHECK_FALSE(clean::match_hashtag_lead("【深圳商报讯】（首席记者 王海荣）8月17日"));
  CHECK_FALSE(clean::match_hashtag_lead("[返回首页](../)"));
  CHECK_FALSE(clean::match_hashtag_lead("[1-2月数据]目前"));
  CHECK_FALSE(clean::match_hashtag_lead("记者21日了解到【#话题#】"));

  // The bracket is looked for after what folding drops: whitespace and invisible characters in any
  // order; anything else before it, or a text of nothing else, is no lead.
  const std::string_view hidden = "\u200B \u00AD\t【#话题#】记者了解到";
  const std::optional<Span> after_invisible = clean::match_hashtag_lead(hidden);
  REQUIRE(after_invisible);
  CHECK(cut(hidden, *after_invisible) == "【#话题#】");
  const std::string_view square_hidden = "\uFEFF　[#话题#]记者了解到";
  const std::optional<Span> square_after_invisible = clean::match_hashtag_lead(square_hidden);
  REQUIRE(square_after_invisible);
  CHECK(cut(square_hidden, *square_after_invisible) == "[#话题#]");
  CHECK_FALSE(clean::match_hashtag_lead("a【#话题#】记者了解到"));
  CHECK_FALSE(clean::match_hashtag_lead("\xE3\x80【#话题#】"));
  CHECK_FALSE(clean::match_hashtag_lead("　\u200B "));
  CHECK_FALSE(clean::match_hashtag_lead(""));
}

TEST_CASE("B19: end markers") {
  const std::string_view plain = "…参加会议。（完）";
  std::optional<Span> marker = clean::match_end_marker(plain);
  REQUIRE(marker);
  CHECK(cut(plain, *marker) == "（完）");

  const std::string_view spaced = "…参加会议。 (完)　";
  marker = clean::match_end_marker(spaced);
  REQUIRE(marker);
  CHECK(cut(spaced, *marker) == " (完)　");

  for (std::string_view alone : {"【完】", "（全文完）"}) {
    marker = clean::match_end_marker(alone);
    REQUIRE(marker);
    CHECK(cut(alone, *marker) == alone);
  }
  CHECK_FALSE(clean::match_end_marker("圆满完成了全年任务。"));
  CHECK_FALSE(clean::match_end_marker("（完善）"));
  CHECK_FALSE(clean::match_end_marker("（完）之后还有文字。"));
}

// =============================================================================================
// B3 widgets, R9 captions, B20 watermarks

TEST_CASE("B3: widget phrases") {
  for (std::string_view text : {
           std::string_view("海量资讯、精准解读，尽在新浪财经APP"),
           std::string_view("扫描二维码"),
           std::string_view("用微信扫描二维码"),
           std::string_view("扫二维码 立即期货开户"),
           std::string_view("下载人民日报客户端"),
           std::string_view("人民日报客户端下载手机人民网人民视频客户端下载"),
           std::string_view("欢迎关注我们的微信公众号"),
           std::string_view("【纠错】"),
           std::string_view("分享到："),
           std::string_view("尽在新浪财经App"),
       }) {
    INFO(text);
    CHECK(clean::is_widget_phrase(text));
  }
  for (std::string_view text : {
           std::string_view("网易新闻客户端下载"),
           std::string_view("公众号关注"),
           std::string_view("分享至好友和朋友圈"),
           std::string_view("纠错"),
       }) {
    INFO(text);
    CHECK_FALSE(clean::is_widget_phrase(text));
  }
  CHECK_FALSE(
      clean::is_widget_phrase(repeat("会议强调要扎实推进改革", 6) + "分享到"));  // > 60 code points
}

TEST_CASE("R9: inferred caption patterns") {
  for (std::string_view text : {
           std::string_view("图为山西品牌丝路行（南美站）启动仪式。（刘通摄）"),
           std::string_view("图自 中国长安网"),
           std::string_view("台海网2013年报道截图"),
           std::string_view("河北沧州盐山县韩集镇王复娥村九旬抗美援朝老兵王金荣，观看电影《长津湖》"
                            "后起立敬礼。王洪胜摄（人民视觉）"),
           std::string_view("△大学时期的王泽山"),
           std::string_view("（图：新华社）"),
           std::string_view("图片来源：未来科学大奖官网"),
           std::string_view("图片来源:摄图网"),
           std::string_view(
               "中南财经政法大学退休教授赵德馨在家中书房办公，清理案头书籍和资料。记者高勇 摄"),
           std::string_view("游客选购免税商品。　　苏弼坤摄（人民视觉） "),
       }) {
    INFO(text);
    CHECK(clean::is_inferred_caption(text));
  }
  check_in_corpus("hexo-sina/sina-zhengzhou-disaster-insurance.md", "台海网2013年报道截图");
  for (std::string_view text : {
           std::string_view("图片来源于网络"),
           std::string_view("长城云海似画卷。摄影：新华社王立群"),
           std::string_view("南美站活动将先后在巴西、乌拉圭、阿根廷举行。（刘通摄）"),
           std::string_view("有网友晒出微信群的截图称“（郑州市的）荥阳市也买了”。"),
           std::string_view("摄（人民视觉的一个很长很长的署名说明文字）"),
       }) {
    INFO(text);
    CHECK_FALSE(clean::is_inferred_caption(text));
  }
}

TEST_CASE("B20: watermark candidates") {
  CHECK(clean::is_watermark_candidate("人民网强国社区(http://bbs.people.com.cn)"));
  CHECK(clean::is_watermark_candidate("来源：www.example.com"));
  CHECK(clean::is_watermark_candidate("bbs.people.com.cn"));
  CHECK_FALSE(clean::is_watermark_candidate("金斯瑞生物科技(01548.HK)午后涨幅扩大至7.72%"));
  CHECK_FALSE(clean::is_watermark_candidate("平均利率3.52%"));
  CHECK_FALSE(clean::is_watermark_candidate("人民网强国社区"));
  CHECK_FALSE(
      clean::is_watermark_candidate(repeat("很长的一段文字", 6) + "(http://bbs.people.com.cn)"));
}

TEST_CASE("B20: a full-width address is found after any number of leading bytes") {
  // The letter test passes over sixteen (or eight) bytes at a time: the letters start at every
  // offset of a step, and so does the lead byte EF of each full-width form.
  for (std::size_t lead = 0; lead <= 33; ++lead) {
    const std::string prefix = repeat("网", static_cast<int>(lead / 3)) + std::string(lead % 3, ' ');
    INFO(lead);
    CHECK(clean::is_watermark_candidate(prefix + "来源：ｗｗｗ.ｅｘａｍｐｌｅ.ｃｏｍ"));
    CHECK(clean::is_watermark_candidate(prefix + "来源：www.example.com"));
    CHECK_FALSE(clean::is_watermark_candidate(prefix + "平均利率，３.５２％，同比增长"));
  }
}

// =============================================================================================
// NAMES

TEST_CASE("NAMES: split_names") {
  const std::string_view text = "本报讯（记者何琳娣 于小博）";
  const std::size_t begin = text.find("何琳娣");
  const std::size_t end = text.find("）");
  std::vector<PersonMatch> people = clean::split_names(text, {begin, end});
  REQUIRE(people.size() == 2);
  CHECK(people[0].name == "何琳娣");
  CHECK(cut(text, people[0].span) == "何琳娣");
  CHECK(people[1].name == "于小博");
  CHECK(cut(text, people[1].span) == "于小博");
  CHECK(people[0].role.empty());
  CHECK(people[0].affiliation.empty());

  const std::string_view ideographic = "王悦　徐芸茜，张三,李四、王五";
  people = clean::split_names(ideographic, {0, ideographic.size()});
  REQUIRE(people.size() == 5);
  CHECK(cut(ideographic, people[1].span) == "徐芸茜");
  CHECK(people[4].name == "王五");

  people = clean::split_names("许祥波唐娜", {0, std::string_view("许祥波唐娜").size()});
  REQUIRE(people.size() == 1);
  CHECK(people[0].unsplit);

  const std::string_view latin = "Ayush Pai、李四";
  people = clean::split_names(latin, {0, latin.size()});
  REQUIRE(people.size() == 2);
  CHECK(people[0].name == "Ayush Pai");
  CHECK(cut(latin, people[0].span) == "Ayush Pai");

  const std::string_view dotted = "买买提·依明";
  people = clean::split_names(dotted, {0, dotted.size()});
  REQUIRE(people.size() == 1);
  CHECK(people[0].name == "买买提·依明");
  CHECK_FALSE(people[0].unsplit);

  for (std::string_view no_names : {"张", "从新四军研究会方面获悉", "陈凯告诉记者。", "王悦2", "",
                                    "北京报道", "一二三四五六七八九"}) {
    INFO(no_names);
    CHECK(clean::split_names(no_names, {0, no_names.size()}).empty());
  }
}

TEST_CASE("NAMES: a navigation or reporting word anywhere in a token makes it no name") {
  for (std::string_view word : {"返回", "查看", "更多", "点击", "获悉", "了解", "表示", "告诉", "报道", "记者",
                                "编辑", "来源", "详情", "阅读", "原文", "关注", "采访", "专访", "介绍", "提问"}) {
    const std::string w(word);
    for (const std::string& token : {w + "富达", "向" + w + "富", "向雪妮" + w, "雪" + w}) {
      INFO(token);
      CHECK(clean::split_names(token, {0, token.size()}).empty());
    }
  }
  // Halves of two words side by side ("返" + "看") are none of them: the names stay.
  for (std::string_view name : {"王返看", "李查回", "张表多"}) {
    INFO(name);
    CHECK(clean::split_names(name, {0, name.size()}).size() == 1);
  }
}

TEST_CASE("NAMES: long blocks are rejected before folding") {
  const std::string paragraph = "记者 " + repeat("很长的段落文字", 30);
  check_no_line_rule(paragraph);
  CHECK_FALSE(clean::is_widget_phrase(paragraph));
  CHECK_FALSE(clean::is_watermark_candidate(paragraph));
}

TEST_CASE("pieces: for_each_source and source_hull agree with source_of on every range") {
  // Verbatim pieces with gaps and adjacent sources, a replacement piece and an empty one.
  const std::vector<tifa::Piece> pieces = {
      tifa::Piece{0, 4, true, {}}, tifa::Piece{4, 6, true, {}}, tifa::Piece{10, 16, false, "&"},
      tifa::Piece{16, 20, true, {}}, tifa::Piece{20, 20, true, {}}, tifa::Piece{30, 33, true, {}}};
  const std::size_t size = clean::text_size(pieces);
  for (std::size_t begin = 0; begin <= size + 1; ++begin) {
    for (std::size_t end = begin; end <= size + 1; ++end) {
      const tifa::Span range{begin, end};
      const std::vector<tifa::Span> expected = clean::source_of("", pieces, range);
      std::vector<tifa::Span> visited;
      clean::for_each_source(pieces, range, [&](tifa::Span source) { visited.push_back(source); });
      INFO(begin << "-" << end);
      CHECK(visited == expected);
      const tifa::Span hull = clean::source_hull("", pieces, range);
      CHECK(hull == (expected.empty() ? tifa::Span{} : tifa::Span{expected.front().begin, expected.back().end}));
    }
  }
}

TEST_CASE("mentions_any finds a key word at every offset and only the whole word") {
  for (std::size_t lead = 0; lead <= 10; ++lead) {
    const std::string prefix = repeat("国", static_cast<int>(lead)) + std::string(lead % 3, 'x');
    INFO(prefix);
    CHECK(clean::mentions_any(prefix + "记者", {"记者"}));
    CHECK(clean::mentions_any("记者" + prefix, {"记者"}));
    CHECK(clean::mentions_any(prefix + "通讯员" + prefix, {"记者", "通讯员"}));
    CHECK(clean::mentions_any(prefix + "#", {"#", "＃"}));
    // 读者 and 记看 share a last or first character with 记者; 者 alone is the word's last bytes.
    CHECK_FALSE(clean::mentions_any(prefix + "读者记看者" + prefix, {"记者"}));
    CHECK_FALSE(clean::mentions_any(prefix, {"记者", "＃"}));
  }
  CHECK(clean::mentions_any("", {""}));
  CHECK_FALSE(clean::mentions_any("者", {"记者"}));
}

TEST_CASE("mentions_dot agrees with mentions_any(text, {\".\", \"．\"})") {
  // '．' is EF BC 8E: texts with its bytes apart, its last byte in other characters (U+4E0E 与,
  // U+FF0E's neighbours), a cut-off '．', and the text's first bytes.
  const std::vector<std::string> texts = {
      "", ".", "．", "a", "\x8E", "\xBC\x8E", "\xEF\x8E", "与", "与会", "．与", "与．", "３．５", "3.5%",
      "\xEF\xBC", "\xEF\xBC\x8F", "\xEF\xBD\x8E", "\xEE\xBC\x8E", "，。：", "www。example。com", "ｗｗｗ．ｘ．ｃｎ",
      "新华网与人民网", "中国政府网 www.gov.cn"};
  for (const std::string& text : texts) {
    INFO("text: ", text);
    CHECK(clean::mentions_dot(text) == clean::mentions_any(text, {".", "．"}));
  }
}
