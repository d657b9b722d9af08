"""Ranking measures for the public query sets: zero-result rate, precision at 3, MRR at 10."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    queries: int
    zero_result_rate: float
    precision_at_3: float
    mrr_at_10: float
    first_right: float  # share of queries whose first result is relevant

    def lines(self, name):
        return [
            f"{name}: {self.queries} queries",
            f"  zero-result rate  {self.zero_result_rate:.3f}",
            f"  P@3               {self.precision_at_3:.3f}",
            f"  MRR@10            {self.mrr_at_10:.3f}",
            f"  first result right {self.first_right:.3f}",
        ]


def reciprocal_rank(ranked, relevant, depth=10):
    for position, item in enumerate(ranked[:depth], start=1):
        if item in relevant:
            return 1.0 / position
    return 0.0


def precision_at(ranked, relevant, k=3):
    return sum(1 for item in ranked[:k] if item in relevant) / k


def score(runs):
    """`runs`: [(ranked identifiers, relevant identifiers)] → Scores."""
    total = len(runs) or 1
    return Scores(
        queries=len(runs),
        zero_result_rate=sum(1 for ranked, _ in runs if not ranked) / total,
        precision_at_3=sum(precision_at(ranked, set(relevant)) for ranked, relevant in runs) / total,
        mrr_at_10=sum(reciprocal_rank(ranked, set(relevant)) for ranked, relevant in runs) / total,
        first_right=sum(1 for ranked, relevant in runs if ranked and ranked[0] in relevant) / total,
    )
