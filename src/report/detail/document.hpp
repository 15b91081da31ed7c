#pragma once
// Internal to the report layer: a small document (headings, paragraphs, lists, tables, figures)
// rendered to Markdown or to one self-contained HTML page, so that both formats carry the same
// content.

#include <cstddef>
#include <string>
#include <vector>

namespace socialcure::detail {

/// A table: the first column is left-aligned, the others right-aligned (numbers).
struct doc_table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string note;  ///< printed under the table
};

/// A figure: an SVG file written beside the report (Markdown links it; HTML inlines it).
struct doc_figure {
  std::string file;  ///< e.g. "figures/change.svg"
  std::string caption;
  std::string svg;
};

struct doc_block {
  enum class kind { heading, paragraph, list, table, figure } type = kind::paragraph;
  int level = 2;                   ///< heading level
  std::string text;                ///< heading or paragraph text (plain)
  std::vector<std::string> items;  ///< list items (plain)
  doc_table table;
  doc_figure figure;
};

class document {
 public:
  void heading(int level, std::string text) {
    doc_block b;
    b.type = doc_block::kind::heading;
    b.level = level;
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
  }
  void paragraph(std::string text) {
    doc_block b;
    b.type = doc_block::kind::paragraph;
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
  }
  void list(std::vector<std::string> items) {
    if (items.empty()) return;
    doc_block b;
    b.type = doc_block::kind::list;
    b.items = std::move(items);
    blocks_.push_back(std::move(b));
  }
  void add_table(doc_table table) {
    doc_block b;
    b.type = doc_block::kind::table;
    b.table = std::move(table);
    blocks_.push_back(std::move(b));
  }
  void add_figure(doc_figure figure) {
    doc_block b;
    b.type = doc_block::kind::figure;
    b.figure = std::move(figure);
    blocks_.push_back(std::move(b));
  }
  [[nodiscard]] const std::vector<doc_block>& blocks() const noexcept { return blocks_; }

 private:
  std::vector<doc_block> blocks_;
};

/// GitHub-flavoured Markdown; figures as image links to their files.
[[nodiscard]] std::string render_markdown(const document& doc);

/// One HTML page with inline CSS and the SVG figures inline (no external resource, no script).
[[nodiscard]] std::string render_html(const document& doc, const std::string& title);

}  // namespace socialcure::detail
