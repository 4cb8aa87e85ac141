// `tifa lexicon check FILE...`: validates lexicon files (spec/slogans.md §2.5) and prints every
// diagnostic, then a summary per file.
#pragma once

#include <string>
#include <vector>

namespace tifa::cli {

// Runs `tifa lexicon ...` with the arguments after "lexicon"; returns the exit status. Throws
// UsageError for a bad command line.
int run_lexicon(const std::vector<std::string>& arguments);

}  // namespace tifa::cli
