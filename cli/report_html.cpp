#include "report_html.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/core.h>

namespace tifa::cli {

namespace {

// Lists longer than this are cut in the page (with a note): a corpus with thousands of outlets or
// failures would otherwise bury the rest of the report.
constexpr std::size_t kMaxListedOutlets = 15;
constexpr std::size_t kMaxListedFailures = 50;

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not a valid one.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // no overlong forms
    if (lead == 0xED) max_second = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;
    if (lead == 0xF4) max_second = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

void append_escaped_char(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default:
      // Control characters other than tab and line feed are not allowed in HTML text.
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
        out += "\xEF\xBF\xBD";
      } else {
        out += c;
      }
  }
}

// At most `max_chars` code points of `text`, with "…" when cut (legend labels).
std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max_chars) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

// 136504 -> "136,504": the summary figures are read at a glance.
std::string number(std::size_t value) {
  const std::string digits = fmt::format("{}", value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// The last path component of a document id, cut to a few characters (the full id is the title).
std::string short_id(std::string_view id) {
  const std::size_t slash = id.find_last_of('/');
  return shorten(slash == std::string_view::npos ? id : id.substr(slash + 1), 18);
}

std::string or_dash(const std::string& text) { return text.empty() ? "–" : escape_html(text); }

std::string decimal(double value) { return fmt::format("{:.2f}", value); }

// ---------------------------------------------------------------------------------------------
// The timeline SVG.

// Tableau 10: distinct in colour and in lightness, so the lines stay apart in greyscale prints.
constexpr std::array<std::string_view, 10> kPalette = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#7f7f7f"};

struct PlotBox {
  double left = 64;
  double top = 24;
  double width = 660;
  double height = 300;
  double legend_left = 760;
  double svg_width = 980;
  double svg_height = 380;
  double bottom() const { return top + height; }
  double right() const { return left + width; }
};

// The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `value`.
double nice_ceiling(double value) {
  if (value <= 1) return 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

double series_max(const Timeline& timeline) {
  double max = 0;
  for (const TimelineSeries& series : timeline.series) {
    for (double value : series.values) max = std::max(max, value);
  }
  return max;
}

double month_x(const PlotBox& box, std::size_t index, std::size_t months) {
  if (months <= 1) return box.left + box.width / 2;
  return box.left + box.width * static_cast<double>(index) / static_cast<double>(months - 1);
}

// Every k-th month gets a label, k from 1, 2, 3, 4, 6, 12, 24 ...: at most 12 labels fit.
std::size_t label_step(std::size_t months) {
  for (std::size_t step : {1u, 2u, 3u, 4u, 6u}) {
    if ((months + step - 1) / step <= 12) return step;
  }
  std::size_t step = 12;
  while ((months + step - 1) / step > 12) step += 12;
  return step;
}

void append_y_axis(std::string& svg, const PlotBox& box, double y_max) {
  constexpr int kGridLines = 5;
  for (int i = 0; i <= kGridLines; ++i) {
    const double value = y_max * i / kGridLines;
    const double y = box.bottom() - box.height * i / kGridLines;
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"tick-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
        box.left, y, box.right(), y, box.left - 8, y + 4,
        value == std::floor(value) ? fmt::format("{:.0f}", value) : fmt::format("{:.1f}", value));
  }
  svg += fmt::format(
      "<text class=\"axis-title\" transform=\"translate(16 {:.1f}) rotate(-90)\" "
      "text-anchor=\"middle\">提及次数 mentions</text>\n",
      box.top + box.height / 2);
}

void append_x_axis(std::string& svg, const PlotBox& box, const std::vector<std::string>& months) {
  svg += fmt::format("<line class=\"axis\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     box.left, box.bottom(), box.right(), box.bottom());
  const std::size_t step = label_step(months.size());
  for (std::size_t i = 0; i < months.size(); ++i) {
    const double x = month_x(box, i, months.size());
    const bool labelled = i % step == 0;
    // Unlabelled months get short ticks; past six years they would only blur into a bar.
    if (!labelled && months.size() > 72) continue;
    svg += fmt::format("<line class=\"tick\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>",
                       x, box.bottom(), x, box.bottom() + (labelled ? 6 : 3));
    if (labelled) {
      svg += fmt::format("<text class=\"tick-label month\" x=\"{:.1f}\" y=\"{:.1f}\" "
                         "text-anchor=\"middle\">{}</text>",
                         x, box.bottom() + 20, escape_html(months[i]));
    }
    svg += '\n';
  }
  svg += fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">"
                     "月份 month（发布日期，北京时间）</text>\n",
                     box.left + box.width / 2, box.bottom() + 44);
}

// Documents per month as pale bars on their own scale (the lowest quarter of the plot), so that
// a peak of mentions can be told apart from a peak of documents.
void append_document_bars(std::string& svg, const PlotBox& box, const Timeline& timeline) {
  const std::size_t months = timeline.months.size();
  std::size_t max = 0;
  for (std::size_t count : timeline.documents_per_month) max = std::max(max, count);
  if (max == 0) return;
  const double slot = months <= 1 ? box.width / 4 : box.width / static_cast<double>(months - 1);
  const double bar = std::max(1.0, slot * 0.6);
  svg += "<g class=\"doc-bars\">";
  for (std::size_t i = 0; i < months && i < timeline.documents_per_month.size(); ++i) {
    const std::size_t count = timeline.documents_per_month[i];
    if (count == 0) continue;
    const double height = box.height * 0.25 * static_cast<double>(count) / static_cast<double>(max);
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
                       "<title>{}: {} 篇文档</title></rect>",
                       month_x(box, i, months) - bar / 2, box.bottom() - height, bar, height,
                       escape_html(timeline.months[i]), count);
  }
  svg += "</g>\n";
}

std::string series_style(std::size_t index) {
  std::string style = fmt::format("stroke=\"{}\"", kPalette[index % kPalette.size()]);
  // Past ten series the colours repeat; a dash pattern keeps them apart.
  if (index >= kPalette.size()) style += " stroke-dasharray=\"6 3\"";
  return style;
}

void append_series(std::string& svg, const PlotBox& box, const Timeline& timeline, double y_max) {
  const std::size_t months = timeline.months.size();
  // Markers make single months (and a one-month corpus) visible; on long spans they would clutter.
  const bool markers = months <= 36;
  for (std::size_t s = 0; s < timeline.series.size(); ++s) {
    const TimelineSeries& series = timeline.series[s];
    std::string d;
    std::string points;
    for (std::size_t i = 0; i < months; ++i) {
      const double value = i < series.values.size() ? series.values[i] : 0;
      const double x = month_x(box, i, months);
      const double y = box.bottom() - box.height * value / y_max;
      d += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", x, y);
      if (markers) {
        points += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"/>", x, y,
                              kPalette[s % kPalette.size()]);
      }
    }
    svg += fmt::format("<path class=\"series\" data-slogan=\"{}\" {} d=\"{}\"><title>{}</title></path>",
                       escape_html(series.label), series_style(s), d, escape_html(series.label));
    if (markers) svg += "<g class=\"points\">" + points + "</g>";
    svg += '\n';
  }
}

