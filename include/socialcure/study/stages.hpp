#pragma once
/// \file
/// \brief The stages of a study, public one by one: read the data, build the analysis table,
/// compare completers with non-completers, score the scales with their reliability, analyse the
/// change of every measure, fit the models. run_study() (study.hpp) is these calls in this order.
///
/// \code
/// socialcure::study_definition study;                       // or load_study("study.toml")
/// study.data.wave_files = {"panel_t0.csv", "panel_t1.csv"};
/// study.scales.push_back({"loneliness", "ucla3", socialcure::find_scale("ucla3"), {"ucla1", "ucla2", "ucla3"}});
/// const socialcure::study_table table = socialcure::build_study_table(study);
/// const auto scales = socialcure::study_measures(study, table);
/// const auto changes = socialcure::study_changes(study, table, scales);
/// \endcode
/// (examples/study_stages.cpp is the whole pre/post workflow, compiled.)
///
/// The stages:
/// 1. read_study_inputs(): the files the study names, as tables (all the reading of a study).
///    A program with its tables in memory fills a study_inputs itself.
/// 2. build_study_table(): the panel (both waves aligned by respondent id), the scale scores at
///    each wave, the group counts, the count outcomes (checked to be counts, with file, line and
///    column when not) and the analysis table below, with the numbers of respondents and notes.
/// 3. study_attrition(): completers against non-completers on the covariates and every
///    measure's first wave.
/// 4. study_measures(): each scale's scores, mean and SD at each wave among the respondents
///    present, with Cronbach's alpha and omega total.
/// 5. study_changes(): the change of every measure (paired tests, effect sizes, reliable change
///    from the first wave's alpha for scales, the paired rate ratio for counts).
/// 6. fit_study_model(): one model of the study on the analysis table.
///
/// The analysis table (study_table::analysis) has one row per respondent of either wave, in the
/// order of the panel (the first wave's rows, then those at the second wave only). Its columns:
/// - the id and the person-level columns (a wide file's columns without a wave suffix; with one
///   file per wave, the first file's columns not measured at both waves);
/// - `present_<wave2>`: 1 when the respondent took part at the second wave, else 0 (not added
///   when the data have a column of that name);
/// - for every measure M, in the order scales, then "groups" (with a group file), then the
///   counts: `M_<wave1>` and `M_<wave2>` (the score, group count or count at each wave, missing
///   where the respondent was absent or unscorable) and `M_change` = `M_<wave2>` - `M_<wave1>`
///   (missing where either is). With waves "t0" and "t1": loneliness_t0, loneliness_t1,
///   loneliness_change, ...
/// A measure column whose name a data column already has is an error (rename the measure).

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/missing_data.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/data/waves.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scoring.hpp"
#include "socialcure/study/study.hpp"

