// Tests of include/socialcure/study/study_file.hpp: a full study file read field by field,
// the defaults, file names resolved against the study's folder, and the data_error of each
// malformed case (file, line, key path and the allowed choices).
#include "socialcure/study/study_file.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <variant>

#include "socialcure/core/error.hpp"
#include "socialcure/measures/catalogue.hpp"
#include "support.hpp"

using socialcure::ci_method;
using socialcure::data_error;
using socialcure::glm_family;
using socialcure::load_study;
using socialcure::mediation_model;
using socialcure::parse_study;
using socialcure::se_type;
using socialcure::study_definition;
using socialcure::study_mediation;
using socialcure::study_regression;
using socialcure::study_within_mediation;
using socialcure_test::contains;
using socialcure_test::data_error_of;

namespace {

namespace fs = std::filesystem;

// The 1-based line of the first line of `text` that contains `part` (0 when none does).
std::size_t line_of(const std::string& text, const std::string& part) {
  const auto at = text.find(part);
  if (at == std::string::npos) return 0;
  std::size_t line = 1;
  for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

// The data_error parse_study throws for `text` (a failed check when it throws none).
data_error error_of(const std::string& text, const std::string& base = {}) {
  const auto e = data_error_of([&] { (void)parse_study(text, "study.toml", base); });
  REQUIRE_MESSAGE(e.has_value(), "no data_error for:\n" << text);
  return *e;
}

// The data section every valid file needs.
const std::string data_section = "[data]\nfile = \"panel.csv\"\n";

// A folder under the temporary directory, removed at the end of the test.
class temp_folder {
 public:
  explicit temp_folder(const std::string& name) : path_(fs::temp_directory_path() / name) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
  ~temp_folder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << text;
  }

 private:
  fs::path path_;
};

const std::string belonging_json =
    R"json({"id": "belong3", "name": "Belonging (3 items)", "items": 3, "min_code": 1, "max_code": 5,)json"
    R"json( "rule": "mean", "score_min": 1, "score_max": 5})json";

const std::string full_study = R"(title = "Social prescribing pre/post evaluation"
id = "pid"
waves = ["pre", "post"]
completed = "done"
covariates = ["age", "gender"]

[data]
file = "panel_wide.csv"
separator = "."
missing = ["", "NA", "-99"]
text = ["gender"]
groups = "groups_long.csv"

[data.group_columns]
id = "person"
wave = "time"
group = "name"
group_id = "gid"
category = "cat"
identification = "ident"
importance = "imp"
positivity = "pos"
contact = "freq"
pathway = "route"

[settings]
level = 0.9
replicates = 2000
seed = 20191126
ci = "bca"
threads = 3

[[scales]]
name = "loneliness"
scale = "ucla3"
items = ["ucla1", "ucla2", "ucla3"]

[[scales]]
name = "belonging"
file = "belonging.json"
items = ["b1", "b2", "b3"]

[[counts]]
name = "gp_visits"

[[counts]]
name = "ae_visits"
column = "ae"

[[models]]
name = "social_cure"
type = "mediation"
x = "groups_change"
mediators = ["belonging_change", "loneliness_change"]
y = "gp_visits_change"
covariates = ["age"]

[[models]]
name = "one_mediator"
type = "mediation"
x = "groups_change"
mediators = ["belonging_change"]
y = "loneliness_change"

[[models]]
name = "within"
type = "within_mediation"
mediators = ["belonging", "loneliness"]
y = "gp_visits"
model = "parallel"

[[models]]
name = "visits"
type = "regression"
y = "gp_visits_post"
x = ["loneliness_pre", "groups_pre"]
covariates = ["age"]
family = "negative_binomial"

[[models]]
name = "lonely_ols"
type = "regression"
y = "loneliness_post"
x = "loneliness_pre"
family = "linear"
se = "hc1"
)";

}  // namespace

