#include "socialcure/report/moderation_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/plot_area.hpp"
#include "report/detail/process_text.hpp"
#include "report/detail/svg.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using json = nlohmann::ordered_json;
using detail::json_number;

using detail::f4;
const char* const rule = detail::process_rule;

bool has_z(const moderation_result& r) { return r.model >= 2; }

std::string title_of(const moderation_result& r) {
  if (r.within) return "Moderation of a two-instance change (MEMORE): Y = " + r.y;
  return "Moderation: PROCESS model " + std::to_string(r.model);
}

void header_text(std::ostringstream& out, const moderation_result& r) {
  out << rule << title_of(r) << "\n" << rule;
  if (r.within) {
    out << "    Y : " << r.y << " (per person)\n    W : " << r.w << "\n";
  } else {
    out << "    Y : " << r.y << "\n    X : " << r.x << "\n    W : " << r.w << "\n";
    if (has_z(r)) out << "    Z : " << r.z << "\n";
    if (!r.covariates.empty()) {
      out << "Covariates:\n   ";
      for (const auto& c : r.covariates) out << " " << c;
      out << "\n";
    }
  }
  out << "\nSample size: " << r.n << " (" << r.n_excluded << " excluded listwise";
  for (std::size_t k = 0; k < r.missing_by_column.size(); ++k) {
    out << (k == 0 ? ": missing " : ", ") << r.missing_by_column[k].column << " " << r.missing_by_column[k].rows;
  }
  out << ")\n\n";
}

void equation_text(std::ostringstream& out, const moderation_result& r) {
  const ols_result& fit = r.equation;
  out << rule << "OUTCOME VARIABLE:\n " << fit.response << "\n\nModel Summary\n";
  text_table summary({"R", "R-sq", "MSE", "F", "df1", "df2", "p"}, std::vector<alignment>(7, alignment::right));
  const bool hc = fit.se != se_type::classical;
  summary.add_row({f4(std::sqrt(fit.r_squared)), f4(fit.r_squared), f4(fit.sigma * fit.sigma),
                   f4(hc ? fit.wald_f : fit.f_statistic), format_number(fit.f_df1), format_number(fit.f_df2),
                   f4(hc ? fit.wald_f_p : fit.f_p)});
  out << summary.str() << "\nModel\n";
  text_table t({"", "coeff", "se", "t", "p", "LLCI", "ULCI"});
  int product = 0;
  for (const auto& c : fit.coefficients) {
    const bool is_product = c.term.find('*') != std::string::npos;
    const std::string label = c.term == "(Intercept)" ? "constant" : is_product ? "Int_" + std::to_string(++product) : c.term;
    t.add_row({label, f4(c.estimate), f4(c.se), f4(c.statistic), f4(c.p), f4(c.ci_lower), f4(c.ci_upper)});
  }
  out << t.str();
  if (product > 0) {
    out << "\nProduct terms key:\n";
    product = 0;
    for (const auto& c : fit.coefficients) {
      if (c.term.find('*') != std::string::npos) out << " Int_" << ++product << "    :  " << c.term << "\n";
    }
  }
  if (hc) out << "\nCovariance matrix of regression parameter estimates: " << to_string(fit.se) << "\n";
}

void interactions_text(std::ostringstream& out, const moderation_result& r) {
  const bool hc = r.se != se_type::classical;
  out << "\nTest(s) of highest order unconditional interaction(s):\n";
  text_table t({"", "R2-chng", hc ? "F(" + std::string(to_string(r.se)) + ")" : "F", "df1", "df2", "p"});
  for (const auto& i : r.interactions) {
    t.add_row({i.term == "both" ? "BOTH" : i.term, f4(i.r2_change), f4(i.f), format_number(i.df1),
               format_number(i.df2), f4(i.p)});
  }
  out << t.str();
  if (r.conditional_interactions.empty()) return;
  out << "\nTest of conditional X*W interaction at value(s) of the moderator(s):\n";
  text_table c({r.z, "Effect", "F", "df1", "df2", "p"});
  for (const auto& e : r.conditional_interactions) {
    c.add_row({f4(e.w), f4(e.effect), f4(e.t * e.t), "1", format_number(r.equation.df_residual), f4(e.p)});
  }
  out << c.str();
}

