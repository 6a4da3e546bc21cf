# xhprint — make demo builds the sample issue; make test runs the suite.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DEBS   := fonts-noto-cjk fonts-arphic-ukai libgs-common ghostscript poppler-utils faketime chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ISSUE  ?= issues/2023-40

.PHONY: setup debs venv demo test fuzz lint bench typo clean

setup: debs venv

# Debian fonts, the ghostscript CMYK profile, and Ghostscript itself (the outside reader
# the tests compare our print pages with); installed only when missing.
debs:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

venv: $(VENV)/.installed

demo: setup
	$(VENV)/bin/xhprint build $(ISSUE) --proof; status=$$?; \
	out=build/$(notdir $(ISSUE)); echo; echo "Print pages:    $$out/print/ (issue.pdf, page-NN.pdf)"; \
	echo "Digital issue:  $$out/digital/issue.pdf"; \
	echo "Website:        $$out/site/index.html"; \
	echo "Proof PNGs:     $$out/proof/"; \
	echo "Report:         $$out/report.json"; \
	[ $$status -le 1 ]

test: setup
	$(PY) -m pytest

# The hardening fuzz targets with 2,000 examples each (make test runs 300).
fuzz: setup
	XHPRINT_FUZZ_EXAMPLES=2000 $(PY) -m pytest tests/hardening -k "fuzz or random or mutated"

lint: venv
	$(VENV)/bin/ruff check src tests tools
	$(VENV)/bin/mypy src

bench: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) tools/bench.py
	$(PY) tools/bench_desk.py

# Line quality against Typst on the same text in 10–13-character columns (tools/typo.py).
typo: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) tools/typo.py

clean:
	rm -rf build .pytest_cache
