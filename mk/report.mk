# report: the quarterly update pack and the trainers' scenarios (engine, CLI, tests).
src_lib_libedgecase_a_SOURCES += src/lib/ec-report.h src/lib/ec-report.c
src_edgecase_SOURCES += src/cli/cmd-report.c src/cli/report-view.h src/cli/report-view.c \
	src/cli/cmd-scenarios.c \
	src/cli/html-page.h src/cli/html-page.c

# Report figures on a seeded synthetic history (tests/report/gen-history.py).
TESTS += tests/cli/090-report.sh
EXTRA_DIST += tests/cli/090-report.sh tests/report/gen-history.py

# The HTML report in headless Chromium; its screenshot goes to tests/output/.
TESTS += tests/cli/091-report-chromium.sh
EXTRA_DIST += tests/cli/091-report-chromium.sh
clean-local: clean-report-output
.PHONY: clean-report-output
clean-report-output:
	-rm -rf tests/output

# Scenario order, best paths and hard cases on the same synthetic history.
TESTS += tests/cli/092-scenarios.sh
EXTRA_DIST += tests/cli/092-scenarios.sh
