// make_sample_data — deterministic generator of the bundled synthetic
// "Social Cure" sample data (a social-prescribing pre/post panel shaped like
// Kellezi et al., 2019, BMJ Open).
//
// Usage:
//   make_sample_data OUTDIR [--seed N]
//       writes panel_wide.csv, panel_t0.csv, panel_t1.csv and groups_long.csv
//       into OUTDIR (created if missing) and prints a summary.
//   make_sample_data --population [--seed N] [--completers N]
//       simulates a very large sample of completers (no blank items) and
//       prints the population OLS coefficients of the change-score serial
//       mediation model.
//
// Determinism: std::mt19937_64 (whose output sequence is fixed by the C++
// standard) supplies raw bits only. Every distribution, and exp/log, is
// implemented below with IEEE-754 +, -, *, /, sqrt, frexp, ldexp and round,
// all of which are exactly specified, so the output does not depend on the
// standard library or libm. (On targets with fused multiply-add, build with
// -ffp-contract=off to rule out compiler contraction of a*b+c.)
//
// The data are synthetic: no real patients. See examples/data/README.md.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

// ---------------------------------------------------------------------------
// Deterministic elementary functions (a few ulp accurate, platform-independent)
// ---------------------------------------------------------------------------
namespace detmath {

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 significant bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

// exp(x) = 2^k * exp(r), |r| <= ln(2)/2, exp(r) by a 17-term Taylor series.
double exp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.0) return std::numeric_limits<double>::infinity();
    if (x < -745.0) return 0.0;
    const double k = std::round(x * kInvLn2);
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;
    double p = 1.0;
    for (int n = 17; n >= 1; --n) p = 1.0 + r * p / n;
    return std::ldexp(p, static_cast<int>(k));
}

// log(x) = e*ln 2 + 2*atanh(s), s = (m-1)/(m+1), m in [sqrt(1/2), sqrt(2)).
double log(double x) {
    if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    int e = 0;
    double m = std::frexp(x, &e);
    if (m < kSqrtHalf) {
        m *= 2.0;
        --e;
    }
    const double s = (m - 1.0) / (m + 1.0);
    const double z = s * s;
    double series = 0.0;  // sum_{j>=0} z^j / (2j+1)
    for (int j = 13; j >= 0; --j) series = 1.0 / (2 * j + 1) + z * series;
    return e * kLn2Hi + (e * kLn2Lo + 2.0 * s * series);
}

double logistic(double x) { return 1.0 / (1.0 + exp(-x)); }

}  // namespace detmath

// ---------------------------------------------------------------------------
// Random numbers: mt19937_64 for bits, hand-written distributions
// ---------------------------------------------------------------------------
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    // Uniform on [0, 1) from the top 53 bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    // Uniform on (0, 1] (exact: 1 - k/2^53).
    double uniform_positive() { return 1.0 - uniform(); }

    // Uniform integer in [0, n).
    std::size_t index(std::size_t n) {
        const auto i = static_cast<std::size_t>(uniform() * static_cast<double>(n));
        return std::min(i, n - 1);
    }

    bool bernoulli(double p) { return uniform() < p; }

    // Standard normal by Marsaglia's polar method (the second variate is
    // discarded so that every call consumes whole draws).
    double normal() {
        double x = 0.0;
        double s = 0.0;
        do {
            x = 2.0 * uniform() - 1.0;
            const double y = 2.0 * uniform() - 1.0;
            s = x * x + y * y;
        } while (s >= 1.0 || s == 0.0);
        return x * std::sqrt(-2.0 * detmath::log(s) / s);
    }

    double normal(double mean, double sd) { return mean + sd * normal(); }

    // Poisson by sequential inversion; large means are split into chunks of 30
    // (a sum of independent Poissons is Poisson) to keep exp(-lambda) normal.
    int poisson(double lambda) {
        constexpr double kChunk = 30.0;
        int total = 0;
        while (lambda > kChunk) {
            total += poisson_inversion(kChunk);
            lambda -= kChunk;
        }
        return total + poisson_inversion(lambda);
    }

    // Gamma(shape, scale) by Marsaglia & Tsang (2000); requires shape >= 1.
    double gamma(double shape, double scale) {
        if (!(shape >= 1.0)) throw std::invalid_argument("gamma: shape must be >= 1");
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            const double x = normal();
            const double t = 1.0 + c * x;
            if (t <= 0.0) continue;
            const double v = t * t * t;
            const double u = uniform_positive();
            const double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) return d * v * scale;
            if (detmath::log(u) < 0.5 * x2 + d * (1.0 - v + detmath::log(v))) return d * v * scale;
        }
    }

    // NB2 with mean mu and size theta (variance mu + mu^2/theta) as a
    // gamma-Poisson mixture: lambda ~ Gamma(theta, mu/theta), y ~ Poisson(lambda).
    int negative_binomial(double mu, double theta) { return poisson(gamma(theta, mu / theta)); }

