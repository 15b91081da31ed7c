#pragma once
// Helpers shared by the unit tests.

#include <doctest/doctest.h>

#include <exception>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <Eigen/Core>

#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure_test {

/// The message of the exception of type E thrown by f, or a marker that matches no expectation
/// (and a failed check) when f throws another type or nothing.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL_CHECK("wrong exception type: " << e.what());
    return "<wrong exception type>";
  }
  FAIL_CHECK("no exception thrown");
  return "<no exception>";
}

/// The data_error thrown by f, if any.
template <class F>
std::optional<socialcure::data_error> data_error_of(F&& f) {
  try {
    f();
  } catch (const socialcure::data_error& e) {
    return e;
  }
  return std::nullopt;
}

/// A vector from a list of values (NaN = missing).
inline Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double v : values) out(i++) = v;
  return out;
}

/// How often `part` occurs in `text` (not overlapping).
inline std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// a == approx(b, tol): |a - b| < tol * (1 + max(|a|, |b|)) (doctest's Approx, values shown on failure).
inline doctest::Approx approx(double b, double tol) { return doctest::Approx(b).epsilon(tol); }

/// Names as one string, so that a failed comparison shows them.
inline std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// Parses CSV text with the column "id" read as text.
inline socialcure::table read_id_as_text(std::string_view text, const std::string& source) {
  socialcure::csv_options options;
  options.text_columns = {"id"};
  return socialcure::parse_csv(text, source, options);
}

inline std::vector<std::string> strings_of(const socialcure::table& t, const std::string& name) {
  const auto s = t.text(name);
  return {s.begin(), s.end()};
}

inline std::vector<bool> missing_of(const socialcure::table& t, const std::string& name) {
  const auto& c = t.get(name);
  std::vector<bool> out;
  for (std::size_t i = 0; i < c.size(); ++i) out.push_back(c.is_missing(i));
  return out;
}

/// A directory of its own (under the system's temporary directory, named by `prefix`, the process
/// and a counter), removed with everything in it at the end.
class temp_dir {
 public:
  explicit temp_dir(const std::string& prefix) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            (prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  /// The path of `name` in the directory.
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace socialcure_test