TEST_CASE("study_file: a full study file gives every field") {
  const temp_folder folder("socialcure_study_file_full");
  folder.write("belonging.json", belonging_json);
  const std::string base = folder.path().string();
  const study_definition s = parse_study(full_study, "study.toml", base);

  CHECK(s.title == "Social prescribing pre/post evaluation");
  CHECK(s.id_column == "pid");
  CHECK(s.waves[0] == "pre");
  CHECK(s.waves[1] == "post");
  CHECK(s.completed == "done");
  CHECK(s.covariates == std::vector<std::string>{"age", "gender"});

  CHECK(s.data.wide_file == (folder.path() / "panel_wide.csv").string());
  CHECK(s.data.wave_files[0].empty());
  CHECK(s.data.wave_files[1].empty());
  CHECK(s.data.separator == ".");
  CHECK(s.data.missing_codes == std::vector<std::string>{"", "NA", "-99"});
  CHECK(s.data.text_columns == std::vector<std::string>{"gender"});
  CHECK(s.data.groups_file == (folder.path() / "groups_long.csv").string());
  const auto& g = s.data.groups_columns;
  CHECK(g.id == "person");
  CHECK(g.wave == "time");
  CHECK(g.group == "name");
  CHECK(g.group_id == "gid");
  CHECK(g.category == "cat");
  CHECK(g.identification == "ident");
  CHECK(g.importance == "imp");
  CHECK(g.positivity == "pos");
  CHECK(g.contact == "freq");
  CHECK(g.pathway == "route");

  CHECK(s.settings.level == 0.9);
  CHECK(s.settings.replicates == 2000);
  CHECK(s.settings.seed == 20191126u);
  CHECK(s.settings.ci == ci_method::bca);
  CHECK(s.settings.threads == 3u);

  REQUIRE(s.scales.size() == 2);
  CHECK(s.scales[0].name == "loneliness");
  CHECK(s.scales[0].scale == "ucla3");
  REQUIRE(s.scales[0].definition.has_value());
  CHECK(s.scales[0].definition->id == "ucla3");
  CHECK(s.scales[0].definition->items == 3);
  CHECK(s.scales[0].items == std::vector<std::string>{"ucla1", "ucla2", "ucla3"});
  CHECK(s.scales[1].name == "belonging");
  CHECK(s.scales[1].scale == "belong3");
  REQUIRE(s.scales[1].definition.has_value());
  CHECK(s.scales[1].definition->name == "Belonging (3 items)");
  CHECK(s.scales[1].items == std::vector<std::string>{"b1", "b2", "b3"});

  REQUIRE(s.counts.size() == 2);
  CHECK(s.counts[0].name == "gp_visits");
  CHECK(s.counts[0].column == "gp_visits");
  CHECK(s.counts[1].name == "ae_visits");
  CHECK(s.counts[1].column == "ae");

  REQUIRE(s.models.size() == 5);
  CHECK(s.models[0].name == "social_cure");
  CHECK(s.models[0].type() == "mediation");
  const auto& m0 = std::get<study_mediation>(s.models[0].spec);
  CHECK(m0.x == "groups_change");
  CHECK(m0.mediators == std::vector<std::string>{"belonging_change", "loneliness_change"});
  CHECK(m0.y == "gp_visits_change");
  CHECK(m0.covariates == std::vector<std::string>{"age"});
  CHECK(m0.model == mediation_model::serial);  // default with 2 mediators
  CHECK(std::get<study_mediation>(s.models[1].spec).model == mediation_model::parallel);  // default with 1 mediator
  CHECK(s.models[2].type() == "within_mediation");
  const auto& m2 = std::get<study_within_mediation>(s.models[2].spec);
  CHECK(m2.mediators == std::vector<std::string>{"belonging", "loneliness"});
  CHECK(m2.y == "gp_visits");
  CHECK(m2.model == mediation_model::parallel);  // given
  CHECK(s.models[3].type() == "regression");
  const auto& m3 = std::get<study_regression>(s.models[3].spec);
  CHECK(m3.x == std::vector<std::string>{"loneliness_pre", "groups_pre"});
  CHECK(m3.y == "gp_visits_post");
  CHECK(m3.covariates == std::vector<std::string>{"age"});
  REQUIRE(m3.family.has_value());
  CHECK(*m3.family == glm_family::negative_binomial);
  const auto& m4 = std::get<study_regression>(s.models[4].spec);
  CHECK(m4.x == std::vector<std::string>{"loneliness_pre"});  // one predictor as a string
  CHECK_FALSE(m4.family.has_value());                          // linear
  CHECK(m4.se == se_type::hc1);
}