void conditional_text(std::ostringstream& out, const moderation_result& r) {
  out << "\n" << rule;
  if (r.within) {
    out << "Conditional effect of the instance (" << r.y << ") at values of the moderator:\n";
  } else {
    out << "Focal predict: " << r.x << " (X)\n      Mod var: " << r.w << " (W)\n";
    if (has_z(r)) out << "      Mod var: " << r.z << " (Z)\n";
    out << "\nConditional effects of the focal predictor at values of the moderator(s):\n";
  }
  std::vector<std::string> header = {r.w};
  if (has_z(r)) header.push_back(r.z);
  header.insert(header.end(), {"Effect", "se", "t", "p", "LLCI", "ULCI"});
  text_table t(header, std::vector<alignment>(header.size(), alignment::right));
  for (const auto& e : r.conditional_effects) {
    std::vector<std::string> row = {f4(e.w)};
    if (has_z(r)) row.push_back(f4(e.z));
    row.insert(row.end(), {f4(e.effect), f4(e.se), f4(e.t), f4(e.p), f4(e.ci_lower), f4(e.ci_upper)});
    t.add_row(row);
  }
  out << t.str();
}

void johnson_neyman_text(std::ostringstream& out, const moderation_result& r) {
  if (r.johnson_neyman) {
    detail::johnson_neyman_text(out, *r.johnson_neyman, r.johnson_neyman_moderator,
                                r.model == 3 ? "X*W interaction" : "effect");
  }
}

void plot_text(std::ostringstream& out, const moderation_result& r) {
  if (r.plot.empty()) return;
  out << "\nData for visualizing the conditional effect of the focal predictor:\n";
  std::vector<std::string> header = {r.x, r.w};
  if (has_z(r)) header.push_back(r.z);
  header.insert(header.end(), {r.y, "se"});
  text_table t(header, std::vector<alignment>(header.size(), alignment::right));
  for (const auto& p : r.plot) {
    std::vector<std::string> row = {f4(p.x), f4(p.w)};
    if (has_z(r)) row.push_back(f4(p.z));
    row.insert(row.end(), {f4(p.y_hat), f4(p.se)});
    t.add_row(row);
  }
  out << t.str();
}

void notes_text(std::ostringstream& out, const moderation_result& r) {
  out << "\n" << rule << "ANALYSIS NOTES AND ERRORS\n\n";
  out << "Level of confidence for all confidence intervals in output: " << format_significant(100.0 * r.level, 4) << "\n";
  out << "W values in conditional tables are " << detail::probe_rule_text(r.w_probes.method, r.w_probes.dichotomous)
      << " (analysed metric).\n";
  out << detail::centring_text(r.center, r.centred, r.centred_means);
  if (r.se != se_type::classical) {
    out << "Standard errors, tests and intervals use the " << to_string(r.se)
        << " covariance; R2-chng is the OLS difference.\n";
  }
  for (const auto& n : r.notes) out << "Note: " << n << ".\n";
}

json conditional_json(const conditional_estimate& e) {
  return {{"w", json_number(e.w)},   {"effect", json_number(e.effect)},     {"se", json_number(e.se)},
          {"t", json_number(e.t)},   {"p", json_number(e.p)},               {"ci_lower", json_number(e.ci_lower)},
          {"ci_upper", json_number(e.ci_upper)}};
}

json provenance_json(const moderation_result& r) {
  json j;
  j["schema"] = "socialcure.moderation/1";
  j["n"] = r.n;
  j["n_excluded"] = r.n_excluded;
  json missing = json::object();
  for (const auto& c : r.missing_by_column) missing[c.column] = c.rows;
  j["missing_by_column"] = std::move(missing);
  j["model"] = r.model;
  j["design"] = r.within ? "within" : "between";
  j["x"] = r.x;
  j["w"] = r.w;
  j["z"] = has_z(r) ? json(r.z) : json(nullptr);
  j["y"] = r.y;
  j["covariates"] = r.covariates;
  j["center"] = to_string(r.center);
  json centred = json::object();
  for (std::size_t k = 0; k < r.centred.size(); ++k) centred[r.centred[k]] = json_number(r.centred_means[k]);
  j["centred"] = std::move(centred);
  j["probe"] = to_string(r.w_probes.method);
  j["level"] = r.level;
  j["se_type"] = to_string(r.se);
  return j;
}


