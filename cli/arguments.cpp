#include "arguments.hpp"

#include <charconv>

namespace tifa::cli {

bool ArgumentCursor::take_flag(std::string_view name) {
  if (done() || current() != name) return false;
  advance();
  return true;
}

bool ArgumentCursor::take_value(std::string_view name, std::string& value) {
  if (done()) return false;
  const std::string_view arg = current();
  if (arg == name) {
    if (index_ + 1 >= args_.size()) throw UsageError("option " + std::string(name) + " needs a value");
    value = args_[index_ + 1];
    index_ += 2;
    return true;
  }
  if (arg.size() > name.size() && arg.substr(0, name.size()) == name) {
    const bool is_long = name.size() > 2;
    if (is_long && arg[name.size()] != '=') return false;  // "--input-x" is another option
    value = std::string(arg.substr(name.size() + (is_long ? 1 : 0)));
    advance();
    return true;
  }
  return false;
}

unsigned parse_count(std::string_view option, std::string_view text, unsigned min, unsigned max) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end || value < min || value > max) {
    throw UsageError("option " + std::string(option) + " needs a whole number from " +
                     std::to_string(min) + " to " + std::to_string(max) + ", not '" +
                     std::string(text) + "'");
  }
  return value;
}

}  // namespace tifa::cli
