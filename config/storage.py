"""Static file storage for production: WhiteNoise's hashed, compressed files.

The NHS.UK frontend CSS and JS name source maps (``sourceMappingURL``) that its package does not
ship; Django's manifest storage would refuse to collect them. Ladder leaves those comments as
they are (a browser's developer tools just find no map) and rewrites every other reference,
``import`` statements in JavaScript modules included.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    kept = []
    for extension, rules in patterns:
        rules = tuple(
            rule for rule in rules if "sourceMappingURL" not in (rule[0] if isinstance(rule, tuple) else rule)
        )
        kept.append((extension, rules))
    return tuple(kept)


class LadderStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Compressed, hashed static files that tolerate missing source maps. ES module imports
    (the live room's client, ``labs/static/labs/js/``) are rewritten to the hashed names too."""

    support_js_module_import_aggregation = True
    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