// ---------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------

using detail::draw_axes;
using detail::draw_band;
using detail::plot_area;
const char* const* const palette = detail::plot_palette;

std::vector<double> distinct_in_order(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

void simple_slopes_panel(std::ostringstream& out, const moderation_result& r, const plot_area& a, double z) {
  const std::vector<double> ws = r.w_probes.values;
  for (std::size_t k = 0; k < ws.size(); ++k) {
    std::vector<double> xs, lower, mid, upper;
    for (const plot_point& p : r.plot) {
      if (p.w != ws[k] || (has_z(r) && p.z != z)) continue;
      xs.push_back(p.x);
      lower.push_back(p.ci_lower);
      mid.push_back(p.y_hat);
      upper.push_back(p.ci_upper);
    }
    const char* colour = palette[k % 6];
    draw_band(out, a, xs, lower, mid, upper, colour);
    out << "<text x=\"" << a.left + a.width + 8.0 << "\" y=\"" << a.top + 16.0 + 18.0 * static_cast<double>(k)
        << "\" fill=\"" << colour << "\">" << detail::xml_escape(r.w) << " = " << format_significant(ws[k], 4)
        << "</text>\n";
  }
}

}  // namespace

std::string moderation_text(const moderation_result& r) {
  std::ostringstream out;
  header_text(out, r);
  equation_text(out, r);
  interactions_text(out, r);
  conditional_text(out, r);
  johnson_neyman_text(out, r);
  plot_text(out, r);
  notes_text(out, r);
  return out.str();
}

namespace detail {

json_value johnson_neyman_json_value(const johnson_neyman_result& jn) {
  json points = json::array();
  for (const auto& p : jn.points) {
    points.push_back({{"value", json_number(p.value)},
                      {"percent_below", json_number(p.percent_below)},
                      {"percent_above", json_number(p.percent_above)}});
  }
  json region = json::array();
  for (const auto& e : jn.region) region.push_back(conditional_json(e));
  return {{"points", std::move(points)}, {"region", std::move(region)}};
}

json_value moderation_json_value(const moderation_result& r) {
  json j = provenance_json(r);
  j["coefficients"] = detail::regression_json_value(r.equation)["coefficients"];
  json interactions = json::array();
  for (const auto& i : r.interactions) {
    interactions.push_back({{"term", i.term},
                            {"r2_change", json_number(i.r2_change)},
                            {"f", json_number(i.f)},
                            {"df1", json_number(i.df1)},
                            {"df2", json_number(i.df2)},
                            {"p", json_number(i.p)}});
  }
  j["interactions"] = std::move(interactions);
  json effects = json::array();
  for (const auto& e : r.conditional_effects) {
    json c;
    c["w"] = json_number(e.w);
    if (has_z(r)) c["z"] = json_number(e.z);
    c["effect"] = json_number(e.effect);
    c["se"] = json_number(e.se);
    c["t"] = json_number(e.t);
    c["p"] = json_number(e.p);
    c["ci_lower"] = json_number(e.ci_lower);
    c["ci_upper"] = json_number(e.ci_upper);
    effects.push_back(std::move(c));
  }
  j["conditional_effects"] = std::move(effects);
  j["johnson_neyman"] = r.johnson_neyman ? johnson_neyman_json_value(*r.johnson_neyman) : json(nullptr);
  j["notes"] = r.notes;
  return j;
}

}  // namespace detail

std::string moderation_json(const moderation_result& r) { return detail::dump_json(detail::moderation_json_value(r)); }

