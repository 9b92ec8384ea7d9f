"""The store writes cached per-table bytes; whatever the sequence of writes, they must equal a fresh dump."""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.store import Store

TABLES = ("parties", "inquiries", "links")
operation = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(TABLES), st.text(max_size=5)),
    st.tuples(st.just("update"), st.sampled_from(TABLES), st.text(max_size=5)),
    st.tuples(st.just("remove"), st.sampled_from(TABLES), st.none()),
    st.tuples(st.just("bulk"), st.sampled_from(TABLES), st.text(max_size=5)),
    st.tuples(st.just("fail"), st.sampled_from(TABLES), st.none()),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(operation, min_size=1, max_size=6), max_size=12))
def test_committed_bytes_equal_a_fresh_dump(transactions):
    store = Store(None)
    for ops in transactions:
        try:
            with store.transaction():
                for kind, name, value in ops:
                    table = store.table(name)
                    ids = sorted(int(k) for k in store._data.get(name, {}))
                    if kind == "insert":
                        table.insert({"v": value, "tags": [value]})
                    elif kind == "bulk":
                        table.insert_multiple([{"v": value}, {"v": value + "!"}])
                    elif kind == "update" and ids:
                        table.update({"v": value}, doc_ids=[ids[0]])
                    elif kind == "remove" and ids:
                        table.remove(doc_ids=[ids[-1]])
                    elif kind == "fail":
                        raise KeyError("refused")
        except KeyError:
            pass
        assert orjson.loads(store._committed) == store._data
        assert store._committed == orjson.dumps(store._data)
    ids = [int(k) for t in store._data.values() for k in t]
    assert all(i >= 1 for i in ids)


def test_ids_are_not_reused_after_removal():
    store = Store(None)
    with store.transaction():
        first = store.table("parties").insert({"name": "a"})
        second = store.table("parties").insert({"name": "b"})
        store.table("parties").remove(doc_ids=[second])
        third = store.table("parties").insert({"name": "c"})
    assert (first, second, third) == (1, 2, 3)


def test_ids_are_not_reused_after_reopening(tmp_path):
    path = tmp_path / "r.json"
    store = Store(path)
    with store.transaction():
        store.table("parties").insert({"name": "a"})
        second = store.table("parties").insert({"name": "b"})
    with store.transaction():
        store.table("parties").remove(doc_ids=[second])
    store.close()
    reopened = Store(path)
    with reopened.transaction():
        assert reopened.table("parties").insert({"name": "c"}) == 3
    reopened.close()
