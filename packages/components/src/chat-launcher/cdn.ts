// The chat launcher's CDN file (dist/cdn/chat-launcher.js): defines the element and exports
// nothing, like the other CDN files (a module script tag has no use for the class; the npm entry
// ./define.ts exports it).
import './define.ts';
