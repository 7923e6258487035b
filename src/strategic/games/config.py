"""Config of the `games` study: one dataclass per variant (one Snakemake job each)."""

from __future__ import annotations

from dataclasses import dataclass

from strategic.schema import ConfigError, _f, _seeds


def _one_run(cfg, name: str) -> None:
    """A deterministic variant: a seed cannot change its result, so it runs once (CLAIMS.md,
    'Kinds of evidence': such seeds are not replicates; its checks read the one run)."""
    if len(cfg.seeds) != 1:
        raise ConfigError(f"games.{name}.seeds: deterministic (no randomness), so exactly one "
                          f"seed, got {cfg.seeds!r}")


@dataclass
class GamesGD:
    """A1: gradient descent on a nonconvex landscape and on matrix factorisation."""
    seeds: list[int] = _seeds([0, 1, 2])
    n_inits: int = _f(10_000, "uniform initial points in [-box, box]^2", gt=0)
    box: float = _f(2.0, "half-width of the initialisation square", gt=0)
    lr: float = _f(0.1, "GD step size (CLAIMS A1)", gt=0)
    steps: int = _f(2000, "GD steps (CLAIMS A1)", gt=0)
    n_paths: int = _f(40, "paths stored for the figure", ge=0)
    mf_n: int = _f(50, "matrix size n of M = A A^T / n", gt=0)
    mf_rank: int = _f(5, "rank r of M and of the factor U", gt=0)
    mf_inits: int = _f(50, "random small initialisations of U", gt=0)
    mf_init_scale: float = _f(1e-3, "std of the small random init of U", gt=0)
    mf_lr: float = _f(0.2, "GD step size divided by lambda_max(M)", gt=0, le=0.5)
    mf_steps: int = _f(1000, "GD steps on the factorisation", gt=0)
    block: int = _f(250, "GD iterations between logged history points (train/mean_f, ...)", gt=0)


@dataclass
class GamesMLP:
    """A1: 'local minima are good enough': an MLP on 8x8 digits from many seeds."""
    seeds: list[int] = _seeds(list(range(10)))
    hidden: int = _f(256, "width of both hidden layers (64-h-h-10)", gt=0)
    lr: float = _f(0.2, "SGD learning rate", gt=0)
    momentum: float = _f(0.9, "SGD momentum", ge=0, le=1)
    batch_size: int = _f(128, "minibatch size", gt=0)
    epochs: int = _f(40, "passes over the training split", gt=0)
    test_fraction: float = _f(0.25, "stratified held-out share (fixed split, seed 0)", gt=0, le=0.9)


@dataclass
class GamesBilinear:
    """A2: GD vs GD on f(x, y) = x*y and the linear WGAN toy of Daskalakis et al. ICLR'18."""
    seeds: list[int] = _seeds([0])
    lr: float = _f(0.1, "step size eta (CLAIMS A2)", gt=0, le=0.45)
    steps: int = _f(20_000, "steps on x*y (CLAIMS A2)", gt=1)
    z0: list[float] = _f([1.0, 1.0], "initial point (x0, y0)")
    methods: list[str] = _f(["gda", "alt_gda", "ogda", "eg"], "update rules to run",
                            choices=("gda", "alt_gda", "ogda", "eg"))
    wgan_steps: int = _f(2000, "steps on the linear WGAN toy", gt=0)
    wgan_target: list[float] = _f([3.0, 4.0], "true mean v of the linear WGAN toy")

    def __post_init__(self):
        _one_run(self, "bilinear")  # fixed z0, no randomness


@dataclass
class GamesGrid:
    """B1, B2: u1 = -u2 = (x1 - x2)^2 on a grid of [-1, 1]: pure vs mixed equilibria."""
    seeds: list[int] = _seeds([0])
    n: int = _f(201, "odd grid size (contains 0 and +-1; CLAIMS B1)", gt=2)
    n_even: int = _f(200, "even grid size (no 0) for the h^2 bound of B2", gt=1)

    def __post_init__(self):
        _one_run(self, "grid")
        if self.n % 2 == 0:
            raise ConfigError("games.grid.n: must be odd so the grid contains 0")
        if self.n_even % 2:
            raise ConfigError("games.grid.n_even: must be even so the grid omits 0")


