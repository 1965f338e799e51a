// The fonts the themes name (packages/themes/tokens/*.tokens.json and the NL DS voorbeeld theme), self-hosted
// from the @fontsource npm packages: Vite bundles the woff2 files, so Storybook makes no third-party request
// and screenshots do not depend on the fonts a machine happens to have. Latin subset, regular and bold.
import '@fontsource/roboto/latin-400.css'; // west-betuwe
import '@fontsource/roboto/latin-700.css';
import '@fontsource/fira-sans/latin-400.css'; // olst-wijhe
import '@fontsource/fira-sans/latin-700.css';
import '@fontsource/open-sans/latin-400.css'; // druten-wijchen
import '@fontsource/open-sans/latin-700.css';
import '@fontsource/source-sans-3/latin-400.css'; // duiven-westervoort
import '@fontsource/source-sans-3/latin-700.css';
import '@fontsource/noto-sans/latin-400.css'; // voorbeeld (NL DS voorbeeld: text)
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-serif/latin-700.css'; // voorbeeld (NL DS voorbeeld: headings)
