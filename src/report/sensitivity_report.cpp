#include "socialcure/report/sensitivity_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "report/detail/plot_area.hpp"
#include "report/detail/svg.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using json = nlohmann::ordered_json;
using detail::json_number;

std::string f4(double v) { return format_fixed(v, 4); }

// The grid points at multiples of 0.1 (all of them for a coarser or irregular grid).
std::vector<const acme_sensitivity_point*> tenths(const acme_sensitivity_curve& c) {
  std::vector<const acme_sensitivity_point*> out;
  for (const auto& p : c.points) {
    if (std::fabs(p.rho * 10.0 - std::round(p.rho * 10.0)) < 1e-9) out.push_back(&p);
  }
  if (out.size() < 3) {
    out.clear();
    for (const auto& p : c.points) out.push_back(&p);
  }
  return out;
}

void curve_text(std::ostringstream& out, const mediation_sensitivity_result& r, const acme_sensitivity_curve& c) {
  const std::string at = is_missing(c.t) ? "" : " at " + r.x + " = " + format_number(c.t);
  const std::string label = c.label == "acme" ? std::string() : " (" + c.label + ")";
  out << "\nACME" << at << label << " at rho = 0: " << f4(c.acme_at_independence) << "\n";
  if (is_missing(c.rho_at_zero)) {
    out << "The ACME is zero for every rho (" << r.x << " does not change " << r.mediator << ").\n";
  } else {
    out << "ACME = 0 at rho = " << f4(c.rho_at_zero) << ": an unmeasured confounder would have to explain "
        << format_fixed(100.0 * c.r2_product_at_zero, 1) << "% (the product R2*_M R2*_Y) of the residual variances of "
        << r.mediator << " and " << r.y << ", or R2~_M R2~_Y = " << f4(c.r2_total_product_at_zero)
        << " of their total variances, to explain the indirect effect away.\n";
  }
  text_table t({"rho", "ACME", "SE", "LLCI", "ULCI"});
  for (const auto* p : tenths(c)) t.add_row({format_fixed(p->rho, 2), f4(p->acme), f4(p->se), f4(p->ci_lower), f4(p->ci_upper)});
  out << t.str();
}

json point_json(const acme_sensitivity_point& p) {
  return {{"rho", json_number(p.rho)}, {"acme", json_number(p.acme)}, {"se", json_number(p.se)},
          {"ci_lower", json_number(p.ci_lower)}, {"ci_upper", json_number(p.ci_upper)}};
}

void curve_json(json& j, const acme_sensitivity_curve& c) {
  j["label"] = c.label;
  j["t"] = json_number(c.t);
  j["acme_at_rho_zero"] = json_number(c.acme_at_independence);
  j["rho_at_zero"] = json_number(c.rho_at_zero);
  j["r2_product_at_zero"] = json_number(c.r2_product_at_zero);
  j["r2_total_product_at_zero"] = json_number(c.r2_total_product_at_zero);
  json points = json::array();
  for (const auto& p : c.points) points.push_back(point_json(p));
  j["curve"] = std::move(points);
}

json sensitivity_value(const mediation_sensitivity_result& r) {
  json j;
  j["method"] = "imai_keele_yamamoto_2010";
  j["ci_method"] = "delta";
  j["level"] = r.level;
  j["rho_step"] = r.rho_step;
  j["x0"] = json_number(r.x0);
  j["x1"] = json_number(r.x1);
  j["interaction"] = r.interaction;
  j["r2_mediator"] = json_number(r.r2_mediator);
  j["r2_outcome"] = json_number(r.r2_outcome);
  if (!r.curves.empty()) curve_json(j, r.curves.front());
  if (r.curves.size() > 1) {
    json curves = json::array();
    for (const auto& c : r.curves) {
      json one;
      curve_json(one, c);
      curves.push_back(std::move(one));
    }
    j["curves"] = std::move(curves);
  }
  j["notes"] = r.notes;
  return j;
}

void add_evalues(json& j, const std::vector<coefficient_evalue>& evalues, const std::string& how) {
  for (auto& c : j["coefficients"]) {
    c["evalue"] = nullptr;
    for (const auto& e : evalues) {
      if (c["term"] == e.term) c["evalue"] = detail::evalue_json_value(e.evalue);
    }
  }
  j["evalue_method"] = how;
}

}  // namespace

detail::json_value detail::evalue_json_value(const evalue_result& e) {
  return {{"estimate", json_number(e.evalue_estimate)},
          {"ci", json_number(e.evalue_ci)},
          {"measure", std::string(to_string(e.measure))},
          {"limit", std::string(to_string(e.limit))},
          {"rr_estimate", json_number(e.rr_estimate)},
          {"rr_ci_lower", json_number(e.rr_ci_lower)},
          {"rr_ci_upper", json_number(e.rr_ci_upper)}};
}

std::string mediation_sensitivity_text(const mediation_sensitivity_result& r) {
  std::ostringstream out;
  out << "\n*********** SENSITIVITY OF THE INDIRECT EFFECT TO UNMEASURED CONFOUNDING *************\n"
      << "Imai, Keele & Yamamoto (2010): rho is the correlation of the errors of the " << r.mediator << " and " << r.y
      << " equations;\nrho = 0 when nothing unmeasured affects both. ACME for " << r.x << " from " << format_number(r.x0)
      << " to " << format_number(r.x1) << "; " << format_number(100.0 * r.level)
      << "% delta-method intervals (normal quantile).\n";
  for (const auto& c : r.curves) curve_text(out, r, c);
  for (const auto& note : r.notes) out << "note: " << note << "\n";
  return out.str();
}

