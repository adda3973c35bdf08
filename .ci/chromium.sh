#!/usr/bin/env bash
# Makes Debian's headless Chromium available for the studio's end-to-end tests and exports MODELENGINE_TEST_CHROMIUM.
#
#   source .ci/chromium.sh
#   dotnet test tests/ModelEngine.Studio.EndToEndTests
#
# Playwright drives /usr/bin/chromium from the Debian package; no `playwright install` is run. When the browser is
# missing the package is installed first, which needs root. The function returns non-zero, and exports nothing, when
# Chromium cannot be installed or does not start.

MODELENGINE_CHROMIUM_PATH=${MODELENGINE_CHROMIUM_PATH:-/usr/bin/chromium}

modelengine_chromium_ready() {
  [[ -x $MODELENGINE_CHROMIUM_PATH ]] && "$MODELENGINE_CHROMIUM_PATH" --version >/dev/null 2>&1
}

modelengine_chromium_setup() {
  if ! modelengine_chromium_ready; then
    echo "chromium.sh: $MODELENGINE_CHROMIUM_PATH is missing, so the Debian chromium package is installed first." >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2 || {
      echo "chromium.sh: installing the chromium package failed." >&2
      return 1
    }
    modelengine_chromium_ready || { echo "chromium.sh: $MODELENGINE_CHROMIUM_PATH --version still fails after the installation." >&2; return 1; }
  fi

  export MODELENGINE_TEST_CHROMIUM=$MODELENGINE_CHROMIUM_PATH
  echo "chromium.sh: $("$MODELENGINE_CHROMIUM_PATH" --version 2>/dev/null) at $MODELENGINE_CHROMIUM_PATH." >&2
}

modelengine_chromium_setup
