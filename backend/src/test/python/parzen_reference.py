"""Optuna 3.1's own Parzen estimator (Debian's python3-optuna), the reference ParzenEstimatorTest
compares ours with, with Optuna's own later fix applied: 3.1's truncated normal log density leaves
out the kernel's -log(scale) (optuna#5109, fixed by optuna#5110 in Optuna 3.5), so its mixture is
not a density; the fix below is that pull request's one line. Reads one JSON object on stdin:
  {"multivariate": bool, "space": {name: {"low", "high", "log"} | {"choices": n}},
   "observations": {name: [values]}, "points": {name: [values]}}
(categorical values as choice indices) and prints {"logPdf": [...]}, one value per point."""
import json
import sys

import numpy as np
from optuna.distributions import CategoricalDistribution, FloatDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe.sampler import default_weights

_unscaled = _truncnorm.logpdf


def _logpdf(x, a, b, loc=0, scale=1):  # optuna#5110
    return _unscaled(x, a, b, loc, scale) - np.log(scale)


_truncnorm.logpdf = _logpdf

req = json.load(sys.stdin)
space = {}
for name, d in req["space"].items():
    if "choices" in d:
        space[name] = CategoricalDistribution(list(range(d["choices"])))
    else:
        space[name] = FloatDistribution(d["low"], d["high"], log=d["log"])


def arrays(values):
    return {
        k: np.asarray(v, dtype=int if "choices" in req["space"][k] else float)
        for k, v in values.items()
    }


params = _ParzenEstimatorParameters(
    consider_prior=True,
    prior_weight=1.0,
    consider_magic_clip=True,
    consider_endpoints=False,
    weights=default_weights,
    multivariate=req["multivariate"],
)
pe = _ParzenEstimator(arrays(req["observations"]), space, params)
print(json.dumps({"logPdf": pe.log_pdf(arrays(req["points"])).tolist()}))
