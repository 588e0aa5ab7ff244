"""Measure: takes a laid-out document (through the engine's typed view of its boxes), gives
what the fit and the typesetting rules see in it: text leaving its slot or set too small,
short headlines with room to grow, runts and hyphens to set again, typesetting faults;
and, for press, recolours its small multi-ink type in one ink."""
