<?php
// A check of the Dichtbij plugin against WordPress's own plugin API, kses, shortcode parser and
// formatting functions (stubs for the rest: options, enqueueing, the script tag). Not part of
// `npm test` (it needs WordPress's files, which this repository does not ship):
//
//   apt-get download wordpress && dpkg -x wordpress_*.deb /tmp/wp     # or unzip a release
//   WORDPRESS_DIR=/tmp/wp/usr/share/wordpress php integrations/wordpress/test/harness.php
//
// Not covered: the `the_content` filter (it needs WP_HTML_Tag_Processor, WordPress 6.2+).
$dir = getenv('WORDPRESS_DIR');
if (!$dir || !is_file("$dir/wp-includes/kses.php")) {
  fwrite(STDERR, "Set WORDPRESS_DIR to a WordPress folder (with wp-includes/kses.php).\n");
  exit(2);
}
define('ABSPATH', rtrim($dir, '/') . '/');
define('WPINC', 'wp-includes');
$inc = ABSPATH . WPINC . '/';
require $inc . 'plugin.php';
require $inc . 'formatting.php';
require $inc . 'kses.php';
require $inc . 'shortcodes.php';
// stubs
$GLOBALS['options'] = ['dichtbij_settings' => ['script_url' => 'https://cdn.example/npm/@dichtbij/components@0.2.0/dist/cdn/dichtbij.js', 'integrity' => 'sha384-abc+/=', 'api' => 'https://dichtbij.gemeente.nl', 'theme' => 'west-betuwe']];
function get_option($k, $d = false) { return $GLOBALS['options'][$k] ?? $d; }
function wp_allowed_protocols() { return ['http','https','mailto','tel']; }
function get_bloginfo($s='') { return 'UTF-8'; }
function is_admin() { return false; }
function wp_load_alloptions() { return ['blog_charset' => 'UTF-8']; }
function current_theme_supports() { return true; }
function wp_parse_url($u, $c = -1) { return parse_url($u, $c); }
function __($s) { return $s; }
$GLOBALS['enqueued'] = [];
function wp_script_is($h) { return isset($GLOBALS['enqueued'][$h]); }
function wp_enqueue_script($h, $src) { $GLOBALS['enqueued'][$h] = $src; }
function wp_get_script_tag($attributes) {
  $attributes = apply_filters('wp_script_attributes', $attributes);
  $s = '';
  foreach ($attributes as $k => $v) $s .= is_bool($v) ? " $k" : sprintf(' %s="%s"', esc_attr($k), esc_attr($v));
  return "<script$s></script>\n";
}
require __DIR__ . '/../dichtbij/dichtbij.php';
$fail = 0;
function check($name, $ok, $got = '') { global $fail; echo ($ok ? 'ok   ' : 'FAIL ') . $name . ($ok ? '' : "\n     got: $got") . "\n"; if (!$ok) $fail++; }

// 1. kses as for an Author (wp_filter_post_kses = wp_kses with 'post')
$raw = '<script type="module" src="https://evil.example/x.js"></script><dichtbij-bel-me topic="paspoort-id" api="https://evil.example" onclick="alert(1)" locale="en">Bel ons: <a href="tel:140345">14 0345</a></dichtbij-bel-me><dichtbij-chat-launcher provider="https://evil.example/chat.js" provider-open="x" position="start"></dichtbij-chat-launcher><dichtbij-unknown>t</dichtbij-unknown>';
$saved = wp_kses($raw, 'post');
check('kses keeps <dichtbij-bel-me topic locale> and the fallback link', str_contains($saved, '<dichtbij-bel-me topic="paspoort-id" locale="en">Bel ons: <a href="tel:140345">14 0345</a></dichtbij-bel-me>'), $saved);
check('kses drops api, onclick, provider*, script, unknown tags', !preg_match('/api=|onclick|provider|<script|dichtbij-unknown/', $saved), $saved);
check('kses keeps chat-launcher position', str_contains($saved, '<dichtbij-chat-launcher position="start"></dichtbij-chat-launcher>'), $saved);

// 2. shortcodes
$GLOBALS['enqueued'] = [];
$out = do_shortcode('[dichtbij bel-me topic="paspoort-id" api="https://evil.example" provider="x"]Bel ons: <a href="tel:140345">14 0345</a><script>alert(1)</script>[/dichtbij] [dichtbij feedback variant="score" /] [dichtbij element="status-tracker" heading-level="3"/] [dichtbij nope /] [dichtbij bel-me inline topic="a&quot;b"]x[/dichtbij]');
check('shortcode writes the element with the site api and theme', str_contains($out, '<dichtbij-bel-me api="https://dichtbij.gemeente.nl" theme="west-betuwe" topic="paspoort-id">Bel ons: <a href="tel:140345">14 0345</a>alert(1)</dichtbij-bel-me>'), $out);
check('shortcode ignores a given api/provider', substr_count($out, 'evil') === 0 && !str_contains($out, 'provider'), $out);
check('self-closing shortcodes', str_contains($out, '<dichtbij-feedback api="https://dichtbij.gemeente.nl" theme="west-betuwe" variant="score"></dichtbij-feedback>') && str_contains($out, '<dichtbij-status-tracker api="https://dichtbij.gemeente.nl" theme="west-betuwe" heading-level="3"></dichtbij-status-tracker>'), $out);
check('unknown element gives nothing', !str_contains($out, 'nope'), $out);
check('bare boolean attribute and escaped value', str_contains($out, 'topic="a&quot;b" inline>x</dichtbij-bel-me>'), $out);
check('shortcode enqueued the script', isset($GLOBALS['enqueued']['dichtbij']), json_encode($GLOBALS['enqueued']));

// 3. script tag
$tag = apply_filters('script_loader_tag', "<script src='x'></script>", 'dichtbij', 'https://cdn.example/npm/@dichtbij/components@0.2.0/dist/cdn/dichtbij.js');
check('module script with integrity and crossorigin', $tag === '<script type="module" src="https://cdn.example/npm/@dichtbij/components@0.2.0/dist/cdn/dichtbij.js" crossorigin="anonymous" integrity="sha384-abc+/="></script>' . "\n", $tag);
check('other handles untouched', apply_filters('script_loader_tag', 'T', 'jquery', 'x') === 'T');

// 4. settings sanitizer
$s = dichtbij_sanitize_settings(['script_url' => 'javascript:alert(1)', 'api' => 'http://evil.example', 'integrity' => 'sha384-"><x', 'theme' => 'West Betuwe', 'locale' => 'de']);
check('sanitizer refuses bad values', $s === [], json_encode($s));
$s = dichtbij_sanitize_settings(['script_url' => ' https://cdn.example/a.js ', 'api' => 'http://localhost:8080', 'integrity' => 'sha384-AbC/+9=', 'theme' => 'west-betuwe', 'locale' => 'en']);
check('sanitizer keeps good values', $s === ['script_url' => 'https://cdn.example/a.js', 'api' => 'http://localhost:8080', 'integrity' => 'sha384-AbC/+9=', 'theme' => 'west-betuwe', 'locale' => 'en'], json_encode($s));
echo $fail ? "$fail failed\n" : "all passed\n";
exit($fail ? 1 : 0);
