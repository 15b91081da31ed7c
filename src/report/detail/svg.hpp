#pragma once
// Internal to the report layer: the common parts of the SVG figures.

#include <cmath>
#include <ostream>
#include <string>

namespace socialcure::detail {

/// Text with &, <, > and " escaped for XML.
inline std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

/// The XML declaration, the <svg> element with its size, a title and a white background.
inline void svg_open(std::ostream& out, double width, double height, const std::string& title) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 "
      << width << " " << height << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n"
      << "<title>" << xml_escape(title) << "</title>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
}

inline void svg_close(std::ostream& out) { out << "</svg>\n"; }

/// A "nice" axis from lo to hi with about 5 ticks.
struct axis {
  double lo = 0.0;
  double hi = 1.0;
  double step = 0.2;
};

inline axis nice_axis(double lo, double hi) {
  if (!(hi > lo)) {
    lo -= 1.0;
    hi += 1.0;
  }
  const double raw = (hi - lo) / 5.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  }
  return {std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

}  // namespace socialcure::detail
