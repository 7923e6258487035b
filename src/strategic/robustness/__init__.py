"""The `robustness` study (CLAIMS F1–F4): PGD, adversarial training, EOT, spatial attacks."""
