// Every example of spec/sentences.md §3 and §5, named by its rule id, plus our own cases per rule.
#include <doctest/doctest.h>

#include <string>

#include "sentence_check.hpp"
#include "tifa/error.hpp"
#include "tifa/sentences.hpp"

using namespace sentence_test;
using tifa::NewlineMode;
using tifa::SentenceOptions;

namespace {

// "one:" — the whole input is one sentence, for the default options and for split_on_semicolon.
void one(const std::string& in, const SentenceOptions& o = {}) {
  CHECK(split(in, o) == in);
}
void one_both(const std::string& in) {
  one(in);
  one(in, semicolon());
}

}  // namespace

// ------------------------------------------------------------------------------------ §3
TEST_CASE("C1-C3: output contract examples of §3") {
  const std::string in = "\u3000\u3000全市国企一季度营收同比增长。<PAGE_DIV>\n\n详细数据另行发布";
  const auto v = spans(in);
  REQUIRE(v.size() == 2);
  CHECK(v[0].begin == 6);
  CHECK(v[0].end == 48);
  CHECK(v[0].flags == 0);
  CHECK(v[1].begin == 60);
  CHECK(v[1].end == 84);
  CHECK(v[1].flags == tifa::kSentenceUnterminated);

  CHECK(spans("\x20\n<PAGE_DIV>\n\u3000").empty());

  const auto w = spans("会议\xFF召开。");
  REQUIRE(w.size() == 1);
  CHECK(w[0].begin == 0);
  CHECK(w[0].end == 16);
}

TEST_CASE("C2: only gap gives no sentence; gap inside a sentence stays inside") {
  CHECK(spans("").empty());
  CHECK(spans(" \t\r\n\u3000\u00A0\u2028\u2029<PAGE_DIV>\f").empty());
  CHECK(split("  全年任务\u3000已完成。\n") == "全年任务\u3000已完成。");
  CHECK(split("\u3000\u3000全年<PAGE_DIV>任务已完成。<PAGE_DIV>") == "全年<PAGE_DIV>任务已完成。");
}

TEST_CASE("C3: offsets index the unmodified input, never inside a UTF-8 sequence") {
  const std::string in = "\xE4\xBD" "会议。\xF0\x9F\x98\x80好！\xC3";  // truncated, emoji, stray lead
  CHECK(split(in) == "\xE4\xBD" "会议。 | \xF0\x9F\x98\x80好！ | \xC3");
  CHECK(split(std::string("a\0b。c", 7)) == std::string("a\0b。 | c", 10));
}

// ------------------------------------------------------------------------------------ T
TEST_CASE("T1: a run of terminators is one terminator") {
  CHECK(split("谁说传统产业没有出路？！这家老厂用三年时间完成了转型。") ==
        "谁说传统产业没有出路？！ | 这家老厂用三年时间完成了转型。");
  CHECK(split("整改任务完成了吗?全部完成!") == "整改任务完成了吗? | 全部完成!");
  // own
  CHECK(split("他真的做到了吗？？我们拭目以待。") == "他真的做到了吗？？ | 我们拭目以待。");
  CHECK(split("真的?!对。") == "真的?! | 对。");
  CHECK(split("这可能吗⁉绝不可能。。") == "这可能吗⁉ | 绝不可能。。");
  CHECK(split("太好了！！！大家欢呼起来｡") == "太好了！！！ | 大家欢呼起来｡");
}

TEST_CASE("T2: closers attach backwards") {
  CHECK(split("省长在讲话中指出：“营商环境只有更好，没有最好。”各地随即分组展开讨论。") ==
        "省长在讲话中指出：“营商环境只有更好，没有最好。” | 各地随即分组展开讨论。");
  CHECK(split("他在信中写道：「欠企业的账，一分都不能少。」这封信后来被刊发在报纸上。") ==
        "他在信中写道：「欠企业的账，一分都不能少。」 | 这封信后来被刊发在报纸上。");
  CHECK(split("会议材料以正式印发稿为准（此前版本作废。）。各单位请及时更新。") ==
        "会议材料以正式印发稿为准（此前版本作废。）。 | 各单位请及时更新。");
  // own
  CHECK(split("他说：“‘好。’”大家笑了。") == "他说：“‘好。’” | 大家笑了。");
  CHECK(split("质量是生命线！】下一步继续努力。") == "质量是生命线！】 | 下一步继续努力。");
  CHECK(split("他说：“好。” 大家笑了。") == "他说：“好。” | 大家笑了。");
  CHECK(split("他说：“好。 ”大家笑了。") == "他说：“好。 ” | 大家笑了。");
}

