#pragma once
/// \file
/// \brief A pre/post study: its description (data, scales, counts, models, settings) and
/// everything it finds.
///
/// A study has two waves (e.g. referral and four months later) of one panel of respondents. Its
/// description names the data (one wide file whose wave columns carry a suffix, or one file per
/// wave joined by id; optionally a long group-membership file), the validated scales and the
/// columns of their items, count outcomes (e.g. GP appointments), covariates and the models.
/// run_study() reads the data, scores the scales at each wave with their reliability, counts
/// group memberships, compares completers with non-completers, analyses the change of every
/// measure, and fits the models. The same steps are public one by one in stages.hpp, for a
/// program that wants only some of them or its own tables in memory.
///
/// The analysis table. run_study() builds one row per respondent (everyone in either wave, never
/// dropped) with the id, the person-level columns of the data (those without a wave suffix, or
/// the first wave's file's columns not measured at both waves), and for every measure M (a
/// scale, the group count "groups", a count outcome) the columns M_<wave1>, M_<wave2> and
/// M_change (second - first). Models name these columns: e.g. a serial mediation of
/// groups_change -> belonging_change -> loneliness_change -> gp_visits_change.
///
/// A model is one of the kinds in study_model_spec (a std::variant): study_mediation (PROCESS
/// models 4 and 6, or a conditional process model 7, 8, 14, 15, 58, 59 with a moderator),
/// study_glm_mediation (models 4 and 6 with a count or binary outcome), study_within_mediation,
/// study_regression or study_moderation (PROCESS models 1-3); each kind has its own fields and
/// its `type` name (the `type` key of a study file and of results.json; both mediation kinds are
/// "mediation", told apart by their `family`).

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/missing_data.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/moderation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/analyses/probing.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

