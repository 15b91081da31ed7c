#include "interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <utility>

namespace socialcure::cli {

namespace {

std::atomic<bool> interrupt_flag{false};
std::atomic<int> deferring{0};

static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

constexpr char message[] = "socialcure: interrupted; no output written\n";

// Async-signal-safe: atomics, write and _exit only.
extern "C" void on_interrupt(int /*signal*/) {
  const bool again = interrupt_flag.exchange(true);
  if (again || deferring.load() == 0) {
    const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    static_cast<void>(ignored);
    ::_exit(interrupted_exit_code);
  }
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  signal(SIGXFSZ, SIG_IGN);
}

bool interrupted() noexcept { return interrupt_flag.load(); }

void throw_if_interrupted() {
  if (interrupted()) throw interrupted_error();
}

deferring_interrupts::deferring_interrupts() noexcept { deferring.fetch_add(1); }

deferring_interrupts::~deferring_interrupts() { deferring.fetch_sub(1); }

std::function<bool(std::size_t, std::size_t)> cancel_on_interrupt(std::function<bool(std::size_t, std::size_t)> progress) {
  return [progress = std::move(progress)](std::size_t done, std::size_t total) {
    if (interrupted()) return false;
    return progress ? progress(done, total) : true;
  };
}

}  // namespace socialcure::cli