@dataclass
class GamesExistence:
    """B3, B4: equilibria exist in concave and in finite games, not in guess-the-larger on ℕ."""
    seeds: list[int] = _seeds([0])
    cournot_inits: int = _f(100, "uniform random initial quantities in [0, 10]^2 (plus the 4 corners)", gt=0)
    cournot_lr: float = _f(0.1, "projected gradient-play step (contracts for lr < 2/3)", gt=0)
    cournot_steps: int = _f(300, "gradient-play steps (factor 0.9 per step at lr 0.1)", gt=0)
    n_games: int = _f(200, "random bimatrix games, standard normal payoffs (CLAIMS B3)", gt=0)
    game_size: int = _f(4, "actions per player (CLAIMS B3: 4x4)", gt=0, le=7)
    n_joint: int = _f(1000, "random finitely supported joint distributions (CLAIMS B4)", gt=0)
    joint_atoms: int = _f(10, "at most this many atoms per joint distribution", gt=0)
    joint_range: int = _f(100, "atoms are drawn from {1..joint_range}^2", gt=0)

    def __post_init__(self):
        if not self.cournot_lr < 2 / 3:
            raise ConfigError("games.existence.cournot_lr: must be < 2/3 (else gradient play "
                              f"oscillates), got {self.cournot_lr!r}")


@dataclass
class GamesNoncompact:
    """B4: guess-the-larger-number's truncations and fictitious play (deterministic: one run)."""
    seeds: list[int] = _seeds([0])
    truncations: list[int] = _f([5, 50, 500], "n of the truncations {1..n} (CLAIMS B4)", gt=1)
    fp_iters: int = _f(200, "fictitious-play iterations on guess-the-larger-number", gt=1)

    def __post_init__(self):
        _one_run(self, "noncompact")


@dataclass
class GamesOracle:
    """D3: double oracle (plain and history) on (x1 - x2)^2 from a random start per seed."""
    seeds: list[int] = _seeds([0, 1, 2])
    distance_iters: int = _f(20, "plain DO iterations (CLAIMS D3: gap <= 1e-6 within 20)", gt=0)
    hist_iters: int = _f(400, "history-DO iterations T (CLAIMS D3: T = 400 quick)", gt=1)
    slope_from: int = _f(10, "the history DO's log-log gap slope is fitted over t in [slope_from, T] "
                         "(CLAIMS D3: 10)", gt=0)
    tol: float = _f(1e-12, "DO stops once the certified gap is <= tol", ge=0)

    def __post_init__(self):
        if self.hist_iters < self.slope_from + 1:
            raise ConfigError("games.oracle.hist_iters: must exceed slope_from (a slope needs two points)")


@dataclass
class GamesOracleN:
    """D3: double oracle (plain and history) on the games on N from (1, 1); threshold
    dimension of truncations. Deterministic: one run."""
    seeds: list[int] = _seeds([0])
    nat_iters: int = _f(40, "plain DO iterations on guess-the-larger and matching", gt=1)
    hist_iters: int = _f(400, "history-DO iterations T (CLAIMS D3: T = 400 quick)", gt=1)
    slope_from: int = _f(10, "the gap slope is fitted over t in [slope_from, T] (CLAIMS D3: 10)", gt=0)
    tol: float = _f(1e-12, "DO stops once the certified gap is <= tol", ge=0)
    td_sizes: list[int] = _f([2, 3, 4, 5, 6, 7, 8], "truncations {1..n} whose threshold dimension "
                             "is found by exhaustive search", gt=0, le=12)

    def __post_init__(self):
        _one_run(self, "oracle_n")
        if len(set(self.td_sizes)) < 2:
            raise ConfigError("games.oracle_n.td_sizes: needs at least two distinct sizes to show growth")
        if self.hist_iters < self.slope_from + 1:
            raise ConfigError("games.oracle_n.hist_iters: must exceed slope_from (a slope needs two points)")


