// The bad-input harness: runs one case in a forked child and measures it from the outside.
//
// A case builds its input, runs it, and returns a one-line report of the outcome; the parent
// compares that report with the expected one. Running in a child gives each case its own peak
// resident set (ru_maxrss only ever grows, so it cannot be measured twice in one process), lets a
// runaway case be killed at a deadline, and turns a crash into a failed assertion instead of the
// end of the test program.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "tifa/document.hpp"
#include "tifa/options.hpp"

namespace tifa::test {

// What a case does in the child: builds its input, sets `input_bytes` to its size, and returns
// the report.
using BadInputCase = std::function<std::string(std::size_t& input_bytes)>;

struct Measurement {
  std::string report;              // what the case returned, or "crash: …" / "timeout"
  double seconds = 0.0;            // wall time of the child, input generation included
  double cpu_seconds = 0.0;        // its user + system CPU time (what a loaded machine keeps)
  std::size_t input_bytes = 0;
  std::size_t peak_growth = 0;     // bytes of resident set the child grew by at its peak
  bool completed = false;          // the child exited normally with status 0
};

Measurement run_in_child(const BadInputCase& body);

// The bounds of the issue: 10 s, and 20 × the input plus 64 MiB of peak memory. The 10 s bound
// is on CPU time, which does not depend on what else the machine runs (ctest -j, a sub-build);
// wall time gets a looser bound against hangs. Sanitizer builds run several times slower and
// ASan's shadow memory and quarantine dwarf the program's own, so there the time bounds are
// multiplied and the memory bound is not checked (sanitizer_build()).
double time_bound_seconds();
double wall_bound_seconds();
std::size_t memory_bound(std::size_t input_bytes, std::size_t factor = 20);
bool sanitizer_build();

// The summary every report starts with: "format=… encoding=… fffd=N blocks=N warnings=a,b" (the
// distinct warning codes, sorted).
std::string describe(const Document& doc);

// Pipeline(options).process(bytes) described, or "error=<code>" for a tifa::Error.
std::string process_and_describe(std::string_view bytes, const Options& options = {});

}  // namespace tifa::test
