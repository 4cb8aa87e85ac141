// Where records go: standard output or a file given with -o. Remembers the first write error so
// that the command can stop and exit 74.
//
// Records are kept as they are handed over and written together with writev(2): the output
// (larger than the input) is never copied into a buffer, and a corpus of small documents takes
// one system call per 256 KiB (or 128 records) instead of one or two per document.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

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

  // Writes `record` and a newline (perhaps later, with the next ones); false once any write has
  // failed.
  bool write_line(std::string record);
  // Writes what is pending (and closes a file); false when anything failed.
  bool finish();

  bool ok() const noexcept { return error_.empty(); }
  // "PATH: reason" for the first failure.
  const std::string& error() const noexcept { return error_; }

 private:
  void fail(int error_number);
  // Writes the pending records, each followed by '\n'.
  void flush();

  int fd_ = -1;
  bool owned_ = false;
  std::string name_;
  std::string error_;
  std::vector<std::string> pending_;
  std::size_t pending_bytes_ = 0;
};

}  // namespace tifa::cli