private:
    int poisson_inversion(double lambda) {
        if (lambda <= 0.0) return 0;
        const double u = uniform();
        double p = detmath::exp(-lambda);
        double cdf = p;
        int k = 0;
        while (u >= cdf && p > 0.0) {
            ++k;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }

    std::mt19937_64 engine_;
};

// ---------------------------------------------------------------------------
// The data-generating process: every number is documented in
// examples/data/README.md.
// ---------------------------------------------------------------------------
namespace model {

constexpr int kPatients = 630;
constexpr std::uint64_t kDefaultSeed = 20191126;
constexpr std::uint64_t kPopulationSeed = 1;  // separate stream for --population
constexpr long kPopulationCompleters = 200000;

// Demographics.
constexpr double kAgeMean = 55.0;
constexpr double kAgeSd = 16.0;
constexpr int kAgeMin = 18;
constexpr int kAgeMax = 90;
constexpr double kProbFemale = 0.58;
constexpr double kProbMale = 0.40;  // remainder (0.02): "other"

// Group memberships.
constexpr double kGroupsT0Mean = 2.3;  // Poisson: P(0 groups) = exp(-2.3) ~ 0.10
constexpr int kMaxGroups = 12;         // cap per wave (never binding in practice)
constexpr double kProbKeepGroup = 0.80;
constexpr double kNewGroupsMean = 0.9;
constexpr double kProbPathway = 0.5;  // share of gained groups via social prescribing
constexpr double kIdentificationMean = 5.0;
constexpr double kIdentificationSd = 1.4;
constexpr double kProbIdentificationDown = 0.2;  // kept group: -1 / 0 / +1
constexpr double kProbIdentificationUp = 0.2;    //   with .2 / .6 / .2

// Belonging (latent, 1..7 metric).
constexpr double kBelongingIntercept = 2.6;
constexpr double kBelongingPerGroup = 0.40;
constexpr double kBelongingPersonSd = 0.8;    // u_i
constexpr double kBelongingOccasionSd = 0.6;  // e_t

// Loneliness (latent, UCLA-3 sum metric 3..9).
constexpr double kLonelinessIntercept = 9.4;
constexpr double kLonelinessPerBelonging = -0.70;
constexpr double kLonelinessPersonSd = 0.7;    // v_i
constexpr double kLonelinessOccasionSd = 0.6;  // f_t

// GP appointments in the last four months: NB2.
constexpr double kGpIntercept = 0.55;
constexpr double kGpPerLoneliness = 0.18;
constexpr double kLonelinessCentre = 6.5;
constexpr double kGpPersonSd = 0.3;  // w_i
constexpr double kGpSize = 2.0;      // theta
constexpr double kGpWaveT1 = -0.30;  // tau: completers' appointments fall ~25%

// Observed items.
constexpr double kUclaItemSd = 0.35;
constexpr double kBelongItemSd = 0.5;
constexpr double kExitsIntercept = 2.0;
constexpr double kExitsPerGroup = 0.9;
constexpr double kExitsItemSd = 0.8;
constexpr double kProbBlank = 0.01;

// Attrition: P(complete t1) = logistic(alpha - 0.45 * (loneliness_t0 - 6.5)).
constexpr double kAttritionIntercept = -0.80;  // alpha: ~178 of 630 complete
constexpr double kAttritionPerLoneliness = -0.45;

constexpr int kUclaItems = 3;
constexpr int kBelongItems = 4;
constexpr int kExitsItems = 4;

}  // namespace model

// ---------------------------------------------------------------------------
// Group categories and plausible group names
// ---------------------------------------------------------------------------
struct CategoryInfo {
    std::string_view label;
    int baseline_weight;  // per mille: groups held at t0 and gained outside the pathway
    int pathway_weight;   // per mille: groups gained through social prescribing
    std::vector<std::string_view> names;
};

