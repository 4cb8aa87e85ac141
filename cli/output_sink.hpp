// Where records go: standard output or a file given with -o. Remembers the first write error so
// that the command can stop and exit 74.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace tifa::cli {

class OutputSink {
 public:
  // Standard output.
  OutputSink();
  // Creates (or truncates) `path`; check ok() afterwards.
  explicit OutputSink(const std::string& path);
  ~OutputSink();
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  // Writes `record` and a newline; false once any write has failed.
  bool write_line(std::string_view record);
  // Flushes (and closes a file); false when anything failed.
  bool finish();

  bool ok() const noexcept { return error_.empty(); }
  // "PATH: reason" for the first failure.
  const std::string& error() const noexcept { return error_; }

 private:
  void fail(int error_number);

  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::string name_;
  std::string error_;
};

}  // namespace tifa::cli
