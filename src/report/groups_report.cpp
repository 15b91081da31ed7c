#include "socialcure/report/groups_report.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/detail/json_number.hpp"
#include "report/detail/json_values.hpp"
#include "socialcure/core/number.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/report/text_table.hpp"

namespace socialcure {

namespace {
using json = nlohmann::ordered_json;
using detail::json_number;
}  // namespace

std::string groups_text(const group_results& r) {
  std::ostringstream out;
  out << "Group memberships: " << r.people.size() << " people, waves";
  for (const auto& w : r.waves) out << " " << w;
  out << (r.rows_excluded > 0 ? ", " + std::to_string(r.rows_excluded) + " rows excluded" : std::string()) << "\n\n";
  text_table t({"wave", "surveyed", "mean groups", "sd", "mean highly identified", "distribution (groups: people)"});
  for (const auto& s : r.summaries) {
    std::string dist;
    for (const auto& [k, count] : s.distribution) dist += (dist.empty() ? "" : ", ") + std::to_string(k) + ": " + std::to_string(count);
    t.add_row({s.wave, std::to_string(s.n_surveyed), format_fixed(s.mean_groups, 3), format_fixed(s.sd_groups, 3),
               format_fixed(s.mean_high_id, 3), dist});
  }
  out << t.str();
  if (!r.from.empty()) {
    double maintained = 0, gained = 0, lost = 0;
    for (const auto& tr : r.transitions) {
      if (is_missing(tr.gained)) continue;
      maintained += tr.maintained;
      gained += tr.gained;
      lost += tr.lost;
    }
    out << "\n" << r.from << " -> " << r.to << ": " << r.n_both << " people surveyed at both; groups maintained "
        << format_number(maintained) << ", gained " << format_number(gained) << ", lost " << format_number(lost)
        << "; " << format_fixed(100.0 * r.share_gained_any, 1) << "% gained at least one group\n";
  }
  return out.str();
}

std::string groups_csv(const group_results& results, const std::string& id_column) {
  std::ostringstream out;
  write_csv(out, group_results_table(results, id_column));
  return out.str();
}

detail::json_value detail::groups_json_value(const group_results& r) {
  auto metrics_json = [](const group_metrics& m) {
    if (!m.surveyed) return json(nullptr);
    json j;
    for (const auto& [name, field] : group_metrics::fields()) j[name] = json_number(m.*field);
    return j;
  };
  json people = json::array();
  for (std::size_t p = 0; p < r.people.size(); ++p) {
    json person;
    person["id"] = r.people[p];
    json waves = json::object();
    for (std::size_t w = 0; w < r.waves.size(); ++w) waves[r.waves[w]] = metrics_json(r.metrics[p][w]);
    person["waves"] = std::move(waves);
    const group_transition& t = r.transitions[p];
    if (is_missing(t.gained)) {
      person["transition"] = nullptr;
    } else {
      person["transition"] = {{"maintained", json_number(t.maintained)}, {"gained", json_number(t.gained)},
                              {"lost", json_number(t.lost)},             {"continuity", json_number(t.continuity)},
                              {"net_change", json_number(t.net_change)}, {"change", metrics_json(t.change)}};
    }
    people.push_back(std::move(person));
  }
  json summary = json::object();
  for (const auto& s : r.summaries) {
    json dist = json::object();
    for (const auto& [k, count] : s.distribution) dist[std::to_string(k)] = count;
    summary[s.wave] = {{"n_surveyed", s.n_surveyed}, {"mean_groups", json_number(s.mean_groups)},
                       {"sd_groups", json_number(s.sd_groups)}, {"mean_high_id", json_number(s.mean_high_id)},
                       {"distribution", std::move(dist)}, {"mean", metrics_json(s.mean)}, {"sd", metrics_json(s.sd)}};
  }
  summary["share_gained_any"] = json_number(r.share_gained_any);
  json out;
  out["schema"] = "socialcure.groups/1";
  out["n_people"] = r.people.size();
  out["waves"] = r.waves;
  out["from"] = r.from;
  out["to"] = r.to;
  out["rows_excluded"] = r.rows_excluded;
  out["people"] = std::move(people);
  out["summary"] = std::move(summary);
  return out;
}

std::string groups_json(const group_results& r) {
  return detail::dump_json(detail::groups_json_value(r));
}

}  // namespace socialcure
