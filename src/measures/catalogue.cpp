// The catalogue of validated scales. Every fact below comes from shared/reference/scales.md; the
// comment before each entry names its section, and the tags of that file map to fact_confidence
// as [C] confirmed, [1] single_source, [U] unconfirmed. No item wording is stored.
#include "socialcure/measures/catalogue.hpp"

#include <string>
#include <utility>

#include "socialcure/core/error.hpp"

namespace socialcure {

namespace {

constexpr auto C = fact_confidence::confirmed;
constexpr auto S = fact_confidence::single_source;
constexpr auto U = fact_confidence::unconfirmed;

std::vector<std::string> numbered(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

score_category band(double min, double max, std::string label) { return {min, max, std::move(label)}; }

cutoff_set cutoffs(std::string name, std::string source, fact_confidence confidence,
                   std::vector<score_category> categories) {
  return {std::move(name), std::move(source), confidence, std::move(categories)};
}

subscale make_subscale(std::string id, std::string name, std::vector<int> items, double score_min, double score_max,
                       missing_rule missing = {}, std::vector<cutoff_set> sets = {}) {
  subscale s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.items = std::move(items);
  s.score_min = score_min;
  s.score_max = score_max;
  s.missing = missing;
  s.cutoffs = std::move(sets);
  return s;
}

const missing_rule complete{missing_policy::complete_only, 0};

// ---------------------------------------------------------------------------------------------
// 1. Loneliness
// ---------------------------------------------------------------------------------------------

// scales.md 1.1
scale_definition ucla3() {
  scale_definition s;
  s.id = "ucla3";
  s.name = "UCLA 3-item Loneliness Scale (Three-Item Loneliness Scale, T-ILS)";
  s.citation =
      "Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT (2004). A short scale for measuring loneliness in large "
      "surveys: results from two population-based studies. Research on Aging 26(6):655-672. "
      "doi:10.1177/0164027504268574";
  s.construct = "subjective loneliness, measured indirectly";
  s.items = 3;
  s.item_names = numbered("ucla", 3);
  s.min_code = 1;
  s.max_code = 3;
  s.options = {{1, "Hardly ever (UK surveys: Hardly ever or never)"}, {2, "Some of the time"}, {3, "Often"}};
  s.rule = scoring_rule::sum;
  s.score_min = 3;
  s.score_max = 9;
  s.higher_means = "lonelier";
  s.better = improvement::lower;
  s.cutoffs = {
      cutoffs("convention: not lonely / lonely",
              "Campaign to End Loneliness guidance and clinical tool docs (a convention, not a validation; none "
              "in Hughes 2004)",
              C, {band(3, 5, "not lonely"), band(6, 9, "lonely")}),
      cutoffs("dichotomy at >= 4 (any 'some of the time')", "some studies dichotomise at >= 4", S,
              {band(3, 3, "below 4"), band(4, 9, "4 or more")}),
  };
  s.missing = complete;
  s.facts = {
      {"items, codes 1..3, no reverse items, sum 3..9 with higher = lonelier", C},
      {"the items are items 2, 11 and 14 of UCLA v3 (ucla20_v3)", C},
      {"items 1-3 of the ONS national indicator set of loneliness for adults (16+); ONS recommends asking them "
       "together with the direct question (ons_lonely_direct), never summed with it",
       C},
      {"code 1 labelled 'Hardly ever' (Hughes; US tools) or 'Hardly ever or never' (ONS/GSS, ELSA, Understanding "
       "Society): the same code",
       C},
      {"cut-offs: none in Hughes 2004", S},
      {"three-band schemes (3-5 / 6-7 / 8-9) seen on web tools have no traceable source: not shipped", S},
      {"missing items: no published rule; requiring all 3 items (complete_only) is an assumption", U},
      {"licence: used freely in public surveys (HRS, ELSA, ONS); no licence requirement found", U},
      {"the parent UCLA v3 form carries 'Copyright 1994 Daniel W. Russell'", S},
  };
  s.licence = "no licence requirement found (unconfirmed); parent UCLA v3 form: Copyright 1994 Daniel W. Russell";
  return s;
}

// scales.md 1.2
scale_definition ons_lonely_direct() {
  scale_definition s;
  s.id = "ons_lonely_direct";
  s.name = "ONS direct loneliness question (How often do you feel lonely?), 5 options";
  s.citation =
      "ONS national indicators of loneliness (2018); GSS Loneliness harmonised standard (13 May 2020). Originally "
      "from the Community Life Survey";
  s.construct = "loneliness, asked directly";
  s.items = 1;
  s.item_names = {"lonely_direct"};
  s.min_code = 1;
  s.max_code = 5;
  s.options = {{1, "Often/always"}, {2, "Some of the time"}, {3, "Occasionally"}, {4, "Hardly ever"}, {5, "Never"}};
  s.rule = scoring_rule::sum;
  s.score_min = 1;
  s.score_max = 5;
  s.higher_means = "less lonely (under the assumed codes 1 = Often/always ... 5 = Never)";
  s.better = improvement::higher;
  s.cutoffs = {cutoffs("ONS headline: often or always",
                       "ONS national indicators; ONS OPN bulletins report the % answering 'often or always' (the "
                       "codes behind the bands are unconfirmed)",
                       U, {band(1, 1, "often/always"), band(2, 5, "less often")})};
  s.missing = complete;
  s.facts = {
      {"one item with 5 options in the order Often/always, Some of the time, Occasionally, Hardly ever, Never", C},
      {"numeric codes are not specified by ONS/GSS: codes 1 = Often/always ... 5 = Never (higher = less lonely) "
       "are the usual survey coding, assumed here; store by label and derive direction",
       U},
      {"ONS headline statistic is the % answering 'often or always'; not summed with UCLA-3", C},
      {"ELSA and Understanding Society ask the same wording with 3 options: a different instrument "
       "(elsa_lonely_direct3)",
       C},
  };
  s.licence = "ONS material";
  return s;
}

// scales.md 1.2 (trap) and 7.9: the 3-option version of the same wording.
scale_definition elsa_lonely_direct3() {
  scale_definition s;
  s.id = "elsa_lonely_direct3";
  s.name = "Direct loneliness question, 3-option version (ELSA, Understanding Society)";
  s.citation = "English Longitudinal Study of Ageing; Understanding Society (same wording as the ONS question)";
  s.construct = "loneliness, asked directly";
  s.items = 1;
  s.item_names = {"lonely_direct3"};
  s.min_code = 1;
  s.max_code = 3;
  s.options = {{1, "hardly ever or never"}, {2, "some of the time"}, {3, "often"}};
  s.rule = scoring_rule::sum;
  s.score_min = 1;
  s.score_max = 3;
  s.higher_means = "lonelier";
  s.better = improvement::lower;
  s.missing = complete;
  s.facts = {
      {"codes 1 = hardly ever or never, 2 = some of the time, 3 = often", C},
      {"a different instrument from the 5-option ONS question (ons_lonely_direct): do not pool", C},
  };
  return s;
}

// scales.md 1.3
scale_definition ucla20_v3() {
  scale_definition s;
  s.id = "ucla20_v3";
  s.name = "UCLA Loneliness Scale, Version 3 (20 items)";
  s.citation =
      "Russell DW (1996). UCLA Loneliness Scale (Version 3): reliability, validity, and factor structure. Journal "
      "of Personality Assessment 66(1):20-40";
  s.construct = "loneliness";
  s.items = 20;
  s.item_names = numbered("ucla20_", 20);
  s.min_code = 1;
  s.max_code = 4;
  s.options = {{1, "Never"}, {2, "Rarely"}, {3, "Sometimes"}, {4, "Always"}};
  s.reverse_items = {1, 5, 6, 9, 10, 15, 16, 19, 20};
  s.rule = scoring_rule::sum;
  s.score_min = 20;
  s.score_max = 80;
  s.higher_means = "lonelier";
  s.better = improvement::lower;
  s.missing = complete;
  s.facts = {
      {"codes 1 = Never ... 4 = Always; reverse items 1, 5, 6, 9, 10, 15, 16, 19, 20 as 5 - x; sum 20..80, higher "
       "= lonelier",
       C},
      {"code 4 labelled 'Always' on Russell's form, 'Often' in some reproductions: the same code", C},
      {"some users report the item mean (1..4) instead of the sum", S},
      {"cut-offs: none published by Russell", U},
      {"missing items: none published; requiring all 20 items (complete_only) is an assumption", U},
      {"the 1978 original (0..60) and the 1980 Revised UCLA are different instruments: do not mix versions", C},
      {"licence: copyrighted (Russell); widely reproduced for research; check terms for commercial use", U},
  };
  s.licence = "Copyright 1994 Daniel W. Russell; check terms for commercial use (unconfirmed)";
  return s;
}

// scales.md 1.4: De Jong Gierveld. Codes of the 3-option format: 1 = no, 2 = more or less, 3 = yes.
// The neutral answer counts as lonely in both directions.
const std::vector<int> djg_negative_codes = {2, 3};  // emotional (negatively worded) items
const std::vector<int> djg_positive_codes = {1, 2};  // social (positively worded) items

void djg_common(scale_definition& s) {
  s.citation =
      "de Jong Gierveld J, Kamphuis F (1985). The development of a Rasch-type loneliness scale. Applied "
      "Psychological Measurement 9(3):289-299; de Jong Gierveld J, van Tilburg T (2006). A 6-item scale for "
      "overall, emotional, and social loneliness: confirmatory tests on survey data. Research on Aging "
      "28(5):582-598; manual: de Jong Gierveld & van Tilburg (1999) Manual of the Loneliness Scale, VU Amsterdam";
  s.construct = "overall loneliness; subscales emotional (missing an intimate tie) and social (missing a wider network)";
  s.min_code = 1;
  s.max_code = 3;
  s.options = {{1, "no"}, {2, "more or less"}, {3, "yes"}};
  s.rule = scoring_rule::dichotomous_count;
  s.higher_means = "lonelier";
  s.better = improvement::lower;
  s.missing = {missing_policy::count_answered, 1};
  s.licence = "free for scientific research; the source must be cited";
  s.facts = {
      {"dichotomous scoring (the manual's method): emotional (negative) items score 1 for 'more or less' and 'yes', "
       "social (positive) items score 1 for 'more or less' and 'no'; the neutral answer counts as lonely in both "
       "directions; score = count of 1s",
       C},
      {"codes of the 3-option format 1 = no, 2 = more or less, 3 = yes (implied by the manual's SPSS syntax)", S},
      {"the 5-option self-completion format (no! / no / more or less / yes / yes!, coded 1..5 in one public R "
       "script) needs other scoring codes: not this entry",
       S},
      {"missing items: no proration; lonely answers are counted among the answered items, then validity rules apply "
       "(scales.md tags this [C/1])",
       S},
      {"licence: free for scientific research, source must be cited", C},
  };
}

scale_definition djg11() {
  scale_definition s;
  djg_common(s);
  s.id = "djg11";
  s.name = "De Jong Gierveld Loneliness Scale, 11 items (3-option format)";
  s.items = 11;
  s.item_names = numbered("djg", 11);
  const std::vector<int> emotional = {2, 3, 5, 6, 9, 10};
  const std::vector<int> social = {1, 4, 7, 8, 11};
  s.scoring_codes.assign(11, {});
  for (int i : emotional) s.scoring_codes[static_cast<std::size_t>(i - 1)] = djg_negative_codes;
  for (int i : social) s.scoring_codes[static_cast<std::size_t>(i - 1)] = djg_positive_codes;
  s.subscales = {
      make_subscale("emotional", "emotional loneliness (negatively worded items)", emotional, 0, 6, complete),
      make_subscale("social", "social loneliness (positively worded items)", social, 0, 5, complete),
  };
  s.score_min = 0;
  s.score_max = 11;
  s.cutoffs = {cutoffs("manual bands",
                       "van Tilburg & de Jong Gierveld (1999) Tijdschr Gerontol Geriatr 30(4):158-163; manual text "
                       "as quoted in a public R script",
                       C,
                       {band(0, 2, "not lonely"), band(3, 8, "moderately lonely"), band(9, 10, "severely lonely"),
                        band(11, 11, "very severely lonely")})};
  s.facts.push_back({"11-item keys: social (positively worded) items 1, 4, 7, 8, 11; emotional (negatively worded) "
                     "items 2, 3, 5, 6, 9, 10; ranges total 0..11, emotional 0..6, social 0..5",
                     C});
  s.facts.push_back({"validity (manual text quoted in a public R script): emotional valid only with no emotional item "
                     "missing, social only with no social item missing, total valid with at most 1 item missing",
                     S});
  s.facts.push_back({"a public app uses 0-3 / 4-8 instead of the manual's 0-2 / 3-8: the manual bands are used", S});
  return s;
}

scale_definition djg6() {
  scale_definition s;
  djg_common(s);
  s.id = "djg6";
  s.name = "De Jong Gierveld Loneliness Scale, 6 items (3-option format, stand-alone 6-item order)";
  s.items = 6;
  s.item_names = numbered("djg6_", 6);
  // Stand-alone order (CBS, What Works Wellbeing): 1 E, 2 S, 3 S, 4 E, 5 S, 6 E.
  const std::vector<int> emotional = {1, 4, 6};
  const std::vector<int> social = {2, 3, 5};
  s.scoring_codes.assign(6, {});
  for (int i : emotional) s.scoring_codes[static_cast<std::size_t>(i - 1)] = djg_negative_codes;
  for (int i : social) s.scoring_codes[static_cast<std::size_t>(i - 1)] = djg_positive_codes;
  const cutoff_set subscale_bands =
      cutoffs("manual bands", "de Jong Gierveld & van Tilburg, Manual of the Loneliness Scale (SPSS syntax)", S,
              {band(0, 0, "not lonely"), band(1, 3, "lonely")});
  s.subscales = {
      make_subscale("emotional", "emotional loneliness", emotional, 0, 3, complete, {subscale_bands}),
      make_subscale("social", "social loneliness", social, 0, 3, complete, {subscale_bands}),
  };
  s.score_min = 0;
  s.score_max = 6;
  s.cutoffs = {
      cutoffs("manual bands", "de Jong Gierveld & van Tilburg, Manual of the Loneliness Scale (SPSS syntax); CBS", C,
              {band(0, 1, "not lonely"), band(2, 4, "moderately lonely"), band(5, 6, "severely lonely")}),
      cutoffs("CBS labels", "Statistics Netherlands (CBS) technical note: the same cut points", C,
              {band(0, 1, "never lonely"), band(2, 4, "sometimes lonely"), band(5, 6, "frequently lonely")}),
  };
  s.facts.push_back({"6-item version: items 3, 9, 10 (emotional) and 4, 7, 8 (social) of the 11-item scale; in the "
                     "stand-alone order 1 E, 2 S, 3 S, 4 E, 5 S, 6 E; ranges total 0..6, subscales 0..3",
                     C});
  s.facts.push_back({"validity (manual SPSS syntax): total valid with at most 1 item missing; each 3-item subscale "
                     "valid only when complete",
                     S});
  s.facts.push_back({"subscale bands 0 not lonely, 1-3 lonely (manual syntax)", S});
  return s;
}

// ---------------------------------------------------------------------------------------------
// 2. Group memberships and identification
// ---------------------------------------------------------------------------------------------

// scales.md 2.1
scale_definition exits() {
  scale_definition s;
  s.id = "exits";
  s.name = "Exeter Identity Transition Scales (EXITS): multiple group memberships, 4 items";
  s.citation =
      "Haslam C, Holme A, Haslam SA, Iyer A, Jetten J, Williams WH (2008). Maintaining group memberships: social "
      "identity continuity predicts well-being after stroke. Neuropsychological Rehabilitation 18(5-6):671-691. "
      "doi:10.1080/09602010701643449";
  s.construct = "multiple group memberships before the transition";
  s.items = 4;
  s.item_names = numbered("exits", 4);
  s.min_code = 1;
  s.max_code = 7;
  s.options = {{1, "strongly disagree"}, {7, "strongly agree"}};
  s.rule = scoring_rule::mean;
  s.score_min = 1;
  s.score_max = 7;
  s.higher_means = "more group memberships";
  s.better = improvement::higher;
  s.missing = complete;
  s.facts = {
      {"4 items (multiple group memberships: belong to / take part in / have friends in / have strong ties with lots "
       "of different groups), the widely reused stand-alone 4-item MGM scale",
       C},
      {"codes 1 = strongly disagree ... 7 = strongly agree (standard in this literature; not verified against the "
       "2008 paper)",
       U},
      {"score = mean 1..7; higher = more groups", U},
      {"reverse items: none known", U},
      {"missing items: none published; complete_only is this library's choice", U},
      {"licence: academic scale; no licence statement found", U},
      {"group continuity subscale: 3 items in one public implementation; count in the 2008 paper unconfirmed (not "
       "in this entry)",
       U},
      {"new groups subscale: 3 items in one public implementation; count in the 2008 paper unconfirmed (not in this "
       "entry)",
       U},
      {"a 13-item EXITS total appears in public code; structure unverified (not in this entry)", S},
  };
  s.licence = "academic scale; no licence statement found (unconfirmed)";
  return s;
}

// scales.md 2.3
scale_definition sisi() {
  scale_definition s;
  s.id = "sisi";
  s.name = "Single-Item Social Identification (SISI)";
  s.citation =
      "Postmes T, Haslam SA, Jans L (2013). A single-item measure of social identification: reliability, validity, "
      "and utility. British Journal of Social Psychology 52(4):597-617. doi:10.1111/bjso.12006";
  s.construct = "social identification with a group";
  s.items = 1;
  s.item_names = {"sisi"};
  s.min_code = 1;
  s.max_code = 7;
  s.options = {{1, "strongly disagree"}, {7, "strongly agree"}};
  s.rule = scoring_rule::mean;
  s.score_min = 1;
  s.score_max = 7;
  s.higher_means = "stronger identification (under the assumed anchors)";
  s.better = improvement::higher;
  s.missing = complete;
  s.facts = {
      {"one item on a 7-point scale", C},
      {"anchors 1 = strongly disagree ... 7 = strongly agree (typical)", U},
  };
  return s;
}

// scales.md 2.3
scale_definition ident_doosje4() {
  scale_definition s;
  s.id = "ident_doosje4";
  s.name = "Group identification, 4 items (Doosje, Ellemers & Spears 1995)";
  s.citation =
      "Doosje B, Ellemers N, Spears R (1995). Perceived intragroup variability as a function of group status and "
      "identification. Journal of Experimental Social Psychology 31(5):410-436";
  s.construct = "identification with a group";
  s.items = 4;
  s.item_names = numbered("doosje", 4);
  s.min_code = 1;
  s.max_code = 7;
  s.options = {{1, "strongly disagree"}, {7, "strongly agree"}};
  s.rule = scoring_rule::mean;
  s.score_min = 1;
  s.score_max = 7;
  s.higher_means = "stronger identification";
  s.better = improvement::higher;
  s.missing = complete;
  s.facts = {
      {"citation", C},
      {"details: 4 items (see myself as a member / pleased to be a member / strong ties / identify with), score = "
       "mean, higher = stronger identification, no reverse items, no cut-offs",
       U},
      {"agreement scale, usually 7-point coded 1..7; anchors", U},
      {"missing items: none published; complete_only is this library's choice", U},
      {"licence: free academic use", U},
  };
  s.licence = "free academic use (unconfirmed)";
  return s;
}

// scales.md 2.4: the CCHS item is the best documented (options and indicator confirmed, codes not).
scale_definition cchs_belong() {
  scale_definition s;
  s.id = "cchs_belong";
  s.name = "Sense of belonging to the local community (Canadian Community Health Survey item), reversed so that "
           "higher = stronger belonging";
  s.citation = "Statistics Canada, Canadian Community Health Survey (Health and community belonging)";
  s.construct = "sense of belonging to the local community";
  s.items = 1;
  s.item_names = {"belong"};
  s.min_code = 1;
  s.max_code = 4;
  s.options = {{1, "very strong"}, {2, "somewhat strong"}, {3, "somewhat weak"}, {4, "very weak"}};
  s.reverse_items = {1};
  s.rule = scoring_rule::sum;
  s.score_min = 1;
  s.score_max = 4;
  s.higher_means = "stronger belonging (after reversing the assumed codes 1 = very strong ... 4 = very weak)";
  s.better = improvement::higher;
  s.cutoffs = {cutoffs("Statistics Canada indicator: very or somewhat strong",
                       "Statistics Canada indicator = % 'very strong or somewhat strong' (population 12+); the codes "
                       "behind the bands are unconfirmed",
                       U, {band(1, 2, "weak (very or somewhat)"), band(3, 4, "strong (very or somewhat)")})};
  s.missing = complete;
  s.facts = {
      {"4 options: very strong / somewhat strong / somewhat weak / very weak (plus don't know; the Canadian Social "
       "Survey adds 'no opinion'): store those as missing",
       C},
      {"indicator = % 'very strong or somewhat strong' (population 12+)", C},
      {"microdata codes 1..4 in the listed order (1 = very strong); reversed here so that higher = more belonging", U},
      {"alternative: UK Community Life Survey neighbourhood belonging (very / fairly / not very / not at all "
       "strongly), not in the catalogue (no codes documented)",
       C},
  };
  return s;
}

// ---------------------------------------------------------------------------------------------
// 3. Social support
// ---------------------------------------------------------------------------------------------

// scales.md 3.1
scale_definition mspss() {
  scale_definition s;
  s.id = "mspss";
  s.name = "Multidimensional Scale of Perceived Social Support (MSPSS), mean scores";
  s.citation =
      "Zimet GD, Dahlem NW, Zimet SG, Farley GK (1988). The Multidimensional Scale of Perceived Social Support. "
      "Journal of Personality Assessment 52(1):30-41";
  s.construct = "perceived social support";
  s.items = 12;
  s.item_names = numbered("mspss", 12);
  s.min_code = 1;
  s.max_code = 7;
  s.options = {{1, "Very strongly disagree"}, {2, "Strongly disagree"}, {3, "Mildly disagree"}, {4, "Neutral"},
               {5, "Mildly agree"},           {6, "Strongly agree"},    {7, "Very strongly agree"}};
  s.rule = scoring_rule::mean;
  const cutoff_set anchors = cutoffs("Zimet response anchors (means)", "Zimet's MSPSS scoring sheet", C,
                                     {band(1, 2.9, "low"), band(3, 5, "moderate"), band(5.1, 7, "high")});
  s.subscales = {
      make_subscale("significant_other", "Significant Other", {1, 2, 5, 10}, 1, 7, complete, {anchors}),
      make_subscale("family", "Family", {3, 4, 8, 11}, 1, 7, complete, {anchors}),
      make_subscale("friends", "Friends", {6, 7, 9, 12}, 1, 7, complete, {anchors}),
  };
  s.score_min = 1;
  s.score_max = 7;
  s.higher_means = "more perceived support";
  s.better = improvement::higher;
  s.cutoffs = {anchors};
  s.missing = complete;
  s.facts = {
      {"12 items coded 1..7, no reverse items; subscales Significant Other 1, 2, 5, 10; Family 3, 4, 8, 11; Friends "
       "6, 7, 9, 12; scores are means (1..7)",
       C},
      {"no population norms: trichotomise the sample or use the response anchors 1-2.9 low, 3-5 moderate, 5.1-7 "
       "high; the anchors are for means, not sums (sums 4..28 and 12..84 are also used)",
       C},
      {"sum-based bands (12-48 / 49-68 / 69-84; <=36 / 37-60 / >60) are third-party inventions: not shipped", S},
      {"missing items: none published; one public R function averages the available items (not an official rule); "
       "complete_only is this library's choice",
       S},
      {"licence: free to use per the author's site (not directly verified)", U},
  };
  s.licence = "free to use per the author's site (unconfirmed)";
  return s;
}

// ---------------------------------------------------------------------------------------------
// 4. Well-being and mental health
// ---------------------------------------------------------------------------------------------

// scales.md 4.1
scale_definition wemwbs() {
  scale_definition s;
  s.id = "wemwbs";
  s.name = "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS, 14 items)";
  s.citation =
      "Tennant R, et al. (2007). The Warwick-Edinburgh Mental Well-being Scale (WEMWBS): development and UK "
      "validation. Health and Quality of Life Outcomes 5:63";
  s.construct = "mental wellbeing (last 2 weeks)";
  s.items = 14;
  s.item_names = numbered("wemwbs", 14);
  s.min_code = 1;
  s.max_code = 5;
  s.options = {{1, "None of the time"}, {2, "Rarely"}, {3, "Some of the time"}, {4, "Often"}, {5, "All of the time"}};
  s.rule = scoring_rule::sum;
  s.score_min = 14;
  s.score_max = 70;
  s.higher_means = "better wellbeing";
  s.better = improvement::higher;
  s.cutoffs = {cutoffs("bands attributed to Warwick (WEMWBS is not a screening tool)",
                       "text attributed to Warwick, reproduced by third parties; Warwick states WEMWBS is not a "
                       "screening tool and has no cut-point signifying wellbeing",
                       C,
                       {band(14, 40, "probable depression"), band(41, 44, "possible depression"),
                        band(45, 59, "average"), band(60, 70, "high")})};
  s.missing = complete;
  s.facts = {
      {"codes 1 = None of the time ... 5 = All of the time; all items positively worded, none reversed; sum 14..70, "
       "higher = better wellbeing",
       C},
      {"middle labels 2 = Rarely, 3 = Some of the time, 4 = Often", S},
      {"bands <=40 / 41-44 / 45-59 / >=60 come with a caveat: Warwick says WEMWBS is not a screening tool; a ROC "
       "study found 43.5 optimal against CES-D",
       C},
      {"a change of about 3 or more points is regarded as meaningful (Warwick FAQ)", S},
      {"missing items: the rule is in the registration-only user guide; complete_only is this library's choice", U},
  };
  s.licence =
      "copyright NHS Health Scotland, University of Warwick and University of Edinburgh (2006); registration "
      "required; free for non-commercial organisations, commercial use needs a paid licence; must not be altered";
  return s;
}

// scales.md 4.2
scale_definition swemwbs() {
  scale_definition s;
  s.id = "swemwbs";
  s.name = "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS, 7 items), Rasch metric score";
  s.citation =
      "Stewart-Brown S, et al. (2009). Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale "
      "(WEMWBS). Health and Quality of Life Outcomes 7:15";
  s.construct = "mental wellbeing (last 2 weeks)";
  s.items = 7;
  s.item_names = numbered("swemwbs", 7);
  s.min_code = 1;
  s.max_code = 5;
  s.options = {{1, "None of the time"}, {2, "Rarely"}, {3, "Some of the time"}, {4, "Often"}, {5, "All of the time"}};
  s.rule = scoring_rule::lookup;
  // Raw sum -> metric score, scales.md 4.2 (raw 29: 26.02, see scales.md 7.1).
  s.conversion = {{7, 7.00},   {8, 9.51},   {9, 11.25},  {10, 12.40}, {11, 13.33}, {12, 14.08}, {13, 14.75},
                  {14, 15.32}, {15, 15.84}, {16, 16.36}, {17, 16.88}, {18, 17.43}, {19, 17.98}, {20, 18.59},
                  {21, 19.25}, {22, 19.98}, {23, 20.73}, {24, 21.54}, {25, 22.35}, {26, 23.21}, {27, 24.11},
                  {28, 25.03}, {29, 26.02}, {30, 27.03}, {31, 28.13}, {32, 29.31}, {33, 30.70}, {34, 32.55},
                  {35, 35.00}};
  s.score_min = 7;
  s.score_max = 35;
  s.higher_means = "better wellbeing";
  s.better = improvement::higher;
  // "<21 low / 21-27 average / >27 high" on the metric; every metric value has two decimals, so
  // the strict bounds are written as 20.99 and 27.01.
  s.cutoffs = {cutoffs("bands used in code in the wild (metric)",
                       "public code; published depression-equivalent cut-points not confirmed", U,
                       {band(7, 20.99, "low"), band(21, 27, "average"), band(27.01, 35, "high")})};
  s.missing = complete;
  s.facts = {
      {"items are WEMWBS items 1, 2, 3, 6, 7, 9, 11; same 1..5 codes", S},
      {"score: raw sum 7..35 converted with the Rasch metric table; comparison across studies requires the metric "
       "score",
       C},
      {"raw -> metric table from 4 independent public implementations; one copy gives 25.99 at raw 29 instead of "
       "26.02 (verify against Warwick's registration-only conversion chart)",
       C},
      {"the transformation presupposes all 7 items answered", S},
      {"norms: HSE 2010-13 mean 23.7 (men), 23.2 (women) (Ng Fat et al. 2017)", S},
      {"bands metric <21 low / 21-27 average / >27 high (code in the wild; stored as 7-20.99 / 21-27 / 27.01-35)", U},
  };
  s.licence = "as WEMWBS: copyright NHS Health Scotland, University of Warwick and University of Edinburgh; "
              "registration required; commercial use needs a paid licence";
  return s;
}

// scales.md 4.3 and 4.4
void phq_common(scale_definition& s) {
  s.min_code = 0;
  s.max_code = 3;
  s.options = {{0, "Not at all"}, {1, "Several days"}, {2, "More than half the days"}, {3, "Nearly every day"}};
  s.rule = scoring_rule::sum;
  s.better = improvement::lower;
  s.missing = complete;
  s.licence = "copyright Pfizer; the developers state no permission is required to reproduce, translate, display or "
              "distribute";
}

scale_definition phq9() {
  scale_definition s;
  phq_common(s);
  s.id = "phq9";
  s.name = "Patient Health Questionnaire-9 (PHQ-9)";
  s.citation =
      "Kroenke K, Spitzer RL, Williams JBW (2001). The PHQ-9: validity of a brief depression severity measure. "
      "Journal of General Internal Medicine 16(9):606-613";
  s.construct = "depression severity (last 2 weeks)";
  s.items = 9;
  s.item_names = numbered("phq9_", 9);
  s.score_min = 0;
  s.score_max = 27;
  s.higher_means = "more severe depression";
  s.cutoffs = {
      cutoffs("severity bands", "Kroenke, Spitzer & Williams (2001)", C,
              {band(0, 4, "minimal/none"), band(5, 9, "mild"), band(10, 14, "moderate"),
               band(15, 19, "moderately severe"), band(20, 27, "severe")}),
      cutoffs("screening cut-off >= 10", "usual screening cut-off", C,
              {band(0, 9, "below 10"), band(10, 27, "10 or more")}),
  };
  s.facts = {
      {"codes 0 = Not at all ... 3 = Nearly every day; sum 0..27; the 10th 'how difficult' question is not scored", C},
      {"missing items: no official rule; public implementations differ (prorate with 1 missing / >= 7 answered / "
       "none); complete_only is this library's choice",
       U},
      {"licence: copyright Pfizer; no permission required to reproduce, translate, display or distribute", S},
  };
  return s;
}

scale_definition gad7() {
  scale_definition s;
  phq_common(s);
  s.id = "gad7";
  s.name = "Generalized Anxiety Disorder-7 (GAD-7)";
  s.citation =
      "Spitzer RL, Kroenke K, Williams JBW, Lowe B (2006). A brief measure for assessing generalized anxiety "
      "disorder: the GAD-7. Archives of Internal Medicine 166(10):1092-1097";
  s.construct = "anxiety severity (last 2 weeks)";
  s.items = 7;
  s.item_names = numbered("gad7_", 7);
  s.score_min = 0;
  s.score_max = 21;
  s.higher_means = "more severe anxiety";
  s.cutoffs = {
      cutoffs("severity bands", "Spitzer, Kroenke, Williams & Lowe (2006)", C,
              {band(0, 4, "minimal"), band(5, 9, "mild"), band(10, 14, "moderate"), band(15, 21, "severe")}),
      cutoffs("screening cut-off >= 10", "usual screening cut-off", C,
              {band(0, 9, "below 10"), band(10, 21, "10 or more")}),
  };
  s.facts = {
      {"codes 0..3 as PHQ-9; sum 0..21", C},
      {"missing items: as PHQ-9, no official rule; complete_only is this library's choice", U},
      {"licence: as PHQ-9", S},
  };
  return s;
}

// scales.md 4.5
scale_definition ons4() {
  scale_definition s;
  s.id = "ons4";
  s.name = "ONS personal well-being (ONS4): four single items";
  s.citation = "ONS Measuring National Well-being; GSS harmonised standard 'Personal well-being' (2019)";
  s.construct = "personal well-being: life satisfaction, worthwhile, happiness, anxiety";
  s.items = 4;
  s.item_names = numbered("ons4_", 4);
  s.min_code = 0;
  s.max_code = 10;
  s.options = {{0, "not at all"}, {10, "completely"}};
  s.rule = scoring_rule::none;
  const std::string source = "ONS FOI reply (thresholds used in ONS bulletins)";
  const cutoff_set positive = cutoffs("ONS thresholds", source, S,
                                      {band(0, 4, "low"), band(5, 6, "medium"), band(7, 8, "high"),
                                       band(9, 10, "very high")});
  const cutoff_set anxiety = cutoffs("ONS thresholds", source, S,
                                     {band(0, 1, "very low"), band(2, 3, "low"), band(4, 5, "medium"),
                                      band(6, 10, "high")});
  s.subscales = {
      make_subscale("life_satisfaction", "life satisfaction (nowadays); higher = better", {1}, 0, 10, complete,
                    {positive}),
      make_subscale("worthwhile", "things done in life are worthwhile; higher = better", {2}, 0, 10, complete,
                    {positive}),
      make_subscale("happiness", "happiness (yesterday); higher = better", {3}, 0, 10, complete, {positive}),
      make_subscale("anxiety", "anxiety (yesterday); higher = more anxious (worse)", {4}, 0, 10, complete, {anxiety}),
  };
  s.score_min = 0;
  s.score_max = 10;
  s.higher_means = "higher life satisfaction, worthwhile, happiness (items 1-3); more anxiety (item 4)";
  s.better = improvement::none;
  s.missing = complete;
  s.facts = {
      {"four single items coded 0..10 (0 = not at all, 10 = completely) in the order life satisfaction, worthwhile, "
       "happiness, anxiety",
       C},
      {"each item is reported separately (means and thresholds); no composite", C},
      {"thresholds (ONS FOI reply): life satisfaction, worthwhile, happiness 0-4 low, 5-6 medium, 7-8 high, 9-10 "
       "very high; anxiety 0-1 very low, 2-3 low, 4-5 medium, 6-10 high",
       S},
      {"direction differs by item: higher is better for items 1-3 and worse for anxiety (item 4); score_min and "
       "score_max give the range of each item",
       S},
      {"licence: Crown copyright / Open Government Licence", U},
  };
  s.licence = "Crown copyright / Open Government Licence (unconfirmed)";
  return s;
}

std::vector<scale_definition> build() {
  std::vector<scale_definition> all = {
      ucla3(),  ucla20_v3(), djg11(),       djg6(),          ons_lonely_direct(), elsa_lonely_direct3(),
      exits(),  sisi(),      ident_doosje4(), cchs_belong(), mspss(),             wemwbs(),
      swemwbs(), phq9(),     gad7(),        ons4(),
  };
  for (const auto& s : all) s.validate();
  return all;
}

}  // namespace

const std::vector<scale_definition>& scale_catalogue() {
  static const std::vector<scale_definition> catalogue = build();
  return catalogue;
}

const scale_definition& find_scale(std::string_view id) {
  const auto& all = scale_catalogue();
  for (const auto& s : all) {
    if (s.id == id) return s;
  }
  std::string ids;
  for (const auto& s : all) ids += (ids.empty() ? "" : ", ") + s.id;
  throw argument_error("no scale '" + std::string(id) + "' in the catalogue (available: " + ids + ")");
}

}  // namespace socialcure
