#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "common.hpp"

namespace socialcure::cli {

std::function<bool(std::size_t, std::size_t)> progress_line(bool quiet, const std::string& label) {
  if (quiet || isatty(fileno(stderr)) == 0) return {};
  const auto start = std::chrono::steady_clock::now();
  auto last = std::make_shared<std::chrono::steady_clock::time_point>(start - std::chrono::seconds(1));
  return [start, last, label](std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - *last < std::chrono::milliseconds(200)) return true;
    *last = now;
    const double seconds = std::chrono::duration<double>(now - start).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
    std::fprintf(stderr, "\r%s %zu/%zu  %.0f/s  %.0f s left   ", label.c_str(), done, total, rate, left);
    if (done == total) std::fprintf(stderr, "\r%70s\r", "");
    std::fflush(stderr);
    return true;
  };
}

}  // namespace socialcure::cli
