// Reports of a moderation analysis (include/socialcure/report/moderation_report.hpp): the JSON
// keys of socialcure.moderation/1, the text's PROCESS order and the two figures. The numbers
// themselves are checked against R in tests/analyses/moderation_test.cpp.
#include "socialcure/report/moderation_report.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "reference_values.hpp"
#include "socialcure/core/error.hpp"

using namespace socialcure_test;
namespace sc = socialcure;

namespace {

sc::moderation_result garcia(int model) {
  sc::moderation_spec spec{model, "prot2", "sexism", model == 1 ? "" : "anger", "liking", {}};
  return sc::fit_moderation(reference_data("moderation/data/garcia.csv"), spec, {});
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& [key, value] : j.items()) out.push_back(key);
  return out;
}

}  // namespace

TEST_CASE("moderation_json: the keys of socialcure.moderation/1") {
  const auto j = nlohmann::ordered_json::parse(sc::moderation_json(garcia(1)));
  CHECK(keys_of(j) == std::vector<std::string>{"schema", "n", "n_excluded", "missing_by_column", "model", "design", "x",
                                               "w", "z", "y", "covariates", "center", "centred", "probe", "level",
                                               "se_type", "coefficients", "interactions", "conditional_effects",
                                               "johnson_neyman", "notes"});
  CHECK(j["schema"] == "socialcure.moderation/1");
  CHECK(j["z"].is_null());
  CHECK(keys_of(j["interactions"][0]) == std::vector<std::string>{"term", "r2_change", "f", "df1", "df2", "p"});
  CHECK(keys_of(j["conditional_effects"][0]) ==
        std::vector<std::string>{"w", "effect", "se", "t", "p", "ci_lower", "ci_upper"});
  CHECK(keys_of(j["johnson_neyman"]) == std::vector<std::string>{"points", "region"});
  CHECK(j["johnson_neyman"]["region"].size() == 22);
  CHECK(j["coefficients"][3]["term"] == "prot2*sexism");
  const auto m3 = nlohmann::ordered_json::parse(sc::moderation_json(garcia(3)));
  CHECK(keys_of(m3["conditional_effects"][0]) ==
        std::vector<std::string>{"w", "z", "effect", "se", "t", "p", "ci_lower", "ci_upper"});
  CHECK(m3["interactions"].size() == 1);
}

TEST_CASE("moderation_text: PROCESS's order") {
  const std::string t = sc::moderation_text(garcia(3));
  const std::vector<std::string> order = {"PROCESS model 3", "Model Summary", "Product terms key:",
                                          "Test(s) of highest order unconditional interaction(s):",
                                          "Test of conditional X*W interaction",
                                          "Conditional effects of the focal predictor",
                                          "Moderator value(s) defining Johnson-Neyman",
                                          "Data for visualizing", "ANALYSIS NOTES AND ERRORS"};
  std::size_t at = 0;
  for (const auto& s : order) {
    CAPTURE(s);
    const std::size_t next = t.find(s, at);
    REQUIRE(next != std::string::npos);
    at = next;
  }
}

TEST_CASE("simple_slopes_svg and johnson_neyman_svg") {
  const sc::moderation_result r = garcia(1);
  const std::string s = sc::simple_slopes_svg(r);
  CHECK(s.rfind("<?xml", 0) == 0);
  CHECK(s.find("sexism = 4.25") != std::string::npos);
  CHECK(s.find("</svg>") != std::string::npos);
  const std::string j = sc::johnson_neyman_svg(r);
  CHECK(j.find("class=\"transition\"") != std::string::npos);
  CHECK(j.find("class=\"significant\"") != std::string::npos);
  const sc::moderation_result within = sc::fit_within_moderation(
      reference_data("change/data/synthetic_prepost.csv"), {{"lonely_pre", "lonely_post"}, "age", true}, {});
  CHECK_THROWS_AS((void)sc::simple_slopes_svg(within), sc::argument_error);
  CHECK_NOTHROW((void)sc::johnson_neyman_svg(within));
  sc::moderation_options no_jn;
  no_jn.johnson_neyman = false;
  const auto plain = sc::fit_moderation(reference_data("moderation/data/garcia.csv"),
                                        {1, "prot2", "sexism", "", "liking", {}}, no_jn);
  CHECK_THROWS_AS((void)sc::johnson_neyman_svg(plain), sc::argument_error);
}
