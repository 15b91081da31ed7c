#pragma once
/// \file
/// \brief The one place where the library starts threads: replicates (bootstrap resamples, Monte
/// Carlo draws) are cut into blocks that worker threads take in turn. Each replicate draws from its
/// own stream keyed by (seed, replicate index), so which thread runs a block never changes a
/// number.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analyses/detail/path_system.hpp"

namespace socialcure::detail {

/// The threads to use: `requested` (0: every hardware thread), never more than there are blocks.
inline unsigned threads_for(unsigned requested, std::size_t blocks) {
  const unsigned t = requested == 0 ? std::max(1u, std::thread::hardware_concurrency()) : requested;
  return static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(blocks, 1)));
}

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
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& th : pool) th.join();
}

}  // namespace socialcure::detail
