# strategic: reproduce the claims of "How to train deep neural nets to be strategic".
#   snakemake --cores all                         quick profile (config.yaml), offline, CPU
#   snakemake --configfile config/paper.yaml ...  paper scale (see README, SLURM profile)
#   snakemake --report results/report.html        self-contained report with every figure
from pathlib import Path

from snakemake.utils import min_version

min_version("8.10")


configfile: str(Path(workflow.basedir) / "config.yaml")  # found from any working directory


include: "workflow/rules/common.smk"
include: "workflow/rules/run.smk"
include: "workflow/rules/report.smk"


rule all:
    """Every claim of the selected studies: claims.json and the Markdown report."""
    default_target: True
    input:
        f"{RES}/claims.json",
        f"{RES}/report.md",
