#pragma once
/// \file
/// \brief Internal: the one place where the library starts threads. Replicates (bootstrap
/// resamples, Monte Carlo draws; analyses/detail/replicate_blocks.hpp) and the row chunks of a
/// large least-squares fit (models/detail/least_squares.hpp) are handed to worker threads through
/// these two functions. Work is always cut into pieces whose results do not depend on which thread
/// computes them, and combined in a fixed order, so that no number depends on the thread count.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace socialcure::detail {

/// \brief The threads to use: `requested` (0: every hardware thread), never more than there are
/// pieces of work.
inline unsigned threads_for(unsigned requested, std::size_t pieces) {
  const unsigned t = requested == 0 ? std::max(1u, std::thread::hardware_concurrency()) : requested;
  return static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(pieces, 1)));
}

/// \brief Runs `worker()` on `threads` threads and waits for them all; with `threads` <= 1 it runs
/// once on the calling thread. `worker` must not throw (run_pieces wraps it when it may).
template <class Worker>
void run_workers(unsigned threads, const Worker& worker) {
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& th : pool) th.join();
}

/// \brief Calls `task(i)` once for every i in [0, count), on up to `threads` threads (0: every
/// hardware thread). When tasks throw, the exception of the lowest such i is rethrown here after
/// every thread has stopped (pieces after a failed one are skipped, those before it still run), so
/// that the error too is the same for any thread count.
template <class Task>
void run_pieces(std::size_t count, unsigned threads, const Task& task) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failed{count};
  std::vector<std::exception_ptr> errors(count);
  const auto worker = [&] {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      if (i > first_failed.load()) return;
      try {
        task(i);
      } catch (...) {
        errors[i] = std::current_exception();
        std::size_t seen = first_failed.load();
        while (i < seen && !first_failed.compare_exchange_weak(seen, i)) {
        }
      }
    }
  };
  run_workers(threads_for(threads, count), worker);
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace socialcure::detail
