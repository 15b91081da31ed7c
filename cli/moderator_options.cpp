#include "moderator_options.hpp"

#include "socialcure/core/number.hpp"

namespace socialcure::cli {

void add_center_option(CLI::App& command, std::string& center) {
  command.add_option("--center", center,
                     "Mean-centre the variables that form products: none (default), all, continuous (PROCESS center)")
      ->check(CLI::IsMember({"none", "all", "continuous"}));
}

void add_probe_option(CLI::App& command, std::vector<std::string>& probe) {
  command.add_option("--probe", probe,
                     "Moderator values: percentiles (16th, 50th, 84th; default), sd (mean -/+ 1 SD) or V1,V2,...")
      ->delimiter(',');
}

std::vector<double> numbers_of(const std::vector<std::string>& texts, const char* option) {
  std::vector<double> out;
  for (const auto& t : texts) {
    const parsed_number p = parse_number(t);
    if (p.status != number_status::ok) {
      throw CLI::ValidationError(option, "'" + t + "' is not a number (give sd, percentiles or numbers V1,V2,...)");
    }
    out.push_back(p.value);
  }
  return out;
}

probe_options probe_of(const std::vector<std::string>& probe) {
  probe_options o;
  if (probe.size() == 1 && probe[0] == "sd") {
    o.method = probe_method::mean_sd;
  } else if (!(probe.size() == 1 && probe[0] == "percentiles")) {
    o.method = probe_method::values;
    o.values = numbers_of(probe, "--probe");
  }
  return o;
}

}  // namespace socialcure::cli
