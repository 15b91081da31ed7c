// Fuzz target for socialcure::score_respondent and score_table
// (include/socialcure/measures/scoring.hpp) with the scales of the catalogue.
//
// Input: byte 0 chooses the scale (bits 0-3, an index into scale_catalogue()) and the options
// (bit 4: invalid responses set missing; bit 5: item labels given; bit 6: one response too many;
// bit 7: score a small table too). The rest is read as a stream of responses, each a kind byte
// and its operands: missing (NaN), +inf, -inf, a small signed integer, a raw double (8 bytes:
// any NaN payload, subnormals, ...), a huge value, a code plus one half, a negative code, a
// value beyond the range of int, or a valid code. A response past the end of the input is the
// lowest code. The table (bit 7): one byte for its shape (rows 1 to 4; id column text, numeric or
// none; the first item column text), then the responses row by row.
//
// Properties (from scoring.hpp and scale.hpp):
//   * score_respondent throws only argument_error, and only for a wrong number of responses, and
//     data_error only under invalid_response_policy::error; score_table throws only argument_error
//     for a text item column, and data_error only under the error policy, naming the table's
//     source and the row's line;
//   * a score is either missing with its reason, or finite without one, inside the scale's
//     score range [score_min, score_max] (subscales: theirs), with a category only when scored;
//   * score_table gives one result per row, counted once as scored or unscorable.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/scoring.hpp"