TEST_CASE("T3: openers start the next sentence") {
  CHECK(split("但堵点依然存在。“钱从哪里来”成为绕不开的话题。") ==
        "但堵点依然存在。 | “钱从哪里来”成为绕不开的话题。");
  CHECK(split("签约项目已全部落地开工。（完）") == "签约项目已全部落地开工。 | （完）");
  // own
  CHECK(split("工作已经完成。《人民日报》对此作了报道。") ==
        "工作已经完成。 | 《人民日报》对此作了报道。");
  CHECK(split("任务很重。【评论】基层怎么看") == "任务很重。 | 【评论】基层怎么看");
  CHECK(split("结束了。（二）下一步安排") == "结束了。 | （二）下一步安排");
}

TEST_CASE("T4: continuation after an internal mark") {
  one("有职工问：“这项补贴什么时候发放？”，窗口当即调出了办理进度。");
  one("他问:\"还有哪些堵点?\",并要求逐项列出清单.");
  // own
  one("“真的吗？”：这是大家的疑问。");
  one("他连问三遍“为什么？”；大家沉默了。");
  // with S2 the ； after the vetoed candidate is a terminator of its own
  CHECK(split("他连问三遍“为什么？”；大家沉默了。", semicolon()) == "他连问三遍“为什么？”； | 大家沉默了。");
  one("材料已经备齐。、下一步");
}

TEST_CASE("T5: commas, colons, dashes, middle dots and default semicolons never terminate") {
  one("推进混改的初衷很明确——引资本更要转机制，既要引得进、也要管得好：这需要久久为功。");
  one("园区现有企业86家，其中国有控股23家、民营63家；全年新增注册企业9家。");
  // own
  one("时间·地点——北京，上午：九时、十时,十一时:整;");
  one("主要包括：一是加强领导；二是完善机制；三是强化考核。");
}

// ------------------------------------------------------------------------------------ Q
TEST_CASE("Q1: pairs, nesting and unmatched marks") {
  CHECK(split("文件强调：“要把“三重一大”决策制度执行到位。”各企业要逐项对照检查。") ==
        "文件强调：“要把“三重一大”决策制度执行到位。” | 各企业要逐项对照检查。");
  CHECK(split("座谈会上，一位老职工说：“车间变了样。大家心里都亮堂了。") ==
        "座谈会上，一位老职工说：“车间变了样。 | 大家心里都亮堂了。");
  CHECK(split("各项举措落地见效。”下一步将扩大试点范围。") ==
        "各项举措落地见效。” | 下一步将扩大试点范围。");
  // own
  CHECK(split("他说：“文件里写了‘必须落实。’”然后离开了。") ==
        "他说：“文件里写了‘必须落实。’” | 然后离开了。");
  CHECK(split("（注：数据为初步统计。下一步将公布终值。") ==
        "（注：数据为初步统计。 | 下一步将公布终值。");
  // （ is popped on the way by ” and is unmatched: the quotation closes at depth 0
  CHECK(split("“（内容。”下一步") == "“（内容。” | 下一步");
  // ASCII ' between letters is an apostrophe, not a quote
  CHECK(split("It's done. 'Next.' 下一步。") == "It's done. | 'Next.' | 下一步。");
  // ASCII " opens and closes
  CHECK(split("他说\"好。\"然后走了。") == "他说\"好。\" | 然后走了。");
}

TEST_CASE("Q1: the stack is at most 16 deep") {
  std::string in;
  for (int i = 0; i < 20; ++i) in += "（";
  in += "内容。";
  for (int i = 0; i < 20; ++i) in += "）";
  in += "下一步。";
  // 16 openers are matched by the first 16 closers; the other 4 closers are unmatched and attach
  std::string first;
  for (int i = 0; i < 20; ++i) first += "（";
  first += "内容。";
  for (int i = 0; i < 20; ++i) first += "）";
  CHECK(split(in) == first + " | 下一步。");
}

