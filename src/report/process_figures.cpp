#include "socialcure/report/process_figures.hpp"

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "report/detail/plot_area.hpp"
#include "report/detail/svg.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/missing.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

// The conditional indirect effects through one mediator in `effects`, in the order of W.
std::vector<const conditional_indirect_effect*> effects_of(const std::vector<conditional_indirect_effect>& effects,
                                                           const std::string& mediator) {
  std::vector<const conditional_indirect_effect*> out;
  for (const auto& e : effects) {
    if (e.mediator == mediator && !is_missing(e.effect.estimate)) out.push_back(&e);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->w < b->w; });
  return out;
}

// One mediator's panel: the band (over `band`: the grid of W if there is one, else the probed
// values), its middle line, the probed values' points with interval bars.
void indirect_panel(std::ostream& out, const std::vector<const conditional_indirect_effect*>& effects,
                    const std::vector<const conditional_indirect_effect*>& band, const detail::plot_area& a,
                    const char* colour) {
  std::vector<double> xs, lower, mid, upper;
  for (const auto* e : band) {
    if (!e->effect.ci_ok) continue;
    xs.push_back(e->w);
    lower.push_back(e->effect.ci_lower);
    mid.push_back(e->effect.estimate);
    upper.push_back(e->effect.ci_upper);
  }
  out << "<line x1=\"" << a.left << "\" y1=\"" << a.sy(0.0) << "\" x2=\"" << a.left + a.width << "\" y2=\"" << a.sy(0.0)
      << "\" stroke=\"#222\" stroke-dasharray=\"2,3\"/>\n";
  if (xs.size() >= 2) detail::draw_band(out, a, xs, lower, mid, upper, colour);
  for (const auto* e : effects) {
    const double x = a.sx(e->w);
    if (e->effect.ci_ok) {
      out << "<line class=\"interval\" x1=\"" << x << "\" y1=\"" << a.sy(e->effect.ci_lower) << "\" x2=\"" << x
          << "\" y2=\"" << a.sy(e->effect.ci_upper) << "\" stroke=\"" << colour << "\" stroke-width=\"1.5\"/>\n";
    }
    out << "<circle class=\"estimate\" cx=\"" << x << "\" cy=\"" << a.sy(e->effect.estimate) << "\" r=\"4\" fill=\""
        << colour << "\"/>\n";
  }
}

}  // namespace

std::string conditional_indirect_svg(const mediation_result& r) {
  if (r.moderated_model == 0 || r.conditional_indirect.empty()) {
    throw argument_error("conditional_indirect_svg: the result is not a conditional process model with conditional indirect effects");
  }
  const bool grid = !r.conditional_indirect_band.empty();
  double w_lo = 1e300, w_hi = -1e300, y_lo = 0.0, y_hi = 0.0;
  for (const auto* effects : {&r.conditional_indirect, &r.conditional_indirect_band}) {
    for (const auto& e : *effects) {
      if (e.mediator == "total" || is_missing(e.effect.estimate)) continue;
      w_lo = std::min(w_lo, e.w);
      w_hi = std::max(w_hi, e.w);
      y_lo = std::min({y_lo, e.effect.estimate, e.effect.ci_ok ? e.effect.ci_lower : e.effect.estimate});
      y_hi = std::max({y_hi, e.effect.estimate, e.effect.ci_ok ? e.effect.ci_upper : e.effect.estimate});
    }
  }
  const double panel_w = 360.0, panel_h = 260.0, gap = 110.0, left = 90.0, top = 50.0;
  const double width = left + static_cast<double>(r.mediators.size()) * (panel_w + gap);
  const double height = top + panel_h + 80.0;
  std::ostringstream out;
  detail::svg_open(out, width, height,
                   "Conditional indirect effect of " + r.x + " on " + r.y + " against " + r.w + " (PROCESS model " +
                       std::to_string(r.moderated_model) + ")");
  for (std::size_t k = 0; k < r.mediators.size(); ++k) {
    const detail::plot_area a{left + static_cast<double>(k) * (panel_w + gap), top, panel_w, panel_h,
                              detail::nice_axis(w_lo, w_hi), detail::nice_axis(y_lo, y_hi)};
    out << "<text x=\"" << a.left + panel_w / 2.0 << "\" y=\"" << top - 15.0
        << "\" text-anchor=\"middle\" font-weight=\"bold\">" << detail::xml_escape(r.x + " → " + r.mediators[k] + " → " + r.y)
        << "</text>\n";
    detail::draw_axes(out, a, r.w, "indirect effect through " + r.mediators[k]);
    const auto probed = effects_of(r.conditional_indirect, r.mediators[k]);
    indirect_panel(out, probed, grid ? effects_of(r.conditional_indirect_band, r.mediators[k]) : probed, a,
                   detail::plot_palette[k % 6]);
  }
  const std::string method = r.replicates.method == ci_method::monte_carlo ? "Monte Carlo" : std::string(to_string(r.replicates.method)) + " bootstrap";
  out << "<text x=\"" << left << "\" y=\"" << height - 12.0 << "\">Points: the probed values of "
      << detail::xml_escape(r.w) << "; bars and band: " << format_significant(100.0 * r.level, 4) << "% " << method
      << " intervals (" << r.replicates.succeeded << " replicates), "
      << (grid ? "the band at " + std::to_string(r.conditional_indirect_band.size() / r.mediators.size()) +
                     " values of " + detail::xml_escape(r.w) + " across its range."
               : std::string("joined between the probed values."))
      << "</text>\n";
  detail::svg_close(out);
  return out.str();
}

}  // namespace socialcure
