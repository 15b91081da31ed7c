#include "socialcure/report/path_diagram.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "report/detail/svg.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {

std::string dot_escape(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

bool significant(const coefficient& c) {
  return !is_missing(c.ci_lower) && !is_missing(c.ci_upper) && (c.ci_lower > 0 || c.ci_upper < 0);
}

std::string number(double v) { return format_fixed(v, 3); }

std::string interval(double lo, double hi) { return "[" + number(lo) + ", " + number(hi) + "]"; }

/// An arrow of the diagram.
struct arrow {
  std::size_t from = 0;  // node index: 0 = X, 1..k = mediators, k + 1 = Y
  std::size_t to = 0;
  std::string label;
  bool solid = true;
};

/// W's arrow onto the middle of a path it moderates (conditional process models).
struct moderation_arrow {
  std::size_t target = 0;  // index into diagram::arrows
  std::string label;
  bool solid = true;
};

struct diagram {
  std::vector<std::string> nodes;
  std::vector<arrow> arrows;
  std::string moderator;  // W; empty when no path is moderated
  std::vector<moderation_arrow> moderations;
  std::vector<std::string> footer;
};

/// The product term `from`*W in the equation of `to`, if the model has it.
const coefficient* product_term(const mediation_result& r, const std::string& from, const std::string& to) {
  for (const auto& eq : r.equations) {
    if (eq.response != to) continue;
    for (const auto& c : eq.coefficients) {
      if (c.term == from + "*" + r.w) return &c;
    }
  }
  return nullptr;
}

std::string interval_text(const mediation_result& r, const mediation_effect& e) {
  return number(e.estimate) + ", " + format_number(100.0 * r.level) + "% CI " + interval(e.ci_lower, e.ci_upper) +
         (e.ci_ok ? "" : " (no interval)");
}

/// The conditional indirect effects at each W value and the indices of moderated mediation.
void conditional_footer(const mediation_result& r, diagram& d) {
  if (!d.moderations.empty()) {
    d.footer.push_back("A path " + r.w + " moderates is labelled with its coefficient at " + r.w +
                       " = 0; the product term's is on the arrow from " + r.w + ".");
  }
  for (const auto& c : r.conditional_indirect) {
    const std::string through = c.mediator == "total" ? "Total indirect effect" : "Indirect effect through " + c.mediator;
    d.footer.push_back(through + " at " + r.w + " = " + number(c.w) + ": " + interval_text(r, c.effect));
  }
  for (const auto& i : r.index_of_moderated_mediation) {
    d.footer.push_back("Index of moderated mediation (" + i.mediator + "): " + interval_text(r, i.effect));
  }
}

diagram build(const mediation_result& r) {
  diagram d;
  d.nodes.push_back(r.x);
  for (const auto& m : r.mediators) d.nodes.push_back(m);
  d.nodes.push_back(r.y);
  const auto index = [&](const std::string& name) {
    const auto it = std::find(d.nodes.begin(), d.nodes.end(), name);
    return static_cast<std::size_t>(it - d.nodes.begin());
  };
  std::size_t a = 0;
  std::size_t b = 0;
  for (const auto& p : r.paths) {
    const std::size_t from = index(p.from);
    const std::size_t to = index(p.to);
    std::string name;
    if (from == 0 && to == d.nodes.size() - 1) {
      name = "c' = " + number(p.value.estimate);
      if (r.moderated_model == 0) name += " (c = " + number(r.total_effect.estimate) + ")";
    } else if (from == 0) {
      name = "a" + std::to_string(++a) + " = " + number(p.value.estimate);
    } else if (to == d.nodes.size() - 1) {
      name = "b" + std::to_string(++b) + " = " + number(p.value.estimate);
    } else {
      name = "d" + std::to_string(to) + std::to_string(from) + " = " + number(p.value.estimate);
    }
    d.arrows.push_back({from, to, name, significant(p.value)});
    if (r.moderated_model == 0) continue;
    d.moderator = r.w;
    if (const coefficient* c = product_term(r, p.from, p.to)) {
      d.moderations.push_back({d.arrows.size() - 1, c->term + " = " + number(c->estimate), significant(*c)});
    }
  }
  for (const auto& e : r.indirect) {
    std::string path;
    for (const auto& v : e.path) path += (path.empty() ? "" : " \u2192 ") + v;
    const std::string head = e.label == "total" ? "Total indirect effect" : e.label + ": " + path;
    d.footer.push_back(head + " = " + interval_text(r, e));
  }
  conditional_footer(r, d);
  d.footer.push_back("Solid: the " + format_number(100.0 * r.level) +
                     "% CI of the coefficient excludes 0; dashed: it does not. n = " + std::to_string(r.n) + ".");
  return d;
}

}  // namespace

