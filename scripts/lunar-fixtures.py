#!/usr/bin/env python3
"""Writes the lunar calendar fixtures that loa-calendar's tests compare against.

Two independent sources, so that the Rust tests never need Python:

- lunar-vi.csv: the Vietnamese lunar calendar (UTC+7) for lunar years 1900–2100, from the tables
  of Hồ Ngọc Đức (TK20, TK21, TK22), as shipped by the PyPI package `vnlunar` (table look-up, not
  its astronomical fallback).
- lunar-cn.csv: the Chinese lunar calendar (UTC+8) for lunar years 1900–2098, from the PyPI
  package `lunardate` (a table from the Hong Kong Observatory's data). loa-calendar's algorithm
  run for UTC+8 should give the same months; the Vietnamese and Chinese calendars really differ
  in some years (1985, 2007 …), which is why the Vietnamese one is computed for 105°E.

Each row is one lunar year: the solar date of its first day (Tết), its leap month (0 when none),
and the length of each month in order (leap month right after the month it repeats), as one
character per month: 1 for 30 days, 0 for 29.

Run:
    python3 -m venv /tmp/lunar-venv
    /tmp/lunar-venv/bin/pip install vnlunar==1.0.5 lunardate==0.3.0
    /tmp/lunar-venv/bin/python scripts/lunar-fixtures.py
"""

import datetime
import os
import sys
from importlib.metadata import version

import lunardate
from vnlunar import core as vn

WANT = {"vnlunar": "1.0.5", "lunardate": "0.3.0"}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src-tauri", "crates",
                   "loa-calendar", "tests", "fixtures")


def check_versions():
    for name, want in WANT.items():
        have = version(name)
        if have != want:
            sys.exit(f"{name} {have} is installed; the fixtures were made with {want}")


def vi_year(year):
    months = vn.get_year_info(year)  # read from Hồ Ngọc Đức's table for this lunar year
    lengths = vn.get_year_month_lengths(year)
    assert len(months) == len(lengths)
    leap = [m["month"] for m in months if m["leap"]]
    # Julian day number 1721426 is 0001-01-01 (proleptic Gregorian ordinal 1).
    first = datetime.date.fromordinal(months[0]["jd"] - 1721425)
    return first, (leap[0] if leap else 0), lengths


def cn_year(year):
    leap = lunardate.LunarDate.leap_month_for_year(year) or 0
    order = []
    for month in range(1, 13):
        order.append((month, False))
        if month == leap:
            order.append((month, True))
    starts = [lunardate.LunarDate(year, m, 1, l).to_solar_date() for m, l in order]
    end = lunardate.LunarDate(year + 1, 1, 1, False).to_solar_date()
    lengths = [(b - a).days for a, b in zip(starts, starts[1:] + [end])]
    return starts[0], leap, lengths


def write(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(f"# {line}\n")
        f.write("year,new_year,leap_month,month_lengths\n")
        for year, first, leap, lengths in rows:
            assert all(n in (29, 30) for n in lengths), (name, year, lengths)
            assert len(lengths) == (13 if leap else 12), (name, year, leap, lengths)
            bits = "".join("1" if n == 30 else "0" for n in lengths)
            f.write(f"{year},{first.isoformat()},{leap},{bits}\n")
    print(f"wrote {path} ({len(rows)} years)")


def main():
    check_versions()
    vi = [(y, *vi_year(y)) for y in range(1900, 2101)]
    write("lunar-vi.csv", [
        "Vietnamese lunar calendar (UTC+7), lunar years 1900-2100.",
        "Source: Ho Ngoc Duc's tables TK20-TK22 as shipped by PyPI vnlunar 1.0.5.",
        "Made by scripts/lunar-fixtures.py; month_lengths: 1 = 30 days, 0 = 29, leap month after its month.",
    ], vi)
    # 2099 is the table's last year: its end is not known, so it stops at 2098.
    cn = [(y, *cn_year(y)) for y in range(1900, 2099)]
    write("lunar-cn.csv", [
        "Chinese lunar calendar (UTC+8), lunar years 1900-2098.",
        "Source: PyPI lunardate 0.3.0 (table).",
        "Made by scripts/lunar-fixtures.py; month_lengths: 1 = 30 days, 0 = 29, leap month after its month.",
    ], cn)


if __name__ == "__main__":
    main()
