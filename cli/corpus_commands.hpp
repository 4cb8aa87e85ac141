// `tifa counts`, `tifa kwic` and `tifa discover`: the pipeline over every input document, reduced
// to tables with the corpus aggregation of the library (include/tifa/corpus.hpp). They share the
// inputs, pipeline and lexicon options, job runner and errors of `tifa process`, and add table
// output (TSV, CSV, JSONL), --csv-bom and --manifest FILE (the reproducibility header as JSON).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tifa/corpus.hpp>

#include "process_command.hpp"
#include "table_writer.hpp"

namespace tifa::cli {

enum class CorpusCommand { kCounts, kKwic, kDiscover };

struct CorpusSettings {
  CorpusCommand command = CorpusCommand::kCounts;
  ProcessSettings common;         // inputs, pipeline, lexicon, --jobs, -o, --quiet, --help
  TableFormat format = TableFormat::kTsv;
  bool csv_bom = false;
  std::string manifest_path;      // --manifest FILE; empty: none

  // counts
  CountsOptions counts;
  bool totals = true;             // a total row per period × outlet cell
  std::optional<CooccurrenceLevel> cooccurrence;  // the pair table instead of the counts
  std::size_t min_both = 1;

  // kwic
  std::string slogan;
  std::size_t window = 20;
  bool clip = true;
  std::optional<std::size_t> sample;
  std::uint64_t seed = 1;

  // discover
  std::size_t min_docs = 1;
  std::size_t limit = 0;          // 0: every candidate
};

// Parses the arguments after the command name. Throws UsageError.
CorpusSettings parse_corpus_arguments(const std::vector<std::string>& arguments,
                                      unsigned default_jobs, CorpusCommand command);

// The text of `tifa counts --help` (kwic, discover).
std::string corpus_help(unsigned default_jobs, CorpusCommand command);

// Runs the command; returns the exit status. Throws UsageError for options the pipeline rejects.
int run_corpus(const std::vector<std::string>& arguments, CorpusCommand command);

// "counts", "kwic", "discover".
const char* corpus_command_name(CorpusCommand command);

}  // namespace tifa::cli
