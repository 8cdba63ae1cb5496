"""Score and rank 10,000 units against the full catalog for one period, from in-memory values.

Prints indicator evaluations per second (one core) and the full recompute time (scoring + ranking).
Run: ``uv run python bench/bench_scoring.py [units]``.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from api.domain import (
    Adjustment,
    Measure,
    Pillar,
    RankInput,
    RankStatus,
    RuleKind,
    ScoringContext,
    UnitKind,
    Value,
    default_catalog_path,
    gc_paused,
    load_catalog,
    rank_group,
    timeliness,
)

# Roughly the national mix: commune police and communes dominate, then police departments and departments.
KIND_MIX = (
    (UnitKind.COMMUNE_POLICE, 45),
    (UnitKind.COMMUNE, 35),
    (UnitKind.POLICE_DEPARTMENT, 12),
    (UnitKind.DEPARTMENT, 8),
)


def random_value(indicator, rng: random.Random) -> Value | None:
    if rng.random() < 0.03:
        return None
    if indicator.measure is Measure.RATIO:
        denominator = rng.randint(0, 200)
        return Value(numerator=rng.randint(max(0, denominator - 12), denominator), denominator=denominator)
    if indicator.measure is Measure.COUNT:
        if indicator.rule.kind is RuleKind.ZERO:
            return Value(count=rng.choice((0, 0, 0, 0, 1, 2, 5)))
        return Value(count=rng.randint(0, 60))
    if indicator.measure is Measure.FLAG:
        return Value(flag=rng.random() < 0.95)
    return Value(date=indicator.rule.deadline + timedelta(days=rng.randint(-20, 5)))


def build_units(catalog, count: int, rng: random.Random):
    kinds = [kind for kind, weight in KIND_MIX for _ in range(weight)]
    units = []
    for number in range(count):
        kind = rng.choice(kinds)
        values = {
            indicator.code: value
            for indicator in catalog.for_kind(kind)
            if (value := random_value(indicator, rng)) is not None
        }
        units.append((f"U{number:05d}", kind, values))
    return units


def bonus(code: str) -> tuple[Adjustment, ...]:
    """One unit in ten has a bonus entry."""
    return (Adjustment(3, "Điển hình tiên tiến"),) if code.endswith("7") else ()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(2026)
    catalog = load_catalog(default_catalog_path())
    period = catalog.period("2026-H1")
    units = build_units(catalog, count, rng)
    due_end = datetime(2026, 6, 20, 16, 59, tzinfo=UTC)
    submitted = {code: due_end + timedelta(hours=rng.randint(-400, 60)) for code, _, _ in units}
    now = datetime(2026, 7, 1, tzinfo=UTC)

    with gc_paused():  # as a bulk recompute in the backend does
        started, cpu_started = time.perf_counter(), time.process_time()
        context = ScoringContext(catalog.indicators, period, catalog.scheme)
        results = context.score_many(
            (kind, values, {"bonus": bonus(code), "timeliness": timeliness(submitted[code], period.due, now)})
            for code, kind, values in units
        )
        scored, cpu_scored = time.perf_counter(), time.process_time()
        groups = defaultdict(list)
        for (code, kind, _), score in zip(units, results, strict=True):
            kl = score.pillar_score(Pillar.KL)
            groups[kind].append(RankInput(code, RankStatus.RANKED, score.tier, score.total, kl, submitted[code]))
        ranked = sum(len(rank_group(entries, catalog.scheme)) for entries in groups.values())
        finished, cpu_finished = time.perf_counter(), time.process_time()

    evaluations = sum(1 for score in results for result in score.indicators if result.applicable)
    print(f"units scored and ranked: {ranked}")
    print(f"applicable indicator evaluations: {evaluations}")
    # CPU time of this process is what one core spends; wall time also counts other processes' load.
    print(
        f"scoring: {cpu_scored - cpu_started:.3f} s CPU ({scored - started:.3f} s wall) = "
        f"{evaluations / (cpu_scored - cpu_started):,.0f} evaluations/s"
    )
    print(f"ranking: {cpu_finished - cpu_scored:.3f} s CPU ({finished - scored:.3f} s wall)")
    print(f"full recompute: {cpu_finished - cpu_started:.3f} s CPU ({finished - started:.3f} s wall)")


if __name__ == "__main__":
    main()
