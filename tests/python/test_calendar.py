"""kefu.Calendar: add / elapsed with aware datetimes, and the NumPy calls."""

import datetime as dt
import threading

import numpy as np
import pytest

import kefu

from conftest import cst

UTC = dt.timezone.utc
MON_0900 = cst(2026, 3, 2, 9, 0)
T_2026_03_02_0900 = 1772413200
T_2026_03_02_1430 = 1772433000
T_2026_03_05_1800 = 1772704800  # 3wd from Monday 09:00
T_2030_03_02_0900 = 1898643600  # beyond the bundled holiday data


def test_add_returns_an_aware_utc_datetime(office):
    due = office.add(MON_0900, "3wd")
    assert due == cst(2026, 3, 5, 18, 0)
    assert due.tzinfo is UTC
    assert due == dt.datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def test_add_takes_json_specs_as_text_or_mapping(office):
    assert office.add(MON_0900, "4h") == cst(2026, 3, 2, 14, 30)
    assert office.add(MON_0900, '{"at":"17:00"}') == cst(2026, 3, 2, 17, 0)
    assert office.add(MON_0900, {"at": "17:00"}) == cst(2026, 3, 2, 17, 0)


def test_add_crosses_the_national_day_holiday(office):
    assert office.add(cst(2026, 9, 30, 17, 0), "4h") == cst(2026, 10, 8, 11, 30)


def test_any_offset_names_the_same_instant(office):
    same = MON_0900.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert office.add(same, "3wd") == office.add(MON_0900, "3wd")


def test_sub_second_starts_are_floored(office):
    assert office.add(MON_0900 + dt.timedelta(microseconds=999999), "4h") == \
        office.add(MON_0900, "4h")


def test_elapsed_is_a_signed_timedelta(office):
    afternoon = cst(2026, 3, 2, 14, 0)
    assert office.elapsed(MON_0900, afternoon) == dt.timedelta(hours=3.5)
    assert office.elapsed(afternoon, MON_0900) == -dt.timedelta(hours=3.5)


def test_a_naive_datetime_is_refused(office):
    with pytest.raises(kefu.InvalidArgumentError, match="naive") as e:
        office.add(dt.datetime(2026, 3, 2, 9, 0), "3wd")
    assert isinstance(e.value, ValueError)
    with pytest.raises(kefu.InvalidArgumentError, match="^b: naive"):
        office.elapsed(MON_0900, dt.datetime(2026, 3, 2, 9, 0))


def test_a_non_datetime_is_a_type_error(office):
    with pytest.raises(TypeError, match="aware datetime"):
        office.add(T_2026_03_02_0900, "3wd")
    with pytest.raises(TypeError, match="aware datetime"):
        office.add(dt.date(2026, 3, 2), "3wd")


def test_a_malformed_spec_names_the_member(office):
    with pytest.raises(kefu.InvalidArgumentError) as e:
        office.add(MON_0900, {"at": "25:00"})
    assert e.value.path == "/at"
    assert "(at /at)" in str(e.value)
    with pytest.raises(kefu.InvalidArgumentError):
        office.add(MON_0900, "3 days")


def test_beyond_the_holiday_data_is_out_of_range(office):
    with pytest.raises(kefu.OutOfRangeError, match="2030") as e:
        office.add(cst(2030, 3, 4, 9, 0), "3wd")
    assert e.value.code == kefu.Code.ERANGE


def test_unknown_calendar_lists_the_known_ones(policy):
    with pytest.raises(kefu.NotFoundError, match="office"):
        policy.calendar("nope")
    with kefu.Calendar(policy) as always:  # "24x7" by default
        assert always.add(cst(2026, 3, 2, 9), "1h") == cst(2026, 3, 2, 10)


def test_add_many_matches_add(office):
    starts = np.array([T_2026_03_02_0900, 1790730000, T_2026_03_02_0900],
                      dtype=np.int64)
    dues = office.add_many(starts, "4h")
    assert dues.dtype == np.int64 and dues.shape == (3,)
    expected = [office.add(dt.datetime.fromtimestamp(int(s), UTC), "4h")
                for s in starts]
    assert dues.tolist() == [int(d.timestamp()) for d in expected]
    assert dues[0] == T_2026_03_02_1430
    assert starts[0] == T_2026_03_02_0900  # the input is not touched


