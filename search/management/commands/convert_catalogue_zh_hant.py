"""Fill the zh_Hant gettext catalogue from zh_Hans with OpenCC, for entries nobody translated by hand."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.text import to_traditional


def convert_catalogue(hans: polib.POFile, hant: polib.POFile) -> int:
    """Converted entries count. An entry counts as hand-translated when its msgstr is set and not fuzzy."""
    simplified = {(entry.msgctxt, entry.msgid): entry for entry in hans if entry.translated()}
    converted = 0
    for entry in hant:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        source = simplified.get((entry.msgctxt, entry.msgid))
        if source is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {index: to_traditional(text) for index, text in source.msgstr_plural.items()}
        else:
            entry.msgstr = to_traditional(source.msgstr)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        converted += 1
    return converted


class Command(BaseCommand):
    help = "Fill untranslated zh_Hant messages from zh_Hans with OpenCC; hand translations are kept."

    def add_arguments(self, parser):
        default = Path(settings.LOCALE_PATHS[0]) if settings.LOCALE_PATHS else Path("locale")
        parser.add_argument("--locale-dir", type=Path, default=default)
        parser.add_argument("--domain", default="django")

    def handle(self, *args, locale_dir: Path, domain: str, **options):
        paths = [locale_dir / code / "LC_MESSAGES" / f"{domain}.po" for code in ("zh_Hans", "zh_Hant")]
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path} does not exist: run makemessages for zh_Hans and zh_Hant first.")
        hans, hant = (polib.pofile(str(path)) for path in paths)
        converted = convert_catalogue(hans, hant)
        hant.save(str(paths[1]))
        self.stdout.write(f"{converted} zh_Hant messages converted from zh_Hans; now run compilemessages.")
