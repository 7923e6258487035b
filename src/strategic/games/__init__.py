"""The games study: gradient dynamics and equilibria of toy games (claims A-D)."""
