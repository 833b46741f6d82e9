"""Re-point the symlinks of an unpacked Debian odoo package at the system's /usr/share.

Debian replaces bundled libraries (jQuery, fonts...) by relative links into /usr/share; once the
package is unpacked elsewhere those links point inside the unpack folder and dangle.
"""

import os
import sys


def repair(root):
    root = os.path.abspath(root)
    share = os.path.join(root, "usr", "share") + os.sep
    fixed = dangling = 0
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                continue
            target = os.readlink(path)
            resolved = os.path.normpath(os.path.join(folder, target))
            if resolved.startswith(share):
                os.remove(path)
                os.symlink("/usr/share/" + resolved[len(share) :], path)
                fixed += 1
            if not os.path.exists(path):
                dangling += 1
                print("still dangling:", path, "->", os.readlink(path))
    print(f"{fixed} links re-pointed to /usr/share, {dangling} still dangling")


if __name__ == "__main__":
    repair(sys.argv[1])
