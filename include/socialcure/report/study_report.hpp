#pragma once
/// \file
/// \brief The study report: Markdown, one self-contained HTML page, every number as JSON, and
/// the figures as SVG, all from one socialcure::study_result.
///
/// Sections: the sample and attrition; the scale scores per wave with their reliability; group
/// memberships per wave and their transitions; change of every measure with reliable-change
/// counts; the regression models; the mediation models (conditional process models with their
/// conditional indirect effects and figure; a count or binary outcome with its equations, the
/// natural effects as rate or odds ratios and on the response scale, and one sentence in the
/// outcome's terms, e.g. "... went with 24.5% fewer gp_visits_t1 (rate ratio 0.755, 95% CI 0.711
/// to 0.800), 9.4% of it through ..."); the moderation models; an APA-style sentence for each main
/// result; notes (exclusions, seed, replicates). Decimals: an estimate gets 2 decimals (3 when
/// its size is below 1, 4 below 0.01, 1 from 100 on); its CI limits and SE get the estimate's
/// decimals; p values get 3 decimals ("< .001" below), never fewer than the estimate's.

#include <string>
#include <vector>

#include "socialcure/study/study.hpp"

namespace socialcure {

/// \brief A figure of the report.
struct study_figure {
  std::string file;     ///< relative path, e.g. "figures/change.svg"
  std::string caption;
  std::string svg;      ///< the standalone SVG document
};

/// \brief The rendered report.
struct study_report {
  std::string markdown;  ///< report.md (links the figures by their relative paths)
  std::string html;      ///< report.html (inline CSS and SVG, no external resources, no scripts)
  std::string json;      ///< results.json, schema "socialcure.study/1"
  std::vector<study_figure> figures;
  std::vector<std::string> sentences;  ///< the APA-style sentences, also in the report
};

/// \brief Renders the report of a study.
[[nodiscard]] study_report make_study_report(const study_result& result);

}  // namespace socialcure
