# Set-up and everyday tasks. `make demo` and `make test` each create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: demo test test-fast lint bench quality model clean

$(BIN)/jejaring: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/jejaring

demo: $(BIN)/jejaring
	rm -rf $(OUT)/graph
	$(BIN)/jejaring ingest examples/corpus examples/curated -g $(OUT)/graph
	$(BIN)/jejaring validate -g $(OUT)/graph
	$(BIN)/jejaring stats -g $(OUT)/graph
	$(BIN)/jejaring export -g $(OUT)/graph -f trig -o $(OUT)/graph.trig
	$(BIN)/jejaring viz -g $(OUT)/graph -o $(OUT)/network.html
	@echo
	@echo "Outputs:"
	@echo "  embedded store      $(OUT)/graph/"
	@echo "  TriG export         $(OUT)/graph.trig"
	@echo "  network view        $(OUT)/network.html"

lint: $(BIN)/jejaring
	$(BIN)/ruff check jejaring tests benchmarks

test: lint
	$(BIN)/pytest

# The edit loop: every test but those marked slow (whole-system trials, see pyproject.toml).
test-fast: lint
	$(BIN)/pytest -m "not slow"

bench: $(BIN)/jejaring
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/validate.py

quality: $(BIN)/jejaring
	$(BIN)/python benchmarks/quality.py

# The trained recogniser (jejaring/ingest/model/ner.crfsuite) from the public NER corpora in ../shared/data/ner.
model: $(BIN)/jejaring
	$(BIN)/python -m jejaring.ingest.model.train --data ../shared/data/ner --out jejaring/ingest/model

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
