#pragma once
// Timing helper shared by the end-to-end benchmark programs.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace socialcure_bench {

/// Median wall-clock seconds of `reps` runs of f.
template <typename F>
double median_seconds(int reps, F&& f) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

/// Medians of `reps` runs: wall-clock seconds and CPU seconds of the process (user + system, as
/// R's proc.time reports them), each the median of its own.
struct timing {
  double wall = 0.0;
  double cpu = 0.0;
};

inline double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <typename F>
timing median_timing(int reps, F&& f) {
  std::vector<double> wall;
  std::vector<double> cpu;
  for (int r = 0; r < reps; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = process_cpu_seconds();
    f();
    cpu.push_back(process_cpu_seconds() - cpu_start);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace socialcure_bench
