#pragma once
/// \file
/// \brief A whole pre/post study in one call: the study description and everything it finds.
///
/// A study has two waves (e.g. referral and four months later) of one panel of respondents. Its
/// description names the data (one wide file whose wave columns carry a suffix, or one file per
/// wave joined by id; optionally a long group-membership file), the validated scales and the
/// columns of their items, count outcomes (e.g. GP appointments), covariates and the models.
/// run_study() reads the data, scores the scales at each wave with their reliability, counts
/// group memberships, compares completers with non-completers, analyses the change of every
/// measure, and fits the models.
///
/// The analysis table. run_study() builds one row per respondent (everyone in either wave, never
/// dropped) with the id, the person-level columns of the data (those without a wave suffix, or
/// the first wave's file's columns not measured at both waves), and for every measure M (a
/// scale, the group count "groups", a count outcome) the columns M_<wave1>, M_<wave2> and
/// M_change (second - first). Models name these columns: e.g. a serial mediation of
/// groups_change -> belonging_change -> loneliness_change -> gp_visits_change.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scoring.hpp"
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
  /// Codes read as missing in delimited files (SPSS/Stata files carry their own).
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

/// \brief The kinds of model a study can run.
enum class study_model_kind {
  mediation,         ///< between-subject mediation on columns of the analysis table (fit_mediation)
  within_mediation,  ///< two-instance within-subject mediation of measures (fit_within_mediation)
  regression,        ///< a regression of a column of the analysis table
};

/// \brief "mediation", "within_mediation", "regression".
[[nodiscard]] std::string_view to_string(study_model_kind kind) noexcept;

/// \brief One model of the study.
struct study_model {
  std::string name;  ///< a label for tables and figure file names (letters, digits, '_' and '-')
  study_model_kind kind = study_model_kind::mediation;
  /// mediation: the columns; within_mediation: `mediators` and `y` are measure names (their two
  /// waves are the instances); regression: `y` and the predictors in `x_terms`.
  std::string x;
  std::vector<std::string> mediators;
  std::string y;
  std::vector<std::string> x_terms;     ///< regression predictors (columns of the analysis table)
  std::vector<std::string> covariates;  ///< added to every equation (mediation) / to the predictors
  mediation_model model = mediation_model::serial;
  /// regression: none for OLS (linear), or a GLM family (poisson, negative_binomial, binomial)
  std::optional<glm_family> family;
  se_type se = se_type::hc3;  ///< regression with OLS: the standard errors
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
  /// \throws argument_error naming the field of a problem (no waves, repeated or clashing
  /// names, a model without its variables, a mediation with too many mediators, ...).
  void validate() const;
};

/// \brief A scale at one wave: scores and reliability.
struct study_scale_wave {
  scale_scores scores;
  std::size_t n = 0;  ///< respondents with a score
  double mean = 0.0;
  double sd = 0.0;
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

/// \brief One fitted model.
struct study_model_result {
  study_model model;
  std::optional<mediation_result> mediation;
  std::optional<ols_result> ols;
  std::optional<glm_result> glm;
  std::size_t n_rows = 0;      ///< rows of the analysis table
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
  std::vector<study_scale_result> scales;
  std::optional<group_results> groups;
  std::vector<study_change> changes;  ///< scales, then groups, then counts
  std::vector<study_model_result> models;
  std::vector<std::string> notes;  ///< exclusions and everything a reader should know
};

/// \brief Reads the data a study names and runs it. Relative file names are taken from
/// `base_directory` (the study file's folder).
/// \param progress called with (model index, done, total) during bootstrap runs; may be empty.
/// \throws argument_error naming what is unknown and listing what is available (a column, a
/// scale); data_error with file, line, column and value for bad data.
[[nodiscard]] study_result run_study(
    const study_definition& study, const std::string& base_directory = {},
    const std::function<bool(std::size_t, std::size_t, std::size_t)>& progress = {});

}  // namespace socialcure
