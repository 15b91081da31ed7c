#include "output_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>
#include <string_view>

#include "socialcure/core/error.hpp"

namespace socialcure::cli {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw data_error({path, 0, {}, {}, {}}, what + ": " + std::strerror(error));
}

// Writes all of `text`; false with errno set when a write fails.
bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A target that cannot be replaced by a rename: a device, a pipe, a terminal, /proc/self/fd/N.
bool written_in_place(const std::string& path) {
  if (path.starts_with("/dev/") || path.starts_with("/proc/")) return true;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

// The file a symbolic link points to (the link itself stays); other paths unchanged.
std::string followed(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_symlink(path, error)) return path;
  const auto target = std::filesystem::canonical(path, error);
  return error ? path : target.string();
}

// Creates ".NAME.PID-K.tmp" beside `target`, with the target's permission bits when it exists.
int create_temporary(const std::string& target, std::string& temporary) {
  static unsigned counter = 0;
  const std::filesystem::path path(target);
  const std::string folder = path.has_parent_path() ? path.parent_path().string() + "/" : std::string();
  for (;;) {
    temporary = folder + "." + path.filename().string() + "." + std::to_string(::getpid()) + "-" +
                std::to_string(counter++) + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) fail(target, "cannot create the file", errno);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) static_cast<void>(::fchmod(fd, st.st_mode & 07777));
    return fd;
  }
}

// Writes `text` to the open file, flushes it to disk and closes it; errno of the first failure.
int finish(int fd, const std::string& text, bool sync) {
  int error = write_all(fd, text) ? 0 : errno;
  // fsync is meaningless (EINVAL) on pipes, terminals and some special files.
  if (error == 0 && sync && ::fsync(fd) != 0 && errno != EINVAL) error = errno;
  if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
  return error;
}

// A stream buffer writing to a file descriptor, keeping the errno of the first failed write.
class descriptor_buffer : public std::streambuf {
 public:
  explicit descriptor_buffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  [[nodiscard]] int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    const std::string_view pending(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);
    if (error_ == 0 && !write_all(fd_, pending)) error_ = errno;
    return error_ == 0 ? 0 : -1;
  }

 private:
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

// Never destroyed: std::cout is flushed after static objects are gone.
descriptor_buffer* standard_output = nullptr;

}  // namespace

output_files::~output_files() {
  for (const auto& f : files_) {
    if (!f.temporary.empty()) ::unlink(f.temporary.c_str());
  }
}

void output_files::add(const std::string& path, const std::string& text) {
  throw_if_interrupted();
  if (written_in_place(path)) {
    files_.push_back({path, {}, text});
    return;
  }
  pending file{followed(path), {}, {}};
  const int fd = create_temporary(file.target, file.temporary);
  const int error = finish(fd, text, true);
  if (error != 0) {
    ::unlink(file.temporary.c_str());
    fail(path, "cannot write the file", error);
  }
  files_.push_back(std::move(file));
}

void output_files::commit() {
  throw_if_interrupted();
  for (auto& f : files_) {
    if (f.temporary.empty()) {
      const int fd = ::open(f.target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      if (fd < 0) fail(f.target, "cannot open the file for writing", errno);
      const int error = finish(fd, f.text, false);
      if (error != 0) fail(f.target, "cannot write the file", error);
      continue;
    }
    if (::rename(f.temporary.c_str(), f.target.c_str()) != 0) fail(f.target, "cannot replace the file", errno);
    f.temporary.clear();
  }
}

void install_checked_standard_output() {
  if (standard_output != nullptr) return;
  standard_output = new descriptor_buffer(STDOUT_FILENO);
  std::cout.rdbuf(standard_output);
}

bool flush_standard_output(std::string& problem) {
  std::cout.flush();
  if (!std::cout.fail()) return true;
  problem = "cannot write to standard output";
  const int error = standard_output != nullptr ? standard_output->error() : 0;
  if (error != 0) problem += std::string(": ") + std::strerror(error);
  return false;
}

}  // namespace socialcure::cli