const std::vector<CategoryInfo>& categories() {
    static const std::vector<CategoryInfo> table = {
        {"family", 240, 0, {"Family", "Extended family", "Grandchildren", "In-laws", "Cousins"}},
        {"friends", 200, 0,
         {"Close friends", "Old school friends", "Neighbours", "Work colleagues", "Pub friends",
          "Online friends"}},
        {"sport", 120, 200,
         {"Walking group", "Swimming club", "Bowls club", "Gym class", "Football team", "Chair yoga",
          "Tai chi class", "Cycling club"}},
        {"faith", 80, 30,
         {"Church congregation", "Church choir", "Mosque", "Bible study group", "Gurdwara",
          "Prayer group"}},
        {"arts_music", 90, 220,
         {"Community choir", "Art class", "Knit, Natter and Tea", "Ukulele group", "Book club",
          "Drama group", "Photography club"}},
        {"volunteering", 70, 150,
         {"Food bank volunteers", "Charity shop volunteers", "Park volunteers",
          "Hospital volunteers", "Befriending volunteers"}},
        {"community", 100, 200,
         {"Men's Shed", "Lunch club", "Tea, Talk and Toast", "Community garden",
          "Residents' association", "Coffee morning", "Over-50s social club"}},
        {"support_group", 50, 150,
         {"Bereavement support group", "Mental health peer support", "Carers' group",
          "Diabetes support group", "Pain management group", "Recovery group"}},
        {"other", 50, 50,
         {"Allotment society", "Pub quiz team", "Dog walking friends", "Online gaming group",
          "U3A history group", "The \"Tuesday Club\""}},
    };
    return table;
}

struct Group {
    std::string_view name;
    std::size_t category = 0;  // index into categories()
    int identification = 0;    // 1..7
    bool pathway = false;      // gained through the social-prescribing pathway
};

std::size_t draw_category(Rng& rng, bool pathway) {
    const auto weight = [pathway](const CategoryInfo& c) {
        return pathway ? c.pathway_weight : c.baseline_weight;
    };
    int total = 0;
    for (const auto& c : categories()) total += weight(c);
    int r = static_cast<int>(rng.index(static_cast<std::size_t>(total)));
    for (std::size_t i = 0; i < categories().size(); ++i) {
        r -= weight(categories()[i]);
        if (r < 0) return i;
    }
    return categories().size() - 1;
}

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

int clamp_round(double x, int lo, int hi) {
    return std::clamp(static_cast<int>(std::round(x)), lo, hi);
}

int draw_identification(Rng& rng) {
    return clamp_round(rng.normal(model::kIdentificationMean, model::kIdentificationSd), 1, 7);
}

// A new group whose name the person has not used before (`used` is updated).
// A category whose names are all used is redrawn.
Group draw_new_group(Rng& rng, bool pathway, std::vector<std::string_view>& used) {
    for (;;) {
        const std::size_t category = draw_category(rng, pathway);
        std::vector<std::string_view> available;
        for (const auto name : categories()[category].names) {
            if (!contains(used, name)) available.push_back(name);
        }
        if (available.empty()) continue;
        const std::string_view name = available[rng.index(available.size())];
        used.push_back(name);
        return Group{name, category, draw_identification(rng), pathway};
    }
}

std::vector<Group> draw_baseline_groups(Rng& rng, std::vector<std::string_view>& used) {
    const int count = std::min(rng.poisson(model::kGroupsT0Mean), model::kMaxGroups);
    std::vector<Group> groups;
    for (int g = 0; g < count; ++g) groups.push_back(draw_new_group(rng, false, used));
    return groups;
}

// Groups at t1: each t0 group is kept with probability .80 (identification
// moves by -1/0/+1), then Poisson(.9) groups are gained, each flagged as a
// social-prescribing pathway group with probability .5.
std::vector<Group> draw_follow_up_groups(Rng& rng, const std::vector<Group>& baseline,
                                         std::vector<std::string_view>& used) {
    std::vector<Group> groups;
    for (const Group& g : baseline) {
        if (!rng.bernoulli(model::kProbKeepGroup)) continue;
        Group kept = g;
        const double u = rng.uniform();
        int step = 0;
        if (u < model::kProbIdentificationDown) {
            step = -1;
        } else if (u >= 1.0 - model::kProbIdentificationUp) {
            step = 1;
        }
        kept.identification = std::clamp(g.identification + step, 1, 7);
        groups.push_back(kept);
    }
    const int room = model::kMaxGroups - static_cast<int>(groups.size());
    const int gained = std::min(rng.poisson(model::kNewGroupsMean), room);
    for (int g = 0; g < gained; ++g) {
        const bool pathway = rng.bernoulli(model::kProbPathway);
        groups.push_back(draw_new_group(rng, pathway, used));
    }
    return groups;
}

