"""Search engines and indexes: the database by default, a search cluster when its URL is set."""

import os

# Chinese needs segmenting before either engine sees it: see website/search_backend.py.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "tuoyu")
# The directory's index is an alias over timestamped indexes (see directory_index).
DIRECTORY_ELASTICSEARCH_INDEX = ELASTICSEARCH_INDEX_PREFIX + "_institutions"
# Seconds a directory search waits for the cluster before answering from the database instead.
DIRECTORY_ELASTICSEARCH_TIMEOUT = float(os.environ.get("DIRECTORY_ELASTICSEARCH_TIMEOUT", "3"))
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": ELASTICSEARCH_INDEX_PREFIX + "_pages",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            # The built-in cjk analyser indexes Chinese as overlapping bigrams.
                            "default": {"type": "cjk"},
                        }
                    }
                }
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "website.search_backend",
            # PostgreSQL's "simple" configuration keeps the analyser's words as they are.
            "SEARCH_CONFIG": "simple",
        }
    }
