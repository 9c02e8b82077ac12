"""A text progress bar for long imports run from the command line (no tqdm dependency for one line)."""

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressBar:
    """``bar(done, total)`` redraws ``[#####.....]  120/305`` in place on a terminal, one line per tenth otherwise."""

    def __init__(self, out: OutputWrapper, label: str) -> None:
        self.out, self.label, self.last_tenth = out, label, -1
        self.tty = out.isatty()

    def __call__(self, done: int, total: int) -> None:
        filled = WIDTH * done // total if total else WIDTH
        line = f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}"
        if self.tty:
            self.out.write("\r" + line, ending="\n" if done >= total else "")
            self.out.flush()
            return
        tenth = 10 * done // total if total else 10
        if tenth != self.last_tenth:
            self.last_tenth = tenth
            self.out.write(line)