namespace socialcure {

/// \brief The tables a study analyses, before they are aligned: either `wide` or `waves`, and
/// `groups` when the study has a group file.
struct study_inputs {
  /// One row per respondent, wave columns named stem + separator + wave (study_data::separator).
  std::optional<table> wide;
  /// One table per wave, in wave order, joined by the id column.
  std::optional<std::array<table, 2>> waves;
  /// The long group-membership file (columns as in study_data::groups_columns).
  std::optional<table> groups;
};

/// \brief What a measure of the analysis table is.
enum class study_measure_kind {
  scale,   ///< a scale of the study (its score)
  groups,  ///< the number of groups of the group file
  count,   ///< a count outcome of the study
};

/// \brief A measure of the analysis table (its columns are name_<wave1>, name_<wave2>, name_change).
struct study_measure {
  std::string name;
  study_measure_kind kind = study_measure_kind::scale;
  improvement better = improvement::none;  ///< scales: the definition's; groups: higher; counts: lower
};

/// \brief The analysis table and what was read to build it.
struct study_table {
  wave_pair panel;  ///< the two waves aligned by respondent; its rows are the analysis table's
  table analysis;   ///< one row per respondent (see the file comment); source "the analysis table"
  std::vector<std::string> person_columns;  ///< the id and the person-level columns (see the file comment)
  std::vector<study_measure> measures;      ///< in column order: the scales, "groups", the counts
  /// Per scale of the study (in its order), the scores at each wave: one per row, unscored where
  /// the respondent was absent at that wave.
  std::vector<std::array<scale_scores, 2>> scores;
  std::optional<group_results> groups;  ///< when the study has a group file
  std::string present_column;           ///< "present_<wave2>"
  std::size_t n_first = 0;              ///< respondents at the first wave
  std::size_t n_second = 0;             ///< respondents at the second wave
  std::size_t n_both = 0;
  std::size_t n_second_only = 0;
  /// Respondents at the second wave only, scores present but not scorable, prorated scores,
  /// respondents without rows in the group file, rows of the group file not analysed.
  std::vector<std::string> notes;
};

/// \brief The comparison of completers with non-completers at the first wave.
struct study_attrition_result {
  std::optional<attrition_result> comparison;  ///< when some but not all respondents completed
  /// The missing-data patterns among the first wave's respondents, on the numeric covariates and
  /// every measure at both waves (describe_missingness), with Little's MCAR test from their EM
  /// moments; absent with no comparison, and the test absent when EM fails (a note says why).
  std::optional<missingness_description> missingness;
  std::optional<little_mcar_result> little_mcar;
  std::vector<std::string> notes;              ///< why there is no comparison
};

/// \brief Reads the files a study names: the wide file or the two wave files, and the group
/// file. Delimited files (CSV/TSV) take the study's missing codes and text columns; SPSS and
/// Stata files carry their own missing values.
/// \param study           the description (only its `data` and `id_column` are used)
/// \param base_directory  the folder relative file names are taken from (empty: as written)
/// \returns the tables, each named by its file in messages
/// \throws data_error naming the file (and line) when a file cannot be read or parsed
[[nodiscard]] study_inputs read_study_inputs(const study_definition& study, const std::string& base_directory = {});

/// \brief Builds the analysis table from tables already read (or made in memory).
/// \param study   the description; its design is validated (not its file names: `inputs` stands
///                for the files)
/// \param inputs  `wide` or `waves` (exactly one), and `groups` when the group count is wanted
/// \returns the panel, the analysis table (see the file comment), the scale scores per wave, the
///          group results, the numbers of respondents and the notes
/// \throws argument_error on an invalid study, a missing item, count or id column (naming the
/// scale or count and listing the available columns) or a clash of a measure column with a data
/// column; data_error naming the file, line, column and respondent of a count that is not a
/// whole number >= 0, or a repeated or missing id
[[nodiscard]] study_table build_study_table(const study_definition& study, const study_inputs& inputs);

/// \brief Reads the study's files and builds the analysis table:
/// build_study_table(study, read_study_inputs(study, base_directory)) after study.validate().
/// \throws what study_definition::validate(), read_study_inputs and the other overload throw
[[nodiscard]] study_table build_study_table(const study_definition& study, const std::string& base_directory = {});

/// \brief Compares completers with non-completers among the respondents of the first wave on the
/// study's covariates and every measure's first wave (compare_attrition).
/// \param study  the description (completion column, covariates, level)
/// \param data   the table built from `study`
/// \returns the comparison, or none with a note when nobody or everybody completed (or there is
///          nothing to compare)
/// \throws argument_error naming the completion column or a covariate that the person columns
/// lack (listing the available ones); data_error for a completion flag other than 0 or 1
[[nodiscard]] study_attrition_result study_attrition(const study_definition& study, const study_table& data);

/// \brief Each scale at each wave: the scores of build_study_table, their n, mean and sample SD
/// among the respondents present at the wave, Cronbach's alpha (pairwise covariances, Feldt CI)
/// and, with at least 3 items, omega total; a reliability note when these are not available.
/// \param study  the description (scales, level)
/// \param data   the table built from `study`
/// \returns one result per scale of the study, in its order
[[nodiscard]] std::vector<study_scale_result> study_measures(const study_definition& study, const study_table& data);

/// \brief The change of every measure of the analysis table (analyse_change on M_<wave1> and
/// M_<wave2>): for a scale with an alpha at the first wave also reliable change, for a count also
/// the paired rate ratio.
/// \param study   the description (waves, level)
/// \param data    the table built from `study`
/// \param scales  the result of study_measures (for the reliabilities; a scale missing here gets
///                no reliable change)
/// \returns one change per measure, in the order of study_table::measures
[[nodiscard]] std::vector<study_change> study_changes(const study_definition& study, const study_table& data,
                                                      const std::vector<study_scale_result>& scales);

/// \brief Fits one model on the analysis table, with the study's settings (level; bootstrap
/// replicates, seed, interval method and threads for the mediation kinds; a conditional process
/// model with figure_band_points).
/// \param study     the description (waves and settings)
/// \param model     the model, usually one of study.models (any model naming the table's columns)
/// \param data      the table built from `study`
/// \param progress  called with (done, total) during a bootstrap; returns false to cancel; may be empty
/// \returns the model with its fit: mediation_result, ols_result, glm_result or moderation_result
/// \throws argument_error naming the model and a column the analysis table lacks (listing the
/// available ones); what fit_mediation, fit_within_mediation, fit_ols and fit_glm throw
[[nodiscard]] study_model_result fit_study_model(const study_definition& study, const study_model& model,
                                                 const study_table& data,
                                                 const std::function<bool(std::size_t, std::size_t)>& progress = {});

}  // namespace socialcure
