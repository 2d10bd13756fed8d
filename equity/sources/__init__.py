"""Where cells come from: the one seam every figure is computed above."""