@dataclass
class GamesSperner:
    """C2: random scanning and path following on random hidden-path instances (per seed)."""
    seeds: list[int] = _seeds([0, 1, 2])
    sizes: list[int] = _f([33, 65, 129, 257, 513], "grid sizes N of the query-scaling runs", ge=6)
    instances: int = _f(2, "random snake instances per size and seed", gt=0)

    def __post_init__(self):
        if len(set(self.sizes)) < 2:
            raise ConfigError("games.sperner.sizes: need at least two distinct sizes for a slope")


@dataclass
class GamesSpernerExact:
    """C2: exhaustive N = 4 and the winding search, whose query count is the same on every
    instance of a given N (deterministic: one run)."""
    seeds: list[int] = _seeds([0])
    exhaustive_n: int = _f(4, "grid size of the exhaustive check (4: 65,536 colourings)", gt=2, le=4)
    sizes: list[int] = _f([33, 65, 129, 257, 513], "grid sizes N of the winding search", ge=6)
    instances: int = _f(2, "snake instances per size (their query counts must agree)", gt=0)

    def __post_init__(self):
        _one_run(self, "sperner_exact")
        if len(set(self.sizes)) < 2:
            raise ConfigError("games.sperner_exact.sizes: need at least two distinct sizes for a slope")


@dataclass
class GamesStonr:
    """D1: STON'R on f1 reaches the local Nash (0, 0) where GDA, OGDA and EG cycle."""
    seeds: list[int] = _seeds([0])
    box: float = _f(3.0, "half-width of the domain [-box, box]^2 (CLAIMS D1: 3)", gt=0)
    regression_box: float = _f(1.0, "half-width of the regression case (STON'R stops at a corner)", gt=0)
    eps: float = _f(1e-2, "epsilon of epsilon-criticality (CLAIMS D1: quick 1e-2, paper 1e-3)", gt=0, le=0.1)
    step: float = _f(1e-2, "largest STON'R step in the unit cube (adaptive steps are smaller)", gt=0)
    newton: int = _f(3, "Newton corrections back onto the ridge per step", ge=0)
    max_steps: int = _f(5_000_000, "STON'R gives up (converged: false) after this many steps", gt=0)
    methods: list[str] = _f(["gda", "ogda", "eg"], "gradient dynamics that must not converge",
                            choices=("gda", "alt_gda", "ogda", "eg"))
    inits: int = _f(200, "uniform random initial points in the box for the gradient dynamics", gt=0)
    lr: float = _f(1e-2, "step size of the gradient dynamics", gt=0)
    steps: int = _f(2000, "steps of the gradient dynamics (the check reads the second half)", gt=1)
    n_paths: int = _f(6, "gradient-dynamics paths stored for the figure", ge=0)

    def __post_init__(self):
        _one_run(self, "stonr")  # STON'R is deterministic; the 200 inits give the dynamics' spread


