#include "harness.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <exception>
#include <set>
#include <string>
#include <thread>

#include "tifa/error.hpp"
#include "tifa/pipeline.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define TIFA_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TIFA_TEST_ASAN 1
#endif
#endif
#ifdef TIFA_TEST_ASAN
#include <sanitizer/lsan_interface.h>
#endif

namespace tifa::test {

namespace {

// A child that outlives this is killed: far above the 10 s bound, so a slow case still reports
// its time instead of a timeout.
constexpr auto kDeadline = std::chrono::seconds(120);

long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The child: "<baseline KiB> <input bytes>\n<report>" to `fd`, then _exit without running the
// parent's atexit handlers (doctest's would report a second time).
[[noreturn]] void child(int fd, const BadInputCase& body) {
  const long baseline = max_rss_kib();  // the pages shared with the parent at fork
  std::size_t input_bytes = 0;
  std::string report;
  try {
    report = body(input_bytes);
  } catch (const std::exception& e) {
    report = std::string("exception: ") + e.what();
  } catch (...) {
    report = "exception: unknown";
  }
  if (report.size() > 4000) report.resize(4000);  // the pipe is read only after the exit
  write_all(fd, std::to_string(baseline) + " " + std::to_string(input_bytes) + "\n" + report);
  ::close(fd);
#ifdef TIFA_TEST_ASAN
  // _exit skips LeakSanitizer's exit-time check: run it here (it ends the child on a leak).
  __lsan_do_leak_check();
#endif
  ::_exit(0);
}

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return out;
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

void parse_header(const std::string& raw, Measurement& m, long& baseline) {
  const std::size_t eol = raw.find('\n');
  if (eol == std::string::npos) return;
  std::sscanf(raw.c_str(), "%ld %zu", &baseline, &m.input_bytes);
  m.report = raw.substr(eol + 1);
}

}  // namespace

Measurement run_in_child(const BadInputCase& body) {
  std::fflush(nullptr);  // nothing buffered may be written twice
  int fds[2];
  if (::pipe(fds) != 0) return Measurement{"crash: pipe failed"};
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) return Measurement{"crash: fork failed"};
  if (pid == 0) {
    ::close(fds[0]);
    child(fds[1], body);
  }
  ::close(fds[1]);
  Measurement m;
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() - start > kDeadline) {
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      m.report = "timeout";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string raw = read_all(fds[0]);
  ::close(fds[0]);
  if (m.report == "timeout") return m;
  long baseline = 0;
  parse_header(raw, m, baseline);
  m.completed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!m.completed) {
    m.report = "crash: " + (WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                 : "exit " + std::to_string(WEXITSTATUS(status)));
  }
  m.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  const long growth = std::max(0L, usage.ru_maxrss - baseline);
  m.peak_growth = static_cast<std::size_t>(growth) * 1024;
  return m;
}

bool sanitizer_build() {
#ifdef TIFA_TEST_ASAN
  return true;
#else
  return false;
#endif
}

double time_bound_seconds() { return sanitizer_build() ? 100.0 : 10.0; }

double wall_bound_seconds() { return 6 * time_bound_seconds(); }

std::size_t memory_bound(std::size_t input_bytes, std::size_t factor) {
  return factor * input_bytes + (std::size_t{64} << 20);
}

std::string describe(const Document& doc) {
  std::set<std::string> codes;
  for (const Warning& w : doc.warnings) codes.insert(w.code);
  std::string warnings;
  for (const std::string& code : codes) warnings += (warnings.empty() ? "" : ",") + code;
  return std::string("format=") + to_string(doc.source.format) +
         " encoding=" + doc.source.encoding +
         " fffd=" + std::to_string(doc.source.replacement_chars) +
         " blocks=" + std::to_string(doc.blocks.size()) + " warnings=" + warnings;
}

std::string process_and_describe(std::string_view bytes, const Options& options) {
  Options checked = options;
  checked.verify = true;  // a broken invariant shows up as warning invariant_failed:<id>
  try {
    return describe(Pipeline(checked).process(bytes));
  } catch (const Error& e) {
    return std::string("error=") + to_string(e.code());
  }
}

}  // namespace tifa::test
