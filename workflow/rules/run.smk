# One job runs one variant of a study, or a group of cheap variants that share a process,
# for all their seeds (one MLflow run per seed). Every study uses this rule; its spec
# (src/strategic/<study>/spec.py) declares variants, groups and resources.


rule run_job:
    """Run a job's variants for all their seeds (one MLflow run per seed)."""
    message:
        "{wildcards.study}.{wildcards.job}: {params.variants}"
    input:
        # ancient: the store must exist first, but re-creating tracking.json (another URI or
        # prefix, a new study) re-runs nothing: MLflow records, files decide.
        tracking=ancient(f"{RES}/tracking.json"),
        code=job_code,
    output:
        f"{RES}/{{study}}/jobs/{{job}}.json",
    params:
        cfg=job_cfg,
        variants=lambda w: " ".join(job_variants(w)),
        grouped="" if CFG["group_jobs"] else "--ungrouped",
        profile=CFG["profile"],
        accelerator=job_accelerator,
    log:
        f"{RES}/logs/{{study}}/{{job}}.log",
    benchmark:
        f"{RES}/benchmarks/{{study}}/{{job}}.tsv"
    threads: lambda w: job_resource(w, "threads", CFG["threads"])
    priority: job_priority
    resources:
        mem_mb=lambda w: job_resource(w, "mem_mb", 4000),
        runtime=lambda w: job_resource(w, "runtime", 60),
        gpu=gpus,
    conda:
        CONDA_ENV
    shell:
        "python -m strategic run-job {wildcards.study} {wildcards.job} --cfg {params.cfg}"
        " --out $(dirname $(dirname {output})) --tracking {input.tracking} {params.grouped}"
        " --threads {threads} --profile {params.profile} --accelerator {params.accelerator}"
        " --results $(dirname {input.tracking}) > {log} 2>&1"
