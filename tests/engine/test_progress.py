"""Progress methods on worked examples computed by hand from the published formulas."""

import numpy as np
import pytest

from innovplan.engine._progress import (
    Category,
    aarr,
    aarr_required,
    cagr,
    escap_anticipated,
    escap_current_status,
    eurostat,
    eurostat_no_target,
    limit_factor,
    sdsn,
    unsd,
    unsd_expected,
)
from innovplan.errors import EvaluationError


def test_cagr_by_hand():
    # 100 -> 121 in two years: sqrt(1.21) - 1 = 0.1
    assert float(cagr(100, 2015, 121, 2017)) == pytest.approx(0.1)


def test_eurostat_ratio_and_score_by_hand():
    # Base 100 (2015), latest 110.25 (2017): CAGR_a = 1.1025**(1/2) - 1 = 0.05.
    # Target 150 in 2030: CAGR_r = 1.5**(1/15) - 1 = 0.0273997. R = 0.05 / 0.0273997 = 1.8248 -> ON_TRACK,
    # score 5 (R >= 1.3).
    r = eurostat(100.0, 2015, 110.25, 2017, 150.0, 2030, 1)
    assert float(r.ratio) == pytest.approx(0.05 / (1.5 ** (1 / 15) - 1))
    assert int(r.category) == Category.ON_TRACK
    assert float(r.score) == 5.0
    # Latest 102.01: CAGR_a = 0.01, R = 0.01 / 0.0273997 = 0.364968 -> LIMITED (0 <= R < 0.6);
    # score = -5 + 5 * (0.364968 + 0.6) / 1.2 = -0.97930.
    r = eurostat(100.0, 2015, 102.01, 2017, 150.0, 2030, 1)
    assert float(r.ratio) == pytest.approx(0.364968, abs=1e-6)
    assert int(r.category) == Category.LIMITED
    assert float(r.score) == pytest.approx(-5 + 5 * (0.364968 + 0.6) / 1.2, abs=1e-5)


def test_eurostat_categories_edges_and_direction():
    # Lower is better: 80 -> 76 in 2 years (CAGR -0.02532), target 40 by 2030 (CAGR -0.045158):
    # R = -1 * -0.025321 / 0.045158 = 0.5607 -> LIMITED.
    r = eurostat(80.0, 2015, 76.0, 2017, 40.0, 2030, -1)
    assert float(r.ratio) == pytest.approx(0.5607, abs=1e-4)
    assert int(r.category) == Category.LIMITED
    # Met target first, whatever the trend.
    r = eurostat(80.0, 2015, 39.0, 2017, 40.0, 2030, -1)
    assert int(r.category) == Category.ACHIEVED
    assert float(r.score) == 5.0
    # A target of zero is replaced by 0.001 (Open SDG): CAGR_r = (0.001/10)**(1/15) - 1.
    r = eurostat(10.0, 2015, 9.0, 2017, 0.0, 2030, -1)
    expected = -(0.9**0.5 - 1) / abs((0.001 / 10) ** (1 / 15) - 1)
    assert float(r.ratio) == pytest.approx(expected)
    # Opposite signs cannot be assessed; one point in time neither.
    assert int(eurostat(-5.0, 2015, 3.0, 2017, 10.0, 2030, 1).category) == Category.NOT_ASSESSABLE
    assert int(eurostat(5.0, 2017, 6.0, 2017, 10.0, 2030, 1).category) == Category.NOT_ASSESSABLE
    # Vectorised: four series at once, thresholds as parameters.
    r = eurostat(
        [100, 100, 100, 100],
        2015,
        [110.25, 103, 101, 95],
        2017,
        150,
        2030,
        1,
        thresholds=(0.9, 0.5, 0.0),
    )
    assert list(r.category) == [
        Category.ON_TRACK,
        Category.MODERATE,
        Category.LIMITED,
        Category.DETERIORATING,
    ]


def test_eurostat_no_target_by_hand():
    # 100 -> 102.01 in 2 years: CAGR 1 % -> MODERATE (0.5-1.5 %); score 0 + 2.5 * (0.01-0.005)/0.01 = 1.25.
    r = eurostat_no_target(100.0, 2015, 102.01, 2017, 1)
    assert float(r.ratio) == pytest.approx(0.01)
    assert int(r.category) == Category.MODERATE
    assert float(r.score) == pytest.approx(1.25)
    # Same numbers, lower is better: -1 % -> DETERIORATING, score -2.5 - 2.5 * 0.01/0.02 = -3.75.
    r = eurostat_no_target(100.0, 2015, 102.01, 2017, -1)
    assert int(r.category) == Category.DETERIORATING
    assert float(r.score) == pytest.approx(-3.75)


