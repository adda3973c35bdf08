"""Unit tests of the fit helper; run with `/usr/bin/python3 -m unittest discover -s tests -t .` from the sample folder."""
