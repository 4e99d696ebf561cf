"""What the write commands do, as a library: validate, then write safely (store.write).

Each action loads only the files it needs, checks the new or changed record with the same
rules ``lingbi check`` uses, refuses with a Chinese message naming the problem (exit 1, nothing
written), and returns the ``Change`` it made (or, dry, would make).
"""
