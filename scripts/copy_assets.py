"""Copy the pinned NL Design System CSS and axe-core from node_modules into Flask's static folder."""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = {
    "@utrecht/component-library-css/dist/index.css": "utrecht/index.css",
    "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "voorbeeld/theme.css",
    "axe-core/axe.min.js": "axe/axe.min.js",  # used by the accessibility tests only
    # Noto Sans, the Voorbeeld theme's text font (SIL Open Font License), self-hosted: no page falls back
    # to a serif, and the CSP stays 'self'. Latin covers Dutch (é, ë, ï, ĳ as two letters) and Ç, Ö.
    "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2": "fonts/noto-sans-400.woff2",
    "@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2": "fonts/noto-sans-400-italic.woff2",
    "@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2": "fonts/noto-sans-700.woff2",
    "@fontsource/noto-sans/files/noto-sans-latin-700-italic.woff2": "fonts/noto-sans-700-italic.woff2",
    "@fontsource/noto-sans/LICENSE": "fonts/LICENSE-noto-sans.txt",
}

for src, dst in FILES.items():
    target = os.path.join(ROOT, "sleutelnet", "static", "vendor", dst)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(os.path.join(ROOT, "node_modules", src), target)
print(f"copied {len(FILES)} front-end assets")