std::string mediation_svg(const mediation_result& r) {
  const diagram d = build(r);
  const std::size_t k = d.nodes.size() - 2;
  // Geometry: boxes 150 x 44; mediators in a row at y = 70, X and Y at y = 70 + 150.
  const double box_w = 170.0;
  const double box_h = 44.0;
  const double gap = 110.0;
  const double row_w = static_cast<double>(k) * box_w + static_cast<double>(k - 1) * gap;
  const double width = std::max(row_w + 2.0 * box_w, 3.0 * box_w + 2.0 * gap) + 80.0;
  // Room above the mediators for the arcs of serial paths that skip a mediator.
  double arcs = 0.0;
  for (const auto& a : d.arrows) {
    if (a.from >= 1 && a.to <= k && a.to > a.from + 1) arcs = std::max(arcs, 45.0 + 15.0 * static_cast<double>(a.to - a.from));
  }
  const double top = 50.0 + arcs / 2.0 + 10.0;
  const double bottom = top + 170.0;
  std::vector<std::pair<double, double>> centre(d.nodes.size());
  centre.front() = {40.0 + box_w / 2.0, bottom};
  centre.back() = {width - 40.0 - box_w / 2.0, bottom};
  const double first = (width - row_w) / 2.0 + box_w / 2.0;
  for (std::size_t j = 0; j < k; ++j) centre[j + 1] = {first + static_cast<double>(j) * (box_w + gap), top};
  const double w_room = d.moderator.empty() ? 0.0 : 130.0;  // W's box under the X -> Y arrow
  const std::pair<double, double> w_centre{width / 2.0, bottom + 120.0};
  const double height = bottom + w_room + box_h / 2.0 + 40.0 + 20.0 * static_cast<double>(d.footer.size());

  std::ostringstream out;
  detail::svg_open(out, width, height, std::string(r.within ? "Within-subject mediation" : "Mediation") + " path diagram");
  out << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
         "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#222\"/></marker></defs>\n";
  // Where a line from a box centre towards another point leaves the box.
  const auto edge_point = [&](std::pair<double, double> c, std::pair<double, double> towards) {
    const double dx = towards.first - c.first;
    const double dy = towards.second - c.second;
    const double sx = dx == 0 ? 1e300 : (box_w / 2.0) / std::fabs(dx);
    const double sy = dy == 0 ? 1e300 : (box_h / 2.0) / std::fabs(dy);
    const double s = std::min(sx, sy);
    return std::pair<double, double>{c.first + dx * s, c.second + dy * s};
  };
  // Labels sit on a white halo so that crossing lines do not hide them.
  const char* halo = " text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"white\" stroke-width=\"5\"";
  // W's arrows onto the middle of the paths it moderates, under the path labels (their own labels
  // go on top of everything, near the path for X -> M and M -> Y, halfway for X -> Y).
  std::ostringstream moderation_labels;
  for (const auto& m : d.moderations) {
    const arrow& a = d.arrows[m.target];
    const auto p = edge_point(centre[a.from], centre[a.to]);
    const auto q = edge_point(centre[a.to], centre[a.from]);
    const std::pair<double, double> mid{(p.first + q.first) / 2.0, (p.second + q.second) / 2.0};
    const auto start = edge_point(w_centre, mid);
    const bool left = mid.first < start.first - 1.0;
    const double t = std::fabs(mid.first - start.first) < 1.0 ? 0.5 : 0.8;
    const double lx = start.first + t * (mid.first - start.first) + (left ? -6.0 : 6.0);
    const double ly = start.second + t * (mid.second - start.second);
    out << "<g class=\"moderation\"><line x1=\"" << start.first << "\" y1=\"" << start.second << "\" x2=\"" << mid.first
        << "\" y2=\"" << mid.second << "\" stroke=\"#222\" stroke-width=\"1.5\"" << (m.solid ? "" : " stroke-dasharray=\"6 4\"")
        << " marker-end=\"url(#arrow)\"/></g>\n";
    moderation_labels << "<text class=\"moderation\" x=\"" << lx << "\" y=\"" << ly << "\" text-anchor=\""
                      << (left ? "end" : "start") << "\" paint-order=\"stroke\" stroke=\"white\" stroke-width=\"5\">"
                      << detail::xml_escape(m.label) << "</text>\n";
  }
  // With W under it, the direct effect's label moves towards Y, out of the way of W's arrows.
  const double direct_t = d.moderator.empty() ? 0.5 : 0.85;
  for (const auto& a : d.arrows) {
    const auto from = edge_point(centre[a.from], centre[a.to]);
    const auto to = edge_point(centre[a.to], centre[a.from]);
    const bool skip = a.from >= 1 && a.to <= k && a.to > a.from + 1;  // a serial arrow over a mediator: arc above
    out << "<g class=\"path\">";
    if (skip) {
      const double lift = 45.0 + 15.0 * static_cast<double>(a.to - a.from);
      const double mx = (centre[a.from].first + centre[a.to].first) / 2.0;
      out << "<path d=\"M " << centre[a.from].first << " " << top - box_h / 2.0 << " Q " << mx << " " << top - box_h / 2.0 - lift
          << " " << centre[a.to].first << " " << top - box_h / 2.0 << "\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\""
          << (a.solid ? "" : " stroke-dasharray=\"6 4\"") << " marker-end=\"url(#arrow)\"/>";
      out << "<text x=\"" << mx << "\" y=\"" << top - box_h / 2.0 - lift / 2.0 - 4.0 << "\"" << halo << ">"
          << detail::xml_escape(a.label) << "</text>";
    } else {
      out << "<line x1=\"" << from.first << "\" y1=\"" << from.second << "\" x2=\"" << to.first << "\" y2=\"" << to.second
          << "\" stroke=\"#222\" stroke-width=\"1.5\"" << (a.solid ? "" : " stroke-dasharray=\"6 4\"")
          << " marker-end=\"url(#arrow)\"/>";
      // Labels of X -> M near X, of M -> Y near Y, others halfway; the direct effect under its arrow.
      const double t = a.from == 0 && a.to <= k ? 0.3 : (a.to == k + 1 && a.from >= 1 ? 0.7 : direct_t);
      const double lx = from.first + t * (to.first - from.first);
      const double ly = from.second + t * (to.second - from.second) + (a.from == 0 && a.to == k + 1 ? 18.0 : -6.0);
      out << "<text x=\"" << lx << "\" y=\"" << ly << "\"" << halo << ">" << detail::xml_escape(a.label) << "</text>";
    }
    out << "</g>\n";
  }
  const auto box = [&](std::pair<double, double> c, const std::string& name) {
    const auto [cx, cy] = c;
    out << "<g class=\"variable\"><rect x=\"" << cx - box_w / 2.0 << "\" y=\"" << cy - box_h / 2.0 << "\" width=\"" << box_w
        << "\" height=\"" << box_h << "\" rx=\"4\" fill=\"#f4f4f4\" stroke=\"#222\"/>"
        << "<text x=\"" << cx << "\" y=\"" << cy + 4.5 << "\" text-anchor=\"middle\">" << detail::xml_escape(name)
        << "</text></g>\n";
  };
  for (std::size_t i = 0; i < d.nodes.size(); ++i) box(centre[i], d.nodes[i]);
  if (!d.moderator.empty()) box(w_centre, d.moderator);
  out << moderation_labels.str();
  double y = bottom + w_room + box_h / 2.0 + 40.0;
  for (const auto& line : d.footer) {
    out << "<text x=\"40\" y=\"" << y << "\">" << detail::xml_escape(line) << "</text>\n";
    y += 20.0;
  }
  detail::svg_close(out);
  return out.str();
}

