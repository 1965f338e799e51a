// Names shared by the build and the theme studio (no Node-only imports: the studio runs in a browser).

/** The CSS class that applies a theme, e.g. "dichtbij-theme--west-betuwe". */
export const themeClassName = (name) => `dichtbij-theme--${name}`;
