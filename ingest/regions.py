"""Resolve a unit's region (province, city, county, 6-digit adcode) offline from its name.

The cpca package carries the national administrative-division table; a unit name such as
'某县医疗保障局' starts with its place name, which is what cpca matches.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def region_of(name: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    if not name:
        return (None, None, None, None)
    try:
        import cpca
    except ImportError:  # the dimension still builds, with empty regions
        return (None, None, None, None)
    df = cpca.transform([name])
    row = df.iloc[0]

    def clean(v):
        return None if v is None or (isinstance(v, float) and v != v) or str(v) in ("", "None", "nan") else str(v)

    return clean(row["省"]), clean(row["市"]), clean(row["区"]), clean(row["adcode"])
