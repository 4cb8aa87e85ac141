// tifa::Error: the one exception type of the C++ API.
//
// Misuse (bad options) and unreadable input (over the size limit, unknown encoding name) throw
// tifa::Error. Problems inside a readable document never throw: they become Document::warnings.
#pragma once

#include <stdexcept>
#include <string>

namespace tifa {

// The numeric values equal the TIFA_E_* status codes of the C ABI and never change.
enum class ErrorCode : int {
  kInvalidArgument = -1,
  kUtf8 = -2,
  kEncoding = -3,
  kNoMemory = -4,
  kIo = -5,
  kParse = -6,
  kLimit = -7,
  kLexicon = -8,
  kInternal = -9,
};

// Static text naming the code ("invalid_argument", "limit", ...).
const char* to_string(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message);
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace tifa
