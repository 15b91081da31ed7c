// Tests of include/socialcure/data/describe.hpp: mean_and_sd and describe, against the NIST StRD
// univariate certified values and hand calculations.
#include "socialcure/data/describe.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/csv.hpp"

using socialcure::column;
using socialcure::column_type;
using socialcure::describe;
using socialcure::is_missing;
using socialcure::mean_and_sd;
using socialcure::missing_value;
using socialcure::table;

namespace {

// Log relative error: the number of correct significant digits of `estimate` (capped at 15,
// NIST's certification precision, when the estimate equals the certified value).
double lre(double estimate, double certified) {
  if (estimate == certified) return 15.0;
  return std::min(15.0, -std::log10(std::fabs(estimate - certified) / std::fabs(certified)));
}

struct certified {
  double n = 0.0;
  double mean = 0.0;
  double sd = 0.0;
};

certified read_certified(const std::string& name) {
  const table c = socialcure::read_csv(SOCIALCURE_TEST_DIR "/reference/nist/univariate/" + name + ".certified.csv");
  certified out;
  const auto quantity = c.text("quantity");
  const auto value = c.numeric("value");
  int found = 0;
  for (std::size_t i = 0; i < c.rows(); ++i) {
    if (quantity[i] == "n") out.n = value[i], ++found;
    if (quantity[i] == "mean") out.mean = value[i], ++found;
    if (quantity[i] == "sd") out.sd = value[i], ++found;
  }
  REQUIRE(found == 3);
  return out;
}

struct nist_case {
  std::string name;
  double min_lre_mean;
  double min_lre_sd;
};

}  // namespace

TEST_CASE("describe: NIST StRD univariate certified mean and sd") {
  // Thresholds: mean >= 13 digits everywhere; sd >= 12 digits except on NumAcc3 and NumAcc4.
  // Those hold values such as 1000000.2 and 10000000.2 whose decimal fractions are not exact in
  // binary, so reading the data into doubles already moves the sd (0.1). The exact sd of the
  // doubles as read (computed with exact rational arithmetic, Python fractions, square root to 60
  // digits) is 0.10000000003492459654809737 for NumAcc3 (LRE 9.46 against the certified 0.1) and
  // 0.10000000055879354477361959 for NumAcc4 (LRE 8.25): no algorithm working on the doubles can
  // do better, so NumAcc4 cannot reach 9 digits; its threshold is 8. The next test checks that
  // the implementation matches those exact values to 13 digits.
  // Measured with GCC 12 on x86-64 (see the MESSAGE output): mean LRE 15 on all nine; sd LRE
  // Lew 15, Lottery 15, Mavro 13.1, Michelso 13.8, NumAcc1 15, NumAcc2 14.6, NumAcc3 9.46,
  // NumAcc4 8.25, PiDigits 14.9.
  const std::vector<nist_case> cases = {
      {"Lew", 13, 12},     {"Lottery", 13, 12}, {"Mavro", 13, 12},  {"Michelso", 13, 12}, {"NumAcc1", 13, 12},
      {"NumAcc2", 13, 12}, {"NumAcc3", 13, 9},  {"NumAcc4", 13, 8}, {"PiDigits", 13, 12},
  };
  for (const auto& nc : cases) {
    CAPTURE(nc.name);
    const table data = socialcure::read_csv(SOCIALCURE_TEST_DIR "/reference/nist/univariate/" + nc.name + ".csv");
    const certified cert = read_certified(nc.name);
    const auto y = data.numeric("y");
    const auto m = mean_and_sd(y);
    CHECK(static_cast<double>(m.n) == cert.n);
    const double lre_mean = lre(m.mean, cert.mean);
    const double lre_sd = lre(m.sd, cert.sd);
    MESSAGE(nc.name << ": LRE mean " << lre_mean << ", LRE sd " << lre_sd);
    CHECK(lre_mean >= nc.min_lre_mean);
    CHECK(lre_sd >= nc.min_lre_sd);

    // describe() of the column gives the same numbers.
    const auto s = describe(data.get("y"));
    CHECK(s.name == "y");
    CHECK(s.type == column_type::numeric);
    CHECK(static_cast<double>(s.n) == cert.n);
    CHECK(s.n_missing == 0);
    CHECK(s.mean == m.mean);
    CHECK(s.sd == m.sd);
    CHECK(s.distinct == 0);
  }
}

