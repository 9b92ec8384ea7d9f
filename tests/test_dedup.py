"""The memory of recent deliveries: each key once within its time, and never more than its size."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from chat.slack.dedup import RecentKeys


def test_a_key_is_a_repeat_until_its_time_is_up():
    now = [0.0]
    seen = RecentKeys(ttl=600, clock=lambda: now[0])
    assert seen.first("Ev1") and not seen.first("Ev1")
    now[0] = 599
    assert not seen.first("Ev1")
    now[0] = 600
    assert seen.first("Ev1")


def test_it_holds_at_most_its_size_forgetting_the_oldest_first():
    seen = RecentKeys(ttl=3600, size=3, clock=lambda: 0.0)
    assert all(seen.first(k) for k in ("a", "b", "c", "d"))
    assert seen.first("a")  # the oldest went to make room for "d"
    assert not seen.first("d")


def test_of_many_threads_asking_at_once_one_is_first():
    seen = RecentKeys(ttl=60)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: seen.first("Ev1"), range(200)))
    assert answers.count(True) == 1
