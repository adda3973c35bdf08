#!/usr/bin/env bash
# Makes Debian's Python packages for the FIT Python worker available and exports MODELENGINE_TEST_PYTHON.
#
#   source .ci/python.sh
#   dotnet test tests/ModelEngine.Fit.Python.Tests
#
# The worker runs on /usr/bin/python3, the interpreter that imports Debian's python3-pika and python3-flatbuffers. A python3
# that comes first on PATH may be another installation without them. When the packages are missing they are installed first,
# which needs root. The function returns non-zero, and exports nothing, when they cannot be installed.

modelengine_python_ready() {
  /usr/bin/python3 -c 'import pika, flatbuffers' >/dev/null 2>&1
}

modelengine_python_setup() {
  if ! modelengine_python_ready; then
    echo "python.sh: python3-pika or python3-flatbuffers is missing, so the Debian packages are installed first." >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 python3-pika python3-flatbuffers >&2 || {
      echo "python.sh: installing the Python packages failed." >&2
      return 1
    }
    modelengine_python_ready || { echo "python.sh: importing pika or flatbuffers still fails after the installation." >&2; return 1; }
  fi

  export MODELENGINE_TEST_PYTHON=/usr/bin/python3
}

modelengine_python_setup
