import pytest
from hypothesis import given
from hypothesis import strategies as st

from xhprint.images.frame import effective_ppi, fit_photo


def test_fill_wide_photo_crops_sides():
    crop, placed, fraction = fit_photo(3000, 2000, 100, 100, "fill")
    assert crop == (500, 0, 2500, 2000)
    assert placed == (0, 0, 100, 100)
    assert fraction == pytest.approx(1 / 3)


def test_fill_tall_photo_crops_top_and_bottom():
    crop, placed, fraction = fit_photo(1000, 2000, 200, 100, "fill")
    assert crop == (0, 750, 1000, 1250)
    assert fraction == pytest.approx(0.75)


def test_fit_letterboxes_centred():
    crop, placed, fraction = fit_photo(3000, 2000, 100, 100, "fit")
    assert crop == (0, 0, 3000, 2000) and fraction == 0
    assert placed == pytest.approx((0, 100 / 6, 100, 200 / 3))


def test_bad_fit_value():
    with pytest.raises(ValueError):
        fit_photo(10, 10, 10, 10, "stretch")


sizes = st.integers(1, 8000)
frames = st.floats(5, 1500)


@given(sizes, sizes, frames, frames)
def test_fill_properties(iw, ih, fw, fh):
    (left, t, r, b), placed, fraction = fit_photo(iw, ih, fw, fh, "fill")
    assert 0 <= left < r <= iw and 0 <= t < b <= ih
    assert placed == (0, 0, fw, fh)
    cw, ch = r - left, b - t
    assert cw == iw or ch == ih  # only one axis is cropped
    # the crop has the frame's shape, to within rounding to whole pixels
    assert abs(cw - ch * fw / fh) <= 1 or abs(ch - cw * fh / fw) <= 1
    assert abs(left - (iw - r)) <= 1 and abs(t - (ih - b)) <= 1  # centred
    assert fraction == pytest.approx(1 - cw * ch / (iw * ih))


@given(sizes, sizes, frames, frames)
def test_fit_properties(iw, ih, fw, fh):
    crop, (x, y, w, h), fraction = fit_photo(iw, ih, fw, fh, "fit")
    assert crop == (0, 0, iw, ih) and fraction == 0
    assert w / h == pytest.approx(iw / ih)
    assert w == pytest.approx(fw) or h == pytest.approx(fh)
    assert w <= fw * (1 + 1e-9) and h <= fh * (1 + 1e-9)
    assert x == pytest.approx((fw - w) / 2) and y == pytest.approx((fh - h) / 2)


def test_effective_ppi():
    assert effective_ppi(3000, 720) == pytest.approx(300)  # 3000 px over 10 in
    assert effective_ppi(600, 432) == pytest.approx(100)
    with pytest.raises(ValueError):
        effective_ppi(100, 0)
