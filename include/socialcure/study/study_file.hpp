#pragma once
/// \file
/// \brief Study descriptions read from TOML files (see study.hpp for what a study is).
///
/// A study file is a TOML document. Every key is optional unless marked required; a key left out
/// takes the default of the field of study_definition it fills. Relative file names (the data
/// files, the group file, custom scale files) are taken from the study file's folder and stored
/// resolved, so the study_definition runs from any working directory.
///
/// \code{.toml}
/// title = "Social prescribing pre/post evaluation"
/// id = "id"                       # respondent id column (default "id")
/// waves = ["t0", "t1"]            # exactly two wave names (default t0, t1)
/// completed = "completed"         # 0/1 completion flag column (default: present at wave 2)
/// covariates = ["age", "gender"]  # person-level columns
///
/// [data]                          # required
/// file = "panel_wide.csv"         # one wide file (wave columns stem + separator + wave), or
/// # files = ["panel_t0.csv", "panel_t1.csv"]  # one file per wave, in wave order
/// separator = "_"                 # default "_"
/// missing = ["", "NA"]            # codes read as missing in every format (default "" and "NA")
/// text = ["gender"]               # columns read as text
/// groups = "groups_long.csv"      # long group-membership file
///
/// [data.group_columns]            # the group file's columns (strings)
/// id = "id"                       # defaults: id "id", wave "wave", group "group",
/// wave = "wave"                   #   the others unset
/// group = "group"
/// # group_id, category, identification, importance, positivity, contact, pathway
///
/// [settings]
/// level = 0.95                    # confidence level, in (0, 1) (default 0.95)
/// replicates = 5000               # bootstrap replicates, an integer >= 1 (default 5000)
/// seed = 20191126                 # bootstrap seed, an integer >= 0 (default 1)
/// ci = "percentile"               # percentile | bias_corrected (bc) | bca | monte_carlo (mc)
/// threads = 0                     # an integer >= 0; 0: all hardware threads (default 0)
///
/// [[scales]]                      # one table per scale
/// name = "loneliness"             # required: the measure's name in the analysis table
/// scale = "ucla3"                 # a catalogue id (see catalogue.hpp), or
/// # file = "belonging.json"       # a custom definition (JSON, see scale_loader.hpp)
/// items = ["ucla1", "ucla2", "ucla3"]  # required: item column stems in item order,
///                                      # as many as the scale has items
///
/// [[counts]]                      # one table per count outcome
/// name = "gp_visits"              # required
/// column = "gp_visits"            # column stem (default: the name)
///
/// [[models]]                      # one table per model
/// name = "social_cure"            # required: letters, digits, '_' and '-'
/// type = "mediation"              # required: mediation | within_mediation | regression | moderation
/// x = "groups_change"
/// mediators = ["belonging_change", "loneliness_change"]
/// y = "gp_visits_change"
/// covariates = ["age"]
/// model = "serial"                # serial | parallel (default: serial with 2 or more
///                                 # mediators, parallel with 1)
/// # cluster = "practice"          # the cluster bootstrap (whole clusters resampled)
///
/// [[models]]
/// name = "appointments"
/// type = "mediation"
/// family = "negbin"               # gaussian (default) | poisson | negbin | binomial: the outcome's
///                                 # model (study_glm_mediation; the mediators stay linear)
/// x = "groups_change"
/// mediators = ["belonging_change", "loneliness_change"]
/// y = "gp_visits_t1"
/// covariates = ["gp_visits_t0"]
/// # offset = "log_months"         # counts only; or exposure = "months" (its log is the offset)
/// # x_values = [0, 1]             # x0, x1 (default 0 -> 1 for a 0/1 X, else mean -> mean + SD)
/// # interaction = false           # X*M terms in the outcome model
/// # model = 7                     # or a conditional process model 7, 8, 14, 15, 58, 59 with
/// # w = "age"                     #   its moderator (and probe, center); not with interaction
///
/// [[models]]
/// name = "visits"
/// type = "regression"
/// y = "gp_visits_t1"
/// x = ["loneliness_t0", "groups_t0"]  # the predictors (one name alone may be a string)
/// covariates = ["age"]
/// family = "poisson"              # linear (default, OLS) | poisson | negative_binomial (negbin,
///                                 # nb) | binomial (logit)
/// # se = "hc3"                    # linear only: classical | hc0 | hc1 | hc2 | hc3 | hc4 (default hc3)
/// # cluster = "practice"          # cluster-robust SEs instead of se; cluster_se = "cr1" | "cr2"
///
/// [[models]]
/// name = "for_whom"
/// type = "moderation"             # PROCESS model 1, 2 or 3 (fit_moderation)
/// x = "groups_change"             # required, as w and y
/// w = "identification_t0"
/// y = "belonging_change"
/// model = 1                       # 1 (default) | 2 | 3 (these two need z, the second moderator)
/// center = "none"                 # none | all | continuous; probe = "percentiles" | "sd" | [values]
/// se = "classical"                # classical (default) | hc0-hc4; level: default settings.level
///
/// [[models]]
/// name = "when"
/// type = "mediation"
/// x = "groups_change"
/// mediators = ["belonging_change"]
/// y = "gp_visits_change"
/// model = 7                       # PROCESS's number: 4, 6, 7, 8, 14, 15, 58, 59 (the last six need w)
/// w = "loneliness_t0"             # probe and center as for moderation
/// \endcode
///
/// Keys by model type: mediation takes x, mediators, y, covariates, model, w, probe, center,
/// family, cluster (columns of the analysis table, e.g. "groups_change"); with a family other than
/// gaussian it is a study_glm_mediation and takes offset or exposure, x_values and interaction
/// instead of w, probe and center; moderation takes x, w, z, y, model, covariates, center, probe,
/// se, level; within_mediation takes mediators, y, model, cluster (measure names, e.g.
/// "loneliness": their two waves are the instances); regression takes y, x, covariates, family,
/// se, cluster, cluster_se. Every type takes name and type. Each type is one alternative of
/// study_model_spec (study_mediation, study_within_mediation, study_regression, study_moderation,
/// study_glm_mediation), named by its `type` member (both mediation kinds: "mediation").
///
/// Errors. A malformed file throws data_error naming the file, the line and the key path, with
/// tables and array elements counted from 1 ("scales[2].items[1]" is the first item of the
/// second [[scales]] table), e.g.
/// `study.toml:12: settings.replicate: unknown key (allowed: level, replicates, seed, ci, threads)`.
/// The checks: TOML syntax (with toml11's description; invalid UTF-8 by its first bad byte;
/// arrays and inline tables nested at most 64 deep), unknown keys in every table, values of the
/// wrong type, values out of range, missing required keys and tables, unknown choices
/// (listing the allowed ones, the catalogue ids for an unknown scale), a scale whose 'items'
/// count differs from its definition, a custom scale file that cannot be read or is not a valid
/// definition, both or neither of data.file and data.files, data.files with other than 2
/// entries, and whatever study_definition::validate() finds (named names, duplicates, model
/// variables). A missing data file is not checked here: read_study_inputs() (stages.hpp), and so
/// run_study(), reports it.

#include <string>
#include <string_view>

#include "socialcure/study/study.hpp"

namespace socialcure {

/// \brief Reads a study description from TOML text and validates it.
/// \param text            the TOML document
/// \param source          the name of the text in messages (a file name, or a label such as "<string>")
/// \param base_directory  the folder relative file names are taken from (empty: left as written)
/// \throws data_error naming `source`, the line and the key path (see the file comment)
[[nodiscard]] study_definition parse_study(std::string_view text, const std::string& source,
                                           const std::string& base_directory = {});

/// \brief Reads a study file; relative file names in it are taken from the file's folder.
/// \throws data_error naming `path` when the file cannot be read or is not a valid study (see
/// parse_study)
[[nodiscard]] study_definition load_study(const std::string& path);

}  // namespace socialcure