void append_legend(std::string& svg, const PlotBox& box, const Timeline& timeline) {
  constexpr double kRow = 22;
  svg += fmt::format("<g class=\"legend\" transform=\"translate({:.1f} {:.1f})\">\n",
                     box.legend_left, box.top);
  svg += "<text class=\"legend-title\" x=\"0\" y=\"0\">图例 legend</text>\n";
  for (std::size_t s = 0; s < timeline.series.size(); ++s) {
    const double y = kRow * static_cast<double>(s + 1);
    svg += fmt::format("<line x1=\"0\" y1=\"{:.1f}\" x2=\"24\" y2=\"{:.1f}\" stroke-width=\"3\" {}/>"
                       "<text x=\"32\" y=\"{:.1f}\">{}<title>{}</title></text>\n",
                       y - 4, y - 4, series_style(s), y, escape_html(shorten(timeline.series[s].label, 12)),
                       escape_html(timeline.series[s].label));
  }
  const double y = kRow * static_cast<double>(timeline.series.size() + 1);
  svg += fmt::format("<rect class=\"doc-bars\" x=\"4\" y=\"{:.1f}\" width=\"16\" height=\"10\"/>"
                     "<text x=\"32\" y=\"{:.1f}\">每月文档数（另计比例）</text>\n",
                     y - 9, y);
  svg += "</g>\n";
}