// ---------------------------------------------------------------------------
// Latent scores and observed items at one wave
// ---------------------------------------------------------------------------
constexpr int kBlank = 0;  // valid item codes start at 1

struct PersonEffects {
    double belonging = 0.0;   // u_i
    double loneliness = 0.0;  // v_i
    double gp = 0.0;          // w_i
};

struct Wave {
    std::vector<Group> groups;
    double belonging_latent = 0.0;
    double loneliness_latent = 0.0;
    double gp_mean = 0.0;  // mu_t, the NB2 mean
    std::array<int, model::kUclaItems> ucla{};
    std::array<int, model::kBelongItems> belong{};
    std::array<int, model::kExitsItems> exits{};
    int gp_visits = 0;
};

template <std::size_t N>
std::array<int, N> draw_items(Rng& rng, double centre, double sd, int lo, int hi) {
    std::array<int, N> items{};
    for (int& item : items) item = clamp_round(rng.normal(centre, sd), lo, hi);
    return items;
}

template <std::size_t N>
void blank_some(Rng& rng, std::array<int, N>& items, double probability) {
    for (int& item : items) {
        if (rng.bernoulli(probability)) item = kBlank;
    }
}

Wave simulate_wave(Rng& rng, const PersonEffects& effects, std::vector<Group> groups,
                   int wave, double blank_probability) {
    Wave w;
    w.groups = std::move(groups);
    const double g = static_cast<double>(w.groups.size());

    w.belonging_latent = model::kBelongingIntercept + model::kBelongingPerGroup * g +
                         effects.belonging + rng.normal(0.0, model::kBelongingOccasionSd);
    w.loneliness_latent = model::kLonelinessIntercept +
                          model::kLonelinessPerBelonging * w.belonging_latent +
                          effects.loneliness + rng.normal(0.0, model::kLonelinessOccasionSd);
    const double wave_effect = wave == 1 ? model::kGpWaveT1 : 0.0;
    w.gp_mean = detmath::exp(model::kGpIntercept +
                             model::kGpPerLoneliness *
                                 (w.loneliness_latent - model::kLonelinessCentre) +
                             effects.gp + wave_effect);
    w.gp_visits = rng.negative_binomial(w.gp_mean, model::kGpSize);

    w.ucla = draw_items<model::kUclaItems>(rng, w.loneliness_latent / 3.0, model::kUclaItemSd, 1, 3);
    w.belong = draw_items<model::kBelongItems>(rng, w.belonging_latent, model::kBelongItemSd, 1, 7);
    w.exits = draw_items<model::kExitsItems>(
        rng, model::kExitsIntercept + model::kExitsPerGroup * g, model::kExitsItemSd, 1, 7);

    blank_some(rng, w.ucla, blank_probability);
    blank_some(rng, w.belong, blank_probability);
    blank_some(rng, w.exits, blank_probability);
    return w;
}

// ---------------------------------------------------------------------------
// One person: both waves are always simulated; t1 is observed only for
// completers.
// ---------------------------------------------------------------------------
struct Person {
    std::string id;
    int age = 0;
    std::string_view gender;
    Wave t0;
    Wave t1;
    double completion_probability = 0.0;
    bool completed = false;
};

std::string person_id(int number) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "P%04d", number);
    return buffer;
}

std::string_view draw_gender(Rng& rng) {
    const double u = rng.uniform();
    if (u < model::kProbFemale) return "female";
    if (u < model::kProbFemale + model::kProbMale) return "male";
    return "other";
}

Person simulate_person(Rng& rng, int number, double blank_probability) {
    Person p;
    p.id = person_id(number);
    p.age = clamp_round(rng.normal(model::kAgeMean, model::kAgeSd), model::kAgeMin, model::kAgeMax);
    p.gender = draw_gender(rng);

    PersonEffects effects;
    effects.belonging = rng.normal(0.0, model::kBelongingPersonSd);
    effects.loneliness = rng.normal(0.0, model::kLonelinessPersonSd);
    effects.gp = rng.normal(0.0, model::kGpPersonSd);

    std::vector<std::string_view> used_names;
    std::vector<Group> groups_t0 = draw_baseline_groups(rng, used_names);
    std::vector<Group> groups_t1 = draw_follow_up_groups(rng, groups_t0, used_names);

    p.t0 = simulate_wave(rng, effects, std::move(groups_t0), 0, blank_probability);
    p.t1 = simulate_wave(rng, effects, std::move(groups_t1), 1, blank_probability);

    p.completion_probability = detmath::logistic(
        model::kAttritionIntercept +
        model::kAttritionPerLoneliness * (p.t0.loneliness_latent - model::kLonelinessCentre));
    p.completed = rng.bernoulli(p.completion_probability);
    return p;
}

