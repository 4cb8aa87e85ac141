// Tables on the output: TSV, CSV or JSONL, one row per line, the same columns in each format.
//
// TSV escapes a backslash, TAB, CR and LF inside a field as \\, \t, \r, \n (so a row is always one
// line); CSV quotes a field holding a comma, a double quote, CR or LF (RFC 4180, quotes doubled);
// JSONL writes one object per row with the column names as keys and numbers as numbers. A header
// line names the columns in TSV and CSV. With a BOM (--csv-bom) the output starts with U+FEFF so
// that spreadsheets read it as UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output_sink.hpp"

namespace tifa::cli {

enum class TableFormat { kTsv, kCsv, kJsonl };

// "tsv", "csv", "jsonl"; std::nullopt for anything else.
std::optional<TableFormat> parse_table_format(std::string_view name);
const char* to_string(TableFormat format);

// One field: text, or a number written without quotes in JSONL.
struct TableValue {
  std::string text;
  bool number = false;

  TableValue(std::string value) : text(std::move(value)) {}  // NOLINT: implicit on purpose
  TableValue(std::string_view value) : text(value) {}        // NOLINT
  TableValue(const char* value) : text(value) {}             // NOLINT
  TableValue(std::size_t value) : text(std::to_string(value)), number(true) {}  // NOLINT
  static TableValue decimal(double value, int digits = 4);
};

// TSV escaping of one field.
std::string tsv_field(std::string_view value);
// CSV quoting of one field.
std::string csv_field(std::string_view value);

class TableWriter {
 public:
  TableWriter(OutputSink& sink, TableFormat format, std::vector<std::string> columns, bool bom);

  // The BOM (when asked) and, for TSV and CSV, the header line. False when the write failed.
  bool begin();
  // One row; `values` has one value per column. False when the write failed.
  bool row(const std::vector<TableValue>& values);
  // A line written as it is (JSONL error records). False when the write failed.
  bool raw_line(std::string_view line);

  TableFormat format() const noexcept { return format_; }
  std::size_t rows() const noexcept { return rows_; }

 private:
  OutputSink& sink_;
  TableFormat format_;
  std::vector<std::string> columns_;
  bool bom_;
  bool started_ = false;
  std::size_t rows_ = 0;
};

}  // namespace tifa::cli
