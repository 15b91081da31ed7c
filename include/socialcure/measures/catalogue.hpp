#pragma once
/// \file
/// \brief The catalogue of validated scales shipped with socialcure.
///
/// Every entry is a JSON file in data/scales/ (`<id>.json`, in the format of
/// socialcure/measures/scale_loader.hpp), embedded into the library at build time and parsed once,
/// on first use; the installed package also carries the files, in share/socialcure/scales/. Copy
/// one to define a scale of your own (load_scale, `socialcure score --scale-file`). The entries hold
/// scoring metadata only, never item wording; docs/methods/scales.md gives their facts and
/// sources. Facts that the sources leave unconfirmed are listed in each entry's `facts` with
/// fact_confidence::unconfirmed, and cut-offs that rest on an unconfirmed fact sit in a cutoff_set
/// whose confidence is unconfirmed: check scale_definition::has_unconfirmed() before relying on an
/// entry.
///
/// Ids: ucla3, ucla20_v3, djg11, djg6, ons_lonely_direct, elsa_lonely_direct3, exits, sisi,
/// ident_doosje4, cchs_belong, mspss, wemwbs, swemwbs, phq9, gad7, ons4.

#include <string_view>
#include <vector>

#include "socialcure/measures/scale.hpp"

namespace socialcure {

/// \brief All catalogue entries, in a fixed order (loneliness, group memberships and
/// identification, belonging, support, well-being and mental health).
/// Built once on first use; safe to call from several threads.
[[nodiscard]] const std::vector<scale_definition>& scale_catalogue();

/// \brief The catalogue entry with this id.
/// \param id  a catalogue id, e.g. "ucla3" (exact, case-sensitive)
/// \returns the entry, valid for the life of the program
/// \throws argument_error naming the id and listing the available ids when there is no such entry
[[nodiscard]] const scale_definition& find_scale(std::string_view id);

}  // namespace socialcure
