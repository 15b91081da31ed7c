#include "socialcure/report/change_figures.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "report/detail/svg.hpp"
#include "socialcure/analyses/paired_tests.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/core/distributions.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

using detail::axis;
using detail::nice_axis;

}  // namespace

std::string change_slope_svg(const std::vector<change_panel>& panels, const change_figure_options& options) {
  if (panels.empty()) throw argument_error("change_slope_svg: no panels");
  check_level(options.level, "change_slope_svg");
  const double panel_w = 260.0;
  const double panel_h = 300.0;
  const double left = 60.0;
  const double top = 50.0;
  const double width = left + static_cast<double>(panels.size()) * (panel_w + 40.0) + 20.0;
  const double height = top + panel_h + 90.0;
  std::ostringstream out;
  detail::svg_open(out, width, height, "Change from " + options.pre_label + " to " + options.post_label);
  for (std::size_t k = 0; k < panels.size(); ++k) {
    const change_panel& p = panels[k];
    if (p.pre.size() != p.post.size()) {
      throw argument_error("change_slope_svg: panel '" + p.title + "' has " + std::to_string(p.pre.size()) +
                           " pre values but " + std::to_string(p.post.size()) + " post values");
    }
    const paired_t_result t = paired_t_test(p.pre, p.post, options.level);
    double lo = 1e300;
    double hi = -1e300;
    for (Eigen::Index i = 0; i < p.pre.size(); ++i) {
      if (is_missing(p.pre(i)) || is_missing(p.post(i))) continue;
      lo = std::min({lo, p.pre(i), p.post(i)});
      hi = std::max({hi, p.pre(i), p.post(i)});
    }
    const double x0 = left + static_cast<double>(k) * (panel_w + 40.0);
    out << "<g class=\"panel\">\n";
    out << "<text x=\"" << x0 + panel_w / 2.0 << "\" y=\"" << top - 20.0 << "\" text-anchor=\"middle\" font-weight=\"bold\">"
        << detail::xml_escape(p.title) << "</text>\n";
    if (t.n == 0) {
      out << "<text x=\"" << x0 + panel_w / 2.0 << "\" y=\"" << top + panel_h / 2.0
          << "\" text-anchor=\"middle\">no person with both values</text>\n</g>\n";
      continue;
    }
    const axis a = nice_axis(lo, hi);
    const auto y_of = [&](double v) { return top + panel_h - (v - a.lo) / (a.hi - a.lo) * panel_h; };
    const double xa = x0 + 50.0;
    const double xb = x0 + panel_w - 50.0;
    // Axis with ticks.
    out << "<line x1=\"" << x0 << "\" y1=\"" << top << "\" x2=\"" << x0 << "\" y2=\"" << top + panel_h
        << "\" stroke=\"#222\"/>\n";
    for (double v = a.lo; v <= a.hi + a.step / 2.0; v += a.step) {
      out << "<line x1=\"" << x0 - 4.0 << "\" y1=\"" << y_of(v) << "\" x2=\"" << x0 << "\" y2=\"" << y_of(v)
          << "\" stroke=\"#222\"/><text x=\"" << x0 - 7.0 << "\" y=\"" << y_of(v) + 4.0 << "\" text-anchor=\"end\">"
          << format_significant(v, 4) << "</text>\n";
    }
    // Individual lines, evenly chosen when there are more than max_lines.
    const std::size_t every = std::max<std::size_t>(1, (t.n + options.max_lines - 1) / std::max<std::size_t>(options.max_lines, 1));
    std::size_t seen = 0;
    std::size_t drawn = 0;
    for (Eigen::Index i = 0; i < p.pre.size(); ++i) {
      if (is_missing(p.pre(i)) || is_missing(p.post(i))) continue;
      if (seen++ % every != 0) continue;
      ++drawn;
      out << "<line x1=\"" << xa << "\" y1=\"" << y_of(p.pre(i)) << "\" x2=\"" << xb << "\" y2=\"" << y_of(p.post(i))
          << "\" stroke=\"#999\" stroke-opacity=\"0.35\"/>\n";
    }
    // Means with their CIs.
    const double q = t_quantile(1.0 - (1.0 - options.level) / 2.0, static_cast<double>(t.n) - 1.0);
    const double n = static_cast<double>(t.n);
    const std::pair<double, double> wave[] = {{xa, t.mean_pre}, {xb, t.mean_post}};
    const double sds[] = {t.sd_pre, t.sd_post};
    out << "<line x1=\"" << xa << "\" y1=\"" << y_of(t.mean_pre) << "\" x2=\"" << xb << "\" y2=\"" << y_of(t.mean_post)
        << "\" stroke=\"#000\" stroke-width=\"3\"/>\n";
    for (int w = 0; w < 2; ++w) {
      const double half = is_missing(q) || is_missing(sds[w]) ? 0.0 : q * sds[w] / std::sqrt(n);
      out << "<line class=\"ci\" x1=\"" << wave[w].first << "\" y1=\"" << y_of(wave[w].second - half) << "\" x2=\""
          << wave[w].first << "\" y2=\"" << y_of(wave[w].second + half) << "\" stroke=\"#000\" stroke-width=\"2\"/>"
          << "<circle cx=\"" << wave[w].first << "\" cy=\"" << y_of(wave[w].second)
          << "\" r=\"5\" fill=\"#000\"/>\n";
    }
    for (int w = 0; w < 2; ++w) {
      out << "<text x=\"" << wave[w].first << "\" y=\"" << top + panel_h + 20.0 << "\" text-anchor=\"middle\">"
          << detail::xml_escape(w == 0 ? options.pre_label : options.post_label) << "</text>\n";
    }
    out << "<text x=\"" << x0 + panel_w / 2.0 << "\" y=\"" << top + panel_h + 42.0 << "\" text-anchor=\"middle\">n = " << t.n
        << (drawn < t.n ? " (" + std::to_string(drawn) + " lines drawn)" : std::string()) << "; mean change "
        << format_fixed(t.mean_diff, 2) << "</text>\n";
    out << "</g>\n";
  }
  out << "<text x=\"" << left << "\" y=\"" << height - 15.0 << "\">Grey: each person; black: means with "
      << format_number(100.0 * options.level) << "% CIs.</text>\n";
  detail::svg_close(out);
  return out.str();
}

