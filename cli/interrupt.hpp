#pragma once
// Ctrl-C (SIGINT) in the socialcure tool: nothing partial is written and the exit code is 130.
//
// Outside a deferring_interrupts scope SIGINT ends the process at once (nothing has been written
// yet: every output is written at the end, through output_files). Inside one (a bootstrap, the
// writing of the output files) it only sets a flag: the bootstrap's progress callback (see
// cancel_on_interrupt) returns false, the library stops within one block of replicates, and the
// command throws interrupted_error before it writes anything; output_files removes its temporary
// files. A second SIGINT always ends the process at once.

#include <cstddef>
#include <functional>
#include <stdexcept>

namespace socialcure::cli {

/// The exit code after an interrupt (128 + SIGINT, as shells report it).
inline constexpr int interrupted_exit_code = 130;

/// Thrown when the user interrupted the tool; main prints one line and exits 130.
class interrupted_error : public std::runtime_error {
 public:
  interrupted_error() : std::runtime_error("interrupted; no output written") {}
};

/// Installs the SIGINT handler and ignores SIGXFSZ, so that a write past the file size limit is
/// an error the tool reports (EFBIG) rather than the end of the process (once, at the start of main).
void install_signal_handlers();

/// True once SIGINT has arrived.
[[nodiscard]] bool interrupted() noexcept;

/// \throws interrupted_error when SIGINT has arrived.
void throw_if_interrupted();

/// While an object of this type lives, SIGINT sets the flag instead of ending the process (scopes
/// nest).
class deferring_interrupts {
 public:
  deferring_interrupts() noexcept;
  ~deferring_interrupts();
  deferring_interrupts(const deferring_interrupts&) = delete;
  deferring_interrupts& operator=(const deferring_interrupts&) = delete;
};

/// `progress` (may be empty) made to return false, which cancels the bootstrap, once SIGINT has
/// arrived; it is called after every block of replicates whether or not a progress line is shown.
[[nodiscard]] std::function<bool(std::size_t, std::size_t)> cancel_on_interrupt(
    std::function<bool(std::size_t, std::size_t)> progress);

}  // namespace socialcure::cli
