// spec/sentences.md §7: the hard cases, run through ICU's zh sentence BreakIterator and tifa.
// tifa must give the spec's answer on every row; where ICU differs the test records it (MESSAGE).
#include <doctest/doctest.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <vector>

#include "sentence_check.hpp"
#include "tifa/sentences.hpp"

using namespace sentence_test;

namespace {

struct Row {
  std::string rule;
  std::string situation;
  std::string in;
  std::string expected;  // tifa, sentences joined by " | "
  tifa::SentenceOptions options = {};
};

std::string trim_ws(const std::string& s) {
  const Layout l = layout(s, "");
  std::size_t b = 0, e = s.size();
  while (b < e && l.gap[b]) ++b;
  while (e > b && l.gap[e - 1]) --e;
  return s.substr(b, e - b);
}

// ICU's sentences, trimmed, empty ones dropped (ICU returns UTF-16 segments with trailing space).
std::string icu_split(const std::string& in) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale("zh"), st));
  REQUIRE(U_SUCCESS(st));
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(in);
  bi->setText(u);
  std::vector<std::string> parts;
  int32_t a = bi->first();
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; a = b, b = bi->next()) {
    std::string piece;
    u.tempSubStringBetween(a, b).toUTF8String(piece);
    piece = trim_ws(piece);
    if (!piece.empty()) parts.push_back(piece);
  }
  return join(parts);
}