namespace {

using socialcure::scale_definition;

class byte_stream {
 public:
  byte_stream(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  [[nodiscard]] bool empty() const noexcept { return pos_ == size_; }
  unsigned byte() { return pos_ < size_ ? data_[pos_++] : 0U; }

  // One response for `scale`.
  double response(const scale_definition& scale) {
    if (empty()) return scale.min_code;
    const unsigned kind = byte() % 10U;
    switch (kind) {
      case 0: return socialcure::missing_value;
      case 1: return std::numeric_limits<double>::infinity();
      case 2: return -std::numeric_limits<double>::infinity();
      case 3: return static_cast<double>(static_cast<std::int8_t>(byte()));
      case 4: {
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8U) | byte();
        double v = 0.0;
        std::memcpy(&v, &bits, sizeof v);
        return v;
      }
      case 5: {
        const unsigned b = byte();
        const double huge = (b & 1U) != 0 ? std::numeric_limits<double>::max() : 1e300;
        return (b & 2U) != 0 ? -huge : huge;
      }
      case 6: return scale.min_code + static_cast<double>(byte() % 8U) + 0.5;
      case 7: return -static_cast<double>(byte());
      case 8: {
        static constexpr double beyond[] = {2147483648.0, -2147483649.0, 9223372036854775808.0,
                                            -9223372036854775808.0, 4294967296.0, 1e20};
        return beyond[byte() % 6U];
      }
      default: {
        const auto span = static_cast<unsigned>(scale.max_code - scale.min_code) + 1U;
        return scale.min_code + static_cast<double>(byte() % span);
      }
    }
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

void check_in_range(double score, double lo, double hi) {
  if (socialcure::is_missing(score)) return;
  SOCIALCURE_FUZZ_CHECK(std::isfinite(score));
  SOCIALCURE_FUZZ_CHECK(score >= lo && score <= hi);
}

void check_score(const socialcure::respondent_score& r, const scale_definition& scale) {
  if (socialcure::is_missing(r.score)) {
    SOCIALCURE_FUZZ_CHECK(!r.reason.empty());
    SOCIALCURE_FUZZ_CHECK(r.category.empty());
  } else {
    SOCIALCURE_FUZZ_CHECK(r.reason.empty());
  }
  check_in_range(r.score, scale.score_min, scale.score_max);
  SOCIALCURE_FUZZ_CHECK(r.subscale_scores.size() == scale.subscales.size());
  for (std::size_t k = 0; k < scale.subscales.size(); ++k) {
    check_in_range(r.subscale_scores[k], scale.subscales[k].score_min, scale.subscales[k].score_max);
  }
  SOCIALCURE_FUZZ_CHECK(r.items_answered >= 0 && r.invalid_set_missing >= 0);
  SOCIALCURE_FUZZ_CHECK(r.items_answered + r.invalid_set_missing <= scale.items);
}

void score_one(const scale_definition& scale, byte_stream& in, const socialcure::scoring_options& options,
               bool labels, bool one_too_many) {
  const auto n = static_cast<std::size_t>(scale.items) + (one_too_many ? 1U : 0U);
  std::vector<double> responses;
  for (std::size_t i = 0; i < n; ++i) responses.push_back(in.response(scale));
  std::vector<std::string> item_labels;
  if (labels) {
    for (std::size_t i = 0; i < n; ++i) item_labels.push_back("q" + std::to_string(i + 1));
  }
  socialcure::location where;
  where.file = "fuzz.csv";
  where.line = 7;
  where.respondent = "P1";
  try {
    check_score(socialcure::score_respondent(scale, responses, options, where, item_labels), scale);
    SOCIALCURE_FUZZ_CHECK(!one_too_many);
  } catch (const socialcure::argument_error&) {
    SOCIALCURE_FUZZ_CHECK(one_too_many);
  } catch (const socialcure::data_error& e) {
    SOCIALCURE_FUZZ_CHECK(!one_too_many);
    SOCIALCURE_FUZZ_CHECK(options.on_invalid == socialcure::invalid_response_policy::error);
    SOCIALCURE_FUZZ_CHECK(e.where().file == "fuzz.csv" && e.where().line == 7 && e.where().respondent == "P1");
    SOCIALCURE_FUZZ_CHECK(!e.where().item.empty());
  }
}

void score_small_table(const scale_definition& scale, byte_stream& in, const socialcure::scoring_options& options) {
  const unsigned shape = in.byte();
  const std::size_t rows = 1U + (shape & 0x3U);
  const unsigned id_kind = (shape >> 2U) % 3U;  // 0: text ids, 1: numeric ids, 2: none
  const bool text_item = (shape & 0x10U) != 0;

  socialcure::table t("fuzz_table.csv");
  std::vector<std::string> item_columns;
  for (int j = 0; j < scale.items; ++j) item_columns.push_back("item" + std::to_string(j + 1));
  std::vector<std::vector<double>> values(item_columns.size());
  for (std::size_t r = 0; r < rows; ++r) {
    for (auto& column : values) column.push_back(in.response(scale));
  }
  std::string id_column;
  if (id_kind == 0) {
    std::vector<std::string> ids;
    std::vector<bool> missing;
    for (std::size_t r = 0; r < rows; ++r) {
      const unsigned b = in.byte();
      ids.push_back((b & 1U) != 0 ? std::string() : "P" + std::to_string(b % 3U));
      missing.push_back((b & 1U) != 0);
    }
    t.add(socialcure::column("id", ids, missing));
    id_column = "id";
  } else if (id_kind == 1) {
    std::vector<double> ids;
    for (std::size_t r = 0; r < rows; ++r) ids.push_back(in.response(scale));
    t.add(socialcure::column("id", ids));
    id_column = "id";
  }
  for (std::size_t j = 0; j < item_columns.size(); ++j) {
    if (j == 0 && text_item) {
      t.add(socialcure::column(item_columns[j], std::vector<std::string>(rows, "1")));
    } else {
      t.add(socialcure::column(item_columns[j], values[j]));
    }
  }
  std::vector<std::size_t> lines;
  for (std::size_t r = 0; r < rows; ++r) lines.push_back(r + 2);
  t.set_source_lines(lines);

  try {
    const auto scores = socialcure::score_table(scale, t, item_columns, id_column, options);
    SOCIALCURE_FUZZ_CHECK(!text_item);
    SOCIALCURE_FUZZ_CHECK(scores.respondents.size() == rows);
    SOCIALCURE_FUZZ_CHECK(scores.n_scored + scores.n_unscorable == rows);
    std::size_t scored = 0;
    for (const auto& r : scores.respondents) {
      check_score(r, scale);
      SOCIALCURE_FUZZ_CHECK(!r.id.empty());
      scored += socialcure::is_missing(r.score) ? 0U : 1U;
    }
    SOCIALCURE_FUZZ_CHECK(scored == scores.n_scored);
  } catch (const socialcure::argument_error&) {
    SOCIALCURE_FUZZ_CHECK(text_item);
  } catch (const socialcure::data_error& e) {
    SOCIALCURE_FUZZ_CHECK(!text_item);
    SOCIALCURE_FUZZ_CHECK(options.on_invalid == socialcure::invalid_response_policy::error);
    SOCIALCURE_FUZZ_CHECK(e.where().file == "fuzz_table.csv");
    SOCIALCURE_FUZZ_CHECK(e.where().line >= 2 && e.where().line < rows + 2);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& catalogue = socialcure::scale_catalogue();
  const unsigned choice = data[0];
  const scale_definition& scale = catalogue[(choice & 0x0FU) % catalogue.size()];
  socialcure::scoring_options options;
  if ((choice & 0x10U) != 0) options.on_invalid = socialcure::invalid_response_policy::set_missing;
  byte_stream in(data + 1, size - 1);
  score_one(scale, in, options, (choice & 0x20U) != 0, (choice & 0x40U) != 0);
  if ((choice & 0x80U) != 0) score_small_table(scale, in, options);
  return 0;
}
