// json_close: whether two JSON files hold the same document, numbers equal within a relative
// tolerance (default 1e-12), every key, string, boolean and null identical. Prints the first
// difference (its path and both values) and exits 1; 0 when they agree, 2 on a usage or read error.
//
//   json_close EXPECTED ACTUAL [TOLERANCE]
//
// Used by the regression pin of the bundled study (tests/cli/pinned_report.cmake): a number may
// move in its last bits from one CPU to another (Eigen chooses its matrix-product blocking from the
// cache sizes it finds at run time, and glibc's exp and log have FMA variants), nothing else may.

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using json = nlohmann::ordered_json;

std::string where_text(const std::string& where) { return where.empty() ? "(root)" : where; }

bool numbers_close(double a, double b, double tolerance) {
  if (a == b) return true;
  return std::fabs(a - b) <= tolerance * std::max(std::fabs(a), std::fabs(b));
}

bool same(const json& a, const json& b, const std::string& where, double tolerance) {
  if (a.is_number() && b.is_number()) {
    if (numbers_close(a.get<double>(), b.get<double>(), tolerance)) return true;
  } else if (a.type() == b.type()) {
    if (a.is_object()) {
      if (a.size() == b.size()) {
        auto j = b.begin();
        for (auto i = a.begin(); i != a.end(); ++i, ++j) {
          if (i.key() != j.key()) {
            std::cout << where_text(where) << ": key '" << i.key() << "' expected, '" << j.key() << "' found\n";
            return false;
          }
          if (!same(i.value(), j.value(), where + "/" + i.key(), tolerance)) return false;
        }
        return true;
      }
    } else if (a.is_array()) {
      if (a.size() == b.size()) {
        for (std::size_t k = 0; k < a.size(); ++k) {
          if (!same(a[k], b[k], where + "/" + std::to_string(k), tolerance)) return false;
        }
        return true;
      }
    } else if (a == b) {
      return true;
    }
  }
  std::cout << where_text(where) << ": expected " << a.dump().substr(0, 200) << ", found " << b.dump().substr(0, 200) << "\n";
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: json_close EXPECTED ACTUAL [TOLERANCE]\n";
    return 2;
  }
  try {
    std::ifstream expected_file(argv[1]);
    std::ifstream actual_file(argv[2]);
    if (!expected_file || !actual_file) {
      std::cerr << "json_close: cannot open " << (expected_file ? argv[2] : argv[1]) << "\n";
      return 2;
    }
    const double tolerance = argc == 4 ? std::strtod(argv[3], nullptr) : 1e-12;
    return same(json::parse(expected_file), json::parse(actual_file), "", tolerance) ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "json_close: " << e.what() << "\n";
    return 2;
  }
}
