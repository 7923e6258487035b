"""The `gans` study (CLAIMS E1-E3): WGAN duality, mode hopping under simultaneous GDA on the
8-Gaussian ring and its fixes, and the digits picture. Every variant trains all its seeds (and
for E1 all pairs) as one batched model."""

from strategic.contracts import Study, Variant
from strategic.gans import names as N
from strategic.gans.config import GansDigits, GansDuality, RingEg, RingGda, RingOgda, RingUnrolled

_M = "strategic.gans."
_RING = _M + "runs_ring:run_ring"
STUDY = Study(
    name="gans",
    variants={
        # two jobs of about equal CPU time in the quick profile (unrolled + EG, about 430 s;
        # the rest, about 430 s: measured at 5754079), so `--cores 2` runs them side by side
        "unrolled": Variant(RingUnrolled, _RING, network=True, all_seeds=True, job="ring_unrolled",
                            key_metric=N.FINAL_EFF, cpu_minutes=5.3),
        "gda": Variant(RingGda, _RING, network=True, all_seeds=True, job="gans",
                       key_metric=N.FINAL_EFF, cpu_minutes=1.1),
        "ogda": Variant(RingOgda, _RING, network=True, all_seeds=True, job="gans",
                        key_metric=N.FINAL_EFF, cpu_minutes=1.1),
        "eg": Variant(RingEg, _RING, network=True, all_seeds=True, job="ring_unrolled",
                      key_metric=N.FINAL_EFF, cpu_minutes=1.9),
        "duality": Variant(GansDuality, _M + "runs_duality:run_duality", network=True,
                           all_seeds=True, job="gans", key_metric=N.GP1_MAX_RELERR,
                           cpu_minutes=3.5),
        "digits": Variant(GansDigits, _M + "runs_digits:run_digits", network=True,
                          all_seeds=True, job="gans",
                          key_metric=N.digits_metric("gda", N.DIG_COVERED), cpu_minutes=1.5),
    },
    figures=("E1", "E2", "E3"),
)
