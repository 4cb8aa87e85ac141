#include "inputs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace fs = std::filesystem;

namespace tifa::cli {

namespace {

constexpr std::size_t kReadChunk = std::size_t{1} << 16;

std::string errno_text(int error) { return std::strerror(error); }

// Path order of two paths below the same directory argument: component by component, as
// std::filesystem::path compares them. Since every path shares the argument as its prefix and
// names hold no '/', that is byte order with '/' below every other byte (a name that is a prefix
// of another sorts first). Comparing the strings directly is ten times faster than comparing
// fs::path objects, which split both into components on every comparison.
bool path_less(const std::string& a, const std::string& b) {
  const auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (mismatch.second == b.end()) return false;  // b is a prefix of a, or they are equal
  if (mismatch.first == a.end()) return true;    // a is a proper prefix of b
  if (*mismatch.first == '/') return true;
  if (*mismatch.second == '/') return false;
  return static_cast<unsigned char>(*mismatch.first) < static_cast<unsigned char>(*mismatch.second);
}

// Every regular file below `directory`, sorted by path (component by component, so that a
// directory's files stay together).
std::vector<std::string> files_below(const fs::path& directory, std::error_code& error) {
  std::vector<std::string> found;
  fs::recursive_directory_iterator it(directory, fs::directory_options::none, error);
  for (const fs::recursive_directory_iterator end; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (it->is_regular_file(type_error)) found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end(), path_less);
  return found;
}

void add_argument(const std::string& argument, ResolvedInputs& resolved) {
  if (argument == "-") {
    resolved.files.push_back({argument});
    return;
  }
  std::error_code error;
  const auto status = fs::status(argument, error);
  if (error || !fs::exists(status)) {
    resolved.problems.push_back(argument + ": " +
                                (error ? error.message() : errno_text(ENOENT)));
    return;
  }
  if (fs::is_directory(status)) {
    const auto below = files_below(argument, error);
    if (error) {
      resolved.problems.push_back(argument + ": " + error.message());
      return;
    }
    for (const auto& path : below) resolved.files.push_back({path});
    return;
  }
  // Any other kind is read as a file: a regular file, but also a pipe such as <(zcat ...).
  if (::access(argument.c_str(), R_OK) != 0) {
    resolved.problems.push_back(argument + ": " + errno_text(errno));
    return;
  }
  resolved.files.push_back({argument});
}

enum class ReadStatus { kOk, kError, kTooLarge };

// Reads all of `fd` into `out`, but stops once it holds more than `limit` bytes (kTooLarge);
// kError with `error` set when reading fails. It reads through a buffer on the stack: a small
// document then takes one read and one copy of its own size, cheaper than asking the file system
// for the size first, or than zero-filling a fresh large buffer per file.
ReadStatus read_all(int fd, std::size_t limit, std::string& out, std::string& error) {
  char chunk[kReadChunk];
  out.clear();
  while (out.size() <= limit) {
    // One byte past the limit is enough to know; `remaining + 1` cannot overflow here.
    const std::size_t remaining = limit - out.size();
    const std::size_t wanted = remaining >= sizeof chunk ? sizeof chunk : remaining + 1;
    const ssize_t got = ::read(fd, chunk, wanted);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = "read error: " + errno_text(errno);
      return ReadStatus::kError;
    }
    if (got == 0) break;
    out.append(chunk, static_cast<std::size_t>(got));
  }
  return out.size() > limit ? ReadStatus::kTooLarge : ReadStatus::kOk;
}

// The message of a file over the limit, with its size when the file system knows it.
std::string too_large_message(const std::string& path, std::size_t limit) {
  std::error_code error;
  const auto size = path.empty() ? 0 : fs::file_size(path, error);
  const std::string what = path.empty() || error ? std::string("input")
                                                    : "input of " + std::to_string(size) + " bytes";
  return what + " is larger than max_input_bytes (" + std::to_string(limit) + ")";
}

bool is_blank(const std::string& line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

std::string display_path(const InputFile& file) { return file.is_stdin() ? "<stdin>" : file.path; }

ResolvedInputs resolve_inputs(const std::vector<std::string>& arguments) {
  ResolvedInputs resolved;
  if (arguments.empty()) {
    resolved.files.push_back({"-"});
    return resolved;
  }
  for (const auto& argument : arguments) add_argument(argument, resolved);
  return resolved;
}

DocumentReader::DocumentReader(std::vector<InputFile> files, InputMode mode,
                               std::size_t max_document_bytes)
    : files_(std::move(files)), mode_(mode), max_document_bytes_(max_document_bytes) {}

DocumentReader::~DocumentReader() { close_current(); }

bool DocumentReader::next(WorkItem& item) {
  item = WorkItem{};
  return mode_ == InputMode::kFiles ? next_whole_file(item) : next_json_line(item);
}

bool DocumentReader::next_whole_file(WorkItem& item) {
  if (next_file_ >= files_.size()) return false;
  const InputFile& file = files_[next_file_++];
  item.path = file.is_stdin() ? "" : file.path;
  item.where = display_path(file);
  item.id = file.path;
  if (!file.is_stdin()) {
    item.kind = WorkItem::Kind::kFile;  // read by load(), on a worker's thread
    return true;
  }
  if (stdin_read_) return true;  // a second "-": standard input is at its end
  stdin_read_ = true;
  read_whole(STDIN_FILENO, item);
  return true;
}

void DocumentReader::load(WorkItem& item) const {
  if (item.kind != WorkItem::Kind::kFile) return;
  item.kind = WorkItem::Kind::kDocument;
  const int fd = ::open(item.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    item.kind = WorkItem::Kind::kUnreadable;
    item.bytes = errno_text(errno);
    return;
  }
  read_whole(fd, item);
  ::close(fd);
}

void DocumentReader::read_whole(int fd, WorkItem& item) const {
  std::string error;
  const ReadStatus status = read_all(fd, max_document_bytes_, item.bytes, error);
  if (status == ReadStatus::kError) {
    item.kind = WorkItem::Kind::kUnreadable;
    item.bytes = error;
  } else if (status == ReadStatus::kTooLarge) {
    item.kind = WorkItem::Kind::kTooLarge;
    item.bytes = too_large_message(item.path, max_document_bytes_);
  }
}

bool DocumentReader::open_next_jsonl_file(WorkItem& failure) {
  const InputFile& file = files_[next_file_++];
  current_path_ = file.is_stdin() ? "" : file.path;
  current_is_stdin_ = file.is_stdin();
  line_number_ = 0;
  buffer_begin_ = buffer_end_ = 0;
  buffer_.resize(kReadChunk);
  current_ = current_is_stdin_ ? stdin : std::fopen(file.path.c_str(), "rb");
  if (current_ != nullptr) return true;
  failure.kind = WorkItem::Kind::kUnreadable;
  failure.path = current_path_;
  failure.where = display_path(file);
  failure.id = file.path;
  failure.bytes = errno_text(errno);
  return false;
}

void DocumentReader::close_current() {
  if (current_ != nullptr && !current_is_stdin_) std::fclose(current_);
  current_ = nullptr;
}

bool DocumentReader::next_json_line(WorkItem& item) {
  std::string line;
  while (true) {
    if (current_ == nullptr) {
      if (next_file_ >= files_.size()) return false;
      if (!open_next_jsonl_file(item)) return true;  // an item that reports the failure
    }
    const std::string where = current_is_stdin_ ? std::string("<stdin>") : current_path_;
    if (!read_line(line)) {
      const bool failed = std::ferror(current_) != 0;
      const int error = errno;
      close_current();
      if (!failed) continue;  // end of this file
      item.kind = WorkItem::Kind::kUnreadable;
      item.path = current_path_;
      item.where = where + ":" + std::to_string(line_number_ + 1);
      item.id = "line " + std::to_string(line_number_ + 1);
      item.bytes = "read error: " + errno_text(error);
      return true;
    }
    ++line_number_;
    // A UTF-8 byte order mark before the first object is not part of it.
    if (line_number_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (is_blank(line)) continue;
    item.kind = WorkItem::Kind::kJsonLine;
    item.path = current_path_;
    item.where = where + ":" + std::to_string(line_number_);
    item.id = "line " + std::to_string(line_number_);
    item.bytes = std::move(line);
    return true;
  }
}

// One line without its '\n'; false at the end of the file (or on a read error) with nothing read.
bool DocumentReader::read_line(std::string& line) {
  line.clear();
  while (true) {
    if (buffer_begin_ == buffer_end_) {
      const std::size_t got = std::fread(buffer_.data(), 1, buffer_.size(), current_);
      if (got == 0) return !line.empty() && !std::ferror(current_);
      buffer_begin_ = 0;
      buffer_end_ = got;
    }
    const char* start = buffer_.data() + buffer_begin_;
    const std::size_t available = buffer_end_ - buffer_begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    if (newline != nullptr) {
      line.append(start, newline);
      buffer_begin_ += static_cast<std::size_t>(newline - start) + 1;
      return true;
    }
    line.append(start, available);
    buffer_begin_ = buffer_end_;
  }
}

}  // namespace tifa::cli
