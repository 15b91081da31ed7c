#pragma once
// The files the socialcure tool writes, each whole or not at all.

#include <string>
#include <vector>

#include "interrupt.hpp"

namespace socialcure::cli {

/// \brief A set of output files written together.
///
/// add() writes each text to a temporary file in the target's folder (".NAME.PID-K.tmp"), checking
/// every write, the flush to disk and the close; commit() then renames each over its target. So a
/// full disk, an unwritable folder or an interrupt before commit() leaves every earlier file as it
/// was, and no target is ever truncated: a failure throws data_error naming the file and the
/// operating system's reason, and the temporary files are removed. Targets that are not regular
/// files (a terminal, a pipe, /dev/stdout, /dev/full, anything under /dev or /proc) cannot be
/// replaced; they are written in place, in commit(), with every write checked. A symbolic link to
/// a regular file is followed: the file it points to is replaced and the link kept. A replaced
/// file keeps its permission bits.
class output_files {
 public:
  output_files() = default;
  output_files(const output_files&) = delete;
  output_files& operator=(const output_files&) = delete;
  /// Removes the temporary files that were not committed.
  ~output_files();

  /// Writes `text` to a temporary file beside `path`. \throws data_error naming `path`;
  /// interrupted_error after SIGINT.
  void add(const std::string& path, const std::string& text);

  /// Puts every added file in place, in the order added. \throws data_error naming the file that
  /// could not be put in place; interrupted_error when SIGINT arrived before the first rename.
  void commit();

 private:
  struct pending {
    std::string target;
    std::string temporary;  ///< empty: written in place at commit()
    std::string text;       ///< the text of an in-place target
  };
  deferring_interrupts defer_;  // first member: SIGINT is deferred until the temporary files are gone
  std::vector<pending> files_;
};

/// Sends std::cout to standard output through a buffer that keeps the reason of the first failed
/// write (once, at the start of main; nothing is written when the process ends by _exit).
void install_checked_standard_output();

/// Flushes std::cout. \returns false, with `problem` set ("cannot write to standard output:
/// REASON"), when some of it could not be written (a full disk or device).
[[nodiscard]] bool flush_standard_output(std::string& problem);

}  // namespace socialcure::cli
