// `tifa report [INPUT...] -o report.html`: one self-contained HTML page about a corpus (corpus
// summary, monthly timeline of the top slogans, top slogans by category, discovered candidates,
// concordance samples). Takes the INPUTs and options of `tifa slogans`, plus -o (required),
// --top, --kwic and --seed.
#pragma once

#include <string>
#include <vector>

namespace tifa::cli {

// The text of `tifa report --help`.
std::string report_help(unsigned default_jobs);

// Runs the command; returns the exit status. Throws UsageError for a bad command line.
int run_report(const std::vector<std::string>& arguments);

}  // namespace tifa::cli