TEST_CASE("describe: NumAcc3 and NumAcc4 sd match the exact sd of the data as read") {
  // Reference values: the exact sample sd of the binary doubles nearest to the NIST decimals
  // (exact rational arithmetic; see the comment of the previous test).
  const std::vector<std::pair<std::string, double>> exact = {
      {"NumAcc3", 0.10000000003492459654809737},
      {"NumAcc4", 0.10000000055879354477361959},
  };
  for (const auto& [name, sd] : exact) {
    CAPTURE(name);
    const table data = socialcure::read_csv(SOCIALCURE_TEST_DIR "/reference/nist/univariate/" + name + ".csv");
    const auto m = mean_and_sd(data.numeric("y"));
    const double digits = lre(m.sd, sd);
    MESSAGE(name << ": LRE sd against the exact sd of the doubles " << digits);
    CHECK(digits >= 13);
  }
}

TEST_CASE("describe: mean_and_sd by hand") {
  // x = 1, 2, NA, 3, 4: n = 4, mean = 10 / 4 = 2.5; deviations -1.5, -0.5, 0.5, 1.5 with squares
  // 2.25 + 0.25 + 0.25 + 2.25 = 5; variance 5 / (4 - 1) = 5/3; sd = sqrt(5/3). Every step before
  // the division is exact in binary, so the result is the correctly rounded sqrt(5.0 / 3.0).
  const std::vector<double> x = {1.0, 2.0, missing_value, 3.0, 4.0};
  const auto m = mean_and_sd(x);
  CHECK(m.n == 4);
  CHECK(m.mean == 2.5);
  CHECK(m.sd == std::sqrt(5.0 / 3.0));
}

TEST_CASE("describe: mean_and_sd corrects the rounding of the first-pass mean") {
  // The doubles nearest 0.1, 0.2, 0.3 are 0.1000000000000000055511, 0.2000000000000000111022 and
  // 0.2999999999999999888978; their exact mean is 0.6000000000000000055511 / 3 =
  // 0.2000000000000000018504, whose nearest double is 0.2 (0.2000000000000000111022; the next
  // double up is 0.2000000000000000388578). The naive sum/n gives that next double up
  // (0.6000000000000000888 / 3 rounds up), so only a corrected mean equals 0.2.
  const std::vector<double> x = {0.1, 0.2, 0.3};
  const auto m = mean_and_sd(x);
  CHECK(m.mean == 0.2);
}

TEST_CASE("describe: mean_and_sd with too few values") {
  const auto none = mean_and_sd(std::vector<double>{});
  CHECK(none.n == 0);
  CHECK(is_missing(none.mean));
  CHECK(is_missing(none.sd));
  const auto all_missing = mean_and_sd(std::vector<double>{missing_value, missing_value});
  CHECK(all_missing.n == 0);
  CHECK(is_missing(all_missing.mean));
  // One value: the mean is the value, the sd (n - 1 denominator) is undefined.
  const auto one = mean_and_sd(std::vector<double>{missing_value, 7.5});
  CHECK(one.n == 1);
  CHECK(one.mean == 7.5);
  CHECK(is_missing(one.sd));
  // Equal values: sd exactly 0.
  const auto equal = mean_and_sd(std::vector<double>{0.1, 0.1, 0.1});
  CHECK(equal.n == 3);
  CHECK(equal.sd == 0.0);
}

TEST_CASE("describe: mean_and_sd of values near the largest double") {
  // Three equal values 1e308: the mean is 1e308 and the sd 0, both representable, although the
  // plain sum 3e308 overflows. Finite data must not give a missing (NaN) mean.
  const std::vector<double> x = {1e308, 1e308, 1e308};
  const auto m = mean_and_sd(x);
  CHECK(m.n == 3);
  CHECK(m.mean == 1e308);
  CHECK(m.sd == 0.0);
}

