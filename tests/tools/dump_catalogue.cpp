// dump_catalogue: writes every field of every entry of the scale catalogue, one line per value
// (tests/support/scale_fields.hpp), to standard output.
//
//   dump_catalogue > tests/measures/data/catalogue_fields.txt
//   dump_catalogue --json      (every entry as scale_to_json writes it, one JSON array)
//
// Its output before the catalogue moved from C++ code to JSON files is the pin that
// tests/measures/catalogue_pin_test.cpp compares the catalogue with.

#include <exception>
#include <iostream>
#include <string_view>

#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "support/scale_fields.hpp"

int main(int argc, char** argv) {
  try {
    const auto& catalogue = socialcure::scale_catalogue();
    if (argc == 2 && std::string_view(argv[1]) == "--json") {
      std::cout << "[\n";
      for (std::size_t i = 0; i < catalogue.size(); ++i) {
        std::cout << (i == 0 ? "" : ",\n") << socialcure::scale_to_json(catalogue[i]);
      }
      std::cout << "]\n";
    } else if (argc == 1) {
      std::cout << socialcure_test::scale_fields(catalogue);
    } else {
      std::cerr << "usage: dump_catalogue [--json]\n";
      return 2;
    }
    return std::cout.flush() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "dump_catalogue: " << e.what() << "\n";
    return 1;
  }
}
