# Tracking set-up, then per study: aggregation, its figures, claim verdicts; then the report.


localrules:
    mlflow_init,
    report,


rule mlflow_init:
    """Create the MLflow store once, before jobs fan out (SQLite migrations race)."""
    message:
        "MLflow: creating the tracking store"
    output:
        f"{RES}/tracking.json",
    params:
        uri=shlex.quote(CFG["mlflow"]["tracking_uri"]),
        prefix=shlex.quote(CFG["mlflow"]["experiment_prefix"]),
        profile=CFG["profile"],  # recorded: another profile into this folder stops at once
    log:
        f"{RES}/logs/mlflow_init.log",
    benchmark:
        f"{RES}/benchmarks/_/mlflow_init.tsv"
    conda:
        CONDA_ENV
    shell:
        "python -m strategic init-tracking --out {output} --results $(dirname {output})"
        " --tracking-uri {params.uri} --experiment-prefix {params.prefix} --profile {params.profile}"
        " > {log} 2>&1"


rule aggregate:
    """Runs of a study -> pandas tables (runs.csv and one CSV per per-run table)."""
    message:
        "{wildcards.study}: aggregating runs into tables"
    input:
        runs=lambda w: job_manifests(w.study),
        code=study_code("report", "tables"),
    output:
        f"{RES}/{{study}}/tables/runs.csv",
    log:
        f"{RES}/logs/{{study}}/aggregate.log",
    benchmark:
        f"{RES}/benchmarks/{{study}}/aggregate.tsv"
    conda:
        CONDA_ENV
    shell:
        "python -m strategic aggregate --runs {input.runs} --out $(dirname {output}) > {log} 2>&1"


rule figures:
    """Every figure of a study (PNG + PDF) from its tables, in one process; no computation."""
    message:
        "{wildcards.study}: figures"
    input:
        tables=f"{RES}/{{study}}/tables/runs.csv",
        code=lambda w: study_code(w.study, "figures") + study_code("report", "figures"),
    output:
        report(
            directory(f"{RES}/figures/{{study}}"),
            patterns=["{fig}.png"],
            caption="../report/figure.rst",
            category="figures",
        ),
    params:
        caption=figure_captions,
    log:
        f"{RES}/logs/{{study}}/figures.log",
    benchmark:
        f"{RES}/benchmarks/{{study}}/figures.tsv"
    conda:
        CONDA_ENV
    shell:
        "python -m strategic figures {wildcards.study} --tables $(dirname {input.tables})"
        " --out {output} > {log} 2>&1"


rule check_claims:
    """CLAIMS.md's pass criteria applied to a study's tables -> results/claims/<study>.json."""
    message:
        "{wildcards.study}: checking claims"
    input:
        tables=f"{RES}/{{study}}/tables/runs.csv",
        figures=f"{RES}/figures/{{study}}",
        code=lambda w: study_code(w.study, "claims") + study_code("report", "claims"),
    output:
        f"{RES}/claims/{{study}}.json",
    params:
        profile=CFG["profile"],
    log:
        f"{RES}/logs/{{study}}/check_claims.log",
    benchmark:
        f"{RES}/benchmarks/{{study}}/check_claims.tsv"
    conda:
        CONDA_ENV
    shell:
        "python -m strategic check {wildcards.study} --tables $(dirname {input.tables})"
        " --profile {params.profile} --figures-dir {input.figures} --out {output} > {log} 2>&1"


rule report:
    """Merge the studies' claims into results/claims.json and the Markdown report."""
    message:
        "report: results/claims.json and the Markdown report"
    input:
        claims=expand(f"{RES}/claims/{{study}}.json", study=STUDIES),
        code=study_code("report", "render"),
    output:
        claims=f"{RES}/claims.json",
        md=f"{RES}/report.md",
    params:
        profile=CFG["profile"],
    log:
        f"{RES}/logs/report.log",
    benchmark:
        f"{RES}/benchmarks/_/report.tsv"
    conda:
        CONDA_ENV
    shell:
        "python -m strategic report --claims {input.claims} --profile {params.profile} --out {output.claims}"
        " --md {output.md} > {log} 2>&1"
