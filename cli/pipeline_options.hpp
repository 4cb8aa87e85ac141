// The options of the pipeline (spec/cleaning.md §9) on the command line, shared by every command
// that runs the pipeline: `--format`, `--encoding`, the cleaning switches, the date options,
// `--max-input-bytes` and `--verify`.
#pragma once

#include <cstddef>
#include <string_view>

#include <tifa/options.hpp>

#include "arguments.hpp"

namespace tifa::cli {

// Handles the pipeline option at the cursor and stores it in `options`; false when the current
// argument is not a pipeline option. Throws UsageError for a bad or missing value.
bool take_pipeline_option(ArgumentCursor& args, Options& options);

// The "Pipeline:" section of a command's --help, listing every option take_pipeline_option knows.
std::string_view pipeline_options_help();

// Parsers of the option values, exposed for tests and other commands. Each throws UsageError
// naming `option`.

// "±HH:MM" with HH ≤ 23 and MM ≤ 59.
void check_utc_offset(std::string_view option, std::string_view text);
// An ISO 8601 date or date-time: YYYY-MM-DD, optionally followed by T (or a space) and
// HH:MM[:SS[.fraction]], optionally followed by Z or ±HH:MM.
void check_iso_time(std::string_view option, std::string_view text);
// A positive byte count: decimal digits, optionally followed by K, M or G (powers of 1024).
std::size_t parse_byte_size(std::string_view option, std::string_view text);

}  // namespace tifa::cli