def test_add_many_over_random_starts_agrees_with_add(office):
    rng = np.random.default_rng(7)
    starts = rng.integers(1546272000, 1764518400, size=500, dtype=np.int64)
    dues = office.add_many(starts, "3wd")
    for s, d in zip(starts.tolist(), dues.tolist()):
        assert office.add(dt.datetime.fromtimestamp(s, UTC), "3wd").timestamp() == d


def test_add_many_in_place_and_into_out(office):
    starts = np.full(4, T_2026_03_02_0900, dtype=np.int64)
    out = np.zeros(4, dtype=np.int64)
    assert office.add_many(starts, "3wd", out=out) is out
    assert out.tolist() == [T_2026_03_05_1800] * 4
    assert office.add_many(starts, "3wd", out=starts) is starts
    assert starts.tolist() == [T_2026_03_05_1800] * 4


def test_add_many_keeps_the_shape_and_takes_views_and_lists(office):
    grid = np.full((2, 3), T_2026_03_02_0900, dtype=np.int64)
    assert office.add_many(grid, "3wd").shape == (2, 3)
    strided = np.arange(10, dtype=np.int64)[::2] + T_2026_03_02_0900
    assert office.add_many(strided, "4h").tolist()[0] == T_2026_03_02_1430
    assert office.add_many([T_2026_03_02_0900], "4h").tolist() == \
        [T_2026_03_02_1430]
    assert office.add_many(np.empty(0, dtype=np.int64), "4h").shape == (0,)
    readonly = np.full(2, T_2026_03_02_0900, dtype=np.int64)
    readonly.flags.writeable = False
    assert office.add_many(readonly, "4h").tolist() == [T_2026_03_02_1430] * 2


def test_add_many_refuses_other_dtypes(office):
    with pytest.raises(TypeError, match="int64"):
        office.add_many(np.array([1.5e9]), "4h")
    with pytest.raises(TypeError, match="datetime64"):
        office.add_many(np.array(["2026-03-02T01:00"], dtype="datetime64[s]"),
                        "4h")
    with pytest.raises(TypeError, match="int64"):
        office.add_many(np.array([1], dtype=np.int32), "4h")
    with pytest.raises(ValueError, match="shape"):
        office.add_many(np.zeros(3, dtype=np.int64), "4h",
                        out=np.zeros(2, dtype=np.int64))
    with pytest.raises(ValueError, match="contiguous"):
        office.add_many(np.zeros(3, dtype=np.int64), "4h",
                        out=np.zeros(6, dtype=np.int64)[::2])


def test_add_many_failure_says_which_element(office):
    starts = np.array([T_2026_03_02_0900, T_2030_03_02_0900, T_2026_03_02_0900],
                      dtype=np.int64)
    out = np.full(3, -1, dtype=np.int64)
    with pytest.raises(kefu.OutOfRangeError) as e:
        office.add_many(starts, "3wd", out=out)
    assert e.value.index == 1 and e.value.path == "/1"
    assert "starts[1]: " in e.value.message
    assert out.tolist() == [T_2026_03_05_1800, -1, -1]
    with pytest.raises(kefu.InvalidArgumentError) as e:
        office.add_many(starts, "3x", out=out)
    assert e.value.index is None  # the spec, before any element


def test_elapsed_many(office):
    a = np.array([T_2026_03_02_0900, 1772431200], dtype=np.int64)
    b = np.array([1772431200, T_2026_03_02_0900], dtype=np.int64)
    assert office.elapsed_many(a, b).tolist() == [12600, -12600]
    assert office.elapsed_many(a, b, out=a) is a
    assert a.tolist() == [12600, -12600]
    with pytest.raises(ValueError, match="shape"):
        office.elapsed_many(a, b[:1])
    b[1] = T_2030_03_02_0900
    with pytest.raises(kefu.OutOfRangeError) as e:
        office.elapsed_many(np.array([T_2026_03_02_0900] * 2), b)
    assert e.value.index == 1 and "a[1], b[1]: " in e.value.message


def test_closed_calendar_raises(policy):
    c = policy.calendar("office")
    with c:
        pass
    assert c.closed and repr(c) == "<kefu.Calendar 'office' closed>"
    with pytest.raises(kefu.ClosedError):
        c.add(MON_0900, "3wd")
    with pytest.raises(kefu.ClosedError):
        c.add_many(np.zeros(1, dtype=np.int64), "3wd")


def test_threads_share_one_calendar(office):
    starts = np.full(20000, T_2026_03_02_0900, dtype=np.int64)
    results = [None] * 4

    def work(i):
        results[i] = office.add_many(starts, "3wd")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all((r == T_2026_03_05_1800).all() for r in results)
