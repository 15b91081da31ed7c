// Fuzz target for socialcure::parse_csv (include/socialcure/data/csv.hpp) and write_csv.
//
// Input: byte 0 chooses the options, byte 1 which header columns they name, the rest is the file.
//   byte 0, bits 0-1: delimiter (0: by file name, 1: tab, 2: ';', 3: space); bit 2: an id column;
//   bit 3: a numeric column; bit 4: a text column; bit 5: extra missing codes "-99" and ".";
//   bit 6: keep only one column (and the id column); bit 7: the file is called "fuzz.tsv", not
//   "fuzz.csv" (the delimiter by file name is then a tab).
//   byte 1: bits 0-2 pick the id column, bits 3-5 the numeric one, bits 6-7 the text one and the
//   kept one, among the names of the header (as read without options; "id" and "x" when that fails).
//
// Properties (each from the documentation of csv.hpp and table.hpp):
//   * only socialcure::data_error and socialcure::argument_error leave the reader; a data_error
//     names the file and a line;
//   * a table read has at least one row, one source line per row, increasing and after the header;
//     numeric columns hold finite numbers or NaN (missing), missing texts are empty strings; an id
//     column has no missing and no repeated id;
//   * write_csv then parse_csv with the same options gives the same table: names, types, missing
//     flags, texts, and numbers bit for bit ("numbers with the shortest text that reads back
//     exactly"). One case is left out because the documented rules give the writer's output
//     another meaning: a table of one column with a missing entry (the missing field is written
//     as the empty field, i.e. an empty line, and the reader skips blank lines).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "fuzz_check.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"

namespace {

using socialcure::column;
using socialcure::csv_options;
using socialcure::table;

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool contains(const std::vector<std::string>& names, const std::string& name) {
  for (const auto& n : names) {
    if (n == name) return true;
  }
  return false;
}

void check_table(const table& t, const csv_options& options) {
  SOCIALCURE_FUZZ_CHECK(t.rows() >= 1);
  SOCIALCURE_FUZZ_CHECK(t.source_lines().size() == t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) {
    SOCIALCURE_FUZZ_CHECK(t.source_line(i) >= 2);
    if (i > 0) SOCIALCURE_FUZZ_CHECK(t.source_line(i) > t.source_line(i - 1));
  }
  for (std::size_t j = 0; j < t.cols(); ++j) {
    const column& c = t.at(j);
    SOCIALCURE_FUZZ_CHECK(c.size() == t.rows());
    for (std::size_t i = 0; i < t.rows(); ++i) {
      if (c.is_numeric()) {
        const double v = c.numbers()[i];
        SOCIALCURE_FUZZ_CHECK(std::isfinite(v) || socialcure::is_missing(v));
        SOCIALCURE_FUZZ_CHECK(c.is_missing(i) == socialcure::is_missing(v));
      } else if (c.is_missing(i)) {
        SOCIALCURE_FUZZ_CHECK(c.strings()[i].empty());
      }
    }
  }
  if (!options.id_column.empty()) {
    const column& ids = t.get(options.id_column);
    SOCIALCURE_FUZZ_CHECK(!ids.is_numeric());
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < t.rows(); ++i) {
      SOCIALCURE_FUZZ_CHECK(!ids.is_missing(i));
      SOCIALCURE_FUZZ_CHECK(seen.insert(ids.strings()[i]).second);
    }
  }
}

void check_same(const table& a, const table& b) {
  SOCIALCURE_FUZZ_CHECK(a.names() == b.names());
  SOCIALCURE_FUZZ_CHECK(a.rows() == b.rows());
  for (std::size_t j = 0; j < a.cols(); ++j) {
    const column& x = a.at(j);
    const column& y = b.at(j);
    SOCIALCURE_FUZZ_CHECK(x.type() == y.type());
    for (std::size_t i = 0; i < a.rows(); ++i) {
      SOCIALCURE_FUZZ_CHECK(x.is_missing(i) == y.is_missing(i));
      if (x.is_missing(i)) continue;
      if (x.is_numeric()) {
        SOCIALCURE_FUZZ_CHECK(same_bits(x.numbers()[i], y.numbers()[i]));
      } else {
        SOCIALCURE_FUZZ_CHECK(x.strings()[i] == y.strings()[i]);
      }
    }
  }
}

// The options of the first read, restricted to the columns of `t` (a column named in the options
// but not kept is not in the written file).
csv_options options_for_written(const table& t, const csv_options& options, char delimiter) {
  csv_options out = options;
  out.delimiter = delimiter;
  auto keep = [&t](std::vector<std::string>& names) {
    std::vector<std::string> kept;
    for (const auto& n : names) {
      if (t.has(n)) kept.push_back(n);
    }
    names = std::move(kept);
  };
  keep(out.text_columns);
  keep(out.numeric_columns);
  keep(out.columns);
  return out;
}

void check_round_trip(const table& t, const csv_options& options, char delimiter) {
  if (t.cols() == 1 && t.at(0).missing_count() > 0) return;  // written as blank lines (see above)
  std::ostringstream out;
  socialcure::write_csv(out, t, delimiter);
  // Any exception here is a finding: the writer's output of a table just read must read back.
  const table back = socialcure::parse_csv(out.str(), "written.csv", options_for_written(t, options, delimiter));
  check_same(t, back);
}

// Reads, checks and round-trips; returns the column names (none when the text was rejected).
std::vector<std::string> read_and_check(std::string_view text, const std::string& source,
                                        const csv_options& options) {
  table t;
  try {
    t = socialcure::parse_csv(text, source, options);
  } catch (const socialcure::data_error& e) {
    SOCIALCURE_FUZZ_CHECK(e.where().file == source);  // "naming the file and line"
    SOCIALCURE_FUZZ_CHECK(e.where().line >= 1);
    return {};
  } catch (const socialcure::argument_error&) {
    return {};
  }
  check_table(t, options);
  const char delimiter = options.delimiter != '\0' ? options.delimiter : socialcure::delimiter_for(source);
  check_round_trip(t, options, delimiter);
  return t.names();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const unsigned choice = data[0];
  const unsigned pick = data[1];
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const std::string source = (choice & 0x80U) != 0 ? "fuzz.tsv" : "fuzz.csv";

  csv_options plain;
  static constexpr char delimiters[] = {'\0', '\t', ';', ' '};
  plain.delimiter = delimiters[choice & 0x3U];
  if ((choice & 0x20U) != 0) plain.missing_codes = {"", "NA", "-99", "."};

  // Without options (but the delimiter and missing codes), which also gives the header's names.
  std::vector<std::string> names = read_and_check(text, source, plain);
  if ((choice & 0x5CU) == 0) return 0;
  if (names.empty()) names = {"id", "x"};

  csv_options options = plain;
  auto name = [&names](unsigned k) { return names[k % names.size()]; };
  if ((choice & 0x04U) != 0) options.id_column = name(pick & 0x7U);
  if ((choice & 0x08U) != 0) options.numeric_columns = {name((pick >> 3) & 0x7U)};
  if ((choice & 0x10U) != 0) options.text_columns = {name((pick >> 6) & 0x3U)};
  if ((choice & 0x40U) != 0) options.columns = {name(((pick >> 6) & 0x3U) + 1)};
  if (!options.id_column.empty() && contains(options.numeric_columns, options.id_column)) {
    options.numeric_columns.clear();  // an argument_error, tested once in the unit tests
  }
  read_and_check(text, source, options);
  return 0;
}
