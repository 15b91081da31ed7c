#pragma once
// Internal: the design of a conditional process model (PROCESS 7, 8, 14, 15, 58, 59), shared by
// the gaussian models (mediation.cpp) and those with a GLM outcome (conditional_natural_effects.cpp):
// which paths W moderates, the data columns with the products and the optional centring, and the
// equations in PROCESS's column order.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "analyses/detail/path_system.hpp"
#include "socialcure/analyses/mediation.hpp"
#include "socialcure/models/design.hpp"

namespace socialcure::detail {

/// Which paths the moderator W moderates.
struct moderated_paths {
  bool a = false;  ///< X -> M
  bool b = false;  ///< M -> Y
  bool c = false;  ///< X -> Y
};

/// The paths of model 7, 8, 14, 15, 58 or 59; none for another number.
[[nodiscard]] std::optional<moderated_paths> paths_of(int model);

/// Where the columns of a conditional process model are in its data (0 = none).
struct conditional_layout {
  moderated_paths mod;
  std::size_t c = 0;  ///< covariates, columns 2..1+c
  std::size_t k = 0;  ///< mediators, columns 2+c..1+c+k
  std::size_t w = 0;
  std::size_t xw = 0;
  std::vector<std::size_t> mw;  ///< per mediator (when W moderates M -> Y)
  std::size_t y = 0;
  [[nodiscard]] std::size_t mediator(std::size_t j) const { return 2 + c + j; }
};

/// The variables centred before the products were formed, and the means subtracted.
struct centring_record {
  std::vector<std::string> variables;  ///< in the order X, W, mediators
  std::vector<double> means;
};

/// The data columns: intercept, X, covariates, mediators, W (the frame's, which must hold the
/// predictors in the order X, covariates, mediators, W), then X*W and the M_j*W that the model
/// needs, then Y; the product variables are centred first as `spec.center` asks. Sets `l` and
/// the column `names`.
[[nodiscard]] Eigen::MatrixXd conditional_data(const model_frame& frame, const mediation_spec& spec, conditional_layout& l,
                                               std::vector<std::string>& names, centring_record& centred);

/// The equations in PROCESS's column order: M_j on X (W, X*W), covariates; Y on X, the
/// mediators, (W, the M_j*W, X*W), covariates. The mediators' equations first, Y's last.
[[nodiscard]] std::vector<path_equation> conditional_equations(const conditional_layout& l);

/// The position of data column `column` among the regressors of `eq` (their count when absent).
[[nodiscard]] std::size_t position_of(const path_equation& eq, std::size_t column);

}  // namespace socialcure::detail
