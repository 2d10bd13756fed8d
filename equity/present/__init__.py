"""Tables and charts built from figures, for the screen and for every export."""
