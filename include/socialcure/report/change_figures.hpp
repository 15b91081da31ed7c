#pragma once
/// \file
/// \brief Figures of change between two waves, as standalone SVG documents (no scripts, fonts or
/// links; they open in a browser and in a word processor).
///
/// - change_slope_svg: one panel per measure. Every person with both values is a thin grey line
///   from their pre to their post value (at most `max_lines` people, chosen evenly through the
///   data, with the count drawn stated), and the wave means are black points with their
///   confidence intervals (mean -/+ t_{n-1} SD / sqrt(n), over the same complete pairs) joined by a
///   thick line.
/// - group_counts_svg: the distribution of the number of groups per person at each wave, as
///   side-by-side bars (share of the people surveyed at that wave).

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "socialcure/measures/groups.hpp"

namespace socialcure {

/// \brief One measure of a change figure.
struct change_panel {
  std::string title;
  Eigen::VectorXd pre;   ///< one value per person (NaN = missing: the person is left out)
  Eigen::VectorXd post;
};

/// \brief Settings of the change figure.
struct change_figure_options {
  std::string pre_label = "pre";
  std::string post_label = "post";
  double level = 0.95;
  std::size_t max_lines = 400;  ///< most individual lines drawn per panel
};

/// \brief The slope chart. \throws argument_error on no panels, unequal lengths or a level outside (0, 1).
[[nodiscard]] std::string change_slope_svg(const std::vector<change_panel>& panels,
                                           const change_figure_options& options = {});

/// \brief The distribution of group counts per wave.
[[nodiscard]] std::string group_counts_svg(const group_results& results);

}  // namespace socialcure
