#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/core.h>

namespace tifa::cli {

namespace {
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
}  // namespace

Progress::Progress(bool wanted) : enabled_(wanted && ::isatty(STDERR_FILENO) == 1) {}

void Progress::clear_line() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

void Progress::update(std::size_t done, std::size_t failed) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  if (failed == 0) {
    fmt::print(stderr, "\r\033[Ktifa: {} documents", done);
  } else {
    fmt::print(stderr, "\r\033[Ktifa: {} documents, {} failed", done, failed);
  }
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::message(std::string_view text) {
  clear_line();
  fmt::print(stderr, "tifa: {}\n", text);
}

void Progress::finish() {
  clear_line();
  std::fflush(stderr);
}

}  // namespace tifa::cli