TEST_CASE("regression: mean_and_sd of values whose squared deviations overflow is their sd, not 0") {
  // Deviations 0, -2e200, 2e200: the squares (4e400) overflow a double, and the spread used to
  // come out as inf - inf = NaN, turned into an sd of 0. By hand: variance (0 + 8e400) / 2, so
  // sd = 2e200 and mean = 1e200.
  const std::vector<double> x = {1e200, -1e200, 3e200};
  const auto m = mean_and_sd(x);
  CHECK(m.n == 3);
  CHECK(m.mean == doctest::Approx(1e200).epsilon(1e-14));
  CHECK(m.sd == doctest::Approx(2e200).epsilon(1e-14));
  // Near the largest double, with a missing value among them: deviations +-1e308 overflow even
  // unsquared once the mean is subtracted in full precision.
  const std::vector<double> y = {1.5e308, missing_value, -1.5e308};
  const auto w = mean_and_sd(y);
  CHECK(w.n == 2);
  CHECK(w.mean == 0.0);
  CHECK(std::isinf(w.sd));  // sqrt(2) * 1.5e308 is beyond the largest double: infinite, not 0
}

TEST_CASE("describe: a small table by hand") {
  // score = 2, 4, NA, 4, 5:  n 4, missing 1, min 2, max 5, mean 15 / 4 = 3.75;
  //   deviations -1.75, 0.25, 0.25, 1.25; squares 3.0625 + 0.0625 + 0.0625 + 1.5625 = 4.75;
  //   variance 4.75 / 3; sd = sqrt(4.75 / 3) (all steps before the division exact).
  // group = a, b, a, (missing), c: n 4, missing 1, 3 distinct values.
  // empty = all missing (numeric): n 0, missing 5, no statistics.
  const table data = socialcure::parse_csv(
      "id,score,group,empty\n"
      "P1,2,a,\n"
      "P2,4,b,NA\n"
      "P3,NA,a,\n"
      "P4,4,,\n"
      "P5,5,c,\n",
      "small.csv");
  const auto summary = describe(data);
  CHECK(summary.source == "small.csv");
  CHECK(summary.rows == 5);
  REQUIRE(summary.columns.size() == 4);

  const auto& id = summary.columns[0];
  CHECK(id.name == "id");
  CHECK(id.type == column_type::text);
  CHECK(id.n == 5);
  CHECK(id.distinct == 5);

  const auto& score = summary.columns[1];
  CHECK(score.name == "score");
  CHECK(score.type == column_type::numeric);
  CHECK(score.n == 4);
  CHECK(score.n_missing == 1);
  CHECK(score.min == 2.0);
  CHECK(score.max == 5.0);
  CHECK(score.mean == 3.75);
  CHECK(score.sd == std::sqrt(4.75 / 3.0));
  CHECK(score.distinct == 0);

  const auto& group = summary.columns[2];
  CHECK(group.type == column_type::text);
  CHECK(group.n == 4);
  CHECK(group.n_missing == 1);
  CHECK(group.distinct == 3);
  CHECK(is_missing(group.min));
  CHECK(is_missing(group.max));
  CHECK(is_missing(group.mean));
  CHECK(is_missing(group.sd));

  const auto& empty = summary.columns[3];
  CHECK(empty.type == column_type::numeric);
  CHECK(empty.n == 0);
  CHECK(empty.n_missing == 5);
  CHECK(is_missing(empty.min));
  CHECK(is_missing(empty.max));
  CHECK(is_missing(empty.mean));
  CHECK(is_missing(empty.sd));
  CHECK(empty.distinct == 0);
}

TEST_CASE("describe: min and max with negative values and a missing first value") {
  const column c("v", std::vector<double>{missing_value, -3.0, 10.0, -7.5, 0.0});
  const auto s = describe(c);
  CHECK(s.min == -7.5);
  CHECK(s.max == 10.0);
  CHECK(s.n == 4);
  CHECK(s.n_missing == 1);
  // mean = (-3 + 10 - 7.5 + 0) / 4 = -0.125
  CHECK(s.mean == -0.125);
}

TEST_CASE("describe: text column distinct count ignores missing entries") {
  const column c("g", std::vector<std::string>{"x", "", "x", "", "y"}, std::vector<bool>{false, true, false, false, false});
  // Non-missing values: "x", "x", "" (an empty string that is a value), "y" -> 3 distinct.
  const auto s = describe(c);
  CHECK(s.n == 4);
  CHECK(s.n_missing == 1);
  CHECK(s.distinct == 3);
}

TEST_CASE("describe: an empty table") {
  const table t("none");
  const auto s = describe(t);
  CHECK(s.source == "none");
  CHECK(s.rows == 0);
  CHECK(s.columns.empty());
}
