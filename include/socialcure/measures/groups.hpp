#pragma once
/// \file
/// \brief Group memberships, the Social Cure's own measures: how many groups a person belongs to,
/// how strongly they identify with them, and which groups they keep, gain and lose between waves
/// (the social identity model of identity change: continuity and gain).
///
/// Data come in long format: one row per person x wave x group. A person surveyed at a wave with no
/// group has one row with an empty group name, so "zero groups" is never confused with "not
/// surveyed" (no row at all). Groups are matched across waves by their id when one is given, else
/// by normalised name (lower case, outer spaces removed, inner runs of spaces made one); two groups
/// of one person and wave with the same normalised name (or id) are an error naming both rows (or,
/// under group_options::on_invalid = exclude, the later row is excluded and counted).

#include <cstddef>
#include <map>
#include <utility>
#include <string>
#include <vector>

#include "socialcure/core/missing.hpp"
#include "socialcure/data/table.hpp"

namespace socialcure {

/// \brief The standard group categories (a category may be any other text too).
[[nodiscard]] const std::vector<std::string>& standard_group_categories();

/// \brief One group membership of one person at one wave.
struct group_membership {
  std::string name;      ///< as written
  std::string group_id;  ///< stable id (optional)
  std::string category;  ///< e.g. "family", "sport" (optional)
  double identification = missing_value;
  double importance = missing_value;
  double positivity = missing_value;
  double contact = missing_value;  ///< contact frequency
  double pathway = missing_value;  ///< 1 when joined through the social-prescribing pathway, 0 when not
  std::size_t line = 0;            ///< source line (0 when built in code)

  /// \brief The key used to match the group across waves: the id, else the normalised name.
  [[nodiscard]] std::string key() const;
};

/// \brief Lower case, outer white space removed, inner runs of white space made one space.
[[nodiscard]] std::string normalise_group_name(const std::string& name);

/// \brief A person's groups at one wave (surveyed = false: no row at that wave).
struct wave_groups {
  bool surveyed = false;
  std::vector<group_membership> groups;
  /// Group rows of this person and wave excluded for a bad value (identification outside its
  /// codes, under invalid_policy::exclude): the groups are then incomplete, and wave_metrics
  /// gives missing metrics rather than counts that leave the group out.
  std::size_t incomplete_rows = 0;
};

/// \brief Settings of the group measures.
struct group_options {
  double high_identification = 5.0;  ///< "highly identified": identification at or above this
  double positive_threshold = 5.0;   ///< "positive group": positivity at or above this
  double identification_min = 1.0;  ///< codes of the identification scale
  double identification_max = 7.0;
  /// Wave order; empty: the order in which waves first appear in the data.
  std::vector<std::string> waves;
  /// Bad rows (unknown wave, identification outside its codes, a group twice in one wave): error
  /// naming the row (default), or exclude the row and count it.
  enum class invalid_policy { error, exclude } on_invalid = invalid_policy::error;
  void validate() const;
};

/// \brief Column names of the long-format group data (empty = absent).
struct group_columns {
  std::string id = "id";
  std::string wave = "wave";
  std::string group = "group";
  std::string group_id;
  std::string category;
  std::string identification;
  std::string importance;
  std::string positivity;
  std::string contact;
  std::string pathway;
};

/// \brief Everyone's groups, per wave.
struct group_panel {
  std::vector<std::string> waves;
  /// Everyone with an id, in order of first appearance (also a person all of whose rows were
  /// excluded: then not surveyed at any wave).
  std::vector<std::string> people;
  std::vector<std::vector<wave_groups>> memberships;  ///< [person][wave]
  std::size_t rows_read = 0;
  std::size_t rows_excluded = 0;                      ///< bad rows excluded under invalid_policy::exclude
  std::vector<std::string> exclusions;                ///< one message per excluded row
};

/// \brief Reads long-format group data. \throws data_error naming file, line, respondent and value
/// for a bad row (under invalid_policy::error); argument_error on an unknown column.
[[nodiscard]] group_panel read_group_panel(const table& data, const group_columns& columns,
                                           const group_options& options = {});

/// \brief Metrics of one person at one wave.
struct group_metrics {
  /// \brief The metrics by name, in a fixed order: n_groups, n_high_id, mean_id, sum_id,
  /// n_categories, blau, n_positive, mean_contact, n_pathway.
  static const std::vector<std::pair<const char*, double group_metrics::*>>& fields();

  bool surveyed = false;
  double n_groups = missing_value;
  double n_high_id = missing_value;       ///< identification >= high_identification
  double mean_id = missing_value;         ///< over groups with an identification
  double sum_id = missing_value;
  double n_categories = missing_value;    ///< distinct non-empty categories
  double blau = missing_value;            ///< 1 - sum_c p_c^2 over the groups' categories (missing with 0 groups)
  double n_positive = missing_value;      ///< positivity >= positive_threshold
  double mean_contact = missing_value;
  double n_pathway = missing_value;       ///< joined through the pathway
};

/// \brief The metrics of a person's groups at one wave (all missing when not surveyed, or when a
/// group row of the wave was excluded: see wave_groups::incomplete_rows).
[[nodiscard]] group_metrics wave_metrics(const wave_groups& groups, const group_options& options = {});

/// \brief What happened to a person's groups between two waves.
struct group_transition {
  double maintained = missing_value;
  double gained = missing_value;
  double lost = missing_value;
  double continuity = missing_value;  ///< maintained / groups at the first wave (missing with none)
  double net_change = missing_value;
  group_metrics change;  ///< second-wave metric minus first-wave metric (missing where either is)
};

/// \brief The transition between two waves (missing unless surveyed at both).
[[nodiscard]] group_transition wave_transition(const wave_groups& from, const wave_groups& to);

/// \brief Mean, SD and distribution of the number of groups at one wave.
struct group_wave_summary {
  std::string wave;
  std::size_t n_surveyed = 0;
  double mean_groups = missing_value;
  double sd_groups = missing_value;
  std::map<int, std::size_t> distribution;  ///< number of groups -> number of people
  double mean_high_id = missing_value;
  group_metrics mean;  ///< the mean of each metric over the people surveyed (missing values skipped)
  group_metrics sd;    ///< the SD (n - 1) of each metric
};

/// \brief Per-person results and the cohort summary.
struct group_results {
  std::vector<std::string> waves;
  std::string from;  ///< transition waves
  std::string to;
  std::vector<std::string> people;
  std::vector<std::vector<group_metrics>> metrics;  ///< [person][wave]
  std::vector<group_transition> transitions;        ///< [person], between `from` and `to`
  std::vector<group_wave_summary> summaries;        ///< per wave
  std::size_t n_both = 0;                           ///< people surveyed at both transition waves
  double share_gained_any = missing_value;          ///< among them, the share who gained a group
  std::size_t rows_excluded = 0;
};

/// \brief Metrics for everyone, and the transition between waves `from` and `to` (empty: the first
/// two waves). \throws argument_error on an unknown wave.
[[nodiscard]] group_results analyse_groups(const group_panel& panel, const std::string& from = {},
                                           const std::string& to = {}, const group_options& options = {});

/// \brief One row per person: id, the metrics per wave (columns METRIC_WAVE), the transition
/// (maintained, gained, lost, continuity, net_change) and the change of each metric
/// (change_METRIC), to join with scale scores by id.
[[nodiscard]] table group_results_table(const group_results& results, const std::string& id_column = "id");

}  // namespace socialcure