TEST_CASE("Q2: a quotation is a unit") {
  const std::string a = "厂长在会上说：“任务确实很重。但只要拧成一股绳，就没有过不去的坎。”会场气氛随之热烈起来。";
  CHECK(split(a) == "厂长在会上说：“任务确实很重。但只要拧成一股绳，就没有过不去的坎。” | 会场气氛随之热烈起来。");
  CHECK(split(a, inside_quotes()) ==
        "厂长在会上说：“任务确实很重。 | 但只要拧成一股绳，就没有过不去的坎。” | 会场气氛随之热烈起来。");
  CHECK(split("全年完成投资超过三百亿元。（数据来源：市统计局。初步核算数。）") ==
        "全年完成投资超过三百亿元。 | （数据来源：市统计局。初步核算数。）");
  // own
  CHECK(split("他说：“第一。第二。第三。”随后散会。") == "他说：“第一。第二。第三。” | 随后散会。");
  CHECK(split("他说：“第一。第二。第三。”随后散会。", inside_quotes()) ==
        "他说：“第一。 | 第二。 | 第三。” | 随后散会。");
  CHECK(split("全年完成投资超过三百亿元。（数据来源：市统计局。初步核算数。）", inside_quotes()) ==
        "全年完成投资超过三百亿元。 | （数据来源：市统计局。 | 初步核算数。）");
  // a terminator at depth > 0 not followed directly by closers does not end the sentence
  one("他说：“好。就这样”然后走了。");
}

TEST_CASE("Q3: attribution stays with a sentence-initial quotation") {
  one("“今年一季度就完成了全年任务的三成。”公司总经理李明介绍。");
  one("“审批从二十天缩短到五天。”企业负责人对记者说，效率上来了，信心也更足了。");
  CHECK(split("“营商环境好不好，企业最有发言权。”座谈会开得坦诚而务实。") ==
        "“营商环境好不好，企业最有发言权。” | 座谈会开得坦诚而务实。");
  CHECK(split("“这个问题必须解决。”他接着说：“下周就拿出方案。”") ==
        "“这个问题必须解决。” | 他接着说：“下周就拿出方案。”");
  // own
  one("“明年还要再翻一番。”他笑着说。");
  one("“一定要落实好。”他强调，各地要抓紧。");
  one("“会议很成功。”他告诉记者。");
  one("“会议很成功……”他感慨道。");
  one("“好。”他说：这件事就这么定了。");
  CHECK(split("“必须完成。”这位负责人在接受本报采访时专门就此事作出了非常详细的说明和介绍") ==
        "“必须完成。” | 这位负责人在接受本报采访时专门就此事作出了非常详细的说明和介绍");  // > 24
  CHECK(split("“好。”他在《人民日报》上写道。") == "“好。” | 他在《人民日报》上写道。");  // opener
  CHECK(split("“好。”问题解决了。") == "“好。” | 问题解决了。");  // 问 not at the end
  CHECK(split("他说：“好。”李明介绍。") == "他说：“好。” | 李明介绍。");  // not sentence-initial
  CHECK(split("“好。”\n他说。") == "“好。” | 他说。");  // a line boundary ends the window
}

TEST_CASE("Q3: an opener after an ordinary character, or after a page marker ending like one") {
  // The opener follows a letter or an ideograph: not sentence-initial (decided without decoding
  // backward), so no Q3.
  CHECK(split("他说A“好。”李明介绍。") == "他说A“好。” | 李明介绍。");
  CHECK(split("他说“好。”李明介绍。") == "他说“好。” | 李明介绍。");
  // A marker whose last character is an ideograph: the opener after it is sentence-initial.
  SentenceOptions o;
  o.page_marker = "<P页";
  CHECK(split("<P页“好。”李明介绍。", o) == "“好。”李明介绍。");
  CHECK(split("开会。<P页“好。”李明介绍。", o) == "开会。 | “好。”李明介绍。");
  CHECK(split("开会<P页“好。”李明介绍。", o) == "开会<P页“好。” | 李明介绍。");
}

