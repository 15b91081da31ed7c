// fault_probe: runs a command under a fault, for the tests of the tool's fault handling.
//
//   fault_probe [--fsize BYTES] [--interrupt-after MS --within MS] -- COMMAND ARGS...
//
// --fsize sets RLIMIT_FSIZE, so that a write past BYTES fails with EFBIG (a full disk that needs
// no mount and works as root; SIGXFSZ is left at its default, so the command must ignore it itself
// to report an error instead of dying). --interrupt-after sends SIGINT that many milliseconds after
// the start (the command's SIGINT disposition is reset to the default, since a shell may start
// background jobs with SIGINT ignored) and requires the command to end within --within
// milliseconds of the signal; it is killed otherwise. The command inherits stdout and stderr.
// Prints one line on stdout after the command ends: "fault_probe: exit CODE" (or "signal N"),
// with " after M ms" when a signal was sent. Exits with the command's exit code, 124 when it
// overran --within, 125 on a usage error or when the command cannot be started.

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

struct probe_options {
  long long fsize = -1;
  long long interrupt_after_ms = -1;
  long long within_ms = 5000;
  std::vector<char*> command;
};

int usage() {
  std::fprintf(stderr, "usage: fault_probe [--fsize BYTES] [--interrupt-after MS --within MS] -- COMMAND ARGS...\n");
  return 125;
}

bool parse(int argc, char** argv, probe_options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      for (int j = i + 1; j < argc; ++j) o.command.push_back(argv[j]);
      break;
    }
    if (i + 1 >= argc) return false;
    const long long value = std::atoll(argv[++i]);
    if (arg == "--fsize") {
      o.fsize = value;
    } else if (arg == "--interrupt-after") {
      o.interrupt_after_ms = value;
    } else if (arg == "--within") {
      o.within_ms = value;
    } else {
      return false;
    }
  }
  o.command.push_back(nullptr);
  return o.command.size() > 1;
}

[[noreturn]] void run_child(const probe_options& o) {
  if (o.fsize >= 0) {
    const rlimit limit{static_cast<rlim_t>(o.fsize), static_cast<rlim_t>(o.fsize)};
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  signal(SIGINT, SIG_DFL);
  signal(SIGXFSZ, SIG_DFL);
  execv(o.command[0], o.command.data());
  std::fprintf(stderr, "fault_probe: cannot run %s: %s\n", o.command[0], std::strerror(errno));
  _exit(125);
}

// Waits for the child until `deadline` (none when it is the epoch); false when it is still running.
bool wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline, int& status) {
  for (;;) {
    const pid_t done = waitpid(pid, &status, deadline.time_since_epoch().count() == 0 ? 0 : WNOHANG);
    if (done == pid) return true;
    if (done < 0 && errno != EINTR) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

int main(int argc, char** argv) {
  probe_options o;
  if (!parse(argc, argv, o)) return usage();
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) return 125;
  if (pid == 0) run_child(o);
  int status = 0;
  long long after_ms = -1;
  if (o.interrupt_after_ms >= 0) {
    const auto start = std::chrono::steady_clock::now();
    if (!wait_until(pid, start + std::chrono::milliseconds(o.interrupt_after_ms), status)) {
      kill(pid, SIGINT);
      const auto sent = std::chrono::steady_clock::now();
      const bool ended = wait_until(pid, sent + std::chrono::milliseconds(o.within_ms), status);
      after_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent).count();
      if (!ended) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        std::printf("fault_probe: still running %lld ms after SIGINT: killed\n", after_ms);
        return 124;
      }
    } else {
      std::printf("fault_probe: the command ended before the signal was sent\n");
    }
  } else {
    wait_until(pid, {}, status);
  }
  const std::string after = after_ms >= 0 ? " after " + std::to_string(after_ms) + " ms" : "";
  if (WIFSIGNALED(status)) {
    std::printf("fault_probe: signal %d%s\n", WTERMSIG(status), after.c_str());
    return 128 + WTERMSIG(status);
  }
  std::printf("fault_probe: exit %d%s\n", WEXITSTATUS(status), after.c_str());
  return WEXITSTATUS(status);
}
