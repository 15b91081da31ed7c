#pragma once
/// \file
/// \brief The figure of a conditional process model (PROCESS 7, 8, 14, 15, 58, 59): the
/// conditional indirect effect against the moderator W, as a standalone SVG document.
///
/// One panel per mediator (the sum over the mediators, "total", is not drawn). At every probed
/// value of W the conditional indirect effect is a point with its interval (percentile, BC, BCa
/// bootstrap or Monte Carlo, as the model ran) as a vertical bar; the points are joined by a line
/// and the intervals by a shaded band, with the zero line dashed. The band is drawn between the
/// probed values only (the library computes intervals at the probe values, from one pass of
/// resamples), so it is as fine as the probe: give many values (mediation_spec::probe, method
/// values) for a smooth band. A value without an interval is drawn as a point and left out of
/// the band.

#include <string>

#include "socialcure/analyses/mediation.hpp"

namespace socialcure {

/// \brief The conditional indirect effect against W with its bootstrap band (see the file comment).
/// \throws argument_error when `result` is not a conditional process model or has no conditional
/// indirect effects.
[[nodiscard]] std::string conditional_indirect_svg(const mediation_result& result);

}  // namespace socialcure