TEST_CASE("study_file: keys left out take the defaults of study_definition") {
  const study_definition s = parse_study(data_section, "<string>");
  const study_definition d;
  CHECK(s.title.empty());
  CHECK(s.id_column == "id");
  CHECK(s.waves[0] == "t0");
  CHECK(s.waves[1] == "t1");
  CHECK(s.completed.empty());
  CHECK(s.covariates.empty());
  CHECK(s.data.wide_file == "panel.csv");  // no base directory: as written
  CHECK(s.data.separator == "_");
  CHECK(s.data.missing_codes == d.data.missing_codes);
  CHECK(s.data.text_columns.empty());
  CHECK(s.data.groups_file.empty());
  CHECK(s.data.groups_columns.id == "id");
  CHECK(s.data.groups_columns.wave == "wave");
  CHECK(s.data.groups_columns.group == "group");
  CHECK(s.settings.level == d.settings.level);
  CHECK(s.settings.replicates == d.settings.replicates);
  CHECK(s.settings.seed == d.settings.seed);
  CHECK(s.settings.ci == d.settings.ci);
  CHECK(s.settings.threads == d.settings.threads);
  CHECK(s.scales.empty());
  CHECK(s.counts.empty());
  CHECK(s.models.empty());

  const auto r = parse_study(data_section + "[[models]]\nname = \"r\"\ntype = \"regression\"\ny = \"a\"\nx = [\"b\"]\n",
                             "<string>");
  REQUIRE(r.models.size() == 1);
  const auto& regression = std::get<study_regression>(r.models[0].spec);
  CHECK_FALSE(regression.family.has_value());
  CHECK(regression.se == se_type::hc3);
}

TEST_CASE("study_file: relative file names are taken from the base directory, absolute ones kept") {
  const fs::path base = fs::path("some") / "folder";
  const fs::path absolute = fs::temp_directory_path() / "elsewhere" / "groups.csv";
  const std::string text = "[data]\nfiles = [\"t0.csv\", \"sub/t1.csv\"]\ngroups = \"" + absolute.generic_string() + "\"\n";
  const auto s = parse_study(text, "study.toml", base.string());
  CHECK(s.data.wide_file.empty());
  CHECK(s.data.wave_files[0] == (base / "t0.csv").string());
  CHECK(s.data.wave_files[1] == (base / "sub/t1.csv").string());
  CHECK(fs::path(s.data.groups_file) == absolute);

  const auto plain = parse_study(text, "study.toml");
  CHECK(plain.data.wave_files[0] == "t0.csv");
  CHECK(plain.data.wave_files[1] == "sub/t1.csv");
}

TEST_CASE("study_file: a TOML syntax error names the file and the line") {
  const std::string text = data_section + "[settings]\nlevel = 0.9\nreplicates = \n";
  const auto e = error_of(text);
  CHECK(e.where().file == "study.toml");
  CHECK(e.where().line == 5);
  CHECK(std::string(e.what()) ==
        "study.toml:5: TOML syntax error: missing value after key-value separator '=' (expected value, but got nothing)");

  const std::string repeated = data_section + "[settings]\nlevel = 0.9\nseed = 1\nlevel = 0.8\n";
  const auto r = error_of(repeated);
  CHECK(r.where().line == 6);
  CHECK(contains(r.what(), "study.toml:6: TOML syntax error"));
  CHECK(contains(r.what(), "\"level\""));

  // toml11 reports a bad date at line 1; the quoted source line is taken instead.
  const auto d = error_of("title = \"x\"\n\n\nwhen = 1979-13-99\n");
  CHECK(d.where().line == 4);
}

