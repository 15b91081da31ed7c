// Tests of include/socialcure/core/error.hpp: location::to_string, data_error, argument_error.
#include "socialcure/core/error.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <type_traits>

using socialcure::argument_error;
using socialcure::data_error;
using socialcure::location;

namespace {
location make(std::string file, std::size_t line, std::string column, std::string respondent, std::string item) {
  location where;
  where.file = std::move(file);
  where.line = line;
  where.column = std::move(column);
  where.respondent = std::move(respondent);
  where.item = std::move(item);
  return where;
}
}  // namespace

TEST_CASE("error: location with no parts is an empty string") {
  CHECK(location{}.to_string().empty());
}

TEST_CASE("error: location with file and line only") {
  CHECK(make("a.csv", 0, "", "", "").to_string() == "a.csv");
  CHECK(make("a.csv", 7, "", "", "").to_string() == "a.csv:7");
  // A line without a file is labelled as such.
  CHECK(make("", 7, "", "", "").to_string() == "line 7");
}

TEST_CASE("error: location with a single named part") {
  CHECK(make("", 0, "score", "", "").to_string() == "column 'score'");
  CHECK(make("", 0, "", "P1", "").to_string() == "respondent 'P1'");
  CHECK(make("", 0, "", "", "ucla2").to_string() == "item 'ucla2'");
}

TEST_CASE("error: location joins named parts with commas") {
  CHECK(make("", 0, "score", "P1", "").to_string() == "column 'score', respondent 'P1'");
  CHECK(make("", 0, "score", "", "ucla2").to_string() == "column 'score', item 'ucla2'");
  CHECK(make("", 0, "", "P1", "ucla2").to_string() == "respondent 'P1', item 'ucla2'");
  CHECK(make("", 0, "score", "P1", "ucla2").to_string() == "column 'score', respondent 'P1', item 'ucla2'");
}

TEST_CASE("error: location puts a colon between the file part and the named parts") {
  CHECK(make("a.csv", 0, "score", "", "").to_string() == "a.csv: column 'score'");
  CHECK(make("a.csv", 3, "score", "", "").to_string() == "a.csv:3: column 'score'");
  CHECK(make("", 3, "score", "", "").to_string() == "line 3: column 'score'");
  CHECK(make("a.csv", 3, "", "P9", "").to_string() == "a.csv:3: respondent 'P9'");
  CHECK(make("a.csv", 3, "", "", "it").to_string() == "a.csv:3: item 'it'");
  CHECK(make("a.csv", 3, "score", "P9", "it").to_string() == "a.csv:3: column 'score', respondent 'P9', item 'it'");
  CHECK(make("a.csv", 0, "", "P9", "it").to_string() == "a.csv: respondent 'P9', item 'it'");
}

TEST_CASE("error: data_error message with the problem only") {
  const data_error e(location{}, "something is wrong");
  CHECK(std::string(e.what()) == "something is wrong");
  CHECK(e.problem() == "something is wrong");
  CHECK(e.value().empty());
  CHECK(e.allowed().empty());
  CHECK(e.where().file.empty());
  CHECK(e.where().line == 0);
}

TEST_CASE("error: data_error message composes location problem value and allowed") {
  const data_error e(make("x.csv", 4, "score", "", ""), "value is not a number", "12abc", "a decimal number");
  CHECK(std::string(e.what()) ==
        "x.csv:4: column 'score': value is not a number: \"12abc\" (allowed: a decimal number)");
  CHECK(e.problem() == "value is not a number");
  CHECK(e.value() == "12abc");
  CHECK(e.allowed() == "a decimal number");
  CHECK(e.where().file == "x.csv");
  CHECK(e.where().line == 4);
  CHECK(e.where().column == "score");
  CHECK(e.where().respondent.empty());
  CHECK(e.where().item.empty());
}

TEST_CASE("error: data_error leaves out an empty value or allowed part") {
  const data_error no_value(make("x.csv", 2, "", "", ""), "bad row", "", "three fields");
  CHECK(std::string(no_value.what()) == "x.csv:2: bad row (allowed: three fields)");
  const data_error no_allowed(make("", 0, "", "P1", ""), "id repeated", "P1");
  CHECK(std::string(no_allowed.what()) == "respondent 'P1': id repeated: \"P1\"");
  const data_error only_file(make("x.csv", 0, "", "", ""), "the file is empty");
  CHECK(std::string(only_file.what()) == "x.csv: the file is empty");
}

TEST_CASE("error: exception hierarchy") {
  static_assert(std::is_base_of_v<std::runtime_error, data_error>);
  static_assert(std::is_base_of_v<std::invalid_argument, argument_error>);
  static_assert(!std::is_base_of_v<std::invalid_argument, data_error>);
  static_assert(!std::is_base_of_v<std::runtime_error, argument_error>);

  CHECK_THROWS_AS(throw data_error(location{}, "x"), std::runtime_error);
  CHECK_THROWS_AS(throw argument_error("bad option"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(throw argument_error("bad option"), "bad option", argument_error);
  try {
    throw data_error(make("f.csv", 1, "c", "r", "i"), "p", "v", "a");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "f.csv:1: column 'c', respondent 'r', item 'i': p: \"v\" (allowed: a)");
  }
}
