#include "analyses/detail/conditional_layout.hpp"

#include <algorithm>
#include <span>

#include "socialcure/analyses/probing.hpp"

namespace socialcure::detail {

std::optional<moderated_paths> paths_of(int model) {
  switch (model) {
    case 7: return moderated_paths{true, false, false};
    case 8: return moderated_paths{true, false, true};
    case 14: return moderated_paths{false, true, false};
    case 15: return moderated_paths{false, true, true};
    case 58: return moderated_paths{true, true, false};
    case 59: return moderated_paths{true, true, true};
    default: return std::nullopt;
  }
}

std::size_t position_of(const path_equation& eq, std::size_t column) {
  return static_cast<std::size_t>(std::find(eq.regressors.begin(), eq.regressors.end(), column) - eq.regressors.begin());
}

Eigen::MatrixXd conditional_data(const model_frame& frame, const mediation_spec& spec, conditional_layout& l,
                                 std::vector<std::string>& names, centring_record& centred) {
  l.mod = *paths_of(spec.moderated_model);
  l.c = spec.covariates.size();
  l.k = spec.mediators.size();
  l.w = 2 + l.c + l.k;
  std::size_t next = l.w + 1;
  if (l.mod.a || l.mod.c) l.xw = next++;
  if (l.mod.b) {
    for (std::size_t j = 0; j < l.k; ++j) l.mw.push_back(next++);
  }
  l.y = next;
  Eigen::MatrixXd z(frame.x.rows(), static_cast<Eigen::Index>(l.y + 1));
  z.leftCols(frame.x.cols()) = frame.x;
  z.col(static_cast<Eigen::Index>(l.y)) = frame.y;
  names = frame.term_names();
  const auto col = [&](std::size_t j) { return z.col(static_cast<Eigen::Index>(j)); };
  if (spec.center != centering::none) {
    std::vector<std::size_t> centre;
    if (l.xw != 0) centre.push_back(1);
    centre.push_back(l.w);
    for (std::size_t j = 0; j < l.mw.size(); ++j) centre.push_back(l.mediator(j));
    for (const std::size_t j : centre) {
      const Eigen::VectorXd v = col(j);
      if (spec.center == centering::continuous && is_dichotomous(std::span<const double>(v.data(), static_cast<std::size_t>(v.size())))) continue;
      const double mean = v.mean();
      col(j).array() -= mean;
      centred.variables.push_back(names[j]);
      centred.means.push_back(mean);
    }
  }
  if (l.xw != 0) {
    col(l.xw) = col(1).cwiseProduct(col(l.w));
    names.push_back(spec.x + "*" + spec.w);
  }
  for (std::size_t j = 0; j < l.mw.size(); ++j) {
    col(l.mw[j]) = col(l.mediator(j)).cwiseProduct(col(l.w));
    names.push_back(spec.mediators[j] + "*" + spec.w);
  }
  names.push_back(spec.y);
  return z;
}

std::vector<path_equation> conditional_equations(const conditional_layout& l) {
  std::vector<path_equation> out;
  for (std::size_t j = 0; j < l.k; ++j) {
    path_equation eq;
    eq.outcome = l.mediator(j);
    eq.regressors = {0, 1};
    if (l.mod.a) eq.regressors.insert(eq.regressors.end(), {l.w, l.xw});
    for (std::size_t i = 0; i < l.c; ++i) eq.regressors.push_back(2 + i);
    out.push_back(eq);
  }
  path_equation ye;
  ye.outcome = l.y;
  ye.regressors = {0, 1};
  for (std::size_t j = 0; j < l.k; ++j) ye.regressors.push_back(l.mediator(j));
  if (l.mod.b || l.mod.c) ye.regressors.push_back(l.w);
  ye.regressors.insert(ye.regressors.end(), l.mw.begin(), l.mw.end());
  if (l.mod.c) ye.regressors.push_back(l.xw);
  for (std::size_t i = 0; i < l.c; ++i) ye.regressors.push_back(2 + i);
  out.push_back(ye);
  return out;
}

}  // namespace socialcure::detail