TEST_CASE("Q4: short ！/？ quotations used as nouns") {
  one("“能不能再快一点？”是企业家们提得最多的要求。");
  one("“地从哪里来？”“钱怎么筹？”等难题一度困扰着园区建设。");
  CHECK(split("“这项工作能不能做好？”答案就在基层。") == "“这项工作能不能做好？” | 答案就在基层。");
  // own
  one("“为什么？”成为大家讨论的焦点。");
  one("大家提出的“怎么办？”的问题很快有了答案。");
  one("“为什么？”“怎么办？”“谁来干？”“何时干？”等问题摆在面前。");
  CHECK(split("“出发！”队伍开始行进。") == "“出发！” | 队伍开始行进。");
  CHECK(split("“这个问题到底应该由哪个部门来负责处理？”是大家关心的。") ==
        "“这个问题到底应该由哪个部门来负责处理？” | 是大家关心的。");  // 19 > 12
  CHECK(split("“为什么？” 是大家关心的。") == "“为什么？” | 是大家关心的。");  // a gap
}

TEST_CASE("Q5: titles are opaque") {
  CHECK(split("职工自编自演的话剧《我们能行！》近日首演。演出结束后观众久久不愿离场。") ==
        "职工自编自演的话剧《我们能行！》近日首演。 | 演出结束后观众久久不愿离场。");
  one("在读书月活动中，《谁来守护绿水青山？》等作品受到职工欢迎。");
  // own
  one("《你好！李焕英》是一部电影。");
  one("他写了〈再见了！〉一文。");
  one("《你好！李焕英》是一部电影。", inside_quotes());
  one("他推荐了《“为什么？”》这本书。");  // any open title makes the terminator opaque
  one("他推荐了《“为什么？”》这本书。", inside_quotes());
  CHECK(split("大家都读过《能行！》。后来呢") == "大家都读过《能行！》。 | 后来呢");
}

// ------------------------------------------------------------------------------------ S
TEST_CASE("S1: semicolons do not end a sentence by default") {
  one("一要稳住外贸基本盘；二要拓展新兴市场；三要优化服务保障。");
  one("工作要求:1. 强化统筹;2. 压茬推进.");
  one_both("文件提出“抓重点；补短板；强弱项”的工作思路。");
  // own
  one("第一；第二。");
  CHECK(split("第一；\n第二。") == "第一； | 第二。");  // N2: a line ending with ；
  CHECK(split("第一；\n第二。", semicolon()) == "第一； | 第二。");
}

TEST_CASE("S2: split_on_semicolon") {
  CHECK(split("一要稳住外贸基本盘；二要拓展新兴市场；三要优化服务保障。", semicolon()) ==
        "一要稳住外贸基本盘； | 二要拓展新兴市场； | 三要优化服务保障。");
  CHECK(split("工作要求:1. 强化统筹;2. 压茬推进.", semicolon()) == "工作要求:1. 强化统筹; | 2. 压茬推进.");
  // own
  CHECK(split("强化统筹;压茬推进。", semicolon()) == "强化统筹; | 压茬推进。");
  CHECK(split("一是（加强领导）；二是完善机制。", semicolon()) == "一是（加强领导）； | 二是完善机制。");
  one("前进&nbsp;后退。", semicolon());                       // not &nbsp;
  one("接口http://a.example.org/x;y=1已停用。", semicolon());  // not in URLs
  one("version 1;2 已发布。", semicolon());                    // ASCII ; after a digit
  CHECK(split("加强领导；】二是完善。", semicolon()) == "加强领导；】 | 二是完善。");  // T2
  one("加强领导；，二是完善。", semicolon());                                          // T4
  one("“加强领导；”二是完善。", semicolon());               // depth 1: Q1/Q2, no Q3
  CHECK(split("“加强领导。”他说；二是完善。", semicolon()) == "“加强领导。”他说； | 二是完善。");
}

// ------------------------------------------------------------------------------------ A
TEST_CASE("A1: ASCII period as a full stop in context") {
  CHECK(split("今年新开工项目48个.总投资较上年增长7.4%.") == "今年新开工项目48个. | 总投资较上年增长7.4%.");
  CHECK(split("Supply chains are recovering. 供应链正在加快恢复。") ==
        "Supply chains are recovering. | 供应链正在加快恢复。");
  one("有关数据口径(以统计部门发布为准.)不作调整。");
  // own
  CHECK(split("总产值达120亿元.同比增长5%.") == "总产值达120亿元. | 同比增长5%.");
  CHECK(split("This is good.那是好的。") == "This is good. | 那是好的。");
  CHECK(split("他说.\"好\"") == "他说. | \"好\"");
  one("版本号1.2.3已经发布。");
  one("文件名为report.pdf。");
  one("路径为./data/input已更新。");
  one("两个点..不算句号。");
}