namespace socialcure {

/// \brief Where a study's data are.
struct study_data {
  /// One wide file with one row per respondent; wave columns are stem + separator + wave
  /// ("ucla1_t0"). Give either this or `wave_files`.
  std::string wide_file;
  std::string separator = "_";
  /// One file per wave, joined by the id column (columns named by their stems, "ucla1").
  std::array<std::string, 2> wave_files;
  /// A long group-membership file (one row per respondent, wave and group), optional.
  std::string groups_file;
  group_columns groups_columns;  ///< its columns (id, wave, group required)
  /// Codes read as missing, in every format (read_table's rule: an equal text, and for a numeric
  /// code an equal number; SPSS/Stata files' own missing values are missing too).
  std::vector<std::string> missing_codes{"", "NA"};
  /// Columns read as text (besides the id).
  std::vector<std::string> text_columns;
};

/// \brief A validated scale measured at both waves.
struct study_scale {
  std::string name;   ///< the measure's name in the analysis table, e.g. "loneliness"
  std::string scale;  ///< a catalogue id (e.g. "ucla3"), or the id of `definition`
  /// The definition (filled from the catalogue or a custom file by the loader; a custom scale
  /// defined in code goes here).
  std::optional<scale_definition> definition;
  /// The item columns in the scale's item order, by stem: the same at both waves.
  std::vector<std::string> items;
};

/// \brief A count outcome measured at both waves (e.g. GP appointments).
struct study_count {
  std::string name;    ///< the measure's name, e.g. "gp_visits"
  std::string column;  ///< its column stem (default: the name)
};

/// \brief A between-subject mediation on columns of the analysis table (fit_mediation; PROCESS
/// model 4 when parallel, 6 when serial, or a conditional process model with a moderator W).
struct study_mediation {
  static constexpr std::string_view type = "mediation";
  std::string x;                        ///< e.g. "groups_change"
  std::vector<std::string> mediators;   ///< e.g. {"belonging_change", "loneliness_change"}
  std::string y;                        ///< e.g. "gp_visits_change"
  std::vector<std::string> covariates;  ///< entered in every equation
  mediation_model model = mediation_model::serial;
  /// PROCESS's conditional process model (7, 8, 14, 15, 58, 59; parallel mediators) or 0 (none).
  int moderated_model = 0;
  std::string w{};      ///< the moderator (conditional process models only), e.g. "identification_t0"
  probe_options probe{};  ///< the values of W probed (mediation_spec::probe)
  centering center = centering::none;  ///< PROCESS `center` (mediation_spec::center)
  std::string cluster{};  ///< a cluster column: the cluster bootstrap (mediation_spec::cluster)
};

/// \brief A between-subject mediation whose outcome is a count or 0/1 (fit_glm_mediation; PROCESS
/// model 4 when parallel, 6 when serial): linear mediators, the outcome by a Poisson, negative
/// binomial or logistic regression, natural effects of X from x0 to x1 as ratios and on the
/// response scale. In a study file: a `type = "mediation"` model with `family` poisson, negbin
/// or binomial; with `model` 7, 8, 14, 15, 58 or 59 and `w` a conditional process model (the
/// effects at each probe value of W).
struct study_glm_mediation {
  static constexpr std::string_view type = "mediation";
  std::string x;                        ///< e.g. "groups_change"
  std::vector<std::string> mediators;   ///< e.g. {"belonging_change", "loneliness_change"}
  std::string y;                        ///< e.g. "gp_visits_t1" (a count, or 0/1 for binomial)
  std::vector<std::string> covariates;  ///< entered in every equation, e.g. {"gp_visits_t0"}
  mediation_model model = mediation_model::serial;
  glm_family family = glm_family::negative_binomial;
  glm_link link = glm_link::logit;  ///< binomial only: logit (default) or probit
  std::string offset{};    ///< glm_mediation_spec::offset (counts only)
  std::string exposure{};  ///< glm_mediation_spec::exposure: its log is the offset (counts only)
  bool interaction = false;  ///< X*M terms in the outcome model
  std::string cluster{};     ///< a cluster column: the cluster bootstrap
  /// x0 and x1; none: 0 -> 1 for a 0/1 X, else mean -> mean + SD (glm_mediation_spec::x_values).
  std::optional<std::pair<double, double>> x_values{};
  int moderated_model = 0;             ///< glm_mediation_spec::moderated_model (0: model 4 or 6)
  std::string w{};                     ///< the moderator (conditional process models only)
  probe_options probe{};               ///< glm_mediation_spec::probe
  centering center = centering::none;  ///< glm_mediation_spec::center
};

/// \brief A two-instance within-subject mediation of measures (fit_within_mediation, MEMORE):
/// the two waves of each measure are its instances.
struct study_within_mediation {
  static constexpr std::string_view type = "within_mediation";
  std::vector<std::string> mediators;  ///< measure names, e.g. {"belonging"}
  std::string y;                       ///< a measure name, e.g. "loneliness"
  mediation_model model = mediation_model::serial;  ///< serial: exactly two mediators
  std::string cluster{};  ///< a cluster column: the cluster bootstrap (within_mediation_spec::cluster)
};

/// \brief A regression of a column of the analysis table: OLS, or a GLM when `family` is given.
struct study_regression {
  static constexpr std::string_view type = "regression";
  std::string y;                        ///< the response, e.g. "gp_visits_t0"
  std::vector<std::string> x;           ///< the predictors (text columns enter as categorical terms)
  std::vector<std::string> covariates;  ///< added to the predictors
  std::optional<glm_family> family;     ///< none: OLS (linear); else poisson, negative_binomial, binomial
  se_type se = se_type::hc3;            ///< OLS only: the standard errors (unused with `cluster`)
  /// A cluster column (e.g. the practice): cluster-robust standard errors (model_spec::cluster).
  std::string cluster{};
  cluster_se_type cluster_se = cluster_se_type::cr1;  ///< with `cluster`: CR1 or CR2
};

/// \brief A moderation (PROCESS model 1, 2 or 3; fit_moderation) on columns of the analysis table.
struct study_moderation {
  static constexpr std::string_view type = "moderation";
  int model = 1;                        ///< 1 (W), 2 (W and Z additive), 3 (W, Z and X*W*Z)
  std::string x{};                      ///< e.g. "groups_change"
  std::string w{};                        ///< e.g. "identification_t0"
  std::string z{};                      ///< second moderator (models 2 and 3 only)
  std::string y{};                      ///< e.g. "belonging_change"
  std::vector<std::string> covariates{};  ///< entered in the equation
  centering center = centering::none;   ///< PROCESS `center`
  probe_options probe{};                ///< the values of W (and of Z) probed
  se_type se = se_type::classical;      ///< classical (PROCESS default) or HC0-HC4
  std::optional<double> level{};        ///< none: the study's level
};

/// \brief The kinds of model a study can run; a new kind is one more alternative (with its
/// `type` name) and one fitting function.
using study_model_spec =
    std::variant<study_mediation, study_within_mediation, study_regression, study_moderation, study_glm_mediation>;

/// \brief One model of the study.
struct study_model {
  std::string name;  ///< a label for tables and figure file names (letters, digits, '_' and '-')
  study_model_spec spec;
  /// \brief The kind's name: "mediation" (both mediation kinds), "within_mediation", "regression"
  /// or "moderation".
  [[nodiscard]] std::string_view type() const noexcept;
};

/// \brief The inference settings shared by the study's analyses.
struct study_settings {
  double level = 0.95;
  std::size_t replicates = 5000;
  std::uint64_t seed = 1;  ///< bootstrap seed (a study always fixes it, so that reports reproduce)
  ci_method ci = ci_method::percentile;
  unsigned threads = 0;    ///< 0: all hardware threads
};

/// \brief A study description.
struct study_definition {
  std::string title;
  std::string id_column = "id";
  std::array<std::string, 2> waves{"t0", "t1"};
  study_data data;
  /// The completion flag (1 completed, 0 dropped out) in the person columns; empty: a respondent
  /// completed when present at the second wave.
  std::string completed;
  std::vector<study_scale> scales;
  std::vector<study_count> counts;
  /// Person-level columns compared between completers and non-completers (besides every
  /// measure's first wave) and available to the models.
  std::vector<std::string> covariates;
  std::vector<study_model> models;
  study_settings settings;
  /// \brief Checks the whole description, the data files included.
  /// \throws argument_error "study: <field>: <problem>" naming the field of a problem (no waves,
  /// no or both kinds of data file, repeated or clashing names, a model without its variables, a
  /// mediation with too many mediators, ...).
  void validate() const;
};

/// \brief A scale at one wave: scores and reliability.
struct study_scale_wave {
  scale_scores scores;  ///< every row of the analysis table (absent respondents unscored)
  std::size_t n = 0;    ///< respondents present at the wave with a score
  double mean = 0.0;    ///< of those scores (mean_and_sd); missing when n = 0
  double sd = 0.0;      ///< sample SD; missing when n < 2
  std::optional<alpha_result> alpha;  ///< pairwise covariances, as psych (absent with fewer than 2 items or no variance)
  std::optional<omega_result> omega;  ///< with at least 3 items
  std::string reliability_note;       ///< why alpha/omega are absent
};

/// \brief A scale of the study.
struct study_scale_result {
  study_scale scale;
  std::array<study_scale_wave, 2> waves;
};

/// \brief The change of one measure between the waves.
struct study_change {
  std::string measure;
  bool count = false;
  /// Reliability used for reliable change (alpha at the first wave), missing when not a scale.
  double reliability = 0.0;
  change_result result;
};

/// \brief The fit of a model: mediation_result for a (within-subject) mediation, ols_result or
/// glm_result for a regression, moderation_result for a moderation, glm_mediation_result for a
/// mediation with a count or binary outcome (a new kind of result is one more alternative).
using study_model_fit = std::variant<mediation_result, ols_result, glm_result, moderation_result, glm_mediation_result>;

/// \brief One fitted model.
struct study_model_result {
  study_model model;
  study_model_fit fit;
  std::size_t n_rows = 0;  ///< rows of the analysis table
  /// \brief The mediation result, or null when the model is a regression.
  [[nodiscard]] const mediation_result* mediation() const noexcept { return std::get_if<mediation_result>(&fit); }
  /// \brief The OLS result, or null when the model is not a linear regression.
  [[nodiscard]] const ols_result* ols() const noexcept { return std::get_if<ols_result>(&fit); }
  /// \brief The GLM result, or null when the model is not a GLM regression.
  [[nodiscard]] const glm_result* glm() const noexcept { return std::get_if<glm_result>(&fit); }
  /// \brief The moderation result, or null when the model is not a moderation.
  [[nodiscard]] const moderation_result* moderation() const noexcept { return std::get_if<moderation_result>(&fit); }
  /// \brief The result of a mediation with a count or binary outcome, or null.
  [[nodiscard]] const glm_mediation_result* glm_mediation() const noexcept {
    return std::get_if<glm_mediation_result>(&fit);
  }
};

/// \brief Everything a study found.
struct study_result {
  study_definition study;
  table analysis;  ///< one row per respondent (see the file comment)
  std::size_t n_first = 0;      ///< respondents at the first wave
  std::size_t n_second = 0;     ///< respondents at the second wave
  std::size_t n_both = 0;
  std::size_t n_second_only = 0;
  std::optional<attrition_result> attrition;  ///< when some but not all completed
  std::optional<missingness_description> missingness;  ///< patterns at the first wave (study_attrition)
  std::optional<little_mcar_result> little_mcar;       ///< Little's test on those variables
  std::vector<study_scale_result> scales;
  std::optional<group_results> groups;
  std::vector<study_change> changes;  ///< scales, then groups, then counts
  std::vector<study_model_result> models;
  std::vector<std::string> notes;  ///< exclusions and everything a reader should know
};

/// \brief Reads the data a study names and runs it: build_study_table, study_attrition,
/// study_measures, study_changes and fit_study_model for each model (stages.hpp).
/// \param study           the description; validated first
/// \param base_directory  the folder relative file names are taken from (the study file's folder)
/// \param progress        called with (model index, done, total) during bootstrap runs; returns
///                        false to cancel; may be empty
/// \returns every result, with the notes of the table and the attrition stage in that order
/// \throws argument_error naming what is unknown and listing what is available (a column, a
/// scale); data_error with file, line, column and value for bad data.
[[nodiscard]] study_result run_study(
    const study_definition& study, const std::string& base_directory = {},
    const std::function<bool(std::size_t, std::size_t, std::size_t)>& progress = {});

}  // namespace socialcure
