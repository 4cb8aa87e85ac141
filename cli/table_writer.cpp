#include "table_writer.hpp"

#include <fmt/core.h>
#include <tifa/json.hpp>

namespace tifa::cli {

std::optional<TableFormat> parse_table_format(std::string_view name) {
  if (name == "tsv") return TableFormat::kTsv;
  if (name == "csv") return TableFormat::kCsv;
  if (name == "jsonl") return TableFormat::kJsonl;
  return std::nullopt;
}

const char* to_string(TableFormat format) {
  switch (format) {
    case TableFormat::kCsv: return "csv";
    case TableFormat::kJsonl: return "jsonl";
    case TableFormat::kTsv: break;
  }
  return "tsv";
}

TableValue TableValue::decimal(double value, int digits) {
  TableValue out(fmt::format("{:.{}f}", value, digits));
  out.number = true;
  return out;
}

std::string tsv_field(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

TableWriter::TableWriter(OutputSink& sink, TableFormat format, std::vector<std::string> columns,
                         bool bom)
    : sink_(sink), format_(format), columns_(std::move(columns)), bom_(bom) {}

bool TableWriter::begin() {
  if (started_) return true;
  started_ = true;
  const std::string bom = bom_ && format_ != TableFormat::kJsonl ? "\xEF\xBB\xBF" : "";
  if (format_ == TableFormat::kJsonl) return true;
  std::string header = bom;
  const char separator = format_ == TableFormat::kTsv ? '\t' : ',';
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) header += separator;
    header += format_ == TableFormat::kTsv ? tsv_field(columns_[i]) : csv_field(columns_[i]);
  }
  return sink_.write_line(std::move(header));
}

bool TableWriter::row(const std::vector<TableValue>& values) {
  if (!begin()) return false;
  ++rows_;
  std::string line;
  if (format_ == TableFormat::kJsonl) {
    line = "{";
    for (std::size_t i = 0; i < columns_.size() && i < values.size(); ++i) {
      if (i > 0) line += ',';
      append_json_string(line, columns_[i]);
      line += ':';
      if (values[i].number) {
        line += values[i].text;
      } else {
        append_json_string(line, values[i].text);
      }
    }
    line += '}';
    return sink_.write_line(std::move(line));
  }
  const char separator = format_ == TableFormat::kTsv ? '\t' : ',';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += separator;
    line += format_ == TableFormat::kTsv ? tsv_field(values[i].text) : csv_field(values[i].text);
  }
  return sink_.write_line(std::move(line));
}

bool TableWriter::raw_line(std::string_view line) {
  if (!begin()) return false;
  return sink_.write_line(std::string(line));
}

}  // namespace tifa::cli
