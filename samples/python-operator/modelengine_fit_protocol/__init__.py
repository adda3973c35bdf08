"""FlatBuffers code generated from src/ModelEngine.Fit/Protocol/fit.fbs by .ci/flatc-generate.sh."""
