// Where documents come from: the INPUT arguments expanded to files, then read one document at a
// time (a whole file, or one JSONL line), so that memory holds only the documents in flight.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ordered_runner.hpp"

namespace tifa::cli {

enum class InputMode { kFiles, kJsonl };

// One file to read; `path` is "-" for standard input.
struct InputFile {
  std::string path;
  bool is_stdin() const noexcept { return path == "-"; }
};

struct ResolvedInputs {
  std::vector<InputFile> files;
  std::vector<std::string> problems;  // "PATH: No such file or directory", ...
};

// Expands INPUT arguments: "-" is standard input, a directory gives every regular file below it
// (recursively, sorted by path), anything else that exists is read as a file. No argument means
// standard input. Paths that are missing or cannot be listed go to `problems`.
ResolvedInputs resolve_inputs(const std::vector<std::string>& arguments);

// One unit of work, in input order.
struct WorkItem {
  enum class Kind {
    kDocument,    // `bytes` is a whole document
    kJsonLine,    // `bytes` is one JSONL line, parsed by the worker
    kUnreadable,  // reading failed; `bytes` holds the reason
    kTooLarge,    // the file is larger than the reader's limit; `bytes` holds the message
  };
  Kind kind = Kind::kDocument;
  std::string path;        // the file ("" for standard input)
  std::string where;       // for messages: the path, "PATH:LINE" for JSONL
  std::string id;          // the document id (JSONL: "line N", the worker may replace it)
  std::string bytes;
};

// The bytes a work item holds in memory while it waits or runs.
inline std::size_t work_item_bytes(const WorkItem& item) noexcept { return item.bytes.size(); }

// What the commands keep in flight on `jobs` threads: 64 documents per thread, so that the
// reading thread wakes about once per 32 documents per thread (with 4 per thread its wake-ups cost
// a tenth of the second thread's gain), and at most about 8 MiB of input per thread, so that
// large documents do not pile up.
inline RunnerWindow document_window(unsigned jobs) noexcept {
  const std::size_t threads = jobs < 1 ? 1 : jobs;
  return RunnerWindow{64 * threads, (std::size_t{8} << 20) * threads};
}

// Reads the files in order, yielding one WorkItem per document. Not thread-safe: one thread reads.
// A whole file larger than `max_document_bytes` (Options::max_input_bytes) is not read past the
// limit: it becomes a kTooLarge item, so that a huge file never sits in memory.
class DocumentReader {
 public:
  DocumentReader(std::vector<InputFile> files, InputMode mode,
                 std::size_t max_document_bytes = SIZE_MAX);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // The next document, or false at the end of the input.
  bool next(WorkItem& item);

 private:
  bool next_whole_file(WorkItem& item);
  bool next_json_line(WorkItem& item);
  // Opens a file for reading, relative to its directory when the previous file was in the same
  // one: the kernel then looks up the name alone instead of every directory of the path, which
  // was a third of the reading thread's time on a corpus of small files.
  int open_file(const std::string& path);
  bool open_next_jsonl_file(WorkItem& failure);
  void close_current();
  bool read_line(std::string& line);

  std::vector<InputFile> files_;
  InputMode mode_;
  std::size_t max_document_bytes_;
  std::size_t next_file_ = 0;
  std::vector<char> scratch_;  // what read(2) fills for a whole file
  bool stdin_read_ = false;  // a whole-file read of standard input reached its end
  // The directory of the last file opened (with its final '/') and its descriptor, -1 if none.
  std::string directory_path_;
  int directory_fd_ = -1;

  // The JSONL file being read.
  std::FILE* current_ = nullptr;
  bool current_is_stdin_ = false;
  std::string current_path_;
  std::size_t line_number_ = 0;
  std::vector<char> buffer_;
  std::size_t buffer_begin_ = 0;
  std::size_t buffer_end_ = 0;
};

// The path shown in messages for a file ("<stdin>" for standard input).
std::string display_path(const InputFile& file);

}  // namespace tifa::cli