std::vector<Person> simulate_panel(std::uint64_t seed) {
    Rng rng(seed);
    std::vector<Person> people;
    people.reserve(model::kPatients);
    for (int i = 1; i <= model::kPatients; ++i) {
        people.push_back(simulate_person(rng, i, model::kProbBlank));
    }
    return people;
}

// ---------------------------------------------------------------------------
// CSV output (RFC 4180 quoting only where needed, LF line ends)
// ---------------------------------------------------------------------------
using Row = std::vector<std::string>;

std::string csv_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string quoted = "\"";
    for (const char ch : field) {
        if (ch == '"') quoted += '"';
        quoted += ch;
    }
    quoted += '"';
    return quoted;
}

class CsvWriter {
public:
    explicit CsvWriter(const std::filesystem::path& path)
        : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
        if (!out_) throw std::runtime_error("cannot open " + path.string() + " for writing");
    }

    void write(const Row& row) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out_ << ',';
            out_ << csv_field(row[i]);
        }
        out_ << '\n';
    }

    void close() {
        out_.close();
        if (!out_) throw std::runtime_error("error writing " + path_.string());
    }

private:
    std::filesystem::path path_;
    std::ofstream out_;
};

void append(Row& row, const Row& more) { row.insert(row.end(), more.begin(), more.end()); }

std::string item_text(int code) { return code == kBlank ? std::string() : std::to_string(code); }

// Item and GP column names for one wave; suffix is "", "_t0" or "_t1".
Row wave_columns(std::string_view suffix) {
    Row names;
    const auto add = [&](std::string_view stem, int count) {
        for (int k = 1; k <= count; ++k) {
            names.push_back(std::string(stem) + std::to_string(k) + std::string(suffix));
        }
    };
    add("ucla", model::kUclaItems);
    add("belong", model::kBelongItems);
    add("exits", model::kExitsItems);
    names.push_back("gp_visits" + std::string(suffix));
    return names;
}

Row wave_fields(const Wave& w) {
    Row fields;
    for (const int code : w.ucla) fields.push_back(item_text(code));
    for (const int code : w.belong) fields.push_back(item_text(code));
    for (const int code : w.exits) fields.push_back(item_text(code));
    fields.push_back(std::to_string(w.gp_visits));
    return fields;
}

Row demographic_fields(const Person& p) {
    return {p.id, std::to_string(p.age), std::string(p.gender)};
}

void write_panel_wide(const std::filesystem::path& path, const std::vector<Person>& people) {
    CsvWriter csv(path);
    Row header = {"id", "age", "gender", "completed"};
    append(header, wave_columns("_t0"));
    append(header, wave_columns("_t1"));
    csv.write(header);
    const Row missing_wave(wave_columns("").size());
    for (const Person& p : people) {
        Row row = demographic_fields(p);
        row.push_back(p.completed ? "1" : "0");
        append(row, wave_fields(p.t0));
        append(row, p.completed ? wave_fields(p.t1) : missing_wave);
        csv.write(row);
    }
    csv.close();
}

void write_panel_wave(const std::filesystem::path& path, const std::vector<Person>& people,
                      int wave) {
    CsvWriter csv(path);
    Row header = wave == 0 ? Row{"id", "age", "gender"} : Row{"id"};
    append(header, wave_columns(""));
    csv.write(header);
    for (const Person& p : people) {
        if (wave == 1 && !p.completed) continue;
        Row row = wave == 0 ? demographic_fields(p) : Row{p.id};
        append(row, wave_fields(wave == 0 ? p.t0 : p.t1));
        csv.write(row);
    }
    csv.close();
}

void write_group_rows(CsvWriter& csv, const std::string& id, std::string_view wave,
                      const std::vector<Group>& groups) {
    if (groups.empty()) {
        csv.write({id, std::string(wave), "", "", "", ""});
        return;
    }
    for (const Group& g : groups) {
        csv.write({id, std::string(wave), std::string(g.name),
                   std::string(categories()[g.category].label), std::to_string(g.identification),
                   g.pathway ? "1" : "0"});
    }
}

void write_groups_long(const std::filesystem::path& path, const std::vector<Person>& people) {
    CsvWriter csv(path);
    csv.write({"id", "wave", "group", "category", "identification", "pathway"});
    for (const Person& p : people) {
        write_group_rows(csv, p.id, "t0", p.t0.groups);
        if (p.completed) write_group_rows(csv, p.id, "t1", p.t1.groups);
    }
    csv.close();
}