TEST_CASE("A2: numbers are never split") {
  one("平台升级至V3.1版后，审批时限压缩至２．５个工作日。");
  one("基金规模达1,086.5万元，占比提高0.8个百分点。");
  // own
  one("大会于9:30开始，10%~12%的增长，1—7月。");
  one("依照第5.4条规定执行。");
  one("同比增长7.4%，环比增长0.5‰。");
}

TEST_CASE("A3: abbreviations, initials, acronyms") {
  one("双方与BlackRock Inc.及多家U.K.机构签署了合作备忘录。");
  one("美国管理学家W. Edwards Deming提出的质量理念影响深远。");
  // own
  one("Mr. Smith来到北京。");
  one("e.g. 例如这样。");
  one("会议于上午10 a.m. 开始。");
  CHECK(split("Gov.部门") == "Gov. | 部门");
  SentenceOptions o;
  o.extra_abbreviations = {"Gov", "approx."};
  one("Gov.部门", o);
  one("重量approx.三吨", o);
  CHECK(split("重量approx.三吨") == "重量approx. | 三吨");
  CHECK(split("他来自Inc.公司") == "他来自Inc.公司");
  CHECK(split("请看ZInc.下面") == "请看ZInc. | 下面");  // a Latin letter before the word
}

TEST_CASE("A4: enumerators") {
  CHECK(split("1.压实主体责任。2.完善考核办法。") == "1.压实主体责任。 | 2.完善考核办法。");
  CHECK(split("A. 基本情况\nB. 存在问题") == "A. 基本情况 | B. 存在问题");
  // own
  one("要求：a. 加强领导；b. 压实责任。");
  CHECK(split("Ⅱ．主要任务\nIV. 保障措施\n12．“三个一”工程") == "Ⅱ．主要任务 | IV. 保障措施 | 12．“三个一”工程");
  CHECK(split("工作内容，1.加强领导，2.完善机制。") == "工作内容，1.加强领导，2.完善机制。");
  CHECK(split("截至2024.下一步") == "截至2024. | 下一步");  // four digits: no enumerator
}

TEST_CASE("A5: URLs and e-mail addresses are opaque") {
  one("申报入口为https://zwfw.example.org/apply?type=2&year=2024,逾期不再受理。");
  CHECK(split("详见官网www.example.org.cn. 咨询电话另行公布。") ==
        "详见官网www.example.org.cn. | 咨询电话另行公布。");
  one("修改意见可发至gongshi@example.org，附件请命名为“单位名称.docx”。");
  // own
  CHECK(split("详见http://example.org/a.html.更多内容") == "详见http://example.org/a.html. | 更多内容");
  CHECK(split("访问http://www.gov.cn/zhengce/index.htm?id=1!了解详情。") ==
        "访问http://www.gov.cn/zhengce/index.htm?id=1! | 了解详情。");
  one("请发送至foo.bar@mail.example.com.cn。");
  one("链接(http://example.org/x)已失效。");
  one("见ftp://files.example.org/a?b=1!c。");
  CHECK(split("邮箱为a.b@c.example.org. 欢迎来信。") == "邮箱为a.b@c.example.org. | 欢迎来信。");
}

TEST_CASE("A6: ASCII ! and ? are terminators except in URLs and before [A-Za-z0-9_=&/%]") {
  one("旧版接口形如list.do?page=2&size=20,已于上月停用!");
  // own
  one("产品名为Yahoo!Japan");
  CHECK(split("您好!欢迎。") == "您好! | 欢迎。");
  one("查询a?b=1&c=2的结果?_x");
  CHECK(split("真的吗? 是的!") == "真的吗? | 是的!");
}

// ------------------------------------------------------------------------------------ E
TEST_CASE("E1: ellipsis") {
  one("他翻开笔记本……上面密密麻麻记满了企业的诉求。");
  one("改造任务涉及老旧管网......预计年底前全部完工。");
  CHECK(split("老师傅反复叮嘱：“慢一点，再慢一点……”徒弟们屏住了呼吸。") ==
        "老师傅反复叮嘱：“慢一点，再慢一点……” | 徒弟们屏住了呼吸。");
  CHECK(split("有的企业还在观望……\n有的企业已经行动起来。") == "有的企业还在观望…… | 有的企业已经行动起来。");
  // own
  one("一是……二是⋯⋯三是……");
  CHECK(split("他说：“我……”然后哭了。") == "他说：“我……” | 然后哭了。");
  CHECK(split("等待……？真的吗。") == "等待……？ | 真的吗。");
  one("情况．．．．．．后来好了。");
  one("“我……”，他停顿了一下。");  // T4 applies
  const auto v = spans("有的企业还在观望……\n有的");
  REQUIRE(v.size() == 2);
  CHECK(v[0].flags == 0);  // an ellipsis before a line boundary ends the sentence
}

