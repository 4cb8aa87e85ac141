#include "output_sink.hpp"

#include <cerrno>
#include <cstring>

namespace tifa::cli {

namespace {
// Records are written whole; a large buffer keeps the number of write calls low.
constexpr std::size_t kBufferSize = std::size_t{1} << 20;
}  // namespace

OutputSink::OutputSink() : file_(stdout), name_("standard output") {
  std::setvbuf(file_, nullptr, _IOFBF, kBufferSize);
}

OutputSink::OutputSink(const std::string& path) : name_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    fail(errno);
    return;
  }
  owned_ = true;
  std::setvbuf(file_, nullptr, _IOFBF, kBufferSize);
}

OutputSink::~OutputSink() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

void OutputSink::fail(int error_number) {
  if (error_.empty()) error_ = name_ + ": " + std::strerror(error_number);
}

bool OutputSink::write_line(std::string_view record) {
  if (!ok()) return false;
  if (std::fwrite(record.data(), 1, record.size(), file_) != record.size() ||
      std::fputc('\n', file_) == EOF) {
    fail(errno);
  }
  return ok();
}

bool OutputSink::finish() {
  if (file_ == nullptr) return ok();
  if (std::fflush(file_) != 0) fail(errno);
  if (owned_) {
    if (std::fclose(file_) != 0) fail(errno);
    file_ = nullptr;
    owned_ = false;
  }
  return ok();
}

}  // namespace tifa::cli
