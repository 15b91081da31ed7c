#include "socialcure/models/cluster_covariance.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "socialcure/core/error.hpp"

namespace socialcure {

std::string_view to_string(cluster_se_type type) noexcept { return type == cluster_se_type::cr2 ? "cr2" : "cr1"; }

cluster_se_type parse_cluster_se_type(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "cr1") return cluster_se_type::cr1;
  if (lower == "cr2") return cluster_se_type::cr2;
  throw argument_error("unknown cluster-robust standard-error type '" + std::string(text) + "' (allowed: cr1, cr2)");
}

std::string few_clusters_note(const cluster_info& info) {
  if (info.clusters >= few_clusters) return {};
  const std::string head = "only " + std::to_string(info.clusters) + " clusters ('" + info.column + "'), fewer than " +
                           std::to_string(few_clusters) + ": ";
  if (info.type == cluster_se_type::cr1) {
    return head + "CR1 standard errors tend to be too small and its t tests on G - 1 df too liberal; CR2 with "
                  "Satterthwaite degrees of freedom (cluster_se_type::cr2, --cluster-se cr2) is the safer choice";
  }
  return head + "the CR2 tests use Satterthwaite degrees of freedom, which are small when few clusters carry a "
                "coefficient's information";
}

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// The cases of each cluster, in order.
std::vector<std::vector<Index>> cluster_members(const cluster_assignment& clusters) {
  std::vector<std::vector<Index>> members(clusters.count());
  for (std::size_t i = 0; i < clusters.of_case.size(); ++i) {
    members[static_cast<std::size_t>(clusters.of_case[i])].push_back(static_cast<Index>(i));
  }
  return members;
}

// The working model of one cluster: rows of X~, variances and residuals.
struct cluster_block {
  MatrixXd x;
  VectorXd v;
  VectorXd r;
};

cluster_block gather(const Eigen::Ref<const MatrixXd>& x, const Eigen::Ref<const VectorXd>& residuals,
                     const Eigen::Ref<const VectorXd>& variance, const std::vector<Index>& rows) {
  const auto m = static_cast<Index>(rows.size());
  cluster_block b{MatrixXd(m, x.cols()), VectorXd::Ones(m), VectorXd(m)};
  for (Index i = 0; i < m; ++i) {
    b.x.row(i) = x.row(rows[static_cast<std::size_t>(i)]);
    b.r(i) = residuals(rows[static_cast<std::size_t>(i)]);
    if (variance.size() > 0) b.v(i) = variance(rows[static_cast<std::size_t>(i)]);
  }
  return b;
}

void check_inputs(const Eigen::Ref<const MatrixXd>& x, const Eigen::Ref<const VectorXd>& residuals,
                  const Eigen::Ref<const VectorXd>& variance, const Eigen::Ref<const MatrixXd>& bread,
                  const cluster_assignment& clusters) {
  const Index n = x.rows();
  if (residuals.size() != n || static_cast<Index>(clusters.of_case.size()) != n ||
      (variance.size() != 0 && variance.size() != n) || bread.rows() != x.cols() || bread.cols() != x.cols()) {
    throw argument_error("compute_cluster_covariance: the design, residuals, variances, bread and cluster "
                         "assignment have inconsistent sizes");
  }
  if (clusters.count() < 2) {
    throw argument_error("cluster-robust standard errors need at least 2 clusters ('" + clusters.column + "' has " +
                         std::to_string(clusters.count()) + ")");
  }
  for (Index g : clusters.of_case) {
    if (g < 0 || static_cast<std::size_t>(g) >= clusters.count()) {
      throw argument_error("compute_cluster_covariance: a cluster index is out of range");
    }
  }
  for (Index i = 0; i < variance.size(); ++i) {
    if (!(variance(i) > 0.0) || !std::isfinite(variance(i))) {
      throw argument_error("compute_cluster_covariance: the variances must be positive and finite");
    }
  }
}

MatrixXd symmetric(const MatrixXd& a) { return 0.5 * (a + a.transpose()); }

// CR1: the estimating functions summed by cluster, u_g = sum_i x~_i r_i / v_i.
cluster_covariance cr1(const Eigen::Ref<const MatrixXd>& x, const Eigen::Ref<const VectorXd>& residuals,
                       const Eigen::Ref<const VectorXd>& variance, const Eigen::Ref<const MatrixXd>& bread,
                       const cluster_assignment& clusters) {
  const Index n = x.rows();
  const Index k = x.cols();
  MatrixXd u = MatrixXd::Zero(static_cast<Index>(clusters.count()), k);
  for (Index i = 0; i < n; ++i) {
    const double w = residuals(i) / (variance.size() > 0 ? variance(i) : 1.0);
    u.row(clusters.of_case[static_cast<std::size_t>(i)]) += w * x.row(i);
  }
  const double g = static_cast<double>(clusters.count());
  const double nd = static_cast<double>(n);
  cluster_covariance out;
  out.adjustment = g / (g - 1.0) * (nd - 1.0) / (nd - static_cast<double>(k));
  out.covariance = symmetric(out.adjustment * (bread * (u.transpose() * u) * bread));
  out.df = VectorXd::Constant(k, g - 1.0);
  return out;
}