// ---------------------------------------------------------------------------------------------
// Page sections.

constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
body { margin: 0; background: #f6f7f9; color: #1f2328;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.6; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; background: #fff;
  box-shadow: 0 0 0 1px #e3e6ea; }
h1 { font-size: 26px; margin: 0 0 4px; }
h1 small, h2 small { font-weight: normal; color: #656d76; font-size: 60%; margin-left: .4em; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #d8dee4; }
h3 { font-size: 16px; margin: 20px 0 8px; }
nav { margin: 8px 0 16px; font-size: 14px; }
nav a { color: #0b5cad; text-decoration: none; margin-right: 1.2em; }
p.note { color: #656d76; font-size: 13px; margin: 6px 0; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { border-bottom: 1px solid #e3e6ea; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mono, span.mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
  word-break: break-all; }
table.meta th { text-align: left; width: 10em; background: none; }
table.wide { width: 100%; }
td.date { white-space: nowrap; }
th.example { width: 48%; }
table.slogans { table-layout: fixed; }
table.slogans th:first-child { width: 34%; }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 28px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 16px; }
.figure { border: 1px solid #e3e6ea; border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.figure b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
.figure span { color: #656d76; font-size: 13px; }
.figure.bad b { color: #b42318; }
svg.timeline { display: block; width: 100%; height: auto; background: #fff; }
svg.timeline .grid { stroke: #e8ebef; stroke-width: 1; }
svg.timeline .axis, svg.timeline .tick { stroke: #57606a; stroke-width: 1; }
svg.timeline .tick-label { fill: #57606a; font-size: 11px; }
svg.timeline .axis-title { fill: #424a53; font-size: 12px; }
svg.timeline .series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg.timeline .doc-bars, svg.timeline .doc-bars rect { fill: #c9d1da; }
svg.timeline .legend text { font-size: 13px; fill: #1f2328; }
svg.timeline .legend .legend-title { font-weight: 600; fill: #424a53; }
table.kwic { width: 100%; table-layout: fixed; }
table.kwic td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.kwic td.left { text-align: right; width: 34%; direction: rtl; }
table.kwic td.left span { direction: ltr; unicode-bidi: embed; }
table.kwic td.match { text-align: center; width: 14%; font-weight: 700; color: #9a3412;
  background: #fff7ed; }
table.kwic td.right { width: 34%; }
mark { background: #fff3bf; color: inherit; padding: 0 1px; }
table.kwic td.doc { width: 18%; color: #656d76; font-size: 12px; }
.empty { color: #656d76; font-style: italic; }
footer { margin-top: 40px; color: #656d76; font-size: 12px; }
)";

void append_named_counts(std::string& html, std::string_view title, std::string_view column,
                         const std::vector<NamedCount>& rows, std::size_t limit,
                         std::string_view unknown) {
  html += fmt::format("<div><h3>{}</h3>\n", title);
  if (rows.empty()) {
    html += "<p class=\"empty\">无 none</p></div>\n";
    return;
  }
  html += fmt::format("<table class=\"data\"><thead><tr><th>{}</th><th class=\"num\">文档 documents</th>"
                      "</tr></thead><tbody>\n",
                      column);
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
    html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n",
                        rows[i].name.empty() ? std::string(unknown) : escape_html(rows[i].name),
                        rows[i].count);
  }
  html += "</tbody></table>\n";
  if (rows.size() > limit) {
    html += fmt::format("<p class=\"note\">另有 {} 项未列出 ({} more not listed)</p>\n",
                        rows.size() - limit, rows.size() - limit);
  }
  html += "</div>\n";
}

void append_provenance(std::string& html, const ReportProvenance& p, const CorpusOverview& o) {
  const auto joined = [](const std::vector<std::string>& items, std::string_view none) {
    if (items.empty()) return std::string(none);
    std::string out;
    for (const std::string& item : items) {
      if (!out.empty()) out += ' ';
      out += escape_html(item);
    }
    return out;
  };
  html += "<section id=\"provenance\"><h2>可复现信息 <small>Reproducibility</small></h2>\n"
          "<table class=\"meta\"><tbody>\n";
  html += fmt::format("<tr><th>工具 tool</th><td>tifa {}</td></tr>\n", escape_html(p.tool_version));
  html += fmt::format("<tr><th>词表 lexicon</th><td><span class=\"mono\">SHA-256 {}</span><br>"
                      "{} 条 entries, {} 字节 bytes (canonical serialisation)</td></tr>\n",
                      escape_html(p.lexicon_sha256), p.lexicon_entries, p.lexicon_bytes);
  html += fmt::format("<tr><th>选项 options</th><td class=\"mono\">{}</td></tr>\n",
                      joined(p.options, "(defaults)"));
  html += fmt::format("<tr><th>输入 inputs</th><td class=\"mono\">{}</td></tr>\n",
                      joined(p.inputs, "- (standard input)"));
  html += fmt::format("<tr><th>文档 documents</th><td>{} 已处理 processed, {} 失败 failed "
                      "(of {} read)</td></tr>\n",
                      o.documents - o.failed, o.failed, o.documents);
  html += "</tbody></table></section>\n";
}

void append_figure(std::string& html, std::string_view value, std::string_view label,
                   bool bad = false) {
  html += fmt::format("<div class=\"figure{}\"><b>{}</b><span>{}</span></div>\n",
                      bad ? " bad" : "", value, label);
}

void append_failures(std::string& html, const CorpusOverview& o) {
  html += "<h3>失败的文档 <small>Failed documents</small></h3>\n";
  if (o.failures.empty()) {
    html += "<p class=\"empty\">无 none</p>\n";
    return;
  }
  html += "<table class=\"data\"><thead><tr><th>位置 where</th><th>原因 message</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < o.failures.size() && i < kMaxListedFailures; ++i) {
    html += fmt::format("<tr><td class=\"mono\">{}</td><td>{}</td></tr>\n",
                        escape_html(o.failures[i].where), escape_html(o.failures[i].message));
  }
  html += "</tbody></table>\n";
  if (o.failures.size() > kMaxListedFailures) {
    html += fmt::format("<p class=\"note\">另有 {} 篇失败文档未列出 ({} more)</p>\n",
                        o.failures.size() - kMaxListedFailures, o.failures.size() - kMaxListedFailures);
  }
}

void append_summary(std::string& html, const CorpusOverview& o) {
  html += "<section id=\"summary\"><h2>语料概况 <small>Corpus summary</small></h2>\n"
          "<div class=\"figures\">\n";
  append_figure(html, number(o.documents), "文档 documents");
  append_figure(html, number(o.failed), "失败 failed", o.failed > 0);
  append_figure(html, number(o.dated), "有日期 dated");
  append_figure(html, o.first_date.empty() ? "–" : escape_html(o.first_date), "最早 first date");
  append_figure(html, o.last_date.empty() ? "–" : escape_html(o.last_date), "最晚 last date");
  append_figure(html, number(o.chars), "字符 characters");
  append_figure(html, number(o.sentences), "句子 sentences");
  append_figure(html, number(o.mentions), "提法提及 mentions");
  append_figure(html, number(o.documents_with_mentions), "含提法文档 documents with mentions");
  html += "</div>\n<div class=\"grid-2\">\n";
  append_named_counts(html, "来源媒体 <small>Outlets</small>", "媒体 outlet", o.outlets,
                      kMaxListedOutlets, "<span class=\"empty\">未知 unknown</span>");
  append_named_counts(html, "格式 <small>Formats</small>", "格式 format", o.formats, SIZE_MAX,
                      "?");
  append_named_counts(html, "警告 <small>Warnings</small>", "代码 code", o.warnings, SIZE_MAX, "?");
  html += "</div>\n";
  append_failures(html, o);
  html += "</section>\n";
}

void append_timeline(std::string& html, const Timeline& t, std::string_view ranking_note) {
  html += "<section id=\"timeline\"><h2>月度走势 <small>Monthly timeline of the top slogans</small></h2>\n";
  const std::string svg = render_timeline_svg(t);
  if (svg.empty()) {
    html += "<p class=\"empty\">没有可绘制的数据：没有带日期且含提法的文档。"
            "(Nothing to plot: no dated document with slogan mentions.)</p>\n";
  } else {
    html += svg;
  }
  html += fmt::format("<p class=\"note\">{}每月提及次数按文档发布日期（北京时间）归月；"
                      "{} 篇无日期文档不计入走势图。Mentions per month by publication date; "
                      "{} undated documents are not plotted.</p>\n",
                      escape_html(ranking_note), t.undated_documents, t.undated_documents);
  html += "</section>\n";
}

void append_slogan_table(std::string& html, const std::vector<SloganRow>& rows) {
  html += "<table class=\"data wide slogans\"><thead><tr><th>提法 slogan</th><th class=\"num\">提及 mentions</th>"
          "<th class=\"num\">文档 documents</th><th class=\"num\">每万字 per 10k chars</th>"
          "<th>首见 first</th><th>末见 last</th></tr></thead><tbody>\n";
  for (const SloganRow& row : rows) {
    html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                        "<td class=\"num\">{}</td><td class=\"date\">{}</td><td class=\"date\">{}</td></tr>\n",
                        escape_html(row.canonical), row.mentions, row.documents,
                        decimal(row.per_10k_chars), or_dash(row.first_month),
                        or_dash(row.last_month));
  }
  html += "</tbody></table>\n";
}

void append_categories(std::string& html, const std::vector<CategoryTable>& categories) {
  html += "<section id=\"categories\"><h2>分类高频提法 <small>Top slogans by category</small></h2>\n";
  if (categories.empty()) html += "<p class=\"empty\">没有词表提法。No lexicon slogan was found.</p>\n";
  for (const CategoryTable& table : categories) {
    html += fmt::format("<h3>{} <small>{} 个提法 slogans, {} 次提及 mentions</small></h3>\n",
                        escape_html(table.category), table.slogans, table.mentions);
    append_slogan_table(html, table.top);
  }
  html += "</section>\n";
}

std::string example_html(const CandidateRow& row) {
  return escape_html(row.example_left) + "<mark>" + escape_html(row.example_match) + "</mark>" +
         escape_html(row.example_right);
}

void append_candidates(std::string& html, const std::vector<CandidateRow>& rows, std::size_t total) {
  html += "<section id=\"candidates\"><h2>新发现的候选提法 <small>Discovered candidates "
          "(not in the lexicon)</small></h2>\n";
  if (rows.empty()) {
    html += "<p class=\"empty\">无 none</p></section>\n";
    return;
  }
  html += fmt::format("<p class=\"note\">共 {} 个候选，列出前 {} 个（按文档数、提及次数排序）。"
                      "{} candidates, the first {} by documents, then mentions.</p>\n",
                      total, rows.size(), total, rows.size());
  html += "<table class=\"data wide\"><thead><tr><th>候选 candidate</th><th class=\"num\">提及 mentions</th>"
          "<th class=\"num\">文档 documents</th><th>规则 rules</th><th>置信度 confidence</th>"
          "<th>首见 first</th><th class=\"example\">例句 example</th></tr></thead><tbody>\n";
  for (const CandidateRow& row : rows) {
    html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                        "<td>{}</td><td>{}</td><td class=\"date\">{}</td><td class=\"example\">{}</td></tr>\n",
                        escape_html(row.slogan.canonical), row.slogan.mentions, row.slogan.documents,
                        escape_html(row.rules), escape_html(row.confidence),
                        or_dash(row.slogan.first_month), example_html(row));
  }
  html += "</tbody></table></section>\n";
}

void append_kwic(std::string& html, const std::vector<KwicGroup>& groups) {
  html += "<section id=\"kwic\"><h2>语境示例 <small>KWIC samples</small></h2>\n";
  if (groups.empty()) html += "<p class=\"empty\">无 none</p>\n";
  for (const KwicGroup& group : groups) {
    html += fmt::format("<h3>{} <small>{} 次提及中的 {} 条 ({} of {} mentions)</small></h3>\n",
                        escape_html(group.slogan), group.mentions, group.lines.size(),
                        group.lines.size(), group.mentions);
    html += "<table class=\"kwic\"><tbody>\n";
    for (const KwicLine& line : group.lines) {
      html += fmt::format("<tr><td class=\"left\"><span>{}</span></td><td class=\"match\">{}</td>"
                          "<td class=\"right\">{}</td><td class=\"doc\" title=\"{}\">{} · {}</td></tr>\n",
                          escape_html(line.left), escape_html(line.match), escape_html(line.right),
                          escape_html(line.document),
                          line.date.empty() ? "无日期" : escape_html(line.date),
                          escape_html(short_id(line.document)));
    }
    html += "</tbody></table>\n";
  }
  html += "</section>\n";
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else if (length == 1) {
      append_escaped_char(out, text[i++]);
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string render_timeline_svg(const Timeline& timeline) {
  if (timeline.months.empty()) return {};
  PlotBox box;
  // Up to 20 legend rows (--top) must fit beside the plot.
  box.svg_height = std::max(box.svg_height, box.top + 22.0 * static_cast<double>(timeline.series.size() + 2));
  const double y_max = nice_ceiling(series_max(timeline));
  std::string svg = fmt::format(
      "<svg class=\"timeline\" viewBox=\"0 0 {:.0f} {:.0f}\" "
      "role=\"img\" aria-label=\"月度提法走势 monthly slogan timeline\">\n",
      box.svg_width, box.svg_height);
  append_y_axis(svg, box, y_max);
  append_document_bars(svg, box, timeline);
  append_x_axis(svg, box, timeline.months);
  append_series(svg, box, timeline, y_max);
  append_legend(svg, box, timeline);
  svg += "</svg>\n";
  return svg;
}

std::string render_report_html(const ReportView& view) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Nothing outside the page may load: the report must read the same offline and years later.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"tifa " + escape_html(view.provenance.tool_version) + "\">\n"
      "<title>tifa 提法报告 slogan report</title>\n<style>";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n<main>\n"
          "<h1>提法报告 <small>tifa slogan report</small></h1>\n"
          "<nav><a href=\"#summary\">语料概况</a><a href=\"#timeline\">月度走势</a>"
          "<a href=\"#categories\">分类高频提法</a><a href=\"#candidates\">候选提法</a>"
          "<a href=\"#kwic\">语境示例</a><a href=\"#provenance\">可复现信息</a></nav>\n";
  append_provenance(html, view.provenance, view.overview);
  append_summary(html, view.overview);
  append_timeline(html, view.timeline, view.ranking_note);
  append_categories(html, view.categories);
  append_candidates(html, view.candidates, view.candidates_total);
  append_kwic(html, view.kwic);
  html += fmt::format("<footer>由 tifa {} 生成。Generated by tifa {}.</footer>\n",
                      escape_html(view.provenance.tool_version),
                      escape_html(view.provenance.tool_version));
  html += "</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace tifa::cli