TEST_CASE("study_file: invalid UTF-8 is a syntax error naming the line and the byte") {
  // Regression (found by tests/fuzz/fuzz_study_file): toml11 3.7 read outside its buffer when it
  // reported invalid UTF-8 in a string ('\xFF' as a key or a value); the text is now checked first.
  const auto key = error_of("title = \"x\"\n'\xFF' = 1\n");
  CHECK(key.where().file == "study.toml");
  CHECK(key.where().line == 2);
  CHECK(std::string(key.what()) ==
        "study.toml:2: TOML syntax error: invalid UTF-8 at character 2 (byte 0xFF); a TOML file must be UTF-8");
  const auto value = error_of("title = \"caf\xC3\"\n" + data_section);  // a lead byte without its continuation
  CHECK(value.where().line == 1);
  CHECK(contains(value.what(), "invalid UTF-8 at character 13 (byte 0xC3)"));
  const auto comment = error_of(data_section + "# \xED\xA0\x80 is a surrogate\n");
  CHECK(comment.where().line == 3);
  CHECK(contains(comment.what(), "(byte 0xED)"));
  // Valid UTF-8 of every length passes.
  const auto study = parse_study("title = \"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82\"\n" + data_section, "study.toml");
  CHECK(study.title == "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82");
}

TEST_CASE("study_file: arrays nested more than 64 deep are a syntax error, not a stack overflow") {
  // Regression (found by tests/fuzz/fuzz_study_file): toml11 3.7 parses nested arrays and inline
  // tables recursively, so that "x = [[[[..." overflowed the stack; the nesting is checked first.
  const auto deep = error_of(data_section + "x = " + std::string(100000, '['));
  CHECK(deep.where().line == 3);
  CHECK(std::string(deep.what()) ==
        "study.toml:3: TOML syntax error: arrays and inline tables nested more than 64 deep at character 69");
  const auto tables = error_of(data_section + "x = " + std::string(1000, '{') + "\n");
  CHECK(contains(tables.what(), "nested more than 64 deep at character 69"));
  // 64 levels are read (x is then an unknown key); brackets in strings and comments do not count.
  const auto limit = error_of(data_section + "x = " + std::string(64, '[') + std::string(64, ']') + "\n");
  CHECK(contains(limit.what(), "x: unknown key"));
  const std::string many(100, '[');
  const auto study = parse_study("title = \"" + many + "\" # " + many + "\n" + data_section + "separator = '" + many +
                                     "'\nmissing = [\"\"\"" + many + "\n" + many + "\"\"\"]\n",
                                 "study.toml");
  CHECK(study.title == many);
  CHECK(study.data.separator == many);
}

TEST_CASE("study_file: an unknown key names its line and path and lists the allowed keys") {
  const std::string text = data_section + "\n[settings]\nlevel = 0.9\nreplicate = 10\n";
  const auto e = error_of(text);
  CHECK(e.where().line == line_of(text, "replicate ="));
  CHECK(std::string(e.what()) ==
        "study.toml:6: settings.replicate: unknown key (allowed: level, replicates, seed, ci, threads)");

  const std::string top = "replicates = 10\n" + data_section;
  const auto t = error_of(top);
  CHECK(contains(t.what(), "study.toml:1: replicates: unknown key"));
  CHECK(contains(t.what(), "title, id, waves, completed, covariates, data, settings, scales, counts, models"));

  // The first unknown key in the file is reported (the table itself is kept in key order).
  const auto first = error_of(data_section + "zz = 1\naa = 2\n");
  CHECK(contains(first.what(), "study.toml:3: data.zz: unknown key"));

  const auto columns = error_of("[data]\nfile = \"a.csv\"\ngroups = \"g.csv\"\ngroup_columns = {id = \"p\", person = \"q\"}\n");
  CHECK(contains(columns.what(), "study.toml:4: data.group_columns.person: unknown key"));
  CHECK(contains(columns.what(), "pathway"));

  const auto nested = error_of(data_section + "[settings.extra]\nx = 1\n");
  CHECK(contains(nested.what(), "study.toml:3: settings.extra: unknown key"));

  const std::string model = data_section +
                            "[[models]]\nname = \"m\"\ntype = \"mediation\"\nx = \"a\"\nmediators = [\"b\"]\ny = \"c\"\n"
                            "weights = \"w\"\n";
  const auto m = error_of(model);
  CHECK(m.where().line == line_of(model, "weights"));
  CHECK(contains(m.what(), "models[1].weights: unknown key for a model of type 'mediation' "
                           "(allowed: name, type, x, mediators, y, covariates, model, w, probe, center, family, cluster)"));

  const auto scale = error_of(data_section + "[[scales]]\nname = \"a\"\nscale = \"ucla3\"\nitem = [\"x\"]\n");
  CHECK(contains(scale.what(), "study.toml:6: scales[1].item: unknown key (allowed: name, scale, file, items)"));
}

