#include "tifa/error.hpp"

namespace tifa {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kUtf8: return "utf8";
    case ErrorCode::kEncoding: return "encoding";
    case ErrorCode::kNoMemory: return "no_memory";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kParse: return "parse";
    case ErrorCode::kLimit: return "limit";
    case ErrorCode::kLexicon: return "lexicon";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(message), code_(code) {}

}  // namespace tifa
