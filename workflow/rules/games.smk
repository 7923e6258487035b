# Study `games` (CLAIMS A1, A2, B1, B2): one job per variant runs all of its seeds.


rule games_run:
    """Run one variant of the games study for all its seeds (one MLflow run per seed)."""
    message:
        "games.{wildcards.variant}: seeds {params.seeds}"
    input:
        tracking=f"{RES}/tracking.json",
        code=study_code("games"),
    output:
        f"{RES}/games/{{variant}}/runs.json",
    params:
        cfg=variant_cfg("games"),
        seeds=variant_seeds("games"),
        tracking=tracking_args(),
        profile=CFG["profile"],
        accelerator=CFG["accelerator"],
    log:
        f"{RES}/logs/games/{{variant}}.log",
    benchmark:
        f"{RES}/benchmarks/games/{{variant}}.tsv"
    threads: CFG["threads"]
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=gpus("games"),
    wildcard_constraints:
        variant="|".join(REGISTRY["games"]),
    conda:
        CONDA_ENV
    shell:
        "python -m strategic run games --variant {wildcards.variant} --seeds {params.seeds}"
        " --cfg {params.cfg} --out $(dirname {output}) --threads {threads} --profile {params.profile}"
        " --accelerator {params.accelerator} {params.tracking} > {log} 2>&1"