TEST_CASE("study_file: a value of the wrong type names its line, path and type") {
  const std::string text = data_section + "[settings]\nreplicates = \"ten\"\n";
  const auto e = error_of(text);
  CHECK(std::string(e.what()) ==
        "study.toml:4: settings.replicates: expected an integer, found a string: \"ten\"");

  CHECK(contains(error_of(data_section + "[settings]\nlevel = \"high\"\n").what(),
                 "study.toml:4: settings.level: expected a number, found a string"));
  CHECK(contains(error_of("waves = \"t0\"\n" + data_section).what(),
                 "study.toml:1: waves: expected an array of strings, found a string"));
  CHECK(contains(error_of(data_section + "[settings]\nseed = 1.5\n").what(),
                 "study.toml:4: settings.seed: expected an integer, found a float: \"1.5\""));
  CHECK(contains(error_of(data_section + "[settings]\nci = true\n").what(),
                 "study.toml:4: settings.ci: expected a string, found a boolean"));
  CHECK(contains(error_of("settings = 3\n" + data_section).what(),
                 "study.toml:1: settings: expected a table, found an integer"));
  CHECK(contains(error_of(data_section + "[scales]\nname = \"a\"\n").what(),
                 "study.toml:3: scales: expected an array of tables ([[scales]]), found a table"));

  const std::string items = data_section + "[[scales]]\nname = \"a\"\nscale = \"ucla3\"\nitems = [\"x\",\n  2,\n  \"z\"]\n";
  const auto i = error_of(items);
  CHECK(i.where().line == 7);  // the element's own line
  CHECK(contains(i.what(), "scales[1].items[2]: expected a string, found an integer"));

  CHECK(contains(error_of(data_section + "[[counts]]\nname = \"\"\n").what(),
                 "study.toml:4: counts[1].name: must not be empty"));
}

TEST_CASE("study_file: a value out of range names its line, path and value") {
  CHECK(std::string(error_of(data_section + "[settings]\nreplicates = -3\n").what()) ==
        "study.toml:4: settings.replicates: must be at least 1: \"-3\"");
  CHECK(contains(error_of(data_section + "[settings]\nreplicates = 0\n").what(),
                 "study.toml:4: settings.replicates: must be at least 1"));
  CHECK(contains(error_of(data_section + "[settings]\nlevel = 1.5\n").what(),
                 "study.toml:4: settings.level: must lie strictly between 0 and 1 (e.g. 0.95): \"1.5\""));
  CHECK(contains(error_of(data_section + "[settings]\nlevel = 0\n").what(), "settings.level: must lie strictly"));
  CHECK(contains(error_of(data_section + "[settings]\nlevel = nan\n").what(), "settings.level: must lie strictly"));
  // A float beyond a double (TOML reads 1e400 as infinity) is out of range, with its text.
  CHECK(contains(error_of(data_section + "[settings]\nlevel = 1e400\n").what(),
                 "study.toml:4: settings.level: must lie strictly between 0 and 1 (e.g. 0.95): \"1e400\""));
  CHECK(contains(error_of(data_section + "[settings]\nseed = 1e400\n").what(),
                 "study.toml:4: settings.seed: expected an integer, found a float: \"1e400\""));
  CHECK(contains(error_of(data_section + "[settings]\nseed = -1\n").what(),
                 "study.toml:4: settings.seed: must be at least 0: \"-1\""));
  CHECK(contains(error_of(data_section + "[settings]\nseed = 99999999999999999999\n").what(),
                 "study.toml:4: settings.seed: integer out of range: \"99999999999999999999\""));
  CHECK(contains(error_of(data_section + "[settings]\nthreads = -1\n").what(),
                 "study.toml:4: settings.threads: must be at least 0"));
  CHECK(contains(error_of(data_section + "[settings]\nthreads = 99999999999\n").what(),
                 "study.toml:4: settings.threads: must be at most 4294967295"));

  // The largest 64-bit integer itself is read, not mistaken for an overflow.
  const auto big = parse_study(data_section + "[settings]\nseed = 9223372036854775807\n", "<string>");
  CHECK(big.settings.seed == 9223372036854775807u);
}

