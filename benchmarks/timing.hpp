#pragma once
// Timing helper shared by the end-to-end benchmark programs.

#include <algorithm>
#include <chrono>
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

}  // namespace socialcure_bench
