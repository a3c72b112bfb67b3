"""The checker is plain Python: importing and using it must not need Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_imports_and_checks_with_django_blocked():
    script = (
        "import sys\n"
        "sys.modules['django'] = None  # any 'import django…' now fails\n"
        "from childsafe.language import check\n"
        "flags = check('They have a volatile relationship.')\n"
        "assert [f.category for f in flags] == ['mutualising'], flags\n"
        "assert not any(name == 'django' or name.startswith('django.') for name in sys.modules if sys.modules[name])\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
