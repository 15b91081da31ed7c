// write_stat_file: converts a CSV file to an SPSS (.sav, .zsav, .por) or Stata (.dta) file with
// ReadStat's writer, to make fixtures for the command-line tests.
//
//   write_stat_file IN.csv OUT.sav|OUT.zsav|OUT.por|OUT.dta [--id COL] [--text COL,...]
//                   [--user-missing COL=VALUE | COL=LO:HI ...] [--labels COL=1:female,2:male ...]
//                   [--label COL=TEXT ...]
//
// The CSV is read with socialcure::read_csv (missing = empty field or NA). --user-missing declares
// a user-defined missing value or range (SPSS) or writes matching entries as .a (Stata);
// --labels adds value labels; --label a variable label.

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "socialcure/core/number.hpp"
#include "socialcure/data/csv.hpp"
#include "support/stat_writer.hpp"

namespace {

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "write_stat_file: " << problem << "\n"
            << "usage: write_stat_file IN.csv OUT.sav|OUT.zsav|OUT.por|OUT.dta [--id COL] [--text COL,...]\n"
               "       [--user-missing COL=VALUE|COL=LO:HI ...] [--labels COL=1:female,2:male ...] [--label COL=TEXT ...]\n";
  std::exit(2);
}

double number(const std::string& text) {
  const auto parsed = socialcure::parse_number(text);
  if (parsed.status != socialcure::number_status::ok) usage("'" + text + "' is not a number");
  return parsed.value;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

// "COL=REST" -> {COL, REST}.
std::pair<std::string, std::string> assignment(const std::string& text, const char* option) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) usage(std::string(option) + " takes COL=..., not '" + text + "'");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<std::string> files;
  socialcure::csv_options csv;
  socialcure_test::stat_write_options out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) usage(a + " needs a value");
      return args[++i];
    };
    if (a == "--id") {
      csv.id_column = value();
    } else if (a == "--text") {
      for (const auto& name : split(value(), ',')) csv.text_columns.push_back(name);
    } else if (a == "--user-missing") {
      const auto [col, spec] = assignment(value(), "--user-missing");
      const auto colon = spec.find(':', 1);  // a range LO:HI (LO may start with a sign)
      if (colon == std::string::npos) {
        out.extras[col].missing_values.push_back(number(spec));
      } else {
        out.extras[col].missing_ranges.emplace_back(number(spec.substr(0, colon)), number(spec.substr(colon + 1)));
      }
    } else if (a == "--labels") {
      const auto [col, spec] = assignment(value(), "--labels");
      for (const auto& item : split(spec, ',')) {
        const auto colon = item.find(':');
        if (colon == std::string::npos) usage("--labels takes COL=VALUE:LABEL,..., not '" + item + "'");
        out.extras[col].value_labels.push_back({number(item.substr(0, colon)), item.substr(colon + 1)});
      }
    } else if (a == "--label") {
      const auto [col, text] = assignment(value(), "--label");
      out.extras[col].label = text;
    } else if (a.starts_with("--")) {
      usage("unknown option " + a);
    } else {
      files.push_back(a);
    }
  }
  if (files.size() != 2) usage("give one input CSV and one output file");
  try {
    const socialcure::table data = socialcure::read_csv(files[0], csv);
    for (const auto& [name, extras] : out.extras) {
      if (!data.has(name)) usage("no column named '" + name + "' in " + files[0]);
    }
    socialcure_test::write_stat_file(files[1], data, out);
  } catch (const std::exception& e) {
    std::cerr << "write_stat_file: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