// ---------------------------------------------------------------------------
// Sample summary
// ---------------------------------------------------------------------------
template <std::size_t N>
int count_blank(const std::array<int, N>& items) {
    return static_cast<int>(std::count(items.begin(), items.end(), kBlank));
}

int blank_items(const Wave& w) {
    return count_blank(w.ucla) + count_blank(w.belong) + count_blank(w.exits);
}

constexpr int kItemsPerWave = model::kUclaItems + model::kBelongItems + model::kExitsItems;

void print_sample_summary(const std::vector<Person>& people, std::uint64_t seed,
                          const std::filesystem::path& outdir) {
    int completers = 0;
    double expected_completers = 0.0;
    long groups_t0_all = 0, groups_t0_comp = 0, groups_t1_comp = 0;
    long gp_t0_all = 0, gp_t0_comp = 0, gp_t1_comp = 0;
    long blanks = 0, responses = 0;
    for (const Person& p : people) {
        expected_completers += p.completion_probability;
        groups_t0_all += static_cast<long>(p.t0.groups.size());
        gp_t0_all += p.t0.gp_visits;
        blanks += blank_items(p.t0);
        responses += kItemsPerWave;
        if (!p.completed) continue;
        ++completers;
        groups_t0_comp += static_cast<long>(p.t0.groups.size());
        groups_t1_comp += static_cast<long>(p.t1.groups.size());
        gp_t0_comp += p.t0.gp_visits;
        gp_t1_comp += p.t1.gp_visits;
        blanks += blank_items(p.t1);
        responses += kItemsPerWave;
    }
    const auto n = static_cast<double>(people.size());
    const auto nc = static_cast<double>(completers);
    std::printf("seed %llu -> %s\n", static_cast<unsigned long long>(seed), outdir.string().c_str());
    std::printf("patients at t0:                 %zu\n", people.size());
    std::printf("completers at t1:               %d (expected given baseline: %.1f)\n", completers,
                expected_completers);
    std::printf("mean groups t0, all patients:   %.3f\n", static_cast<double>(groups_t0_all) / n);
    std::printf("mean groups t0, completers:     %.3f\n", static_cast<double>(groups_t0_comp) / nc);
    std::printf("mean groups t1, completers:     %.3f\n", static_cast<double>(groups_t1_comp) / nc);
    std::printf("GP appointments t0, all:        %ld\n", gp_t0_all);
    std::printf("GP appointments t0, completers: %ld\n", gp_t0_comp);
    std::printf("GP appointments t1, completers: %ld\n", gp_t1_comp);
    std::printf("change among completers:        %.1f%%\n",
                100.0 * static_cast<double>(gp_t1_comp - gp_t0_comp) /
                    static_cast<double>(gp_t0_comp));
    std::printf("blank item responses:           %ld of %ld (%.2f%%)\n", blanks, responses,
                100.0 * static_cast<double>(blanks) / static_cast<double>(responses));
}

// ---------------------------------------------------------------------------
// Population values of the change-score serial mediation model
// ---------------------------------------------------------------------------
struct ChangeScores {
    std::vector<double> d_groups, d_belonging, d_loneliness, d_gp;
};

template <std::size_t N>
double item_sum(const std::array<int, N>& items) {
    double s = 0.0;
    for (const int code : items) s += code;
    return s;
}

struct OlsFit {
    std::vector<double> coef;  // intercept first
    std::vector<double> se;
    double residual_sd = 0.0;
};

