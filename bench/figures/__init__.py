"""The figures of `make bench`: bench/run.py imports each module of this package (those whose
name starts with "_" are helpers) and calls its `measure(env, runs)`. A figure may import its
helpers as `from . import _common` or `import _common`."""
