"""Frequency indicators checked window by window from dated activities (docs/scoring.md, "Cadences")."""

from datetime import date, timedelta
from fractions import Fraction

from api.domain import Cadence, Value, evaluate
from api.domain.activities import Channel, Subject, validate_activity


def dated(*days: date) -> Value:
    return Value(count=len(days), dates=tuple(days))


class TestWindows:
    def test_weeks_are_seven_days_from_the_first_day(self, half_year):
        weeks = half_year.windows(Cadence.WEEK)
        assert len(weeks) == 25
        assert (weeks[0].start, weeks[0].end) == (date(2026, 1, 1), date(2026, 1, 7))
        assert weeks[-1].end == date(2026, 6, 24)
        assert weeks[2].label == "Tuần 3 (15/01–21/01/2026)"

    def test_calendar_windows_have_their_names(self, year):
        assert [w.label for w in year.windows(Cadence.QUARTER)] == ["Quý I/2026", "Quý II/2026", "Quý III/2026",
                                                                    "Quý IV/2026"]
        assert year.windows(Cadence.MONTH)[1].label == "Tháng 02/2026"
        assert [w.label for w in year.windows(Cadence.YEAR)] == ["Năm 2026"]


class TestWeekly:
    def test_25_contacts_in_one_week_fail_with_one_twenty_fifth(self, catalog, scheme, half_year):
        days = [date(2026, 3, 2)] * 25
        result = evaluate(catalog.indicator("GD-03"), dated(*days), half_year, scheme)
        assert not result.met
        assert result.attainment == Fraction(1, 25)
        assert result.points == Fraction(1, 25)
        assert (result.basis, result.windows_total, result.windows_met) == ("activities", 25, 1)
        assert len(result.windows_missed) == 24
        assert result.windows_missed[0] == "Tuần 1 (01/01–07/01/2026)"

    def test_the_same_25_as_a_total_pass_and_are_marked_as_such(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("GD-03"), Value(count=25), half_year, scheme)
        assert result.met and result.basis == "total" and result.windows_missed == ()

    def test_one_contact_every_week_passes(self, catalog, scheme, half_year):
        days = [date(2026, 1, 5) + timedelta(days=7 * week) for week in range(25)]
        result = evaluate(catalog.indicator("GD-03"), dated(*days), half_year, scheme)
        assert result.met and result.attainment == 1 and result.windows_missed == ()

    def test_days_after_the_last_whole_week_count_for_no_window(self, catalog, scheme, half_year):
        days = [date(2026, 1, 1) + timedelta(days=7 * week) for week in range(24)] + [date(2026, 6, 28)]
        result = evaluate(catalog.indicator("GD-03"), dated(*days), half_year, scheme)
        assert not result.met and result.attainment == Fraction(24, 25)
        assert result.windows_missed == ("Tuần 25 (18/06–24/06/2026)",)


class TestQuarterly:
    def test_q1_only_gives_gd08_one_half(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("GD-08"), dated(date(2026, 1, 20), date(2026, 3, 3)), half_year, scheme)
        assert not result.met and result.attainment == Fraction(1, 2)
        assert result.windows_missed == ("Quý II/2026",)

    def test_one_in_each_quarter_passes_sn06(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("SN-06"), dated(date(2026, 2, 1), date(2026, 5, 1)), half_year, scheme)
        assert result.met and result.attainment == 1

    def test_no_activity_at_all_earns_nothing(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("GD-08"), dated(), half_year, scheme)
        assert not result.met and result.attainment == 0 and len(result.windows_missed) == 2

    def test_a_year_cadence_in_a_half_year_is_still_not_applicable(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("TT-09"), dated(date(2026, 2, 1)), half_year, scheme)
        assert not result.applicable


class TestValidation:
    def test_a_good_activity(self, catalog, half_year):
        activity, errors = validate_activity(catalog.indicator("SN-06"), half_year, {
            "date": "15/03/2026", "description": " Tuyên truyền PCCC tại chợ ", "subject": "Phòng cháy, chữa cháy",
            "channel": "loudspeaker"})
        assert errors == []
        assert activity.day == date(2026, 3, 15) and activity.description == "Tuyên truyền PCCC tại chợ"
        assert activity.subject is Subject.FIRE_SAFETY and activity.channel is Channel.LOUDSPEAKER

    def test_errors_name_each_field(self, catalog, half_year):
        _activity, errors = validate_activity(catalog.indicator("GD-03"), half_year, {
            "date": "2026-07-01", "description": "", "channel": "bồ câu"})
        assert {e.field for e in errors} == {"date", "description", "channel"}
        assert any("nằm ngoài kỳ báo cáo" in e.message for e in errors)

    def test_only_frequency_indicators_take_activities(self, catalog, half_year):
        _activity, errors = validate_activity(catalog.indicator("GD-02"), half_year, {
            "date": "2026-03-01", "description": "x"})
        assert [e.field for e in errors] == ["indicator"]
