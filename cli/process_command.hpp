// `tifa process`: the full pipeline over every input document, one JSON object per line.
#pragma once

#include <string>
#include <vector>

#include <tifa/json.hpp>
#include <tifa/options.hpp>

#include "inputs.hpp"

namespace tifa::cli {

// Names of the JSONL fields that hold a document's parts.
struct JsonlFields {
  std::string text = "text";
  std::string id = "id";
  std::string date = "date";
};

struct ProcessSettings {
  std::vector<std::string> inputs;
  InputMode mode = InputMode::kFiles;
  JsonlFields fields;
  Options options;
  JsonOptions json;
  unsigned jobs = 1;
  std::string output_path;  // empty: standard output
  bool quiet = false;
  bool help = false;
};

// Parses the arguments after "process". Throws UsageError.
ProcessSettings parse_process_arguments(const std::vector<std::string>& arguments,
                                        unsigned default_jobs);

// The text of `tifa process --help`.
std::string process_help(unsigned default_jobs);

// Runs the command; returns the exit status. Throws UsageError for options the pipeline rejects.
int run_process(const std::vector<std::string>& arguments);

}  // namespace tifa::cli
