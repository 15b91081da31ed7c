#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "interrupt.hpp"
#include "output_files.hpp"
#include "socialcure/core/error.hpp"
#include "socialcure/data/csv.hpp"
#include "socialcure/report/study_report.hpp"
#include "socialcure/study/study.hpp"
#include "socialcure/study/study_file.hpp"

namespace socialcure::cli {

namespace {

struct report_settings {
  std::string study;
  std::string out;
  std::size_t replicates = 0;  // 0: as in the study file
  std::uint64_t seed = 0;
  bool seed_given = false;
  unsigned threads = 0;
  bool quiet = false;
};

void make_directory(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error || !std::filesystem::is_directory(dir)) {
    throw data_error({dir.string(), 0, {}, {}, {}}, "cannot create the output folder: " +
                     (error ? error.message() : std::string("a file of that name exists")));
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "report", "The whole pre/post study from a study file: report.md, report.html, results.json, figures/*.svg");
  auto s = std::make_shared<report_settings>();
  command->add_option("--study", s->study, "The study file (TOML; see the README)")->required();
  command->add_option("--out", s->out, "Folder to write the report into (created if missing)")->required();
  command->add_option("--replicates", s->replicates, "Bootstrap resamples (overrides the study file)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  add_seed_option(*command, s->seed, s->seed_given, "Bootstrap seed (overrides the study file)");
  add_threads_option(*command, s->threads);
  add_quiet_option(*command, s->quiet);
  command->callback([s] {
    study_definition study = load_study(s->study);
    if (s->replicates > 0) study.settings.replicates = s->replicates;
    if (s->seed_given) study.settings.seed = s->seed;
    if (s->threads > 0) study.settings.threads = s->threads;
    std::vector<std::function<bool(std::size_t, std::size_t)>> bars;
    for (const auto& m : study.models) bars.push_back(progress_line(s->quiet, m.name + ": replicates"));
    const auto progress = [&bars](std::size_t model, std::size_t done, std::size_t total) {
      if (interrupted()) return false;  // cancels the bootstrap (see interrupt.hpp)
      return model < bars.size() && bars[model] ? bars[model](done, total) : true;
    };
    const deferring_interrupts defer;
    const study_result result = run_study(study, {}, progress);
    throw_if_interrupted();
    const study_report report = make_study_report(result);
    std::ostringstream people;
    write_csv(people, result.analysis);

    // Everything is computed: now every file, each whole, replacing the earlier ones only when all
    // could be written.
    const std::filesystem::path dir(s->out);
    make_directory(dir / "figures");
    output_files files;
    files.add((dir / "report.md").string(), report.markdown);
    files.add((dir / "report.html").string(), report.html);
    files.add((dir / "results.json").string(), report.json);
    files.add((dir / "respondents.csv").string(), people.str());
    for (const auto& f : report.figures) files.add((dir / f.file).string(), f.svg);
    files.commit();

    std::cout << "Wrote " << (dir / "report.md").string() << ", report.html, results.json, respondents.csv ("
              << result.analysis.rows() << " respondents) and " << report.figures.size() << " figure(s) in "
              << (dir / "figures").string() << "\n";
    for (const auto& sentence : report.sentences) std::cout << "- " << sentence << "\n";
  });
}

}  // namespace socialcure::cli
