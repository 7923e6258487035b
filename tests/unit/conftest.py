"""Unit-test setup: one torch thread (the suite targets ~60 s on 2 cores)."""

import torch

torch.set_num_threads(1)