TEST_CASE("study_file: a missing required key names the line of its table") {
  const std::string text = data_section + "\n[[scales]]\nname = \"a\"\nscale = \"ucla3\"\nitems = [\"x\", \"y\", \"z\"]\n\n"
                                          "[[scales]]\nscale = \"ucla3\"\nitems = [\"x\", \"y\", \"z\"]\n";
  const auto e = error_of(text);
  CHECK(e.where().line == 9);
  CHECK(std::string(e.what()) == "study.toml:9: scales[2]: required key 'name' is missing");

  CHECK(contains(error_of(data_section + "[[scales]]\nname = \"a\"\nscale = \"ucla3\"\n").what(),
                 "study.toml:3: scales[1]: scale 'a': required key 'items' is missing"));
  CHECK(contains(error_of(data_section + "[[counts]]\ncolumn = \"c\"\n").what(),
                 "study.toml:3: counts[1]: required key 'name' is missing"));
  CHECK(contains(error_of(data_section + "[[models]]\nname = \"m\"\n").what(),
                 "study.toml:3: models[1]: required key 'type' is missing "
                 "(allowed: mediation, within_mediation, regression, moderation)"));
  CHECK(contains(error_of(data_section + "[[models]]\ntype = \"regression\"\n").what(),
                 "study.toml:3: models[1]: required key 'name' is missing"));

  const auto no_data = error_of("title = \"x\"\n");
  CHECK(no_data.where().file == "study.toml");
  CHECK(contains(no_data.what(), "study.toml: data: the table [data] is missing"));
}

TEST_CASE("study_file: an unknown catalogue scale lists every catalogue id") {
  const std::string text = data_section + "[[scales]]\nname = \"loneliness\"\nscale = \"ucla4\"\nitems = [\"a\"]\n";
  const auto e = error_of(text);
  CHECK(e.where().line == 5);
  CHECK(contains(e.what(), "study.toml:5: scales[1].scale: unknown catalogue scale: \"ucla4\" (allowed: "));
  CHECK(e.value() == "ucla4");
  for (const auto& s : socialcure::scale_catalogue()) CHECK(contains(e.allowed(), s.id));
  CHECK(contains(e.what(), "(allowed: ucla3, ucla20_v3, "));
}

TEST_CASE("study_file: an items list of the wrong length names the scale and both counts") {
  const std::string text =
      data_section + "[[scales]]\nname = \"loneliness\"\nscale = \"ucla3\"\nitems = [\"a\", \"b\", \"c\", \"d\"]\n";
  const auto e = error_of(text);
  CHECK(std::string(e.what()) ==
        "study.toml:6: scales[1].items: scale 'loneliness' (ucla3) has 3 items, 'items' lists 4");
}