// ------------------------------------------------------------------------------------ L
TEST_CASE("L1: list markers stay with their item") {
  CHECK(split("三、组织实施\n（二）强化资金保障\n市财政每年安排专项资金。") ==
        "三、组织实施 | （二）强化资金保障 | 市财政每年安排专项资金。");
  one("会议明确，①盘活闲置资产；②清理低效投资。");
  CHECK(split("会议明确，①盘活闲置资产；②清理低效投资。", semicolon()) ==
        "会议明确，①盘活闲置资产； | ②清理低效投资。");
  // own
  CHECK(split("（一）总体要求。（二）主要任务。") == "（一）总体要求。 | （二）主要任务。");
  CHECK(split("第一，加强领导。第二，完善机制。") == "第一，加强领导。 | 第二，完善机制。");
  CHECK(split("1）组织领导。2）资金保障。(3)监督考核。") == "1）组织领导。 | 2）资金保障。 | (3)监督考核。");
  CHECK(split("一是加强领导。二是完善机制。") == "一是加强领导。 | 二是完善机制。");
}

// ------------------------------------------------------------------------------------ N
TEST_CASE("N1: paragraph breaks always end a sentence") {
  CHECK(split("调研组共走访企业二十余家\r\n\r\n调研报告将于月底形成") == "调研组共走访企业二十余家 | 调研报告将于月底形成");
  CHECK(split("加快补齐设施短板、\n\n提升服务水平。") == "加快补齐设施短板、 | 提升服务水平。");
  // own
  for (NewlineMode m : {NewlineMode::Auto, NewlineMode::Hard, NewlineMode::Blank}) {
    CHECK(split("第一段，\n \n第二段", mode(m)) == "第一段， | 第二段");
    CHECK(split("第一段，\f第二段", mode(m)) == "第一段， | 第二段");
    CHECK(split("第一段，\u2029第二段", mode(m)) == "第一段， | 第二段");
    CHECK(split("他说：“第一段\n\n第二段。”", mode(m)) == "他说：“第一段 | 第二段。”");
  }
}

TEST_CASE("N2: a single line break ends a sentence (Auto)") {
  CHECK(split("发稿时间：2024-03-02 10:15\n字号：大 中 小\n3月2日，全市项目建设现场推进会召开。") ==
        "发稿时间：2024-03-02 10:15 | 字号：大 中 小 | 3月2日，全市项目建设现场推进会召开。");
  CHECK(split("通知全文如下：\n各区县国资部门、市属各企业：\n为进一步规范企业投资管理，现将有关事项通知如下。") ==
        "通知全文如下： | 各区县国资部门、市属各企业： | 为进一步规范企业投资管理，现将有关事项通知如下。");
  // own
  CHECK(split("编辑：张三\n责任编辑：李四") == "编辑：张三 | 责任编辑：李四");
  CHECK(split("来源：新华社\r记者 王五\u2028摄影 赵六\u0085完") == "来源：新华社 | 记者 王五 | 摄影 赵六 | 完");
  CHECK(split("他说：“第一行\n第二行。”") == "他说：“第一行 | 第二行。”");  // units first, quotes second
}

TEST_CASE("N3: unterminated lines, datelines, indentation") {
  CHECK(split("中新网合肥3月2日电 安徽省属企业一季度签约项目总额突破千亿元。其中制造业项目占六成。") ==
        "中新网合肥3月2日电 安徽省属企业一季度签约项目总额突破千亿元。 | 其中制造业项目占六成。");
  CHECK(split("\u3000\u3000全年任务已完成过半。\u3000\u3000下一步将重点抓好项目收尾") ==
        "全年任务已完成过半。 | 下一步将重点抓好项目收尾");
  // own
  const auto v = spans("国资委召开会议\n本报讯（记者 王五）会议召开。\n（完）");
  REQUIRE(v.size() == 3);
  CHECK(v[0].flags == tifa::kSentenceUnterminated);
  CHECK(v[1].flags == 0);
  CHECK(v[2].flags == tifa::kSentenceUnterminated);
  const auto w = spans("会议召开。“好。”");
  REQUIRE(w.size() == 2);
  CHECK(w[1].flags == 0);
}

