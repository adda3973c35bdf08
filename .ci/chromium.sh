#!/usr/bin/env bash
# Makes Debian's headless Chromium available for the studio's end-to-end tests and exports MODELENGINE_TEST_CHROMIUM.
#
#   source .ci/chromium.sh
#   dotnet test tests/ModelEngine.Studio.EndToEndTests
#
# Playwright drives /usr/bin/chromium from the Debian package; no `playwright install` is run. Chinese screens need a
# CJK font, or Chromium draws boxes in place of the characters, so fonts-wqy-microhei comes with it. When either is
# missing the packages are installed first, which needs root. The function returns non-zero, and exports nothing, when
# Chromium cannot be installed or does not start.

MODELENGINE_CHROMIUM_PATH=${MODELENGINE_CHROMIUM_PATH:-/usr/bin/chromium}

modelengine_chromium_ready() {
  [[ -x $MODELENGINE_CHROMIUM_PATH ]] && "$MODELENGINE_CHROMIUM_PATH" --version >/dev/null 2>&1 \
    && [[ -n $(fc-list :lang=zh 2>/dev/null) ]]
}

modelengine_chromium_setup() {
  if ! modelengine_chromium_ready; then
    echo "chromium.sh: $MODELENGINE_CHROMIUM_PATH or a Chinese font is missing, so the Debian packages are installed first." >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-wqy-microhei >&2 || {
      echo "chromium.sh: installing the chromium and fonts-wqy-microhei packages failed." >&2
      return 1
    }
    modelengine_chromium_ready || { echo "chromium.sh: $MODELENGINE_CHROMIUM_PATH --version or fc-list :lang=zh still fails after the installation." >&2; return 1; }
  fi

  export MODELENGINE_TEST_CHROMIUM=$MODELENGINE_CHROMIUM_PATH
  echo "chromium.sh: $("$MODELENGINE_CHROMIUM_PATH" --version 2>/dev/null) at $MODELENGINE_CHROMIUM_PATH." >&2
}

modelengine_chromium_setup
