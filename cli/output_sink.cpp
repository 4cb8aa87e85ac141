#include "output_sink.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

namespace tifa::cli {

namespace {

// Pending output is written once it reaches this size or this many records: few system calls,
// while a slow stream of input (JSONL from a pipe) still sees its output come in small steps.
// Each record and its newline take two of writev's IOV_MAX = 1024 buffers.
constexpr std::size_t kFlushBytes = std::size_t{256} << 10;
constexpr std::size_t kFlushRecords = 128;

constexpr char kNewline[] = "\n";

// Writes all of `buffers`, resuming after short writes; false with errno set on failure.
bool write_all(int fd, std::vector<iovec>& buffers) {
  std::size_t first = 0;
  while (first < buffers.size()) {
    const int count = static_cast<int>(std::min<std::size_t>(buffers.size() - first, IOV_MAX));
    const ssize_t written = ::writev(fd, buffers.data() + first, count);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    // Skip what was written: whole buffers, then the start of a partly written one.
    auto left = static_cast<std::size_t>(written);
    while (first < buffers.size() && left >= buffers[first].iov_len) left -= buffers[first++].iov_len;
    if (left > 0) {
      buffers[first].iov_base = static_cast<char*>(buffers[first].iov_base) + left;
      buffers[first].iov_len -= left;
    }
  }
  return true;
}

}  // namespace

OutputSink::OutputSink() : fd_(STDOUT_FILENO), name_("standard output") {
  std::fflush(stdout);  // anything printed before goes first
}

OutputSink::OutputSink(const std::string& path) : name_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    fail(errno);
    return;
  }
  owned_ = true;
}

OutputSink::~OutputSink() {
  // Without finish() (the command failed on the way), what was handed over still goes out, as
  // a stdio buffer would be flushed at exit.
  if (fd_ >= 0) flush();
  if (owned_) ::close(fd_);
}

void OutputSink::fail(int error_number) {
  if (error_.empty()) error_ = name_ + ": " + std::strerror(error_number);
}

bool OutputSink::write_line(std::string record) {
  if (!ok()) return false;
  pending_bytes_ += record.size() + 1;
  pending_.push_back(std::move(record));
  if (pending_bytes_ >= kFlushBytes || pending_.size() >= kFlushRecords) flush();
  return ok();
}

void OutputSink::flush() {
  if (ok() && !pending_.empty()) {
    std::vector<iovec> buffers;
    buffers.reserve(2 * pending_.size());
    for (std::string& record : pending_) {
      buffers.push_back({record.data(), record.size()});
      buffers.push_back({const_cast<char*>(kNewline), 1});  // writev only reads it
    }
    if (!write_all(fd_, buffers)) fail(errno);
  }
  pending_.clear();
  pending_bytes_ = 0;
}

bool OutputSink::finish() {
  if (fd_ < 0) return ok();
  flush();
  if (owned_) {
    if (::close(fd_) != 0) fail(errno);
    owned_ = false;
  }
  fd_ = -1;
  return ok();
}

}  // namespace tifa::cli
