"""How the render of one piece went, as the check and the proof report it."""

PASS = "pass"      # fits as designed
SCALED = "scaled"  # fits, some text set smaller
FAIL = "fail"      # does not fit, breaks a typesetting rule, or was refused