@dataclass
class GamesCycles:
    """A3, C3: gradient dynamics cycle in nonconvex-nonconcave games; better-response cycles."""
    seeds: list[int] = _seeds([0])
    n_inits: int = _f(200, "uniform initial points in [-box, box]^2 per game (CLAIMS A3)", gt=0)
    box: float = _f(3.0, "half-width of the strategy box (CLAIMS A3: [-3, 3]^2)", gt=0)
    lrs: list[float] = _f([0.01, 0.001], "step sizes eta (CLAIMS A3: 1e-2 and 1e-3)", gt=0, le=0.1)
    horizon: float = _f(200.0, "steps = horizon / eta (CLAIMS A3: 200/eta)", gt=0)
    methods: list[str] = _f(["gda", "ogda", "eg"], "update rules (CLAIMS A3)",
                            choices=("gda", "alt_gda", "ogda", "eg"))
    tail: float = _f(0.5, "share of steps, at the end, over which min |V| is taken", gt=0, le=1)
    n_paths: int = _f(6, "trajectories per game and method kept for the figure", ge=0)
    path_points: int = _f(400, "points kept per trajectory for the figure", gt=1)
    br_grid: int = _f(201, "pure strategies of x*y on [-1, 1] (odd: contains 0 and +-1)", gt=2)
    br_start: list[float] = _f([1.0, 1.0], "start of the pure better-response path on x*y")
    br_max_moves: int = _f(100, "cap on pure better-response moves", gt=0)
    c3_lr: float = _f(1e-3, "step of the alternating better responses on f1", gt=0, le=0.01)
    c3_burn: int = _f(5000, "alternating steps from the A3 GDA limit point before recording", ge=0)
    c3_steps: int = _f(15_000, "recorded alternating steps (one period is ~12.4k at 1e-3)", gt=0)
    c3_leave: float = _f(0.5, "distance the path must first exceed before a return counts", gt=0)

    def __post_init__(self):
        _one_run(self, "cycles")  # 200 random inits per game give the spread
        if self.br_grid % 2 == 0:
            raise ConfigError("games.cycles.br_grid: must be odd so the grid contains 0 and +-1")
        if len(self.br_start) != 2 or any(abs(v) > 1 for v in self.br_start):
            raise ConfigError("games.cycles.br_start: must be two numbers in [-1, 1]")


@dataclass
class GamesLocal:
    """C1: residual maps of first-order local Nash points; D2: local CCE from gradient play."""
    seeds: list[int] = _seeds([0])
    box: float = _f(3.0, "half-width of the box for f1 (CLAIMS C1, D2: [-3, 3]^2)", gt=0)
    map_n: int = _f(301, "odd grid size of the residual maps (contains 0 and the diagonal)", gt=2)
    fig_n: int = _f(121, "grid size of the maps stored for the figure", gt=2)
    refine_ns: list[int] = _f([12, 24, 48, 96, 192, 384], "even grid sizes (no exact zero) on f1: "
                              "min residual -> 0", gt=1)
    cert_n: int = _f(150, "initial cells per side of the zero-free certificate on f1", gt=1)
    cert_depth: int = _f(12, "quadtree refinements of the certificate", ge=0)
    linear_range: float = _f(1000.0, "u(x) = x is sampled on [-R, R] (residual must be 1)", gt=0)
    lr: float = _f(0.01, "gradient-play step eta (CLAIMS D2)", gt=0, le=0.1)
    steps: int = _f(20_000, "gradient-play steps T (CLAIMS D2: 2e4 quick, 1e6 paper)", gt=10)
    n_inits: int = _f(2, "trajectories from uniform inits in the box", gt=0)
    n_T: int = _f(25, "log grid of prefix lengths T for the |E G| <= 6/(eta T) check", gt=1)
    deltas: list[float] = _f([0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3],
                             "deviation radii delta (CLAIMS D2)", gt=0, le=1)
    point_deltas: list[float] = _f([0.01, 0.03], "deltas of the best-single-iterate comparison "
                                   "(CLAIMS D2)", gt=0, le=1)
    n_shifts: int = _f(41, "odd number of shifts v in [-delta, delta] maximised over", gt=2)

    def __post_init__(self):
        _one_run(self, "local")  # C1 is deterministic; D2's spread comes from n_inits
        if self.map_n % 2 == 0:
            raise ConfigError("games.local.map_n: must be odd so the grid contains 0")
        if any(n % 2 for n in self.refine_ns) or len(self.refine_ns) < 2:
            raise ConfigError("games.local.refine_ns: needs >= 2 even sizes (no grid point is "
                              "the zero; a slope needs two)")
        if self.n_shifts % 2 == 0:
            raise ConfigError("games.local.n_shifts: must be odd so v = 0 is a candidate")
        if not set(self.point_deltas) <= set(self.deltas):
            raise ConfigError("games.local.point_deltas: must be a subset of deltas")