std::string simple_slopes_svg(const moderation_result& r) {
  if (r.plot.empty()) throw argument_error("simple_slopes_svg: the result has no plot data (two-instance model)");
  double x_lo = 1e300, x_hi = -1e300, y_lo = 1e300, y_hi = -1e300;
  std::vector<double> zs;
  for (const plot_point& p : r.plot) {
    x_lo = std::min(x_lo, p.x);
    x_hi = std::max(x_hi, p.x);
    y_lo = std::min(y_lo, p.ci_lower);
    y_hi = std::max(y_hi, p.ci_upper);
    zs.push_back(p.z);
  }
  zs = has_z(r) ? distinct_in_order(zs) : std::vector<double>{missing_value};
  const double panel_w = 300.0, panel_h = 260.0, gap = 150.0, left = 80.0, top = 50.0;
  const double width = left + static_cast<double>(zs.size()) * (panel_w + gap);
  const double height = top + panel_h + 80.0;
  std::ostringstream out;
  detail::svg_open(out, width, height, "Conditional effect of " + r.x + " on " + r.y + " at values of " + r.w);
  for (std::size_t k = 0; k < zs.size(); ++k) {
    plot_area a{left + static_cast<double>(k) * (panel_w + gap), top, panel_w, panel_h, detail::nice_axis(x_lo, x_hi),
                detail::nice_axis(y_lo, y_hi)};
    if (has_z(r)) {
      out << "<text x=\"" << a.left + panel_w / 2.0 << "\" y=\"" << top - 15.0
          << "\" text-anchor=\"middle\" font-weight=\"bold\">" << detail::xml_escape(r.z) << " = "
          << format_significant(zs[k], 4) << "</text>\n";
    }
    draw_axes(out, a, r.x, r.y);
    simple_slopes_panel(out, r, a, zs[k]);
  }
  out << "<text x=\"" << left << "\" y=\"" << height - 12.0 << "\">Predicted " << detail::xml_escape(r.y)
      << " (covariates at their means) with pointwise " << format_significant(100.0 * r.level, 4) << "% confidence bands.</text>\n";
  detail::svg_close(out);
  return out.str();
}

std::string johnson_neyman_svg(const moderation_result& r) {
  if (!r.johnson_neyman) throw argument_error("johnson_neyman_svg: the result has no Johnson-Neyman solution");
  const johnson_neyman_result& jn = *r.johnson_neyman;
  std::vector<double> xs, lower, mid, upper;
  double y_lo = 0.0, y_hi = 0.0;
  for (const auto& e : jn.region) {
    xs.push_back(e.w);
    lower.push_back(e.ci_lower);
    mid.push_back(e.effect);
    upper.push_back(e.ci_upper);
    y_lo = std::min(y_lo, e.ci_lower);
    y_hi = std::max(y_hi, e.ci_upper);
  }
  const double width = 560.0, height = 400.0;
  const plot_area a{80.0, 40.0, 440.0, 280.0, detail::nice_axis(jn.minimum, jn.maximum), detail::nice_axis(y_lo, y_hi)};
  const std::string what = r.model == 3 ? "conditional " + r.x + "*" + r.w + " interaction" : "conditional effect of " + r.x;
  std::ostringstream out;
  detail::svg_open(out, width, height, "Johnson-Neyman: " + what + " against " + r.johnson_neyman_moderator);
  for (const jn_interval& s : jn.significant) {
    out << "<rect class=\"significant\" x=\"" << a.sx(s.lower) << "\" y=\"" << a.top << "\" width=\""
        << a.sx(s.upper) - a.sx(s.lower) << "\" height=\"" << a.height << "\" fill=\"#f4d35e\" fill-opacity=\"0.35\"/>\n";
  }
  draw_axes(out, a, r.johnson_neyman_moderator, r.within ? "change in " + r.y : what);
  out << "<line x1=\"" << a.left << "\" y1=\"" << a.sy(0.0) << "\" x2=\"" << a.left + a.width << "\" y2=\"" << a.sy(0.0)
      << "\" stroke=\"#222\" stroke-dasharray=\"2,3\"/>\n";
  draw_band(out, a, xs, lower, mid, upper, palette[0]);
  for (const jn_point& p : jn.points) {
    out << "<line class=\"transition\" x1=\"" << a.sx(p.value) << "\" y1=\"" << a.top << "\" x2=\"" << a.sx(p.value)
        << "\" y2=\"" << a.top + a.height << "\" stroke=\"#d1495b\" stroke-dasharray=\"6,4\"/><text x=\"" << a.sx(p.value)
        << "\" y=\"" << a.top - 6.0 << "\" text-anchor=\"middle\" fill=\"#d1495b\">" << format_significant(p.value, 4)
        << "</text>\n";
  }
  out << "<text x=\"" << a.left << "\" y=\"" << height - 12.0 << "\">Shaded: significant at the "
      << format_significant(100.0 * (1.0 - r.level), 4) << "% level (" << detail::xml_escape(jn.summary) << ")</text>\n";
  detail::svg_close(out);
  return out.str();
}

}  // namespace socialcure