// ------------------------------------------------------------------------------------ W
TEST_CASE("W1: bridged line breaks") {
  one("全市国有企业要进一步聚焦主责主业，\n加快布局战略性新兴产业。");
  one("要大力弘扬“工匠精神\n”，培育高技能人才队伍。");
  // own
  one("各地要加快推进、\n确保完成任务。");
  one("他说（\n见附件）。");
  CHECK(split("工作圆满完成\n。下一步继续") == "工作圆满完成\n。 | 下一步继续");
  one("数据显示\n，全年增长5%。");
}

TEST_CASE("W2: soft wraps of a hard-wrapped paragraph") {
  CHECK(split("今年以来，全省国资系统坚持以项目建设为抓手，持续扩大有\n效投资，一批强链补链延链项目加快落地见效。同时，各企业深\n入开展对标提升行动，经营质效稳步提高。") ==
        "今年以来，全省国资系统坚持以项目建设为抓手，持续扩大有\n效投资，一批强链补链延链项目加快落地见效。 | 同时，各企业深\n入开展对标提升行动，经营质效稳步提高。");
  CHECK(split("加快转型升级\n建设一流企业") == "加快转型升级 | 建设一流企业");
  // own: hard-wrapped lines of 25 ideographs (50 columns)
  const std::string l1 = "国有企业要坚持以高质量发展为首要任务切实增强核心功";
  const std::string l2 = "能提升核心竞争力更好发挥科技创新产业控制安全支撑作";
  const std::string l3 = "用努力在建设现代化产业体系中发挥更大作用为此要求：";
  const std::string l4 = "1.各企业要结合实际制定具体方案并抓好落实";
  CHECK(split(l1 + "\n" + l2 + "\n" + l3 + "\n" + l4) == l1 + "\n" + l2 + "\n" + l3 + " | " + l4);
  // the line before a list marker is a boundary even when full
  const std::string m1 = "国有企业要坚持以高质量发展为首要任务切实增强核心功能";
  const std::string m2 = "（二）提升核心竞争力更好发挥科技创新产业控制安全支撑";
  const std::string m3 = "作用努力在建设现代化产业体系中发挥更大作用抓好落实。";
  CHECK(split(m1 + "\n" + m2 + "\n" + m3) == m1 + " | " + m2 + "\n" + m3);
  // lines wider than 200 columns are not soft wraps
  std::string wide;
  for (int i = 0; i < 110; ++i) wide += "国";
  CHECK(split(wide + "\n" + wide + "\n" + wide) == wide + " | " + wide + " | " + wide);
}

TEST_CASE("W3: newline modes") {
  CHECK(split("全市国有企业要进一步聚焦主责主业，\n加快布局战略性新兴产业。", mode(NewlineMode::Hard)) ==
        "全市国有企业要进一步聚焦主责主业， | 加快布局战略性新兴产业。");
  one("加快转型升级\n建设一流企业", mode(NewlineMode::Blank));
  // own
  CHECK(split("要大力弘扬“工匠精神\n”，培育人才。", mode(NewlineMode::Hard)) == "要大力弘扬“工匠精神 | ”，培育人才。");
  one("标题\n副标题\n正文", mode(NewlineMode::Blank));
  CHECK(split("标题\n副标题\n\n正文", mode(NewlineMode::Blank)) == "标题\n副标题 | 正文");
  one("持续深化改革<PAGE_DIV>\n推行任期制。", mode(NewlineMode::Hard));
}