// A_g = Theta^{1/2} B^{-1/2} Theta^{1/2}, B = Theta^{1/2} (Theta - X~_g M X~_g') Theta^{1/2}, with the
// inverse square root over the eigenvalues above 1e-12 only (clubSandwich's matrix_power rule).
MatrixXd cr2_adjustment(const cluster_block& b, const Eigen::Ref<const MatrixXd>& bread) {
  const VectorXd s = b.v.cwiseSqrt();
  MatrixXd h = -(b.x * bread * b.x.transpose());
  h.diagonal() += b.v;
  const MatrixXd scale = s * s.transpose();
  const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(symmetric(scale.cwiseProduct(h)));
  VectorXd power = eig.eigenvalues();
  for (Index i = 0; i < power.size(); ++i) power(i) = power(i) > 1e-12 ? 1.0 / std::sqrt(power(i)) : 0.0;
  const MatrixXd inverse_root = eig.eigenvectors() * power.asDiagonal() * eig.eigenvectors().transpose();
  return scale.cwiseProduct(inverse_root);
}

// Sums over clusters for the Satterthwaite df of every coefficient j (see the file comment):
// sum_g d_g, sum_g d_g^2, sum_g S_gg, sum_g d_g S_gg with S = R' M R, and K_j = sum_g r_g r_g'.
struct satterthwaite_sums {
  VectorXd d, d2, s, ds;
  std::vector<MatrixXd> k;
  explicit satterthwaite_sums(Index p)
      : d(VectorXd::Zero(p)), d2(VectorXd::Zero(p)), s(VectorXd::Zero(p)), ds(VectorXd::Zero(p)),
        k(static_cast<std::size_t>(p), MatrixXd::Zero(p, p)) {}

  void add(const cluster_block& b, const MatrixXd& f, const Eigen::Ref<const MatrixXd>& bread) {
    const MatrixXd r = b.x.transpose() * f;  // column j: r_g for coefficient j
    for (Index j = 0; j < r.cols(); ++j) {
      const double dg = b.v.dot(f.col(j).cwiseAbs2());
      const double sg = r.col(j).dot(bread * r.col(j));
      d(j) += dg;
      d2(j) += dg * dg;
      s(j) += sg;
      ds(j) += dg * sg;
      k[static_cast<std::size_t>(j)].noalias() += r.col(j) * r.col(j).transpose();
    }
  }

  [[nodiscard]] VectorXd df(const Eigen::Ref<const MatrixXd>& bread) const {
    VectorXd out(d.size());
    for (Index j = 0; j < d.size(); ++j) {
      const MatrixXd t = bread * k[static_cast<std::size_t>(j)];
      const double trace = d(j) - s(j);
      const double squares = d2(j) - 2.0 * ds(j) + t.cwiseProduct(t.transpose()).sum();
      out(j) = trace * trace / squares;
    }
    return out;
  }
};

cluster_covariance cr2(const Eigen::Ref<const MatrixXd>& x, const Eigen::Ref<const VectorXd>& residuals,
                       const Eigen::Ref<const VectorXd>& variance, const Eigen::Ref<const MatrixXd>& bread,
                       const cluster_assignment& clusters) {
  const Index k = x.cols();
  const std::vector<std::vector<Index>> members = cluster_members(clusters);
  for (std::size_t g = 0; g < members.size(); ++g) {
    if (members[g].size() > cr2_max_cluster_size) {
      throw argument_error("CR2 needs an eigen-decomposition of each cluster's n_g x n_g block, and cluster '" +
                           clusters.labels[g] + "' of '" + clusters.column + "' has " +
                           std::to_string(members[g].size()) + " cases (at most " +
                           std::to_string(cr2_max_cluster_size) + "): use CR1 (cluster_se_type::cr1, --cluster-se cr1)");
    }
  }
  MatrixXd meat = MatrixXd::Zero(k, k);
  satterthwaite_sums sums(k);
  for (const std::vector<Index>& rows : members) {
    const cluster_block b = gather(x, residuals, variance, rows);
    const MatrixXd a = cr2_adjustment(b, bread);
    const MatrixXd wx = b.v.cwiseInverse().asDiagonal() * b.x;  // W_g X~_g
    const VectorXd u = wx.transpose() * (a * b.r);
    meat.noalias() += u * u.transpose();
    sums.add(b, a * (wx * bread), bread);
  }
  cluster_covariance out;
  out.covariance = symmetric(bread * meat * bread);
  out.df = sums.df(bread);
  return out;
}

}  // namespace

cluster_covariance compute_cluster_covariance(const Eigen::Ref<const MatrixXd>& x,
                                              const Eigen::Ref<const VectorXd>& residuals,
                                              const Eigen::Ref<const VectorXd>& variance,
                                              const Eigen::Ref<const MatrixXd>& bread,
                                              const cluster_assignment& clusters, cluster_se_type type) {
  check_inputs(x, residuals, variance, bread, clusters);
  cluster_covariance out = type == cluster_se_type::cr1 ? cr1(x, residuals, variance, bread, clusters)
                                                        : cr2(x, residuals, variance, bread, clusters);
  out.type = type;
  out.n = static_cast<std::size_t>(x.rows());
  out.clusters = clusters.count();
  return out;
}

}  // namespace socialcure

namespace socialcure::detail {

Eigen::MatrixXd working_design(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<Eigen::Index>& kept,
                               const Eigen::Ref<const Eigen::VectorXd>& row_scale) {
  Eigen::MatrixXd out(x.rows(), static_cast<Eigen::Index>(kept.size()));
  for (std::size_t k = 0; k < kept.size(); ++k) out.col(static_cast<Eigen::Index>(k)) = x.col(kept[k]);
  if (row_scale.size() > 0) out = row_scale.asDiagonal() * out;
  return out;
}

cluster_info describe_clustering(const cluster_assignment& clusters, cluster_se_type type,
                                 std::vector<std::string>& notes) {
  cluster_info info{clusters.column, type, clusters.count()};
  if (std::string note = few_clusters_note(info); !note.empty()) notes.push_back(std::move(note));
  return info;
}

}  // namespace socialcure::detail
