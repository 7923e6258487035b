# Tracking set-up, aggregation, figures, claim verdicts and the report.


localrules:
    mlflow_init,
    report,


rule mlflow_init:
    """Create the MLflow store and experiments once, before jobs fan out (SQLite races)."""
    message:
        "MLflow: creating the tracking store and experiments"
    output:
        f"{RES}/tracking.json",
    params:
        tracking=tracking_args(),
        studies=" ".join(REGISTRY),
    log:
        f"{RES}/logs/mlflow_init.log",
    conda:
        CONDA_ENV
    shell:
        "python -m strategic init-tracking --studies {params.studies} --out {output} {params.tracking} > {log} 2>&1"


rule aggregate:
    """Runs of a study -> pandas tables (runs.csv and one CSV per per-run table)."""
    message:
        "{wildcards.study}: aggregating runs into tables"
    input:
        runs=lambda w: run_manifests(w.study),
        code=str(SRC / "report" / "tables.py"),
    output:
        f"{RES}/{{study}}/tables/runs.csv",
    log:
        f"{RES}/logs/{{study}}/aggregate.log",
    conda:
        CONDA_ENV
    shell:
        "python -m strategic aggregate --runs {input.runs} --out $(dirname {output}) > {log} 2>&1"


rule figure:
    """One figure (PNG + PDF) from its study's tables; no computation here."""
    message:
        "figure {wildcards.fig}"
    input:
        tables=lambda w: f"{RES}/{figure_study(w.fig)}/tables/runs.csv",
        code=str(SRC / "report" / "figures.py"),
    output:
        png=report(
            f"{RES}/figures/{{fig}}.png",
            caption="../report/figure.rst",
            category="figures",
        ),
        pdf=f"{RES}/figures/{{fig}}.pdf",
    params:
        caption=lambda w: figure_caption(w.fig),
    log:
        f"{RES}/logs/figures/{{fig}}.log",
    conda:
        CONDA_ENV
    shell:
        "python -m strategic plot {wildcards.fig} --tables $(dirname {input.tables}) --out {output.png} > {log} 2>&1"


rule check_claims:
    """CLAIMS.md's pass criteria applied to a study's tables -> results/claims/<study>.json."""
    message:
        "{wildcards.study}: checking claims"
    input:
        tables=f"{RES}/{{study}}/tables/runs.csv",
        figures=lambda w: study_figures(w.study),
        code=[str(SRC / "report" / "claims.py"), str(SRC / "{study}" / "claims.py")],
    output:
        f"{RES}/claims/{{study}}.json",
    params:
        profile=CFG["profile"],
        figures=f"{RES}/figures",
    log:
        f"{RES}/logs/{{study}}/check_claims.log",
    conda:
        CONDA_ENV
    shell:
        "python -m strategic check {wildcards.study} --tables $(dirname {input.tables})"
        " --profile {params.profile} --figures-dir {params.figures} --out {output} > {log} 2>&1"


rule report:
    """Merge the studies' claims into results/claims.json and the Markdown report."""
    message:
        "report: results/claims.json and the Markdown report"
    input:
        claims=expand(f"{RES}/claims/{{study}}.json", study=STUDIES),
        code=str(SRC / "report" / "render.py"),
    output:
        claims=f"{RES}/claims.json",
        md=f"{RES}/report.md",
    params:
        profile=CFG["profile"],
    log:
        f"{RES}/logs/report.log",
    conda:
        CONDA_ENV
    shell:
        "python -m strategic report --claims {input.claims} --profile {params.profile} --out {output.claims}"
        " --md {output.md} > {log} 2>&1"
