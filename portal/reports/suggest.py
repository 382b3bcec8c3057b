"""Category suggestions from a report's description: TF-IDF over character n-grams (robust to typos and Dutch
compounds such as "lantaarnpaal"/"lantaarn") and a multinomial logistic regression, trained on the example texts
staff keep per category. The model is stored as numbers in the database, so every web process uses the same one
and nothing is unpickled. A suggestion only preselects a choice; the whole category tree stays selectable."""

from dataclasses import dataclass

import numpy as np
from django.db import transaction
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from portal.reports.models import Category, SuggestionModel

VECTORIZER = {"analyzer": "char_wb", "ngram_range": (3, 5), "strip_accents": "unicode", "sublinear_tf": True}
# Below this probability the best guess is no better than chance among a few categories: suggest nothing.
MIN_PROBABILITY = 0.25


@dataclass(frozen=True)
class Suggestion:
    category: Category
    probability: float


def suggester_train() -> SuggestionModel | None:
    """Train on the active subcategories' example texts; None when fewer than two categories have examples."""
    texts, labels = [], []
    for category in Category.objects.filter(parent__isnull=False, is_active=True):
        for example in category.examples():
            texts.append(example)
            labels.append(category.code)
    if len(set(labels)) < 2:
        return None
    vectorizer = TfidfVectorizer(**VECTORIZER)
    features = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=10.0, max_iter=2000).fit(features, labels)
    payload = {
        "vocabulary": {term: int(index) for term, index in vectorizer.vocabulary_.items()},
        "idf": vectorizer.idf_.round(6).tolist(),
        "classes": [str(code) for code in model.classes_],
        # Two classes give one row of weights (for the second class); store both rows so scoring is uniform.
        "coef": (np.vstack([-model.coef_, model.coef_]) if len(model.classes_) == 2 else model.coef_).round(6).tolist(),
        "intercept": (
            np.hstack([-model.intercept_, model.intercept_]) if len(model.classes_) == 2 else model.intercept_
        )
        .round(6)
        .tolist(),
    }
    with transaction.atomic():
        trained = SuggestionModel.objects.create(examples=len(texts), payload=payload)
        SuggestionModel.objects.exclude(pk=trained.pk).delete()
    _loaded.clear()
    return trained


_loaded: dict[int, tuple] = {}


def _scorer():
    latest = SuggestionModel.objects.only("pk").first()
    if latest is None:
        return None
    if latest.pk not in _loaded:
        payload = SuggestionModel.objects.get(pk=latest.pk).payload
        vectorizer = TfidfVectorizer(**VECTORIZER, vocabulary=payload["vocabulary"])
        vectorizer.idf_ = np.asarray(payload["idf"])
        _loaded.clear()
        _loaded[latest.pk] = (
            vectorizer,
            np.asarray(payload["coef"]),
            np.asarray(payload["intercept"]),
            payload["classes"],
        )
    return _loaded[latest.pk]


def suggestions_for(text: str, *, most: int = 3) -> list[Suggestion]:
    """The likeliest active categories for a description, best first; empty when unsure or untrained."""
    scorer = _scorer() if text and text.strip() else None
    if scorer is None:
        return []
    vectorizer, coef, intercept, classes = scorer
    features = vectorizer.transform([text[:5000]])
    if features.nnz == 0:
        return []
    scores = features @ coef.T + intercept
    scores = np.exp(scores - scores.max())
    probabilities = (scores / scores.sum()).ravel()
    ranked = [(classes[i], float(probabilities[i])) for i in np.argsort(-probabilities)[:most]]
    ranked = [(code, p) for code, p in ranked if p >= MIN_PROBABILITY]
    categories = Category.objects.filter(code__in=[code for code, _p in ranked], is_active=True).select_related(
        "parent"
    )
    by_code = {category.code: category for category in categories}
    return [Suggestion(by_code[code], p) for code, p in ranked if code in by_code]