def test_sdsn_linear_and_compound_disagree():
    # 40 -> 46 over 2015-2018: +2/yr; needed (70 - 40) / 15 = 2/yr -> ratio 1, ON_TRACK.
    r = sdsn(40.0, 2015, 46.0, 2018, 70.0, 2030, 1)
    assert float(r.ratio) == pytest.approx(1.0)
    assert int(r.category) == Category.ON_TRACK
    # Compound: (46/40)**(1/3) - 1 = 0.047690 against (70/40)**(1/15) - 1 = 0.038012 -> 1.2546.
    r = sdsn(40.0, 2015, 46.0, 2018, 70.0, 2030, 1, growth="compound")
    assert float(r.ratio) == pytest.approx(1.2546, abs=1e-4)
    # 40 -> 43 in 3 years: 1/yr of 2 needed -> 0.5 -> MODERATE ("moderately improving").
    assert int(sdsn(40.0, 2015, 43.0, 2018, 70.0, 2030, 1).category) == Category.MODERATE
    with pytest.raises(EvaluationError, match="growth"):
        sdsn(1, 0, 1, 1, 2, 2, 1, growth="cubic")


def test_unsd_progress_chart_by_hand():
    # Lower is better: 100 -> 90 over 2015-2020, CAGR_a = 0.9**0.2 - 1 = -0.020852;
    # target 50 by 2030, CAGR_r = 0.5**(1/15) - 1 = -0.045158; CR = 0.4618 -> LIMITED (-0.1 <= CR < 0.5).
    r = unsd(100.0, 2015, 90.0, 2020, 50.0, 2030, -1)
    assert float(r.ratio) == pytest.approx(0.4618, abs=1e-4)
    assert int(r.category) == Category.LIMITED
    # 100 -> 102 (rising while it should fall): CR = 0.003968 / -0.045158 = -0.0879 -> still LIMITED;
    # 100 -> 110: CR = 0.019245 / -0.045158 = -0.426 -> DETERIORATING.
    assert int(unsd(100.0, 2015, 102.0, 2020, 50.0, 2030, -1).category) == Category.LIMITED
    assert int(unsd(100.0, 2015, 110.0, 2020, 50.0, 2030, -1).category) == Category.DETERIORATING


def test_unsd_expected_by_hand():
    # 100 (2015) -> 110 (2020): CAGR = 1.1**0.2 - 1; projected 2030 = 110 * 1.1**2 = 133.1;
    # (133.1 - 100) / (130 - 100) = 1.10333 -> ON_TRACK.
    r = unsd_expected(100.0, 2015, 110.0, 2020, 130.0, 2030, 1)
    assert float(r.ratio) == pytest.approx(33.1 / 30)
    assert int(r.category) == Category.ON_TRACK


def test_escap_indices_by_hand():
    # Current status: (35 - 20) / (80 - 20) = 0.25; beyond the target capped at 1.
    assert float(escap_current_status(20.0, 35.0, 80.0)) == 0.25
    assert float(escap_current_status(20.0, 90.0, 80.0)) == 1.0
    # Anticipated: projected 65 -> (65 - 20) / 60 = 0.75: accelerate (gap 0.25); 10 -> -1/6: reverse.
    r = escap_anticipated([20.0, 20.0, 20.0], [65.0, 10.0, 85.0], 80.0)
    np.testing.assert_allclose(r.ratio, [0.75, -10 / 60, 65 / 60])
    assert list(r.category) == [Category.MODERATE, Category.DETERIORATING, Category.ON_TRACK]


def test_escap_anticipated_takes_thresholds():
    # Shares 0.75, -1/6, 65/60 = 1.083 graded with (1.1, 0.5, -0.1) instead of ESCAP's
    # (1, 0, 0): 1.083 < 1.1 moderate, 0.75 in [0.5, 1.1) moderate, -0.167 < -0.1 deteriorating;
    # with (0.95, 0.8, 0): 0.75 in [0, 0.8) limited, 1.083 on track.
    r = escap_anticipated([20.0, 20.0, 20.0], [65.0, 10.0, 85.0], 80.0, thresholds=(1.1, 0.5, -0.1))
    assert list(r.category) == [Category.MODERATE, Category.DETERIORATING, Category.MODERATE]
    r = escap_anticipated([20.0, 20.0], [65.0, 85.0], 80.0, thresholds=(0.95, 0.8, 0.0))
    assert list(r.category) == [Category.LIMITED, Category.ON_TRACK]


def test_unicef_aarr_reproduces_mdg4():
    # MDG 4: reduce under-five mortality by two thirds between 1990 and 2015:
    # AARR = -ln(1/3) / 25 = 0.043944 -> the 4.4 % a year of UNICEF's Progress for Children (2004).
    assert float(aarr(1.0, 1990, 1 / 3, 2015)) == pytest.approx(np.log(3) / 25)
    assert round(float(aarr(1.0, 1990, 1 / 3, 2015)) * 100, 1) == 4.4
    # UNICEF's worked example: 20 -> 10 over 25 years is an ARR of 2.8 %: ln(2) / 25 = 0.027726.
    assert round(float(aarr(20.0, 1990, 10.0, 2015)) * 100, 1) == 2.8
    # Required from the latest year (IGME 2013): 90 in 1990, 48 in 2012, target 30 by 2015:
    # -ln(30/48) / 3 = 0.15667 -> the 15.6-15.7 % quoted.
    assert float(aarr_required(90.0, 2 / 3, 48.0, 2012, 2015)) == pytest.approx(np.log(48 / 30) / 3)


