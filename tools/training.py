"""What the training scripts share: fitting the linear text classifier (text/classifier.py) with scikit-learn
and exporting its weights, and grouped cross-validation folds (whole sources or groups held out).

Needs scikit-learn (requirements-dev.txt); the bot only reads the exported weights."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from text.classifier import Model

MIN_DF = 2  # a feature seen in one text only says nothing about the next


def fit(
    feats: list[list[str]],
    labels: list[str],
    *,
    c: float,
    weights: list[float] | None = None,
    svm_temperature: float | None = None,
) -> Model:
    """Sublinear tf-idf over the given feature lists, then a class-balanced logistic regression, or, with
    `svm_temperature`, a linear SVM whose scores the model turns into probabilities by a softmax at that
    temperature (both are one weight vector per class)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    vectoriser = TfidfVectorizer(analyzer=lambda f: f, sublinear_tf=True, min_df=MIN_DF)
    matrix = vectoriser.fit_transform(feats)
    if svm_temperature is None:
        classifier = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    else:
        classifier = LinearSVC(C=c, class_weight="balanced", max_iter=20000)
    classifier.fit(matrix, labels, sample_weight=weights)
    names = vectoriser.get_feature_names_out()
    kept = {}
    for j, name in enumerate(names):
        column = classifier.coef_[:, j]
        if len(classifier.classes_) == 2:  # scikit-learn keeps one column for two classes: spell out both
            column = [-column[0] / 2, column[0] / 2]
        if max(abs(w) for w in column) >= 0.005:  # features that move no class are left out of the file
            kept[str(name)] = (float(vectoriser.idf_[j]), [float(w) for w in column])
    intercepts = classifier.intercept_
    if len(classifier.classes_) == 2:
        intercepts = [-intercepts[0] / 2, intercepts[0] / 2]
    return Model(
        tuple(str(k) for k in classifier.classes_),
        kept,
        tuple(float(b) for b in intercepts),
        temperature=svm_temperature or 1.0,
    )


def grouped_folds(groups: Sequence[str], folds: int) -> Iterator[tuple[list[int], list[int]]]:
    """Train and test indices, each group wholly on one side."""
    from sklearn.model_selection import GroupKFold

    for train, test in GroupKFold(n_splits=min(folds, len(set(groups)))).split(list(groups), groups=list(groups)):
        yield list(train), list(test)