std::string group_counts_svg(const group_results& r) {
  // Shares per number of groups and wave.
  int max_groups = 0;
  for (const auto& s : r.summaries) {
    for (const auto& [k, count] : s.distribution) max_groups = std::max(max_groups, k);
  }
  const std::size_t waves = r.summaries.size();
  double max_share = 0.0;
  for (const auto& s : r.summaries) {
    for (const auto& [k, count] : s.distribution) {
      if (s.n_surveyed > 0) max_share = std::max(max_share, static_cast<double>(count) / static_cast<double>(s.n_surveyed));
    }
  }
  const axis a = nice_axis(0.0, std::max(max_share, 0.05));
  const double left = 70.0;
  const double top = 40.0;
  const double plot_h = 260.0;
  const double bar_w = 18.0;
  const double group_w = static_cast<double>(std::max<std::size_t>(waves, 1)) * bar_w + 14.0;
  const double plot_w = static_cast<double>(max_groups + 1) * group_w;
  const double width = left + plot_w + 160.0;
  const double height = top + plot_h + 70.0;
  const char* colours[] = {"#4d4d4d", "#a6a6a6", "#1f78b4", "#b2df8a", "#e31a1c", "#ff7f00"};
  std::ostringstream out;
  detail::svg_open(out, width, height, "Number of groups per person, by wave");
  const auto y_of = [&](double v) { return top + plot_h - (v - a.lo) / (a.hi - a.lo) * plot_h; };
  out << "<line x1=\"" << left << "\" y1=\"" << top << "\" x2=\"" << left << "\" y2=\"" << top + plot_h << "\" stroke=\"#222\"/>\n";
  out << "<line x1=\"" << left << "\" y1=\"" << top + plot_h << "\" x2=\"" << left + plot_w << "\" y2=\"" << top + plot_h
      << "\" stroke=\"#222\"/>\n";
  for (double v = a.lo; v <= a.hi + a.step / 2.0; v += a.step) {
    out << "<text x=\"" << left - 7.0 << "\" y=\"" << y_of(v) + 4.0 << "\" text-anchor=\"end\">"
        << format_fixed(100.0 * v, 0) << "%</text>\n";
  }
  for (int k = 0; k <= max_groups; ++k) {
    const double gx = left + static_cast<double>(k) * group_w + 7.0;
    for (std::size_t w = 0; w < waves; ++w) {
      const group_wave_summary& s = r.summaries[w];
      const auto it = s.distribution.find(k);
      const double share = it == s.distribution.end() || s.n_surveyed == 0
                               ? 0.0
                               : static_cast<double>(it->second) / static_cast<double>(s.n_surveyed);
      out << "<rect class=\"bar\" x=\"" << gx + static_cast<double>(w) * bar_w << "\" y=\"" << y_of(share) << "\" width=\""
          << bar_w - 2.0 << "\" height=\"" << y_of(0.0) - y_of(share) << "\" fill=\"" << colours[w % 6] << "\"/>\n";
    }
    out << "<text x=\"" << gx + static_cast<double>(waves) * bar_w / 2.0 << "\" y=\"" << top + plot_h + 18.0
        << "\" text-anchor=\"middle\">" << k << "</text>\n";
  }
  out << "<text x=\"" << left + plot_w / 2.0 << "\" y=\"" << top + plot_h + 45.0
      << "\" text-anchor=\"middle\">number of groups</text>\n";
  for (std::size_t w = 0; w < waves; ++w) {
    const double ly = top + 10.0 + 22.0 * static_cast<double>(w);
    out << "<rect x=\"" << left + plot_w + 20.0 << "\" y=\"" << ly - 11.0 << "\" width=\"14\" height=\"14\" fill=\""
        << colours[w % 6] << "\"/><text x=\"" << left + plot_w + 40.0 << "\" y=\"" << ly << "\">"
        << detail::xml_escape(r.summaries[w].wave) << " (n = " << r.summaries[w].n_surveyed << ")</text>\n";
  }
  detail::svg_close(out);
  return out.str();
}

}  // namespace socialcure