// ------------------------------------------------------------------------------------ P
TEST_CASE("P1: page markers are transparent") {
  CHECK(split("全年生产经营平稳有序。<PAGE_DIV> \n\n下半年要加大攻坚力度。") ==
        "全年生产经营平稳有序。 | 下半年要加大攻坚力度。");
  const std::string in = "要加快培育一批具有核心竞争力的<PAGE_DIV> \n\n科技领军企业。积极推进数字化转<PAGE_DIV>型。<PAGE_DIV>";
  CHECK(split(in) == "要加快培育一批具有核心竞争力的<PAGE_DIV> \n\n科技领军企业。 | 积极推进数字化转<PAGE_DIV>型。");
  one("持续深化三项制度改革<PAGE_DIV>\n\n，推行经理层任期制和契约化管理。");
  one("稳住外贸外资基本盘；<PAGE_DIV>\n\n加快培育新的增长点。");
  // own
  const auto v = spans(in);
  REQUIRE(v.size() == 2);
  CHECK(v[0].flags == tifa::kSentenceHasPageMarker);
  CHECK(v[1].flags == tifa::kSentenceHasPageMarker);
  const auto w = spans("全年生产经营平稳有序。<PAGE_DIV> \n\n下半年要加大攻坚力度。");
  REQUIRE(w.size() == 2);
  CHECK(w[0].flags == 0);
  CHECK(w[1].flags == 0);
  CHECK(split("<PAGE_DIV>开头<PAGE_DIV>") == "开头");
  SentenceOptions o;
  o.page_marker = "[[页]]";
  CHECK(split("全年平稳[[页]]有序。[[页]]\n\n下半年", o) == "全年平稳[[页]]有序。 | 下半年");
  o.page_marker = "";
  CHECK(split("全年平稳<PAGE_DIV>\n\n有序。", o) == "全年平稳<PAGE_DIV> | 有序。");
  for (NewlineMode m : {NewlineMode::Auto, NewlineMode::Hard, NewlineMode::Blank})
    one("第一行<PAGE_DIV>\n\n\n第二行。", mode(m));
}

// ------------------------------------------------------------------------------------ M
TEST_CASE("M1: max_sentence_bytes") {
  SentenceOptions o;
  o.max_sentence_bytes = 30;
  const std::string in = "要加快建设，要深化改革，要扩大开放。";
  const auto v = spans(in, o);
  CHECK(join(texts(in, v)) == "要加快建设， | 要深化改革， | 要扩大开放。");
  REQUIRE(v.size() == 3);
  CHECK(v[0].end - v[0].begin == 18);
  CHECK(v[0].flags == tifa::kSentenceForcedCut);
  CHECK(v[1].flags == tifa::kSentenceForcedCut);
  CHECK(v[2].flags == 0);
  // own: falls back to white space, then to any code point boundary
  o.max_sentence_bytes = 16;
  CHECK(split("abc def ghi jkl mno pqr。", o) == "abc def ghi jkl | mno pqr。");
  const std::string cjk = "一二三四五六七八九十一二三四五六七八九十";  // 60 bytes, no marks
  const auto w = spans(cjk, o);
  CHECK(join(texts(cjk, w)) == "一二三四五 | 六七八九十 | 一二三四五 | 六七八九十");
  for (const auto& s : w) CHECK(s.end - s.begin <= 16);
  // never inside a marker
  o.max_sentence_bytes = 20;
  const std::string mk = "一二三四<PAGE_DIV>五六七八。";
  for (const auto& s : spans(mk, o)) CHECK(s.end - s.begin <= 20);
  CHECK(split(mk, o) == "一二三四 | 五六七八。");
}

// ------------------------------------------------------------------------------------ options
TEST_CASE("options: only bad options throw invalid_argument") {
  auto throws = [](SentenceOptions o) {
    try {
      tifa::SentenceSplitter s(std::move(o));
    } catch (const tifa::Error& e) {
      return e.code() == tifa::ErrorCode::kInvalidArgument;
    }
    return false;
  };
  SentenceOptions o;
  o.page_marker = "a b";
  CHECK(throws(o));
  o.page_marker = "a\u3000b";
  CHECK(throws(o));
  o.page_marker = std::string(65, 'x');
  CHECK(throws(o));
  o.page_marker = "\xFF";
  CHECK(throws(o));
  o.page_marker = std::string(64, 'x');
  CHECK_FALSE(throws(o));
  o.page_marker = "";
  CHECK_FALSE(throws(o));
  o.max_sentence_bytes = 1;
  CHECK(throws(o));
  o.max_sentence_bytes = 15;
  CHECK(throws(o));
  o.max_sentence_bytes = 16;
  CHECK_FALSE(throws(o));
  o.max_sentence_bytes = 0;
  CHECK_FALSE(throws(o));
}
