# One job per (study, variant) runs all of the variant's seeds (one MLflow run per seed).
# Every study uses this rule; its spec (src/strategic/<study>/spec.py) sets the resources.


rule run_variant:
    """Run one variant of a study for all its seeds (one MLflow run per seed)."""
    message:
        "{wildcards.study}.{wildcards.variant}: seeds {params.seeds}"
    input:
        tracking=f"{RES}/tracking.json",
        code=lambda w: study_code(w.study),
    output:
        f"{RES}/{{study}}/{{variant}}/runs.json",
    params:
        cfg=variant_cfg,
        seeds=variant_seeds,
        tracking=tracking_args(),
        profile=CFG["profile"],
        accelerator=CFG["accelerator"],
    log:
        f"{RES}/logs/{{study}}/{{variant}}.log",
    benchmark:
        f"{RES}/benchmarks/{{study}}/{{variant}}.tsv"
    threads: lambda w: variant_resource(w, "threads", CFG["threads"])
    resources:
        mem_mb=lambda w: variant_resource(w, "mem_mb", 4000),
        runtime=lambda w: variant_resource(w, "runtime", 60),
        gpu=gpus,
    wildcard_constraints:
        variant="|".join(sorted({v for runs in REGISTRY.values() for v in runs})),
    conda:
        CONDA_ENV
    shell:
        "python -m strategic run {wildcards.study} --variant {wildcards.variant} --seeds {params.seeds}"
        " --cfg {params.cfg} --out $(dirname {output}) --threads {threads} --profile {params.profile}"
        " --accelerator {params.accelerator} {params.tracking} > {log} 2>&1"
