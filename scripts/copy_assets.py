"""Copy the pinned NL Design System CSS and axe-core from node_modules into Flask's static folder."""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = {
    "@utrecht/component-library-css/dist/index.css": "utrecht/index.css",
    "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "voorbeeld/theme.css",
    "axe-core/axe.min.js": "axe/axe.min.js",  # used by the accessibility tests only
}

for src, dst in FILES.items():
    target = os.path.join(ROOT, "sleutelnet", "static", "vendor", dst)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(os.path.join(ROOT, "node_modules", src), target)
print(f"copied {len(FILES)} front-end assets")
