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
    kFile,        // a file not read yet: `path` names it, DocumentReader::load reads it
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

// The bytes a work item holds in memory while it waits or runs (none for a kFile item until it is
// loaded).
inline std::size_t work_item_bytes(const WorkItem& item) noexcept { return item.bytes.size(); }

// What the commands keep in flight on `jobs` threads: 64 documents per thread, so that the
// calling thread wakes about once per 32 documents per thread (with 4 per thread its wake-ups cost
// a tenth of the second thread's gain), and at most about 8 MiB of input per thread, so that
// large documents do not pile up.
inline RunnerWindow document_window(unsigned jobs) noexcept {
  const std::size_t threads = jobs < 1 ? 1 : jobs;
  return RunnerWindow{64 * threads, (std::size_t{8} << 20) * threads};
}

// Yields one WorkItem per document, in input order. A file of --input files is yielded as a kFile
// item, which load() reads later on a worker's thread, so that files are read in parallel; standard
// input and JSONL lines are read by next() itself. A whole file larger than `max_document_bytes`
// (Options::max_input_bytes) is not read past the limit: it becomes a kTooLarge item, so that a
// huge file never sits in memory.
//
// Thread safety: next() is called by one thread; load() may be called from any number of threads
// at once, also while next() runs (it reads only what the constructor set).
class DocumentReader {
 public:
  DocumentReader(std::vector<InputFile> files, InputMode mode,
                 std::size_t max_document_bytes = SIZE_MAX);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // The next document, or false at the end of the input.
  bool next(WorkItem& item);

  // Reads the file of a kFile item, making it a kDocument, kUnreadable or kTooLarge item; leaves
  // any other item as it is.
  void load(WorkItem& item) const;

 private:
  bool next_whole_file(WorkItem& item);
  bool next_json_line(WorkItem& item);
  // Reads all of `fd` into `item` (or sets its failure).
  void read_whole(int fd, WorkItem& item) const;
  bool open_next_jsonl_file(WorkItem& failure);
  void close_current();
  bool read_line(std::string& line);

  std::vector<InputFile> files_;
  InputMode mode_;
  std::size_t max_document_bytes_;
  std::size_t next_file_ = 0;
  bool stdin_read_ = false;  // a whole-file read of standard input reached its end

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