// OLS by the normal equations in long double; Gauss-Jordan with partial
// pivoting gives both the coefficients and (X'X)^-1 for standard errors.
OlsFit fit_ols(const std::vector<const std::vector<double>*>& predictors,
               const std::vector<double>& y) {
    const std::size_t p = predictors.size() + 1;
    const std::size_t n = y.size();
    const auto x_at = [&](std::size_t row, std::size_t col) -> long double {
        return col == 0 ? 1.0L : (*predictors[col - 1])[row];
    };
    // Augmented matrix [X'X | X'y | I].
    std::vector<std::vector<long double>> a(p, std::vector<long double>(2 * p + 1, 0.0L));
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t i = 0; i < p; ++i) {
            for (std::size_t j = 0; j < p; ++j) a[i][j] += x_at(r, i) * x_at(r, j);
            a[i][p] += x_at(r, i) * y[r];
        }
    }
    for (std::size_t i = 0; i < p; ++i) a[i][p + 1 + i] = 1.0L;
    for (std::size_t col = 0; col < p; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < p; ++r) {
            if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
        }
        if (a[pivot][col] == 0.0L) throw std::runtime_error("fit_ols: singular design");
        std::swap(a[col], a[pivot]);
        const long double diag = a[col][col];
        for (auto& v : a[col]) v /= diag;
        for (std::size_t r = 0; r < p; ++r) {
            if (r == col) continue;
            const long double factor = a[r][col];
            for (std::size_t c = 0; c < 2 * p + 1; ++c) a[r][c] -= factor * a[col][c];
        }
    }
    OlsFit fit;
    for (std::size_t i = 0; i < p; ++i) fit.coef.push_back(static_cast<double>(a[i][p]));
    long double rss = 0.0L;
    for (std::size_t r = 0; r < n; ++r) {
        long double fitted = 0.0L;
        for (std::size_t i = 0; i < p; ++i) fitted += x_at(r, i) * a[i][p];
        rss += (y[r] - fitted) * (y[r] - fitted);
    }
    const long double sigma2 = rss / static_cast<long double>(n - p);
    fit.residual_sd = static_cast<double>(std::sqrt(sigma2));
    for (std::size_t i = 0; i < p; ++i) {
        fit.se.push_back(static_cast<double>(std::sqrt(sigma2 * a[i][p + 1 + i])));
    }
    return fit;
}

void print_fit(std::string_view title, const std::vector<std::string_view>& names,
               const OlsFit& fit) {
    std::printf("%s  (residual SD %.4f)\n", std::string(title).c_str(), fit.residual_sd);
    for (std::size_t i = 0; i < fit.coef.size(); ++i) {
        std::printf("  %-12s % .4f  (MC SE %.4f)\n", std::string(names[i]).c_str(), fit.coef[i],
                    fit.se[i]);
    }
}

