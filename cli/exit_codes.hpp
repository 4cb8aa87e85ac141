// Exit statuses of the tifa command (sysexits.h values, spec/interfaces.md §4).
#pragma once

namespace tifa::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitSomeFailed = 1,   // some documents failed; the others were written
  kExitUsage = 64,       // EX_USAGE: unknown option, bad value
  kExitDataError = 65,   // EX_DATAERR: every document failed
  kExitNoInput = 66,     // EX_NOINPUT: an input path is missing or unreadable
  kExitIoError = 74,     // EX_IOERR: the output could not be written
};

}  // namespace tifa::cli