std::string mediation_sensitivity_json(const mediation_sensitivity_result& r) {
  return detail::dump_json(sensitivity_value(r));
}

std::string mediation_json(const mediation_result& result, const mediation_sensitivity_result& sensitivity) {
  json j = detail::mediation_json_value(result);
  j["sensitivity"] = sensitivity_value(sensitivity);
  return detail::dump_json(j);
}

std::string acme_sensitivity_svg(const mediation_sensitivity_result& r) {
  double y_lo = 0.0, y_hi = 0.0;
  for (const auto& c : r.curves) {
    for (const auto& p : c.points) {
      if (std::fabs(p.rho) > 0.9 + 1e-9) continue;
      y_lo = std::min(y_lo, p.ci_lower);
      y_hi = std::max(y_hi, p.ci_upper);
    }
  }
  const detail::plot_area a{90.0, 50.0, 480.0, 300.0, detail::nice_axis(-1.0, 1.0), detail::nice_axis(y_lo, y_hi)};
  std::ostringstream out;
  detail::svg_open(out, 640.0, 470.0, "Sensitivity of the ACME of " + r.x + " on " + r.y + " through " + r.mediator +
                                          " to rho");
  out << "<defs><clipPath id=\"plot\"><rect x=\"" << a.left << "\" y=\"" << a.top << "\" width=\"" << a.width
      << "\" height=\"" << a.height << "\"/></clipPath></defs>\n";
  out << "<text x=\"" << a.left + a.width / 2.0 << "\" y=\"30\" text-anchor=\"middle\" font-weight=\"bold\">"
      << detail::xml_escape("ACME of " + r.x + " → " + r.mediator + " → " + r.y + " against rho") << "</text>\n";
  detail::draw_axes(out, a, "rho (correlation of the errors of " + r.mediator + " and " + r.y + ")", "ACME");
  out << "<g clip-path=\"url(#plot)\">\n<line x1=\"" << a.left << "\" y1=\"" << a.sy(0.0) << "\" x2=\""
      << a.left + a.width << "\" y2=\"" << a.sy(0.0) << "\" stroke=\"#222\" stroke-dasharray=\"2,3\"/>\n";
  for (std::size_t k = 0; k < r.curves.size(); ++k) {
    const auto& c = r.curves[k];
    std::vector<double> xs, lower, mid, upper;
    for (const auto& p : c.points) {
      xs.push_back(p.rho);
      lower.push_back(p.ci_lower);
      mid.push_back(p.acme);
      upper.push_back(p.ci_upper);
    }
    const char* colour = detail::plot_palette[k % 6];
    if (xs.size() >= 2) detail::draw_band(out, a, xs, lower, mid, upper, colour);
    if (!is_missing(c.rho_at_zero)) {
      out << "<line class=\"root\" x1=\"" << a.sx(c.rho_at_zero) << "\" y1=\"" << a.top << "\" x2=\""
          << a.sx(c.rho_at_zero) << "\" y2=\"" << a.top + a.height << "\" stroke=\"" << colour
          << "\" stroke-dasharray=\"5,3\"/>\n";
    }
  }
  out << "</g>\n";
  double y = 414.0;  // below the x axis label (at top + height + 38)
  for (std::size_t k = 0; k < r.curves.size(); ++k, y += 16.0) {
    const auto& c = r.curves[k];
    out << "<text x=\"" << a.left << "\" y=\"" << y << "\" fill=\"" << detail::plot_palette[k % 6] << "\">"
        << detail::xml_escape(c.label + ": " + f4(c.acme_at_independence) + " at rho = 0; zero at rho = " +
                              (is_missing(c.rho_at_zero) ? std::string("(none)") : f4(c.rho_at_zero)))
        << "</text>\n";
  }
  out << "<text x=\"" << a.left << "\" y=\"" << y + 6.0 << "\">Band: " << format_significant(100.0 * r.level, 4)
      << "% pointwise delta-method interval; dashed vertical line: the rho at which the ACME is 0.</text>\n";
  detail::svg_close(out);
  return out.str();
}

std::string evalue_json(const evalue_result& e) { return detail::dump_json(detail::evalue_json_value(e)); }

std::string evalues_text(const std::vector<coefficient_evalue>& evalues, const std::string& how) {
  std::string out = "\nE-values (VanderWeele & Ding 2017): " + how + "\n";
  text_table t({"", "RR used", "E-value", "E-value (CI)", "CI limit"});
  for (const auto& e : evalues) {
    t.add_row({e.term, format_fixed(e.evalue.rr_estimate, 4), format_fixed(e.evalue.evalue_estimate, 3),
               format_fixed(e.evalue.evalue_ci, 3), std::string(to_string(e.evalue.limit))});
  }
  return out + t.str() +
         "An unmeasured confounder associated with both the predictor and the outcome by a risk ratio of the E-value "
         "each (beyond the covariates) could explain the estimate away; the CI column, move its interval to include "
         "the null.\n";
}

std::string regression_json(const ols_result& fit, const std::vector<coefficient_evalue>& evalues, const std::string& how) {
  json j = detail::regression_json_value(fit);
  add_evalues(j, evalues, how);
  return detail::dump_json(j);
}

std::string regression_json(const glm_result& fit, const std::vector<coefficient_evalue>& evalues, const std::string& how) {
  json j = detail::regression_json_value(fit);
  add_evalues(j, evalues, how);
  return detail::dump_json(j);
}

}  // namespace socialcure
