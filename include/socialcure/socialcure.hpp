#pragma once
/// \file
/// \brief The front door: the whole public API of socialcure in one include.
///
/// \code
/// #include <socialcure/socialcure.hpp>   // compile with -std=c++20 (or later)
/// \endcode
///
/// Every public header under include/socialcure/ is listed here, layer by layer (core, data,
/// measures, models, analyses, study, report); a test (headers.front_door_complete) fails when one is
/// missing. Including a single header instead, e.g. <socialcure/models/ols.hpp>, also works and
/// compiles faster.

// core: errors, missing values, numbers, reference distributions, the version
#include "socialcure/core/distributions.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/core/version.hpp"

// data: the column table, file readers, the bundled sample, waves, reshaping, descriptives
#include "socialcure/data/csv.hpp"
#include "socialcure/data/describe.hpp"
#include "socialcure/data/imputations.hpp"
#include "socialcure/data/read_table.hpp"
#include "socialcure/data/reshape.hpp"
#include "socialcure/data/sample.hpp"
#include "socialcure/data/stat_file.hpp"
#include "socialcure/data/table.hpp"
#include "socialcure/data/waves.hpp"

// measures: scales, the catalogue, scoring, reliability, group memberships
#include "socialcure/measures/catalogue.hpp"
#include "socialcure/measures/groups.hpp"
#include "socialcure/measures/reliability.hpp"
#include "socialcure/measures/scale.hpp"
#include "socialcure/measures/scale_loader.hpp"
#include "socialcure/measures/scoring.hpp"

// models: design matrices, OLS, GLMs, coefficients, cluster-robust covariances
#include "socialcure/models/cluster_covariance.hpp"
#include "socialcure/models/coefficient.hpp"
#include "socialcure/models/design.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"

// analyses: change, attrition, mediation
#include "socialcure/analyses/attrition.hpp"
#include "socialcure/analyses/missing_data.hpp"
#include "socialcure/analyses/bootstrap_intervals.hpp"
#include "socialcure/analyses/change.hpp"
#include "socialcure/analyses/change_scores.hpp"
#include "socialcure/analyses/effect_sizes.hpp"
#include "socialcure/analyses/evalues.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/analyses/mediation_sensitivity.hpp"
#include "socialcure/analyses/moderation.hpp"
#include "socialcure/analyses/natural_effects.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/analyses/pooling.hpp"
#include "socialcure/analyses/probing.hpp"
#include "socialcure/analyses/reliable_change.hpp"

// study: the study description, the study file, the stages of a pre/post study
#include "socialcure/study/stages.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/study/study_file.hpp"

// report: text tables, JSON, Markdown/HTML, SVG and DOT figures
#include "socialcure/report/attrition_report.hpp"
#include "socialcure/report/missing_report.hpp"
#include "socialcure/report/change_figures.hpp"
#include "socialcure/report/change_report.hpp"
#include "socialcure/report/describe_report.hpp"
#include "socialcure/report/groups_report.hpp"
#include "socialcure/report/measures_report.hpp"
#include "socialcure/report/mediation_report.hpp"
#include "socialcure/report/natural_effects_report.hpp"
#include "socialcure/report/moderation_report.hpp"
#include "socialcure/report/path_diagram.hpp"
#include "socialcure/report/process_figures.hpp"
#include "socialcure/report/pooling_report.hpp"
#include "socialcure/report/regression_report.hpp"
#include "socialcure/report/sensitivity_report.hpp"
#include "socialcure/report/study_report.hpp"
#include "socialcure/report/text_table.hpp"