std::string mediation_dot(const mediation_result& r) {
  const diagram d = build(r);
  std::ostringstream out;
  out << "digraph mediation {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
  for (std::size_t i = 0; i < d.nodes.size(); ++i) out << "  n" << i << " [label=\"" << dot_escape(d.nodes[i]) << "\"];\n";
  if (!d.moderator.empty()) out << "  w [label=\"" << dot_escape(d.moderator) << "\"];\n";
  for (std::size_t i = 0; i < d.arrows.size(); ++i) {
    const arrow& a = d.arrows[i];
    const std::string style = a.solid ? "" : ", style=dashed";
    const auto m = std::find_if(d.moderations.begin(), d.moderations.end(),
                                [&](const moderation_arrow& x) { return x.target == i; });
    if (m == d.moderations.end()) {
      out << "  n" << a.from << " -> n" << a.to << " [label=\"" << dot_escape(a.label) << "\"" << style << "];\n";
      continue;
    }
    // A moderated path runs through a point that W's arrow ends on.
    out << "  p" << i << " [shape=point];\n  n" << a.from << " -> p" << i << " [arrowhead=none, label=\""
        << dot_escape(a.label) << "\"" << style << "];\n  p" << i << " -> n" << a.to << " [" << style.substr(std::min<std::size_t>(2, style.size())) << "];\n"
        << "  w -> p" << i << " [label=\"" << dot_escape(m->label) << "\"" << (m->solid ? "" : ", style=dashed") << "];\n";
  }
  std::string footer;
  for (const auto& line : d.footer) footer += dot_escape(line) + "\\l";
  out << "  label=\"" << footer << "\";\n  labelloc=b;\n  labeljust=l;\n}\n";
  return out.str();
}

}  // namespace socialcure
