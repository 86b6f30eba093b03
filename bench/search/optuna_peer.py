"""Optuna 3.1 on the bench's problems (the same definitions as SearchBench.java), one JSON line
per run, in SearchBench's format. Usage: optuna_peer.py quality|mo|zoo|zoo-mo|speed [seeds]
[budget]. FIXED=1 applies Optuna's own later fix of its truncated normal's log density
(optuna#5110, in Optuna 3.5: 3.1 leaves out each kernel's -log(scale)), for the rows named
optuna-*-5110."""
import csv
import json
import math
import os
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
FIXED = os.environ.get("FIXED") == "1"
if FIXED:
    import numpy as np
    from optuna.samplers._tpe import _truncnorm

    _unscaled = _truncnorm.logpdf

    def _logpdf(x, a, b, loc=0, scale=1):  # optuna#5110
        return _unscaled(x, a, b, loc, scale) - np.log(scale)

    _truncnorm.logpdf = _logpdf
SUFFIX = "-5110" if FIXED else ""

HA = [1.0, 1.2, 3.0, 3.2]
HA_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8],
        [17, 8, 0.05, 10, 0.1, 14]]
HA_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
        [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
        [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    c1 = t.suggest_categorical("c1", ["a", "b", "c"])
    c2 = t.suggest_categorical("c2", ["p", "q"])
    b, c, s = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    f = (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - s) * math.cos(x1) + 10
    return f + {"a": 0.0, "b": 2.0, "c": 5.0}[c1] + (0.0 if c2 == "p" else 1.0)


def hartmann6(t):
    x = [t.suggest_float(f"x{j + 1}", 0, 1) for j in range(6)]
    c = t.suggest_categorical("c", ["a", "b", "c", "d"])
    f = 0.0
    for i in range(4):
        f -= HA[i] * math.exp(-sum(HA_A[i][j] * (x[j] - HA_P[i][j]) ** 2 for j in range(6)))
    return f + {"a": 0.0, "b": 0.3, "c": 0.6, "d": 1.0}[c]


def zdt1(t):
    x = [t.suggest_float(f"x{j + 1}", 0, 1) for j in range(6)]
    g = 1 + 9 * sum(x[1:]) / 5
    return x[0], g * (1 - math.sqrt(x[0] / g))


class Zoo:
    """The tabular benchmark, read as SearchBench.java's Zoo reads it: the space zoo-table.yaml
    declares, every column (lr's four rates too) a categorical of its values as written, block
    asked only for the models whose rows have one."""
    SEARCHED = ("model", "block", "width", "optimizer", "lr", "labelSmoothing")

    def __init__(self, two_objectives):
        path = os.environ.get("ZOO_TABLE", "bench/search/zoo-table.csv")
        with open(path) as f:
            rows = list(csv.DictReader(f))
        self.two = two_objectives
        self.choices, self.models = {}, {}
        for k in self.SEARCHED:
            vals = [r[k] for r in rows if r[k] != ""]
            self.choices[k] = list(dict.fromkeys(vals))
            every = all(r[k] != "" for r in rows)
            self.models[k] = None if every else {r["model"] for r in rows if r[k] != ""}
        self.table = {tuple(r[k] for k in self.SEARCHED):
                      (-float(r["val_accuracy"]), float(r["macs"]) / 1e6) for r in rows}

    def __call__(self, t):
        key = []
        model = None
        for k in self.SEARCHED:
            if self.models[k] is not None and model not in self.models[k]:
                key.append("")
            else:
                key.append(t.suggest_categorical(k, self.choices[k]))
            if k == "model":
                model = key[-1]
        loss = self.table[tuple(key)]
        return loss if self.two else loss[0]


def sampler(name, seed):
    if name == "optuna-tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "optuna-tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if name == "optuna-tpe-multivariate-group":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, group=True)
    if name == "optuna-motpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "optuna-nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed)
    return optuna.samplers.RandomSampler(seed=seed)


def quality(seeds, budget, problems, samplers):
    for fname, f in problems:
        for name in samplers:
            if FIXED and "random" in name:
                continue
            for seed in range(seeds):
                study = optuna.create_study(sampler=sampler(name, seed))
                study.optimize(f, n_trials=budget)
                best, out = math.inf, []
                for tr in study.trials:
                    best = min(best, tr.value)
                    out.append(float(f"{best:.6g}"))
                print(json.dumps({"bench": "quality", "function": fname, "sampler": name + SUFFIX,
                                  "seed": seed, "best": out}), flush=True)


def mo(seeds, budget, fname, f):
    for name in ("optuna-motpe", "optuna-nsga2"):
        if FIXED and name == "optuna-nsga2":
            continue
        for seed in range(seeds):
            study = optuna.create_study(directions=["minimize", "minimize"],
                                        sampler=sampler(name, seed))
            study.optimize(f, n_trials=budget)
            pts = [[float(f"{v:.6g}") for v in tr.values] for tr in study.trials]
            print(json.dumps({"bench": "mo", "function": fname, "sampler": name + SUFFIX,
                              "seed": seed, "points": pts}), flush=True)


def speed():
    import random
    dists = {f"x{j + 1}": optuna.distributions.FloatDistribution(0, 1) for j in range(6)}
    dists["c"] = optuna.distributions.CategoricalDistribution(["a", "b", "c", "d"])
    for n, k in ((100, 100), (1000, 20), (10000, 5)):
        rnd = random.Random(n)
        study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1))
        trials = []
        for _ in range(n):
            params = {f"x{j + 1}": rnd.random() for j in range(6)}
            params["c"] = rnd.choice(["a", "b", "c", "d"])
            fixed = optuna.trial.FixedTrial(params)
            trials.append(optuna.trial.create_trial(params=params, distributions=dists,
                                                    value=hartmann6(fixed)))
        study.add_trials(trials)
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(k):
            t = study.ask()
            hartmann6(t)  # the suggestions are the proposal
            study.tell(t, state=optuna.trial.TrialState.FAIL)  # failed: not learned from
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"bench": "speed", "sampler": "optuna-tpe", "n": n, "proposals": k,
                          "per_s": round(k / wall, 2), "per_cpu_s": round(k / cpu, 2)}),
              flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    budget = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    functions = (("branin", branin), ("hartmann6", hartmann6))
    tpe = ("optuna-tpe", "optuna-tpe-multivariate", "optuna-random")
    zoo_tpe = ("optuna-tpe", "optuna-tpe-multivariate-group", "optuna-random")
    {"quality": lambda: quality(seeds, budget, functions, tpe),
     "mo": lambda: mo(seeds, budget, "zdt1", zdt1),
     "zoo": lambda: quality(seeds, budget, (("zoo", Zoo(False)),), zoo_tpe),
     "zoo-mo": lambda: mo(seeds, budget, "zoo", Zoo(True)),
     "speed": speed}[mode]()
