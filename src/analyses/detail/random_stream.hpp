#pragma once
// Internal: independent random streams for resampling, one per (seed, replicate, attempt,
// purpose), from the Philox4x32-10 counter-based generator (Random123). A replicate's numbers
// depend only on these four values, never on the thread that draws them or on other replicates,
// so results are bit-identical for any number of threads.

#include <cmath>
#include <cstdint>

#include <Random123/philox.h>

namespace socialcure::detail {

/// What a stream is used for (part of the counter, so the streams never overlap).
enum class stream_purpose : std::uint32_t { resample = 1, monte_carlo = 2 };

class random_stream {
 public:
  random_stream(std::uint64_t seed, std::uint64_t index, std::uint32_t attempt, stream_purpose purpose)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        counter_{{0, static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
                  (static_cast<std::uint32_t>(purpose) << 24) ^ attempt}} {}

  /// The next 32 random bits.
  std::uint32_t next_u32() {
    if (used_ == 4) refill();
    return block_[used_++];
  }

  /// Uniform on {0, ..., n - 1}, exactly (Lemire's multiply-shift with rejection), n >= 1.
  std::uint32_t below(std::uint32_t n) {
    std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
    auto low = static_cast<std::uint32_t>(m);
    if (low < n) {
      const std::uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        m = static_cast<std::uint64_t>(next_u32()) * n;
        low = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

  /// Uniform on (0, 1) with 53 random bits.
  double uniform_open() {
    const std::uint64_t bits = (static_cast<std::uint64_t>(next_u32()) << 21) ^ (next_u32() >> 11);
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
  }

  /// A standard normal draw (Box-Muller; the second value of each pair is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform_open()));
    const double angle = 6.283185307179586476925 * uniform_open();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  void refill() {
    block_ = generator_(counter_, key_);
    ++counter_[0];
    used_ = 0;
  }

  r123::Philox4x32 generator_;
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type counter_;
  r123::Philox4x32::ctr_type block_{};
  unsigned used_ = 4;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace socialcure::detail
