#include "report/detail/document.hpp"

#include <sstream>
#include <string>

#include "report/detail/svg.hpp"

namespace socialcure::detail {

namespace {

// A Markdown table cell: '|' escaped, line breaks as spaces.
std::string md_cell(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '|') {
      out += "\\|";
    } else if (ch == '\n') {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// The SVG without its XML declaration, for inlining in HTML; its element ids get the prefix
// "figN-" so that ids stay unique on the page.
std::string inline_svg(const std::string& svg, std::size_t index) {
  const auto start = svg.find("<svg");
  std::string out = start == std::string::npos ? svg : svg.substr(start);
  const std::string prefix = "fig" + std::to_string(index) + "-";
  replace_all(out, " id=\"", " id=\"" + prefix);
  replace_all(out, "url(#", "url(#" + prefix);
  return out;
}

constexpr const char* style_sheet = R"css(
body { font-family: Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #444; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .8rem 0 .3rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #444; }
p.table-note { font-size: .85rem; color: #555; margin-top: 0; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .9rem; color: #444; }
)css";

}  // namespace

std::string render_markdown(const document& doc) {
  std::ostringstream out;
  for (const auto& b : doc.blocks()) {
    switch (b.type) {
      case doc_block::kind::heading:
        out << std::string(static_cast<std::size_t>(b.level), '#') << ' ' << b.text << "\n\n";
        break;
      case doc_block::kind::paragraph:
        out << b.text << "\n\n";
        break;
      case doc_block::kind::list:
        for (const auto& item : b.items) out << "- " << item << '\n';
        out << '\n';
        break;
      case doc_block::kind::table: {
        const auto& t = b.table;
        if (!t.caption.empty()) out << "**" << t.caption << "**\n\n";
        out << '|';
        for (const auto& h : t.header) out << ' ' << md_cell(h) << " |";
        out << "\n|";
        for (std::size_t c = 0; c < t.header.size(); ++c) out << (c == 0 ? " --- |" : " ---: |");
        out << '\n';
        for (const auto& row : t.rows) {
          out << '|';
          for (const auto& cell : row) out << ' ' << md_cell(cell) << " |";
          out << '\n';
        }
        out << '\n';
        if (!t.note.empty()) out << '*' << t.note << "*\n\n";
        break;
      }
      case doc_block::kind::figure:
        out << "![" << b.figure.caption << "](" << b.figure.file << ")\n\n*" << b.figure.caption << "*\n\n";
        break;
    }
  }
  return out.str();
}

std::string render_html(const document& doc, const std::string& title) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << xml_escape(title)
      << "</title>\n<style>" << style_sheet << "</style>\n</head>\n<body>\n";
  std::size_t figures = 0;
  for (const auto& b : doc.blocks()) {
    switch (b.type) {
      case doc_block::kind::heading:
        out << "<h" << b.level << '>' << xml_escape(b.text) << "</h" << b.level << ">\n";
        break;
      case doc_block::kind::paragraph:
        out << "<p>" << xml_escape(b.text) << "</p>\n";
        break;
      case doc_block::kind::list:
        out << "<ul>\n";
        for (const auto& item : b.items) out << "<li>" << xml_escape(item) << "</li>\n";
        out << "</ul>\n";
        break;
      case doc_block::kind::table: {
        const auto& t = b.table;
        out << "<table>\n";
        if (!t.caption.empty()) out << "<caption>" << xml_escape(t.caption) << "</caption>\n";
        out << "<thead><tr>";
        for (const auto& h : t.header) out << "<th>" << xml_escape(h) << "</th>";
        out << "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
          out << "<tr>";
          for (const auto& cell : row) out << "<td>" << xml_escape(cell) << "</td>";
          out << "</tr>\n";
        }
        out << "</tbody>\n</table>\n";
        if (!t.note.empty()) out << "<p class=\"table-note\">" << xml_escape(t.note) << "</p>\n";
        break;
      }
      case doc_block::kind::figure:
        out << "<figure>\n" << inline_svg(b.figure.svg, ++figures) << "<figcaption>" << xml_escape(b.figure.caption)
            << "</figcaption>\n</figure>\n";
        break;
    }
  }
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace socialcure::detail
