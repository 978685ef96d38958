"""The scikit-learn Pipeline: preprocessing per column kind, then the estimator model/spec.json chooses."""
from __future__ import annotations

from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ESTIMATORS = {
    ("classification", "random_forest"): lambda seed: RandomForestClassifier(n_estimators=200, random_state=seed),
    ("classification", "gradient_boosting"): lambda seed: GradientBoostingClassifier(random_state=seed),
    ("classification", "logistic_regression"): lambda seed: LogisticRegression(max_iter=2000),
    ("regression", "random_forest"): lambda seed: RandomForestRegressor(n_estimators=200, random_state=seed),
    ("regression", "gradient_boosting"): lambda seed: GradientBoostingRegressor(random_state=seed),
    ("regression", "ridge"): lambda seed: Ridge(alpha=1.0),
    ("regression", "linear_regression"): lambda seed: LinearRegression(),
}


def build(numeric: list[str], categorical: list[str], spec: dict) -> Pipeline:
    preprocess = ColumnTransformer([
        ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        # unseen categories at prediction time become all-zero columns instead of an error
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                  ("encode", OneHotEncoder(handle_unknown="ignore"))]), categorical),
    ])
    estimator = ESTIMATORS[(spec["task"], spec["estimator"])](spec["random_state"])
    return Pipeline([("preprocess", preprocess), ("model", estimator)])
