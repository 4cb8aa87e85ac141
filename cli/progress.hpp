// A one-line progress report on standard error, shown only when standard error is a terminal (and
// not with --quiet), redrawn at most every 200 ms. Messages go through it so that they never mix
// with a half-drawn progress line.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace tifa::cli {

class Progress {
 public:
  explicit Progress(bool wanted);

  void update(std::size_t done, std::size_t failed);
  // Prints "tifa: MESSAGE" on its own line.
  void message(std::string_view text);
  // Clears the progress line.
  void finish();

 private:
  void clear_line();

  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace tifa::cli