def test_eurostat_open_sdg_edge_cases_by_hand():
    # Open SDG (sdg-build ProgressMeasure.py): a latest value of 0 is not of the opposite sign;
    # its CAGR is (0/10)**(1/2) - 1 = -1. Target 20 by 2030: CAGR_r = 2**(1/15) - 1 = 0.0472941;
    # R = -1 / 0.0472941 = -21.144 -> DETERIORATING, score -5 (R <= -0.6).
    r = eurostat(10.0, 2015, 0.0, 2017, 20.0, 2030, 1)
    assert float(r.ratio) == pytest.approx(-1 / (2 ** (1 / 15) - 1))
    assert int(r.category) == Category.DETERIORATING
    assert float(r.score) == -5.0
    # All values negative, higher is better: -10 (2015) -> -8 (2017), target -4 by 2030.
    # CAGR_a = 0.8**0.5 - 1 = -0.1055728, CAGR_r = 0.4**(1/15) - 1 = -0.0592577;
    # R = s * d * CAGR_a / |CAGR_r| = -1 * 1 * -0.1055728 / 0.0592577 = 1.78159 -> ON_TRACK, score 5.
    r = eurostat(-10.0, 2015, -8.0, 2017, -4.0, 2030, 1)
    assert float(r.ratio) == pytest.approx((1 - 0.8**0.5) / (1 - 0.4 ** (1 / 15)))
    assert float(r.ratio) == pytest.approx(1.78159, abs=1e-5)
    assert int(r.category) == Category.ON_TRACK
    # A zero base is replaced by 0.001: 0 -> 2 in 2 years, target 4 by 2030:
    # CAGR_a = (2/0.001)**0.5 - 1 = 43.7214, CAGR_r = 4000**(1/15) - 1 = 0.738350; R = 59.215.
    r = eurostat(0.0, 2015, 2.0, 2017, 4.0, 2030, 1)
    assert float(r.ratio) == pytest.approx((2000**0.5 - 1) / (4000 ** (1 / 15) - 1))
    # A target of the other sign than the base has no real CAGR: not assessable.
    assert int(eurostat(-5.0, 2015, -4.0, 2017, 10.0, 2030, 1).category) == Category.NOT_ASSESSABLE


def test_open_sdg_limit_factor_by_hand():
    # C = 1 - (90/100)**4.44 = 1 - exp(4.44 * ln 0.9) = 1 - 0.626378 = 0.373622;
    # base 150 above a minimum of 100: C = 1 - ((200 - 150)/100)**4.44 = 1 - 0.046071 = 0.953929;
    # base 250 >= 2 * 100: C = 1; no limit (NaN): C = 1; base at the limit: C = 0.
    np.testing.assert_allclose(
        limit_factor([90.0, 150.0, 250.0, 50.0, 100.0], [100.0, 100.0, 100.0, np.nan, 100.0]),
        [1 - 0.9**4.44, 1 - 0.5**4.44, 1.0, 1.0, 0.0],
    )
    assert float(limit_factor(90.0, 100.0)) == pytest.approx(0.373622, abs=1e-6)


def test_eurostat_no_target_with_a_natural_limit_by_hand():
    # 90 -> 92 in two years: CAGR = (92/90)**0.5 - 1 = 0.0110498.
    # No limit: 0.5 % <= 1.105 % < 1.5 % -> MODERATE; score 250 * 0.0110498 - 1.25 = 1.51245.
    r = eurostat_no_target(90.0, 2015, 92.0, 2017, 1)
    assert int(r.category) == Category.MODERATE
    assert float(r.score) == pytest.approx(250 * ((92 / 90) ** 0.5 - 1) - 1.25)
    # Limit 100: C = 0.373622, on-track bound 1.5 % * C = 0.56 % <= 1.105 % -> ON_TRACK;
    # score on CAGR / C = 2.957 % >= 2 % -> 5.
    r = eurostat_no_target(90.0, 2015, 92.0, 2017, 1, limit=100.0)
    assert int(r.category) == Category.ON_TRACK
    assert float(r.score) == 5.0
    # Base at the limit (C = 0): maintained (CAGR 0) is on track with score 5; a fall of
    # (99/100)**0.5 - 1 = -0.0050126 is deterioration, score 125 * -0.0050126 - 2.5 = -3.1266.
    r = eurostat_no_target([100.0, 100.0], 2015, [100.0, 99.0], 2017, 1, limit=100.0)
    assert list(r.category) == [Category.ON_TRACK, Category.DETERIORATING]
    np.testing.assert_allclose(r.score, [5.0, 125 * (0.99**0.5 - 1) - 2.5])
    # Eurostat's +-1 % reading is a parameter: 1.105 % >= 1 % -> ON_TRACK.
    r = eurostat_no_target(90.0, 2015, 92.0, 2017, 1, thresholds=(0.01, 0.0, -0.01))
    assert int(r.category) == Category.ON_TRACK
