"""SUPERVISION.md §2 rule by rule and at every boundary, plus properties: the pure status function."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.supervision.status import (
    SEVERITY,
    ItemFacts,
    MilestoneFact,
    ReportFact,
    Settings,
    Status,
    expected_progress,
    first_overdue_day,
    item_status,
    latest_report_month,
    report_due_day,
)

D = datetime.date
S = Settings()


START = D(2025, 1, 1)
TWO_STEPS = ((1, D(2025, 6, 30)), (2, D(2025, 12, 31)))


def facts(start=START, milestones=TWO_STEPS, reports=()):
    return ItemFacts(
        start=start,
        milestones=tuple(MilestoneFact(n, due) for n, due in milestones),
        reports=tuple(reports),
    )


def rep(date, percent, milestone=None, counted=True, seq=0):
    return ReportFact(date, Decimal(percent), milestone, counted, seq)


def status(f, d, settings=S):
    return item_status(f, settings, d)


# --- E(d) ------------------------------------------------------------------------------------------------------


def test_expected_progress_is_days_elapsed_over_span_rounded_half_up():
    # 1 day of 3 = 33.333… → 33.33; 2 of 3 = 66.666… → 66.67
    assert expected_progress(D(2025, 1, 1), D(2025, 1, 4), D(2025, 1, 2)) == Decimal("33.33")
    assert expected_progress(D(2025, 1, 1), D(2025, 1, 4), D(2025, 1, 3)) == Decimal("66.67")
    # 1 of 8 = 12.5 exactly; 1 of 200 = 0.5; 1 of 400 = 0.25 → 0.25; 1 of 800 = 0.125 → 0.13 (half up)
    assert expected_progress(D(2025, 1, 1), D(2025, 1, 9), D(2025, 1, 2)) == Decimal("12.50")
    assert expected_progress(D(2025, 1, 1), D(2025, 1, 1) + datetime.timedelta(800), D(2025, 1, 2)) == Decimal("0.13")


def test_expected_progress_is_clamped_and_100_when_end_not_after_start():
    assert expected_progress(D(2025, 3, 1), D(2025, 4, 1), D(2025, 2, 1)) == 0
    assert expected_progress(D(2025, 3, 1), D(2025, 4, 1), D(2025, 5, 1)) == 100
    assert expected_progress(D(2025, 3, 1), D(2025, 3, 1), D(2025, 1, 1)) == 100  # end = start
    assert expected_progress(D(2025, 3, 1), D(2025, 2, 1), D(2025, 1, 1)) == 100  # end < start


# --- the rules in order ----------------------------------------------------------------------------------------


def test_done_when_every_milestone_declared_done_by_a_counted_report():
    f = facts(reports=[rep(D(2025, 6, 1), 40, 1), rep(D(2025, 11, 1), 100, 2)])
    assert status(f, D(2025, 11, 1)).status == Status.DONE
    assert status(f, D(2025, 10, 31)).status != Status.DONE  # the report is dated after d
    assert status(f, D(2026, 3, 1)).status == Status.DONE  # done even after every due date


def test_pending_report_does_not_count_for_done_or_progress():
    f = facts(milestones=((1, D(2025, 6, 30)),), reports=[rep(D(2025, 6, 1), 100, 1, counted=False)])
    s = status(f, D(2025, 6, 2))
    assert s.status != Status.DONE and s.progress == 0


def test_overdue_when_due_yesterday_not_done_and_not_overdue_when_due_today():
    f = facts(milestones=((1, D(2025, 6, 30)), (2, D(2025, 12, 31))), reports=[rep(D(2025, 6, 1), 50)])
    assert status(f, D(2025, 6, 30)).status == Status.DUE_SOON  # due today: not yet overdue
    assert status(f, D(2025, 7, 1)).status == Status.OVERDUE  # due yesterday


def test_report_on_the_due_day_makes_the_milestone_done_in_time():
    f = facts(reports=[rep(D(2025, 6, 30), 50, 1)])
    assert status(f, D(2025, 7, 1)).status != Status.OVERDUE
    assert first_overdue_day(MilestoneFact(1, D(2025, 6, 30)), f.reports) is None


def test_late_report_ends_overdue_from_its_date():
    f = facts(reports=[rep(D(2025, 7, 10), 55, 1)])
    assert status(f, D(2025, 7, 9)).status == Status.OVERDUE
    assert status(f, D(2025, 7, 10)).status != Status.OVERDUE
    assert first_overdue_day(MilestoneFact(1, D(2025, 6, 30)), f.reports) == D(2025, 7, 1)


def test_overdue_comes_before_behind():
    f = facts(reports=[])  # P = 0, far behind and overdue
    assert status(f, D(2025, 7, 1)).status == Status.OVERDUE


def test_behind_exactly_at_tolerance_is_not_behind():
    # start 2025-01-01, end 2025-01-11 (10 days): at 01-06 E = 50; P = 40 = E − 10 is not behind, 39.99 is.
    f_at = facts(milestones=((1, D(2025, 1, 11)),), reports=[rep(D(2025, 1, 2), "40")])
    f_under = facts(milestones=((1, D(2025, 1, 11)),), reports=[rep(D(2025, 1, 2), "39.99")])
    settings = Settings(warn_days=0)
    assert status(f_at, D(2025, 1, 6), settings).status == Status.ON_TRACK
    assert status(f_at, D(2025, 1, 6), settings).expected == Decimal("50.00")
    assert status(f_under, D(2025, 1, 6), settings).status == Status.BEHIND


def test_behind_comes_before_due_soon_and_tolerance_is_a_setting():
    f = facts(milestones=((1, D(2025, 1, 11)),), reports=[rep(D(2025, 1, 2), "30")])
    assert status(f, D(2025, 1, 6)).status == Status.BEHIND  # E 50, P 30 < 40 (and due in 5 days)
    assert status(f, D(2025, 1, 6), Settings(lag_tolerance=Decimal(20))).status == Status.DUE_SOON


def test_due_soon_window_is_d_to_d_plus_warn_days_inclusive():
    f = facts(milestones=((1, D(2025, 6, 30)), (2, D(2025, 12, 31))), reports=[rep(D(2025, 6, 1), 60)])
    assert status(f, D(2025, 6, 23)).status == Status.DUE_SOON  # 7 days before
    assert status(f, D(2025, 6, 22)).status == Status.ON_TRACK  # 8 days before
    assert status(f, D(2025, 6, 22), Settings(warn_days=8)).status == Status.DUE_SOON


def test_done_milestone_is_not_due_soon():
    f = facts(reports=[rep(D(2025, 6, 1), 60, 1)])
    assert status(f, D(2025, 6, 25)).status == Status.ON_TRACK


def test_progress_is_the_latest_counted_report_and_ties_go_to_the_later_filed():
    f = facts(
        reports=[
            rep(D(2025, 3, 1), 30),
            rep(D(2025, 4, 1), 20, seq=1),
            rep(D(2025, 4, 1), 25, seq=2),
            rep(D(2025, 5, 1), 90, counted=False),
        ]
    )
    assert status(f, D(2025, 4, 1)).progress == 25  # cumulative: the latest, not the maximum
    assert status(f, D(2025, 3, 31)).progress == 30
    assert status(f, D(2025, 5, 2)).progress == 25


def test_end_not_after_start_expects_everything_at_once():
    f = facts(start=D(2025, 5, 1), milestones=((1, D(2025, 5, 1)),), reports=[rep(D(2025, 5, 1), 50)])
    s = status(f, D(2025, 5, 1), Settings(warn_days=0))
    assert s.expected == 100 and s.status == Status.BEHIND


def test_item_needs_a_milestone():
    with pytest.raises(ValueError, match="至少"):
        status(ItemFacts(start=D(2025, 1, 1), milestones=()), D(2025, 1, 1))


# --- 缺报 --------------------------------------------------------------------------------------------------------


def test_report_due_day_and_latest_month():
    assert report_due_day(2025, 1, 5) == D(2025, 2, 5)
    assert report_due_day(2025, 12, 5) == D(2026, 1, 5)
    assert report_due_day(2025, 1, 31) == D(2025, 2, 28)  # clamped to the month's last day
    # On Feb 6 the January report (due Feb 5) is the latest due before d; on Feb 5 it is December's.
    assert latest_report_month(D(2024, 1, 1), D(2025, 2, 6), 5) == (2025, 1)
    assert latest_report_month(D(2024, 1, 1), D(2025, 2, 5), 5) == (2024, 12)
    assert latest_report_month(D(2025, 1, 20), D(2025, 2, 5), 5) is None  # December is before the start month
    assert latest_report_month(D(2025, 1, 20), D(2025, 2, 6), 5) == (2025, 1)


def test_missing_report_window_is_first_of_month_to_due_day_inclusive():
    base = dict(start=D(2025, 1, 1), milestones=((1, D(2025, 12, 31)),))
    on_due_day = facts(**base, reports=[rep(D(2025, 2, 5), 10)])
    on_first = facts(**base, reports=[rep(D(2025, 1, 1), 10)])
    after_due = facts(**base, reports=[rep(D(2025, 2, 6), 10)])
    before = facts(**base, reports=[rep(D(2024, 12, 31), 10)])
    d = D(2025, 2, 6)
    assert not status(on_due_day, d).missing_report
    assert not status(on_first, d).missing_report
    assert status(after_due, d).missing_report
    assert status(before, d).missing_report


def test_pending_report_satisfies_the_monthly_report_but_no_report_is_missing():
    f = facts(milestones=((1, D(2025, 12, 31)),), reports=[rep(D(2025, 1, 20), 10, counted=False)])
    assert not status(f, D(2025, 2, 6)).missing_report
    assert status(facts(milestones=((1, D(2025, 12, 31)),)), D(2025, 2, 6)).missing_report


def test_no_missing_report_before_the_first_due_day_or_when_done():
    f = facts(start=D(2025, 3, 10), milestones=((1, D(2025, 12, 31)),))
    assert not status(f, D(2025, 4, 5)).missing_report  # March's report is due April 5: not yet before d
    assert status(f, D(2025, 4, 6)).missing_report
    done = facts(start=D(2025, 3, 10), milestones=((1, D(2025, 3, 31)),), reports=[rep(D(2025, 3, 31), 100, 1)])
    assert not status(done, D(2025, 6, 1)).missing_report


def test_missing_report_does_not_change_the_status():
    f = facts(milestones=((1, D(2025, 12, 31)),), reports=[rep(D(2025, 1, 2), 100)])
    s = status(f, D(2025, 3, 10))
    assert s.missing_report and s.status == Status.ON_TRACK


def test_report_day_is_a_setting():
    f = facts(milestones=((1, D(2025, 12, 31)),), reports=[rep(D(2025, 2, 8), 10)])
    assert status(f, D(2025, 2, 9)).missing_report  # due Feb 5 by default
    assert not status(f, D(2025, 2, 9), Settings(report_day=10)).missing_report  # Feb 10: December's is latest


# --- properties --------------------------------------------------------------------------------------------------

dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31))


@st.composite
def items(draw):
    start = draw(dates)
    n = draw(st.integers(1, 4))
    dues = sorted(draw(st.lists(dates, min_size=n, max_size=n)))
    reports = draw(
        st.lists(
            st.builds(
                ReportFact,
                date=dates,
                percent=st.decimals(0, 100, places=2),
                milestone=st.one_of(st.none(), st.integers(1, n)),
                counted=st.booleans(),
                seq=st.integers(0, 5),
            ),
            max_size=6,
        )
    )
    return ItemFacts(start, tuple(MilestoneFact(i + 1, due) for i, due in enumerate(dues)), tuple(reports))


settings_st = st.builds(
    Settings,
    lag_tolerance=st.decimals(0, 30, places=2),
    warn_days=st.integers(0, 14),
    report_day=st.integers(1, 31),
)


@given(items(), settings_st, dates, st.integers(1, 4))
def test_a_later_counted_done_report_never_makes_the_status_worse(f, settings, d, number):
    """Adding a counted report, dated after every other, that declares a milestone done and does not lower P."""
    number = min(number, len(f.milestones))
    before = item_status(f, settings, d)
    last = max((r.date for r in f.reports), default=f.start)
    when = max(last, d - datetime.timedelta(days=30))
    new = ReportFact(when, max(before.progress, Decimal(0)), number, True, 99)
    after = item_status(ItemFacts(f.start, f.milestones, (*f.reports, new)), settings, d)
    assert SEVERITY[after.status] <= SEVERITY[before.status]


@given(items(), settings_st, dates, st.integers(1, 200))
def test_moving_d_forward_never_turns_overdue_into_on_track_without_a_report(f, settings, d, days):
    later = d + datetime.timedelta(days=days)
    if any(d < r.date <= later for r in f.reports):
        return  # a report between the two dates may legitimately end the overdue
    if item_status(f, settings, d).status == Status.OVERDUE:
        assert item_status(f, settings, later).status == Status.OVERDUE
