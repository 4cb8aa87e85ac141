// Walking a command line: options as "--name VALUE", "--name=VALUE" or "-x VALUE", and "--" to end
// them.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tifa::cli {

// A command line the user got wrong; main prints it with a hint and exits 64.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ArgumentCursor {
 public:
  explicit ArgumentCursor(std::vector<std::string> args) : args_(std::move(args)) {}

  bool done() const noexcept { return index_ >= args_.size(); }
  const std::string& current() const { return args_[index_]; }
  void advance() { ++index_; }

  // True when the current argument is the switch `name` (exactly, no value); consumes it.
  bool take_flag(std::string_view name);
  // True when the current argument is option `name` with a value ("--name V" or "--name=V"; for a
  // short name also "-xV"); consumes it and stores the value. Throws UsageError when the value is
  // missing.
  bool take_value(std::string_view name, std::string& value);

 private:
  std::vector<std::string> args_;
  std::size_t index_ = 0;
};

// Parses a whole decimal number in [min, max]; throws UsageError naming `option` otherwise.
unsigned parse_count(std::string_view option, std::string_view text, unsigned min, unsigned max);

}  // namespace tifa::cli
