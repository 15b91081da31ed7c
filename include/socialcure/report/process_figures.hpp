#pragma once
/// \file
/// \brief The figure of a conditional process model (PROCESS 7, 8, 14, 15, 58, 59): the
/// conditional indirect effect against the moderator W, as a standalone SVG document.
///
/// One panel per mediator (the sum over the mediators, "total", is not drawn). At every probed
/// value of W the conditional indirect effect is a point with its interval (percentile, BC, BCa
/// bootstrap or Monte Carlo, as the model ran) as a vertical bar. The band, shaded, with its middle
/// line, is the interval over the grid of W when the model ran with
/// mediation_options::band_points (the conditional indirect effect bootstrapped at equally spaced
/// values across W's range, from the same resamples); without it the band joins the probed values
/// only. The zero line is dashed. A value without an interval is drawn as a point and left out of
/// the band.

#include <string>

#include "socialcure/analyses/mediation.hpp"

namespace socialcure {

/// \brief The conditional indirect effect against W with its bootstrap band (see the file comment).
/// \throws argument_error when `result` is not a conditional process model or has no conditional
/// indirect effects.
[[nodiscard]] std::string conditional_indirect_svg(const mediation_result& result);

}  // namespace socialcure
