"""Training, evaluation against a baseline, persistence with joblib."""
from __future__ import annotations

import json
from pathlib import Path

import joblib
import numpy as np
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.metrics import accuracy_score, f1_score, mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

from . import data, pipeline
from .data import SPEC


def split(spec: dict = SPEC):
    features, target = data.load(spec)
    stratify = target if spec["task"] == "classification" and target.value_counts().min() >= 2 else None
    return train_test_split(features, target, test_size=spec["test_size"], random_state=spec["random_state"],
                            stratify=stratify)


def metrics(task: str, truth, predicted) -> dict:
    if task == "classification":
        return {"accuracy": float(accuracy_score(truth, predicted)),
                "f1_macro": float(f1_score(truth, predicted, average="macro"))}
    return {"r2": float(r2_score(truth, predicted)), "mae": float(mean_absolute_error(truth, predicted)),
            "rmse": float(np.sqrt(mean_squared_error(truth, predicted)))}


def train(spec: dict = SPEC):
    """The fitted pipeline and its report: test-split metrics, the baseline's, and the spec's threshold."""
    x_train, x_test, y_train, y_test = split(spec)
    numeric, categorical = data.columns(x_train, spec)
    model = pipeline.build(numeric, categorical, spec).fit(x_train, y_train)
    baseline = (DummyClassifier(strategy="most_frequent") if spec["task"] == "classification"
                else DummyRegressor(strategy="mean")).fit(x_train, y_train)
    report = {"task": spec["task"], "estimator": spec["estimator"], "target": spec["target"],
              "rows": {"train": len(x_train), "test": len(x_test)},
              "features": {"numeric": numeric, "categorical": categorical},
              "metrics": metrics(spec["task"], y_test, model.predict(x_test)),
              "baseline": metrics(spec["task"], y_test, baseline.predict(x_test)),
              "threshold": {spec["metric"]: spec["min_score"]}}
    return model, report


def save(model, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load(path: str | Path):
    return joblib.load(path)


def write_report(report: dict, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
