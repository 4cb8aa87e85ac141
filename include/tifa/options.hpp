// tifa::Options: every option of the pipeline (spec/cleaning.md §9). Defaults give the expected
// results of the spec. A plain value; copy it freely.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "tifa/document.hpp"

namespace tifa {

enum class CjkSpaceRepair : std::uint8_t { kPdf, kAll, kNone };
enum class BylineMode : std::uint8_t { kMeta, kBlock };
enum class TableMode : std::uint8_t { kRows, kDrop };

struct Options {
  Format format = Format::kAuto;             // overrides detection (F2-F3)
  std::string encoding = "auto";             // "auto", "utf-8", "gb18030" or any ICU name
  bool fullwidth_punct = true;               // P1, P2
  CjkSpaceRepair cjk_space_repair = CjkSpaceRepair::kPdf;  // N4, N5
  bool title_wrap_repair = true;             // N9(b)
  std::string page_marker = "<PAGE_DIV>";    // B11, N8; "" turns markers off
  BylineMode bylines = BylineMode::kMeta;
  bool meta_from_comments = true;
  bool main_content = true;                  // H1-H4 for whole HTML pages; false: H6
  bool images = true;
  bool captions = true;
  TableMode tables = TableMode::kRows;
  std::string assume_offset = "+08:00";      // zone for dates without one
  std::optional<std::string> reference_time; // allows relative dates (M2)
  std::size_t max_input_bytes = std::size_t{256} << 20;  // D7
  // Deeper HTML elements are flattened into their ancestor at the limit (text kept, warning
  // html_depth_limit).
  std::size_t max_html_depth = 512;
  // Blocks past the limit are joined into the last one (text kept, warning block_limit).
  std::size_t max_blocks = 100000;
  bool verify = false;                       // run the invariants and warn on failure
  bool sentences = true;                     // split sentences (spec/sentences.md)
  bool split_on_semicolon = false;           // sentences: '；' ends a sentence (S2)
  bool slogans = true;                       // recognise slogans (spec/slogans.md)
  Confidence min_confidence = Confidence::kMedium;  // slogans: the floor of stored mentions (§6)
  bool discovery = true;                     // slogans: discover formulae absent from the lexicon (§4)
  bool gap_tolerance = true;                 // slogans: see through spaces and line breaks inside (§3.5)
};

// Per-document hints from the caller. Empty strings mean "not given".
struct Input {
  std::string id;
  std::string path;
  Format format = Format::kAuto;  // beats Options::format when not kAuto
  std::string encoding;           // beats Options::encoding when not empty
  std::string title;              // caller title (M1)
  std::string date;               // caller date, e.g. a JSONL --date-field value (M2)
};

}  // namespace tifa
