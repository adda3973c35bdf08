#!/usr/bin/env bash
# Regenerates the FIT envelope code from src/ModelEngine.Fit/Protocol/fit.fbs:
#   C#     -> src/ModelEngine.Fit/Protocol/Generated/
#   Python -> samples/python-operator/modelengine_fit_protocol/
# Debian's flatc is 2.0.8, whose C# output targets the old FlatBuffers runtime. Two substitutions make it build
# against Google.FlatBuffers 25.2.10: the namespace and the version check call. A third makes the generated types
# internal, so that ModelEngine.Fit.Protocol.PayloadHandle and friends do not clash with the public records of the
# same names; FitEnvelope is the public way in.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
schema="$root/src/ModelEngine.Fit/Protocol/fit.fbs"
csharp_out="$root/src/ModelEngine.Fit/Protocol/Generated"
python_out="$root/samples/python-operator/modelengine_fit_protocol"

command -v flatc >/dev/null || { echo "flatc not found; install Debian's flatbuffers-compiler" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# C#: flatc writes into folders named after the namespace; flatten them into Generated/.
flatc --csharp -o "$work/cs" "$schema"
rm -rf "$csharp_out"
mkdir -p "$csharp_out"
find "$work/cs" -name '*.cs' -print0 | while IFS= read -r -d '' file; do
  sed -e 's/global::FlatBuffers;/global::Google.FlatBuffers;/' \
      -e 's/FLATBUFFERS_2_0_8()/FLATBUFFERS_25_2_10()/' \
      -e 's/^public \(struct\|enum\) /internal \1 /' \
      "$file" > "$csharp_out/$(basename "$file")"
done

# Python: flatc writes a ModelEngine/Fit/Protocol package tree; keep it under the sample's package folder.
flatc --python -o "$work/py" "$schema"
rm -rf "$python_out"
mkdir -p "$python_out"
cp -R "$work/py/." "$python_out/"
if [ ! -f "$python_out/__init__.py" ]; then
  printf '"""FlatBuffers code generated from src/ModelEngine.Fit/Protocol/fit.fbs by .ci/flatc-generate.sh."""\n' \
    > "$python_out/__init__.py"
fi

echo "generated C# into $csharp_out and Python into $python_out"