TEST_CASE("study_file: an unknown choice lists the choices") {
  const std::string model = data_section + "[[models]]\nname = \"m\"\ntype = \"mediaton\"\n";
  CHECK(std::string(error_of(model).what()) ==
        "study.toml:5: models[1].type: unknown model type: \"mediaton\" "
        "(allowed: mediation, within_mediation, regression, moderation)");

  const std::string regression = data_section + "[[models]]\nname = \"m\"\ntype = \"regression\"\ny = \"a\"\nx = [\"b\"]\n";
  CHECK(contains(error_of(regression + "family = \"gamma\"\n").what(),
                 "study.toml:8: models[1].family: unknown regression family: \"gamma\" "
                 "(allowed: linear (or gaussian), poisson, negative_binomial (or negbin), binomial)"));
  CHECK(contains(error_of(regression + "se = \"hc7\"\n").what(),
                 "study.toml:8: models[1].se: unknown standard-error type: \"hc7\" "
                 "(allowed: classical, hc0, hc1, hc2, hc3, hc4)"));
  CHECK(contains(error_of(regression + "family = \"poisson\"\nse = \"hc3\"\n").what(),
                 "study.toml:9: models[1].se: 'se' applies to a linear regression only"));
  CHECK(contains(error_of(data_section + "[settings]\nci = \"normal\"\n").what(),
                 "study.toml:4: settings.ci: unknown interval method: \"normal\" "
                 "(allowed: percentile, bias_corrected, bca, monte_carlo)"));
  const std::string mediation =
      data_section + "[[models]]\nname = \"m\"\ntype = \"mediation\"\nx = \"a\"\nmediators = [\"b\"]\ny = \"c\"\n";
  CHECK(contains(error_of(mediation + "model = \"sequential\"\n").what(),
                 "study.toml:9: models[1].model: unknown mediation model: \"sequential\" (allowed: serial, parallel)"));

  // The other spellings of the parsers are accepted.
  const auto ok = parse_study(data_section + "[settings]\nci = \"bc\"\n" +
                                  "[[models]]\nname = \"m\"\ntype = \"regression\"\ny = \"a\"\nx = [\"b\"]\nfamily = \"nb\"\n",
                              "<string>");
  CHECK(ok.settings.ci == ci_method::bias_corrected);
  const auto& nb = std::get<study_regression>(ok.models[0].spec);
  REQUIRE(nb.family.has_value());
  CHECK(*nb.family == glm_family::negative_binomial);
}

TEST_CASE("study_file: exactly one of data.file and data.files, and two files") {
  const auto both = error_of("[data]\nfile = \"w.csv\"\nfiles = [\"a.csv\", \"b.csv\"]\n");
  CHECK(contains(both.what(), "study.toml:3: data.files: give either 'file' (one wide file) or 'files'"));
  const auto neither = error_of("[data]\nseparator = \"_\"\n");
  CHECK(contains(neither.what(), "study.toml:1: data: neither 'file' (one wide file) nor 'files'"));
  const auto three = error_of("[data]\nfiles = [\"a.csv\", \"b.csv\", \"c.csv\"]\n");
  CHECK(contains(three.what(), "study.toml:2: data.files: one file per wave is needed: 2 files, found 3"));
  const auto one = error_of("[data]\nfiles = [\"a.csv\"]\n");
  CHECK(contains(one.what(), "found 1"));
  const auto waves = error_of("waves = [\"a\", \"b\", \"c\"]\n" + data_section);
  CHECK(contains(waves.what(), "study.toml:1: waves: exactly two wave names are needed, found 3"));
  const auto columns = error_of(data_section + "[data.group_columns]\nid = \"p\"\n");
  CHECK(contains(columns.what(), "study.toml:3: data.group_columns: given without a group file (data.groups)"));
}

