"""The `gans` study: GANs are games (CLAIMS E1-E3); see spec.py."""
