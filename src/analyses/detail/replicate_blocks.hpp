#pragma once
/// \file
/// \brief Replicates (bootstrap resamples, Monte Carlo draws) cut into blocks that worker threads
/// take in turn (the threads are started by core/detail/parallel.hpp). Each replicate draws from its
/// own stream keyed by (seed, replicate index), so which thread runs a block never changes a
/// number.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "analyses/detail/path_system.hpp"
#include "core/detail/parallel.hpp"

namespace socialcure::detail {

/// Runs `work(block, error, keep_going)` for blocks 0..blocks-1 on `threads` threads; `work`
/// returns how many resamples it redrew and sets `error` when a replicate cannot be had. Stops
/// early on an error or when progress asks to cancel. `keep_going()` lets a long block ask progress
/// (with the count unchanged) whether to go on, so that a cancel is seen within a replicate, not a
/// block. Fills out.discarded, out.error, out.cancelled and out.threads_used.
template <class Work>
void run_blocks(std::size_t blocks, std::size_t per_block, std::size_t total, unsigned threads,
                const std::function<bool(std::size_t, std::size_t)>& progress, replicate_output& out, Work work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex lock;
  std::size_t done = 0;
  const auto keep_going = [&] {
    if (stop.load()) return false;
    const std::lock_guard<std::mutex> guard(lock);
    if (progress && !stop.load() && !progress(done, total)) {
      out.cancelled = true;
      stop = true;
    }
    return !stop.load();
  };
  const auto worker = [&] {
    while (!stop.load()) {
      const std::size_t block = next.fetch_add(1);
      if (block >= blocks) return;
      std::string error;
      const std::size_t discarded = work(block, error, keep_going);
      const std::lock_guard<std::mutex> guard(lock);
      out.discarded += discarded;
      if (!error.empty()) {
        if (out.error.empty()) out.error = error;
        stop = true;
        return;
      }
      done += std::min(per_block, total - block * per_block);
      if (progress && !stop.load() && !progress(done, total)) {
        out.cancelled = true;
        stop = true;
      }
    }
  };
  out.threads_used = threads;
  run_workers(threads, worker);
}

}  // namespace socialcure::detail