TEST_CASE("study_file: custom scale files") {
  const temp_folder folder("socialcure_study_file_custom");
  folder.write("belonging.json", belonging_json);
  folder.write("broken.json", "{\"id\": \"b\",\n \"items\": }\n");
  const std::string base = folder.path().string();
  const std::string head = data_section + "[[scales]]\nname = \"belonging\"\n";

  const auto s = parse_study(head + "file = \"belonging.json\"\nitems = [\"a\", \"b\", \"c\"]\n", "study.toml", base);
  REQUIRE(s.scales.size() == 1);
  CHECK(s.scales[0].scale == "belong3");

  // A file that is not there: the study file's line and the path looked for.
  const auto missing = error_of(head + "file = \"nowhere.json\"\nitems = [\"a\"]\n", base);
  CHECK(missing.where().file == "study.toml");
  CHECK(missing.where().line == 5);
  CHECK(contains(missing.what(), "study.toml:5: scales[1].file: custom scale definition: "));
  CHECK(contains(missing.what(), (folder.path() / "nowhere.json").string()));
  CHECK(contains(missing.what(), "cannot open"));

  // A broken definition: the study line and the JSON file's own line.
  const auto broken = error_of(head + "file = \"broken.json\"\nitems = [\"a\"]\n", base);
  CHECK(contains(broken.what(), "study.toml:5: scales[1].file: custom scale definition: "));
  CHECK(contains(broken.what(), (folder.path() / "broken.json").string() + ":2"));

  const auto both = error_of(head + "scale = \"ucla3\"\nfile = \"belonging.json\"\nitems = [\"a\"]\n", base);
  CHECK(contains(both.what(), "study.toml:6: scales[1].file: scale 'belonging': give either 'scale'"));
  const auto neither = error_of(head + "items = [\"a\"]\n", base);
  CHECK(contains(neither.what(), "study.toml:3: scales[1]: scale 'belonging': neither 'scale'"));
}

TEST_CASE("study_file: the problems validate() finds name the file and the line of the field") {
  const std::string text = data_section +
                           "[[counts]]\nname = \"visits\"\n\n"
                           "[[counts]]\nname = \"visits\"\n";
  const auto e = error_of(text);
  CHECK(e.where().file == "study.toml");
  CHECK(e.where().line == 6);  // the second [[counts]]
  CHECK(contains(e.what(), "study.toml:6: counts[2]"));
  CHECK(contains(e.what(), "'visits'"));

  const auto waves = error_of("waves = [\"t0\", \"t0\"]\n" + data_section);
  CHECK(contains(waves.what(), "study.toml:1: waves"));
}

TEST_CASE("study_file: load_study reads a file and takes file names from its folder") {
  const temp_folder folder("socialcure_study_file_load");
  fs::create_directories(folder.path() / "scales");
  folder.write("scales/belonging.json", belonging_json);
  folder.write("study.toml", "title = \"From disk\"\n[data]\nfiles = [\"t0.csv\", \"t1.csv\"]\n"
                             "[[scales]]\nname = \"belonging\"\nfile = \"scales/belonging.json\"\n"
                             "items = [\"a\", \"b\", \"c\"]\n");
  const std::string path = (folder.path() / "study.toml").string();
  const auto s = load_study(path);
  CHECK(s.title == "From disk");
  CHECK(s.data.wave_files[0] == (folder.path() / "t0.csv").string());
  CHECK(s.data.wave_files[1] == (folder.path() / "t1.csv").string());
  REQUIRE(s.scales.size() == 1);
  CHECK(s.scales[0].scale == "belong3");

  // Errors name the file as given.
  folder.write("bad.toml", "[data]\nfile = \"a.csv\"\n[settings]\nlevel = 2\n");
  const std::string bad = (folder.path() / "bad.toml").string();
  const auto e = data_error_of([&] { (void)load_study(bad); });
  REQUIRE(e.has_value());
  CHECK(contains(e->what(), bad + ":4: settings.level"));
}

TEST_CASE("study_file: a study file that is not there names the path") {
  const std::string path = (fs::temp_directory_path() / "socialcure_no_such_study.toml").string();
  const auto e = data_error_of([&] { (void)load_study(path); });
  REQUIRE(e.has_value());
  CHECK(e->where().file == path);
  CHECK(std::string(e->what()) == path + ": the study file does not exist");

  const auto folder = data_error_of([] { (void)load_study(fs::temp_directory_path().string()); });
  REQUIRE(folder.has_value());
  CHECK(contains(folder->what(), "is a folder, not a study file"));
}
