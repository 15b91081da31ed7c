#pragma once
/// \file
/// \brief The path diagram of a mediation model, as SVG and as Graphviz DOT.
///
/// X on the left, Y on the right, the mediators in a row above them (in causal order for serial
/// models, so every serial arrow points right). Every arrow carries its coefficient: a_j (X -> M_j),
/// d_jl (M_l -> M_j), b_j (M_j -> Y) and c' (X -> Y, the direct effect, with the total effect c in
/// brackets). A path whose confidence interval excludes 0 is drawn solid, any other dashed. Below the
/// diagram, every specific indirect effect and the total indirect effect with its interval.
/// Within-subject models draw the instance contrast as X and the differences as M and Y.
/// Conditional process models draw the moderator W under X -> Y with an arrow onto the middle of
/// each path it moderates, labelled with the product term's coefficient (the path's own label is
/// its coefficient at W = 0; no total effect), and list the conditional indirect effects at each
/// W value and the indices of moderated mediation below the diagram.
/// The SVG is self-contained (no scripts, fonts or links), so it opens in a browser and in a word
/// processor.

#include <string>

#include "socialcure/analyses/mediation.hpp"

namespace socialcure {

/// \brief The diagram as a standalone SVG document.
[[nodiscard]] std::string mediation_svg(const mediation_result& result);

/// \brief The diagram as a Graphviz DOT digraph (`dot -Tsvg` renders it).
[[nodiscard]] std::string mediation_dot(const mediation_result& result);

}  // namespace socialcure
