#pragma once
// Internal to the report layer: a plotting area with axes, and a confidence band, shared by the
// moderation and conditional process figures.

#include <ostream>
#include <string>
#include <vector>

#include "report/detail/svg.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure::detail {

inline constexpr const char* plot_palette[] = {"#1b6ca8", "#d1495b", "#2e8b57", "#8e44ad", "#e67e22", "#555555"};

// A plotting area with its axes and the maps from data to SVG coordinates.
struct plot_area {
  double left = 0.0;
  double top = 0.0;
  double width = 0.0;
  double height = 0.0;
  axis x;
  axis y;
  [[nodiscard]] double sx(double v) const { return left + (v - x.lo) / (x.hi - x.lo) * width; }
  [[nodiscard]] double sy(double v) const { return top + height - (v - y.lo) / (y.hi - y.lo) * height; }
};

inline void draw_axes(std::ostream& out, const plot_area& a, const std::string& x_label, const std::string& y_label) {
  out << "<rect x=\"" << a.left << "\" y=\"" << a.top << "\" width=\"" << a.width << "\" height=\"" << a.height
      << "\" fill=\"none\" stroke=\"#222\"/>\n";
  for (double v = a.x.lo; v <= a.x.hi + a.x.step / 2.0; v += a.x.step) {
    out << "<line x1=\"" << a.sx(v) << "\" y1=\"" << a.top + a.height << "\" x2=\"" << a.sx(v) << "\" y2=\""
        << a.top + a.height + 4.0 << "\" stroke=\"#222\"/><text x=\"" << a.sx(v) << "\" y=\"" << a.top + a.height + 18.0
        << "\" text-anchor=\"middle\">" << format_significant(v, 4) << "</text>\n";
  }
  for (double v = a.y.lo; v <= a.y.hi + a.y.step / 2.0; v += a.y.step) {
    out << "<line x1=\"" << a.left - 4.0 << "\" y1=\"" << a.sy(v) << "\" x2=\"" << a.left << "\" y2=\"" << a.sy(v)
        << "\" stroke=\"#222\"/><text x=\"" << a.left - 7.0 << "\" y=\"" << a.sy(v) + 4.0 << "\" text-anchor=\"end\">"
        << format_significant(v, 4) << "</text>\n";
  }
  out << "<text x=\"" << a.left + a.width / 2.0 << "\" y=\"" << a.top + a.height + 38.0 << "\" text-anchor=\"middle\">"
      << xml_escape(x_label) << "</text>\n";
  out << "<text transform=\"translate(" << a.left - 48.0 << " " << a.top + a.height / 2.0
      << ") rotate(-90)\" text-anchor=\"middle\">" << xml_escape(y_label) << "</text>\n";
}

// A band between lower and upper (polygon) and the line through mid, at the same xs.
inline void draw_band(std::ostream& out, const plot_area& a, const std::vector<double>& xs, const std::vector<double>& lower,
               const std::vector<double>& mid, const std::vector<double>& upper, const char* colour) {
  out << "<polygon fill=\"" << colour << "\" fill-opacity=\"0.18\" stroke=\"none\" points=\"";
  for (std::size_t k = 0; k < xs.size(); ++k) out << a.sx(xs[k]) << "," << a.sy(upper[k]) << " ";
  for (std::size_t k = xs.size(); k-- > 0;) out << a.sx(xs[k]) << "," << a.sy(lower[k]) << " ";
  out << "\"/>\n<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2.5\" points=\"";
  for (std::size_t k = 0; k < xs.size(); ++k) out << a.sx(xs[k]) << "," << a.sy(mid[k]) << " ";
  out << "\"/>\n";
}

}  // namespace socialcure::detail
