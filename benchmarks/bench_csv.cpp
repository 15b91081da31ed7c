// Reading a survey-shaped CSV (id, 20 item columns with a few blanks, a text column) from memory.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "socialcure/data/csv.hpp"

namespace {

std::string make_csv(std::size_t rows) {
  std::string text = "id,gender";
  for (int j = 1; j <= 20; ++j) text += ",item" + std::to_string(j);
  text += "\n";
  std::uint64_t state = 42;
  for (std::size_t i = 0; i < rows; ++i) {
    text += "P" + std::to_string(i) + (i % 2 == 0 ? ",female" : ",male");
    for (int j = 0; j < 20; ++j) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const auto code = static_cast<int>((state >> 33) % 8);  // 0 = blank, 1..7 = a response
      text += code == 0 ? "," : "," + std::to_string(code);
    }
    text += "\n";
  }
  return text;
}

void parse_survey_csv(benchmark::State& state) {
  const std::string text = make_csv(static_cast<std::size_t>(state.range(0)));
  socialcure::csv_options options;
  options.id_column = "id";
  for (auto _ : state) {
    auto t = socialcure::parse_csv(text, "bench.csv", options);
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(parse_survey_csv)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
