#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "sensitivity_options.hpp"
#include "socialcure/analyses/pooling.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/imputations.hpp"
#include "socialcure/models/glm.hpp"
#include "socialcure/models/ols.hpp"
#include "socialcure/report/regression_report.hpp"

namespace socialcure::cli {

namespace {

struct regress_settings {
  data_options data;
  output_format format = output_format::text;
  std::string y;
  std::vector<std::string> x;
  std::vector<std::string> categorical;  // G or G:REF
  std::string family = "gaussian";
  std::string link;  // binomial: logit (default) or probit
  std::string se = "classical";
  std::string offset;
  std::string cluster;
  std::string cluster_se = "cr1";
  double level = 0.95;
  bool drop_collinear = false;
  bool no_intercept = false;
  bool evalue = false;  // --evalue
  unsigned threads = 0;  // --threads: the passes over a large data set (OLS)
  std::string imputations;  // --imputations COL: a long file of imputed data sets, pooled
};

model_spec make_spec(const regress_settings& s) {
  model_spec spec;
  spec.response = s.y;
  spec.predictors = s.x;
  spec.offset = s.offset;
  spec.cluster = s.cluster;
  spec.intercept = !s.no_intercept;
  for (const auto& entry : s.categorical) {
    const auto colon = entry.find(':');
    categorical_term term{entry.substr(0, colon), colon == std::string::npos ? std::string() : entry.substr(colon + 1)};
    if (std::find(spec.predictors.begin(), spec.predictors.end(), term.column) == spec.predictors.end()) {
      spec.predictors.push_back(term.column);
    }
    spec.categorical.push_back(std::move(term));
  }
  return spec;
}

void print_pooled(const pooled_regression& fit, output_format format) {
  std::cout << (format == output_format::json ? regression_json(fit) : regression_text(fit));
}

void run(const regress_settings& s) {
  const model_spec spec = make_spec(s);
  std::vector<std::string> used = spec.predictors;  // with the categorical columns
  used.push_back(spec.response);
  if (!spec.offset.empty()) used.push_back(spec.offset);
  if (!spec.cluster.empty() && std::find(used.begin(), used.end(), spec.cluster) == used.end()) {
    used.push_back(spec.cluster);
  }
  if (!spec.cluster.empty() && s.se != "classical") {
    throw argument_error("--se " + s.se + " and --cluster " + spec.cluster +
                         " both choose the standard errors: use one (--cluster-se cr1|cr2 picks the cluster-robust type)");
  }
  if (!s.link.empty() && s.family != "binomial") {
    throw argument_error("--link " + s.link + " is for --family binomial");
  }
  if (!s.imputations.empty()) {
    if (s.evalue) throw argument_error("--evalue is not available with --imputations (E-values of pooled estimates)");
    if (std::find(used.begin(), used.end(), s.imputations) != used.end()) {
      throw argument_error("--imputations " + s.imputations + " is also a model variable");
    }
    used.push_back(s.imputations);
  }
  const table t = load_table(s.data, used);
  const rank_policy policy = s.drop_collinear ? rank_policy::drop : rank_policy::error;
  if (s.family == "gaussian") {
    ols_options options;
    options.se = parse_se_type(s.se);
    options.cluster_se = parse_cluster_se_type(s.cluster_se);
    options.level = s.level;
    options.on_rank_deficiency = policy;
    options.threads = s.threads;
    if (!s.imputations.empty()) {
      print_pooled(pool_ols(split_imputations(t, s.imputations), spec, options), s.format);
      return;
    }
    const ols_result fit = fit_ols(t, spec, options);
    std::cout << regression_output(fit, t, s.format, s.evalue);
    return;
  }
  if (s.se != "classical") {
    throw argument_error("--se " + s.se +
                         " is available for --family gaussian only (GLMs use model-based SEs, or cluster-robust ones "
                         "with --cluster)");
  }
  glm_options options;
  options.family = parse_glm_family(s.family);
  options.link = s.link.empty() ? glm_link::logit : parse_glm_link(s.link);
  if (options.link == glm_link::probit && s.evalue) {
    throw argument_error("--evalue needs a rate or odds ratio; a probit coefficient is neither (use --link logit)");
  }
  options.cluster_se = parse_cluster_se_type(s.cluster_se);
  options.level = s.level;
  options.on_rank_deficiency = policy;
  if (!s.imputations.empty()) {
    print_pooled(pool_glm(split_imputations(t, s.imputations), spec, options), s.format);
    return;
  }
  const glm_result fit = fit_glm(t, spec, options);
  std::cout << regression_output(fit, t, s.format, s.evalue);
}

}  // namespace

void add_regress_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "regress",
      "Regression: OLS (classical, HC0-HC4 or cluster-robust SEs), logistic, Poisson or negative binomial");
  auto s = std::make_shared<regress_settings>();
  add_data_file_option(*command, s->data.path);
  command->add_option("--y", s->y, "Outcome column")->required();
  command->add_option("--x", s->x, "Predictor columns, comma-separated")->delimiter(',');
  command
      ->add_option("--categorical", s->categorical,
                   "Categorical predictors, dummy coded: G or G:REF (reference level), comma-separated")
      ->delimiter(',');
  command->add_option("--family", s->family, "gaussian (OLS, default), binomial, poisson or negbin")
      ->check(CLI::IsMember({"gaussian", "binomial", "poisson", "negbin"}));
  command->add_option("--link", s->link, "Link of a binomial outcome: logit (default) or probit")
      ->check(CLI::IsMember({"logit", "probit"}));
  command->add_option("--se", s->se, "Standard errors for OLS: classical (default), hc0, hc1, hc2, hc3, hc4")
      ->check(CLI::IsMember({"classical", "hc0", "hc1", "hc2", "hc3", "hc4"}));
  command->add_option("--offset", s->offset, "Offset column (e.g. log exposure) for GLMs");
  auto* cluster = command->add_option(
      "--cluster", s->cluster,
      "Cluster column (e.g. practice): cluster-robust SEs for OLS and GLMs; rows with a missing id are excluded");
  command
      ->add_option("--cluster-se", s->cluster_se,
                   "With --cluster: cr1 (default; sandwich x G/(G-1) (n-1)/(n-k), t on G-1 df) or cr2 "
                   "(bias-reduced, Satterthwaite df)")
      ->check(CLI::IsMember({"cr1", "cr2"}))
      ->needs(cluster);
  add_level_option(*command, s->level);
  command->add_flag("--drop-collinear", s->drop_collinear,
                    "Drop terms that are linear combinations of others (as R's lm) instead of stopping");
  command->add_flag("--no-intercept", s->no_intercept, "Fit without an intercept");
  add_evalue_option(*command, s->evalue);
  add_threads_option(*command, s->threads);
  command->add_option("--imputations", s->imputations,
                      "Imputation-number column of a long file of imputed data sets (as mice::complete(action = "
                      "\"long\") writes it, e.g. .imp): the model is fitted in each imputation and pooled by "
                      "Rubin's rules (imputation 0, the original data, is left out)");
  add_data_options(*command, s->data);
  add_format_option(*command, s->format);
  command->callback([s] { run(*s); });
}

}  // namespace socialcure::cli