std::vector<Row> rows() {
  const std::string wrap =
      "今年以来，全省国资系统坚持以项目建设为抓手，持续扩大有\n效投资，一批强链补链延链项目加快落地见效。同时，各企业深\n入开展对标提升行动，经营质效稳步提高。";
  tifa::SentenceOptions semi;
  semi.split_on_semicolon = true;
  return {
      {"T3", "opener after a terminator", "但堵点依然存在。“钱从哪里来”成为绕不开的话题。",
       "但堵点依然存在。 | “钱从哪里来”成为绕不开的话题。"},
      {"T3", "opener after a terminator", "签约项目已全部落地开工。（完）", "签约项目已全部落地开工。 | （完）"},
      {"T3", "opener after a terminator", "工作已经完成。《人民日报》对此作了报道。",
       "工作已经完成。 | 《人民日报》对此作了报道。"},
      {"T3", "list number after a terminator", "结束了。（二）下一步安排", "结束了。 | （二）下一步安排"},
      {"T2", "closers other than ”’", "他在信中写道：「欠企业的账，一分都不能少。」这封信后来被刊发在报纸上。",
       "他在信中写道：「欠企业的账，一分都不能少。」 | 这封信后来被刊发在报纸上。"},
      {"T2", "closers other than ”’", "会议材料以正式印发稿为准（此前版本作废。）。各单位请及时更新。",
       "会议材料以正式印发稿为准（此前版本作废。）。 | 各单位请及时更新。"},
      {"T2", "closers other than ”’", "质量是生命线！】下一步继续努力。", "质量是生命线！】 | 下一步继续努力。"},
      {"T1", "terminator runs", "谁说传统产业没有出路？！这家老厂用三年时间完成了转型。",
       "谁说传统产业没有出路？！ | 这家老厂用三年时间完成了转型。"},
      {"T1", "terminator runs", "太好了！！大家欢呼起来。。", "太好了！！ | 大家欢呼起来。。"},
      {"Q3", "quote-initial sentence + attribution", "“今年一季度就完成了全年任务的三成。”公司总经理李明介绍。",
       "“今年一季度就完成了全年任务的三成。”公司总经理李明介绍。"},
      {"Q3", "quote-initial sentence + attribution", "“审批从二十天缩短到五天。”企业负责人对记者说，效率上来了。",
       "“审批从二十天缩短到五天。”企业负责人对记者说，效率上来了。"},
      {"Q2", "several sentences inside one quotation",
       "厂长在会上说：“任务确实很重。但只要拧成一股绳，就没有过不去的坎。”会场气氛随之热烈起来。",
       "厂长在会上说：“任务确实很重。但只要拧成一股绳，就没有过不去的坎。” | 会场气氛随之热烈起来。"},
      {"Q4", "short ！/？ quotation used as a noun", "“能不能再快一点？”是企业家们提得最多的要求。",
       "“能不能再快一点？”是企业家们提得最多的要求。"},
      {"Q4", "short ！/？ quotation used as a noun", "“地从哪里来？”“钱怎么筹？”等难题一度困扰着园区建设。",
       "“地从哪里来？”“钱怎么筹？”等难题一度困扰着园区建设。"},
      {"Q5", "！ ？ inside 《》", "职工自编自演的话剧《我们能行！》近日首演。演出结束后观众久久不愿离场。",
       "职工自编自演的话剧《我们能行！》近日首演。 | 演出结束后观众久久不愿离场。"},
      {"Q5", "！ ？ inside 《》", "在读书月活动中，《谁来守护绿水青山？》等作品受到职工欢迎。",
       "在读书月活动中，《谁来守护绿水青山？》等作品受到职工欢迎。"},
      {"S1", "； enumerations (default)", "一要稳住外贸基本盘；二要拓展新兴市场；三要优化服务保障。",
       "一要稳住外贸基本盘；二要拓展新兴市场；三要优化服务保障。"},
      {"S2", "； enumerations (split_on_semicolon)", "一要稳住外贸基本盘；二要拓展新兴市场；三要优化服务保障。",
       "一要稳住外贸基本盘； | 二要拓展新兴市场； | 三要优化服务保障。", semi},
      {"S2", "； inside quotes (split_on_semicolon)", "文件提出“抓重点；补短板；强弱项”的工作思路。",
       "文件提出“抓重点；补短板；强弱项”的工作思路。", semi},
      {"A1", "ASCII . as a CJK full stop", "今年新开工项目48个.总投资较上年增长7.4%.",
       "今年新开工项目48个. | 总投资较上年增长7.4%."},
      {"A3", "Inc. U.K. before CJK", "双方与BlackRock Inc.及多家U.K.机构签署了合作备忘录。",
       "双方与BlackRock Inc.及多家U.K.机构签署了合作备忘录。"},
      {"A3", "initial before a name", "美国管理学家W. Edwards Deming提出的质量理念影响深远。",
       "美国管理学家W. Edwards Deming提出的质量理念影响深远。"},
      {"A3", "Prof. before CJK", "Prof. Li说明了情况。", "Prof. Li说明了情况。"},
      {"A4", "enumerator before CJK", "1.压实主体责任。2.完善考核办法。", "1.压实主体责任。 | 2.完善考核办法。"},
      {"A4", "enumerator lines", "A. 基本情况\nB. 存在问题", "A. 基本情况 | B. 存在问题"},
      {"A2", "decimals, ２．５, V3.1", "平台升级至V3.1版后，审批时限压缩至２．５个工作日。",
       "平台升级至V3.1版后，审批时限压缩至２．５个工作日。"},
      {"A5", "? inside a URL", "申报入口为https://zwfw.example.org/apply?type=2&year=2024,逾期不再受理。",
       "申报入口为https://zwfw.example.org/apply?type=2&year=2024,逾期不再受理。"},
      {"A6", "? in a query string", "旧版接口形如list.do?page=2&size=20,已于上月停用!",
       "旧版接口形如list.do?page=2&size=20,已于上月停用!"},
      {"E1", "mid-sentence ……", "他翻开笔记本……上面密密麻麻记满了企业的诉求。",
       "他翻开笔记本……上面密密麻麻记满了企业的诉求。"},
      {"E1", "mid-sentence ......", "改造任务涉及老旧管网......预计年底前全部完工。",
       "改造任务涉及老旧管网......预计年底前全部完工。"},
      {"E1", "……” followed by a new clause", "老师傅反复叮嘱：“慢一点，再慢一点……”徒弟们屏住了呼吸。",
       "老师傅反复叮嘱：“慢一点，再慢一点……” | 徒弟们屏住了呼吸。"},
      {"W1", "line ending in ，", "全市国有企业要进一步聚焦主责主业，\n加快布局战略性新兴产业。",
       "全市国有企业要进一步聚焦主责主业，\n加快布局战略性新兴产业。"},
      {"W1", "next line starting with ”", "要大力弘扬“工匠精神\n”，培育高技能人才队伍。",
       "要大力弘扬“工匠精神\n”，培育高技能人才队伍。"},
      {"W2", "hard-wrapped PDF paragraph", wrap,
       "今年以来，全省国资系统坚持以项目建设为抓手，持续扩大有\n效投资，一批强链补链延链项目加快落地见效。 | 同时，各企业深\n入开展对标提升行动，经营质效稳步提高。"},
      {"P1", "page marker mid-sentence", "要加快培育一批具有核心竞争力的<PAGE_DIV> \n\n科技领军企业。",
       "要加快培育一批具有核心竞争力的<PAGE_DIV> \n\n科技领军企业。"},
      {"P1", "page marker between sentences", "全年生产经营平稳有序。<PAGE_DIV> \n\n下半年要加大攻坚力度。",
       "全年生产经营平稳有序。 | 下半年要加大攻坚力度。"},
      {"N2", "headings and bylines without punctuation", "发稿时间：2024-03-02 10:15\n字号：大 中 小\n3月2日，全市项目建设现场推进会召开。",
       "发稿时间：2024-03-02 10:15 | 字号：大 中 小 | 3月2日，全市项目建设现场推进会召开。"},
      {"T4", "？”， continuation", "有职工问：“这项补贴什么时候发放？”，窗口当即调出了办理进度。",
       "有职工问：“这项补贴什么时候发放？”，窗口当即调出了办理进度。"},
  };
}

}  // namespace

TEST_CASE("§7: tifa matches the spec on every hard case; differences from ICU zh are recorded") {
  int differs = 0, total = 0;
  for (const Row& r : rows()) {
    INFO(r.rule << ": " << r.in);
    const std::string tifa_out = split(r.in, r.options);
    CHECK(tifa_out == r.expected);
    const std::string icu_out = icu_split(r.in);
    ++total;
    if (icu_out != tifa_out) {
      ++differs;
      MESSAGE(r.rule << " (" << r.situation << ")\n  tifa: " << tifa_out << "\n  ICU : " << icu_out);
    }
  }
  MESSAGE("ICU zh differs from tifa on " << differs << " of " << total << " §7 cases");
  CHECK(differs > 0);  // the comparison really ran
}
