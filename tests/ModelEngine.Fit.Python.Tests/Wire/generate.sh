#!/usr/bin/env bash
# Generates this test project's own C# copy of the FIT envelope classes from src/ModelEngine.Fit/Protocol/fit.fbs,
# in the namespace ModelEngine.Fit.Python.Tests.Wire, so that the tests read the wire without depending on how
# ModelEngine.Fit exposes its generated code. Debian's flatc 2.0.8 targets the old FlatBuffers runtime; two
# substitutions make the output build against Google.FlatBuffers 25.2.10.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

flatc --csharp -o "$work" "$root/src/ModelEngine.Fit/Protocol/fit.fbs"
rm -rf "$here/Generated"
mkdir -p "$here/Generated"
find "$work" -name '*.cs' -print0 | while IFS= read -r -d '' file; do
  sed -e 's/global::FlatBuffers;/global::Google.FlatBuffers;/' \
      -e 's/FLATBUFFERS_2_0_8()/FLATBUFFERS_25_2_10()/' \
      -e 's/ModelEngine\.Fit\.Protocol/ModelEngine.Fit.Python.Tests.Wire/g' \
      "$file" > "$here/Generated/$(basename "$file")"
done
