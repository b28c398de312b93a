"""Fixtures shared by the kefu Python tests.

The tests import the installed package (scripts/python-test installs it into
a virtual environment in the build folder), never bindings/python directly,
so they test what a user gets.
"""

import datetime as dt
import pathlib

import pytest

import kefu

REPO = pathlib.Path(__file__).resolve().parents[2]
REFERENCE_POLICY = REPO / "examples" / "policies" / "reference.json"
CST = dt.timezone(dt.timedelta(hours=8))


def cst(*args):
    """An aware datetime in +08:00 (China Standard Time)."""
    return dt.datetime(*args, tzinfo=CST)


@pytest.fixture
def policy():
    with kefu.Policy.from_file(REFERENCE_POLICY) as p:
        yield p


@pytest.fixture
def office(policy):
    with policy.calendar("office") as c:
        yield c


@pytest.fixture
def engine(policy):
    with kefu.Engine(policy) as e:
        yield e
