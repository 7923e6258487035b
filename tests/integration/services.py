"""Real services for the integration tests, started by hand and stopped by PID: a single-node
SLURM cluster (munged, slurmctld, slurmd), an `mlflow server`, headless Chromium.

Each service runs in the foreground of a process this module starts (`Popen`), so the PID we
stop is the daemon's own; nothing is found or killed by name. SLURM's executor plugin strips
`SLURM_*` variables inside jobs, so the cluster's config must sit at /etc/slurm/slurm.conf;
an existing file there is moved aside and put back on stop.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

SLURM_CONF = Path("/etc/slurm/slurm.conf")
GRES_CONF = SLURM_CONF.with_name("gres.conf")
SLURM_BINARIES = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "srun", "scontrol")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM the process we started (by its PID), SIGKILL if it does not exit in time."""
    if proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)


def wait_for(check, what: str, timeout: float, procs=()) -> None:
    """Poll `check()` until true; fail early if one of `procs` has exited."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{what}: {p.args[0]} exited with {p.returncode}")
        time.sleep(0.5)
    raise RuntimeError(f"{what}: not ready after {timeout:.0f} s")


# ------------------------------------------------------------------------------------ SLURM
def slurm_missing() -> str:
    """Why a real SLURM cluster cannot be started here ('' if it can)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        return "needs root on Linux (writes /etc/slurm/slurm.conf, runs slurmd)"
    missing = [b for b in SLURM_BINARIES if not shutil.which(b)]
    if missing:
        return f"missing {', '.join(missing)} (apt-get install slurm-wlm munge)"
    return ""


@dataclass
class SlurmCluster:
    """One node (this machine) in one partition `debug`; no accounting (status via squeue)."""
    root: Path
    procs: list[subprocess.Popen] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)

    def conf(self) -> str:
        host = socket.gethostname().split(".")[0]
        cpus = os.cpu_count() or 1
        mem = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20 * 0.8)
        r = self.root
        return "\n".join([
            "ClusterName=strategic-test", f"SlurmctldHost={host}(127.0.0.1)",
            f"SlurmctldPort={free_port()}", f"SlurmdPort={free_port()}",
            "SlurmUser=root", "SlurmdUser=root", "AuthType=auth/munge", "CredType=cred/munge",
            f"AuthInfo=socket={r / 'munge.socket'}",
            f"StateSaveLocation={r / 'state'}", f"SlurmdSpoolDir={r / 'spool'}",
            f"SlurmctldPidFile={r / 'slurmctld.pid'}", f"SlurmdPidFile={r / 'slurmd.pid'}",
            f"SlurmctldLogFile={r / 'slurmctld.log'}", f"SlurmdLogFile={r / 'slurmd.log'}",
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/affinity",
            "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core",
            "SchedulerType=sched/backfill", "MpiDefault=none", "ReturnToService=2",
            "AccountingStorageType=accounting_storage/none", "JobAcctGatherType=jobacct_gather/none",
            # finished jobs stay visible to squeue for an hour: the plugin's status command
            "MinJobAge=3600", "KillWait=5", "OverTimeLimit=0", "InactiveLimit=0",
            "SchedulerParameters=sched_interval=2", "MessageTimeout=30",
            # one GPU as a countable resource (no device): lets a GPU request be scheduled
            "GresTypes=gpu",
            f"NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={mem} Gres=gpu:1 State=UNKNOWN",
            f"PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP",
            ""])

    def start(self) -> "SlurmCluster":
        r = self.root
        for d in ("state", "spool"):
            (r / d).mkdir(parents=True, exist_ok=True)
        r.chmod(0o755)
        key = r / "munge.key"
        key.write_bytes(os.urandom(1024))
        key.chmod(0o600)
        SLURM_CONF.parent.mkdir(parents=True, exist_ok=True)
        for conf in (SLURM_CONF, GRES_CONF):
            if conf.exists():
                conf.rename(conf.with_name(f"{conf.name}.before-test-{os.getpid()}"))
                self.backups.append(conf)
        SLURM_CONF.write_text(self.conf())
        GRES_CONF.write_text("AutoDetect=off\nName=gpu File=/dev/null\n")
        self._spawn("munged", "-F", "-f", f"--socket={r / 'munge.socket'}", f"--key-file={key}",
                    f"--log-file={r / 'munged.log'}", f"--pid-file={r / 'munged.pid'}",
                    f"--seed-file={r / 'munged.seed'}")
        wait_for(lambda: (r / "munge.socket").exists(), "munged", 30, self.procs)
        self._spawn("slurmctld", "-D", "-i")
        wait_for(lambda: self._ok("scontrol", "ping"), "slurmctld", 60, self.procs)
        self._spawn("slurmd", "-D")
        wait_for(self.node_idle, "slurmd", 90, self.procs)
        return self

    def _spawn(self, *cmd: str) -> None:
        log = open(self.root / f"{cmd[0]}.out", "w")
        self.procs.append(subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT))

    @staticmethod
    def _ok(*cmd: str) -> bool:
        return subprocess.run(cmd, capture_output=True).returncode == 0

    def node_idle(self) -> bool:
        r = subprocess.run(["sinfo", "-h", "-o", "%t"], capture_output=True, text=True)
        return r.returncode == 0 and r.stdout.strip().startswith(("idle", "mix", "alloc"))

    def stop(self) -> None:
        for p in reversed(self.procs):  # slurmd, slurmctld, munged
            stop(p)
        self.procs.clear()
        for conf in (SLURM_CONF, GRES_CONF):
            conf.unlink(missing_ok=True)
        for conf in self.backups:
            conf.with_name(f"{conf.name}.before-test-{os.getpid()}").rename(conf)
        self.backups.clear()


# ----------------------------------------------------------------------------------- MLflow
def serve_http(argv: list[str], url: str, log: Path, env: dict | None = None,
               timeout: float = 90) -> subprocess.Popen:
    """Start an HTTP server process and wait until `url` answers; the caller stops it by PID."""
    out = open(log, "w")
    proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})

    def up() -> bool:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except OSError:
            return False
    try:
        wait_for(up, f"{argv[:4]}", timeout, [proc])
    except RuntimeError:
        stop(proc)
        raise RuntimeError(f"server did not start: {log.read_text()[-2000:]}") from None
    return proc


def mlflow_server(root: Path, port: int) -> subprocess.Popen:
    """`mlflow server` on 127.0.0.1 with a SQLite backend in `root` (job execution off)."""
    argv = [sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--backend-store-uri", f"sqlite:///{root / 'server.db'}",
            "--default-artifact-root", str(root / "artifacts")]
    return serve_http(argv, f"http://127.0.0.1:{port}/health", root / "mlflow-server.log",
                      env={"MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"})


# --------------------------------------------------------------------------------- Chromium
def chromium() -> str | None:
    return next((shutil.which(c) for c in CHROMIUM if shutil.which(c)), None)


def chromium_args(profile_dir: Path) -> list[str]:
    """Flags that work on a closed network as root (no sandbox, no background connections)."""
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile_dir}"]