void run_population(std::uint64_t seed, long target_completers) {
    Rng rng(seed);
    ChangeScores cs;
    long people = 0;
    double sum_completion_probability = 0.0;
    double mu_t0 = 0.0, mu_t1 = 0.0;
    long gp_t0 = 0, gp_t1 = 0;
    double groups_t0_all = 0.0, groups_t0 = 0.0, groups_t1 = 0.0;
    double loneliness_t0 = 0.0, loneliness_t1 = 0.0;
    while (static_cast<long>(cs.d_gp.size()) < target_completers) {
        ++people;
        // Ids are not used here; keep them within the P0000..P9999 format.
        const Person p = simulate_person(rng, static_cast<int>(people % 10000), 0.0);
        sum_completion_probability += p.completion_probability;
        groups_t0_all += static_cast<double>(p.t0.groups.size());
        if (!p.completed) continue;
        const double g0 = static_cast<double>(p.t0.groups.size());
        const double g1 = static_cast<double>(p.t1.groups.size());
        groups_t0 += g0;
        groups_t1 += g1;
        loneliness_t0 += p.t0.loneliness_latent;
        loneliness_t1 += p.t1.loneliness_latent;
        mu_t0 += p.t0.gp_mean;
        mu_t1 += p.t1.gp_mean;
        gp_t0 += p.t0.gp_visits;
        gp_t1 += p.t1.gp_visits;
        cs.d_groups.push_back(g1 - g0);
        cs.d_belonging.push_back((item_sum(p.t1.belong) - item_sum(p.t0.belong)) /
                                 model::kBelongItems);
        cs.d_loneliness.push_back(item_sum(p.t1.ucla) - item_sum(p.t0.ucla));
        cs.d_gp.push_back(static_cast<double>(p.t1.gp_visits - p.t0.gp_visits));
    }
    const auto nc = static_cast<double>(target_completers);
    const double completion_rate = sum_completion_probability / static_cast<double>(people);
    std::printf("population run: seed %llu, %ld people simulated, %ld completers, no blank items\n",
                static_cast<unsigned long long>(seed), people, target_completers);
    std::printf("expected completion rate:               %.4f (x %d = %.1f completers)\n",
                completion_rate, model::kPatients, completion_rate * model::kPatients);
    std::printf("mean groups t0, all people:             %.3f\n",
                groups_t0_all / static_cast<double>(people));
    std::printf("mean groups t0 / t1, completers:        %.3f / %.3f\n", groups_t0 / nc,
                groups_t1 / nc);
    std::printf("mean latent loneliness t0 / t1, compl.: %.3f / %.3f\n", loneliness_t0 / nc,
                loneliness_t1 / nc);
    std::printf("expected GP change, completers (mu):    %.2f%%\n",
                100.0 * (mu_t1 - mu_t0) / mu_t0);
    std::printf("observed GP change, completers (count): %.2f%%\n",
                100.0 * static_cast<double>(gp_t1 - gp_t0) / static_cast<double>(gp_t0));
    std::printf("\n");

    const OlsFit m1 = fit_ols({&cs.d_groups}, cs.d_belonging);
    const OlsFit m2 = fit_ols({&cs.d_groups, &cs.d_belonging}, cs.d_loneliness);
    const OlsFit m3 = fit_ols({&cs.d_groups, &cs.d_belonging, &cs.d_loneliness}, cs.d_gp);
    const OlsFit total = fit_ols({&cs.d_groups}, cs.d_gp);
    print_fit("dBel ~ dG", {"(Intercept)", "dG [a1]"}, m1);
    print_fit("dLon ~ dG + dBel", {"(Intercept)", "dG [a2]", "dBel [d21]"}, m2);
    print_fit("dGP ~ dG + dBel + dLon", {"(Intercept)", "dG [c']", "dBel [b1]", "dLon [b2]"}, m3);
    print_fit("dGP ~ dG (total)", {"(Intercept)", "dG [c]"}, total);

    const double a1 = m1.coef[1], a2 = m2.coef[1], d21 = m2.coef[2];
    const double c_prime = m3.coef[1], b1 = m3.coef[2], b2 = m3.coef[3];
    const double ind_1 = a1 * b1, ind_2 = a2 * b2, ind_3 = a1 * d21 * b2;
    std::printf("\nindirect effects\n");
    std::printf("  a1*b1      (dG -> dBel -> dGP)          % .5f\n", ind_1);
    std::printf("  a2*b2      (dG -> dLon -> dGP)          % .5f\n", ind_2);
    std::printf("  a1*d21*b2  (dG -> dBel -> dLon -> dGP)  % .5f\n", ind_3);
    std::printf("  total indirect                          % .5f\n", ind_1 + ind_2 + ind_3);
    std::printf("  direct c' + total indirect = %.5f  (total c = %.5f)\n",
                c_prime + ind_1 + ind_2 + ind_3, total.coef[1]);
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------
constexpr const char* kUsage =
    "usage: make_sample_data OUTDIR [--seed N]\n"
    "       make_sample_data --population [--seed N] [--completers N]\n";

[[noreturn]] void usage_error(std::string_view message) {
    std::fprintf(stderr, "make_sample_data: %s\n%s", std::string(message).c_str(), kUsage);
    std::exit(2);
}

template <typename T>
T parse_number(std::string_view text, std::string_view option) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        usage_error("invalid value for " + std::string(option) + ": '" + std::string(text) + "'");
    }
    return value;
}

struct Options {
    std::string outdir;
    bool population = false;
    bool seed_given = false;
    std::uint64_t seed = model::kDefaultSeed;
    long completers = model::kPopulationCompleters;
};

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> std::string_view {
            if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--seed") {
            o.seed = parse_number<std::uint64_t>(value(), arg);
            o.seed_given = true;
        } else if (arg == "--population") {
            o.population = true;
        } else if (arg == "--completers") {
            o.completers = parse_number<long>(value(), arg);
            if (o.completers < 10) usage_error("--completers must be at least 10");
        } else if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (!arg.empty() && arg[0] == '-') {
            usage_error("unknown option " + std::string(arg));
        } else if (o.outdir.empty()) {
            o.outdir = std::string(arg);
        } else {
            usage_error("more than one OUTDIR given");
        }
    }
    if (!o.population && o.outdir.empty()) usage_error("OUTDIR is required");
    if (o.population && !o.outdir.empty()) usage_error("--population takes no OUTDIR");
    if (o.population && !o.seed_given) o.seed = model::kPopulationSeed;
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    try {
        if (options.population) {
            run_population(options.seed, options.completers);
            return 0;
        }
        const std::filesystem::path outdir(options.outdir);
        std::filesystem::create_directories(outdir);
        const std::vector<Person> people = simulate_panel(options.seed);
        write_panel_wide(outdir / "panel_wide.csv", people);
        write_panel_wave(outdir / "panel_t0.csv", people, 0);
        write_panel_wave(outdir / "panel_t1.csv", people, 1);
        write_groups_long(outdir / "groups_long.csv", people);
        print_sample_summary(people, options.seed, outdir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_sample_data: %s\n", e.what());
        return 1;
    }
    return 0;
}
