// The demo site's theme studio (/demo/thema-studio): mounts the studio in #thema-studio. The elements come
// from /dichtbij.js (facades that load each element near the viewport; a `client` set before that is kept).
// Bundled by scripts/studio.mjs into dist/demo/assets/thema-studio.js.
import { mountThemeStudio } from './studio.ts';

const root = document.getElementById('thema-studio');
if (root) mountThemeStudio(root, { start: root.dataset.theme });
