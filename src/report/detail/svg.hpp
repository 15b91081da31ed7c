#pragma once
// Internal to the report layer: the common parts of the SVG figures.

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

}  // namespace socialcure::detail
