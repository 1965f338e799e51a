<?php
/**
 * Plugin Name:       Dichtbij
 * Description:       Contact widgets of the gemeente (feedback, bel mij terug, status van uw aanvraag, chat) for every editor: the [dichtbij] shortcode, and <dichtbij-*> tags that survive the editor for Authors and Editors without unfiltered_html.
 * Version:           0.1.0
 * Requires at least: 6.2
 * Requires PHP:      7.4
 * License:           EUPL-1.2
 * License URI:       https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12
 * Text Domain:       dichtbij
 *
 * What it does
 * - Settings → Dichtbij (administrators only): the URL of dichtbij.js (a gateway, a CDN path or
 *   a copy on this site), its Subresource Integrity hash, the gateway URL, the theme and the locale.
 * - [dichtbij bel-me topic="paspoort-id"]Bel ons: <a href="tel:140345">14 0345</a>[/dichtbij]
 *   writes <dichtbij-bel-me api="…" theme="…" topic="paspoort-id">Bel ons: …</dichtbij-bel-me>.
 *   The enclosed text is the fallback, shown until the script runs and when it fails.
 * - Lets <dichtbij-*> tags and their safe attributes through wp_kses, so a user without
 *   unfiltered_html (Authors; Editors on Multisite) can write them in a Custom HTML block.
 *   Attributes that choose where data goes or which script runs (api, provider, provider-open,
 *   provider-integrity, client) are NOT allowed there: the plugin adds api from its settings.
 * - Enqueues the module script once, in the footer, only on pages that show a Dichtbij element.
 *
 * @package Dichtbij
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const DICHTBIJ_OPTION = 'dichtbij_settings';

/**
 * The elements and the attributes an editor may set on each (from the custom-elements manifest).
 * `api` and the chat launcher's `provider*` are left out on purpose (see above).
 */
function dichtbij_elements() {
	$common = array( 'locale', 'theme', 'class', 'id', 'lang', 'hidden' );
	return array(
		'dichtbij-config'         => $common,
		'dichtbij-feedback'       => array_merge( $common, array( 'variant', 'channel', 'contact', 'heading-level', 'keep-params' ) ),
		'dichtbij-bel-me'         => array_merge( $common, array( 'label', 'inline', 'topic' ) ),
		'dichtbij-status-tracker' => array_merge( $common, array( 'reference', 'check', 'mine', 'login-url', 'heading-level', 'poll', 'topic' ) ),
		'dichtbij-chat-launcher'  => array_merge( $common, array( 'status', 'live', 'offset', 'z-index', 'topic', 'agent-timeout', 'position' ) ),
	);
}

/** One setting, trimmed; '' when not set. */
function dichtbij_setting( $key ) {
	$settings = get_option( DICHTBIJ_OPTION, array() );
	return is_array( $settings ) && isset( $settings[ $key ] ) ? trim( (string) $settings[ $key ] ) : '';
}

// ── Allowing the tags through wp_kses ───────────────────────────────────────────────────────────

add_filter(
	'wp_kses_allowed_html',
	function ( $allowed, $context ) {
		if ( 'post' !== $context ) {
			return $allowed;
		}
		foreach ( dichtbij_elements() as $tag => $attributes ) {
			$allowed[ $tag ] = array_fill_keys( $attributes, true );
		}
		return $allowed;
	},
	10,
	2
);

// ── The script ──────────────────────────────────────────────────────────────────────────────────

/** Enqueues dichtbij.js once (footer); nothing when no script URL is set. */
function dichtbij_enqueue() {
	$src = dichtbij_setting( 'script_url' );
	if ( '' === $src || wp_script_is( 'dichtbij', 'enqueued' ) ) {
		return;
	}
	// No version query string: the URL stays exactly the one the CSP and the SRI hash are for.
	wp_enqueue_script( 'dichtbij', esc_url_raw( $src ), array(), null, true );
}

/** The enqueued tag as a module script, with integrity and crossorigin when a hash is set. */
add_filter(
	'script_loader_tag',
	function ( $tag, $handle, $src ) {
		if ( 'dichtbij' !== $handle ) {
			return $tag;
		}
		$attributes = array(
			'type'        => 'module',
			'src'         => $src,
			'crossorigin' => 'anonymous',
		);
		$integrity  = dichtbij_setting( 'integrity' );
		if ( preg_match( '/^sha(256|384|512)-[A-Za-z0-9+\/]+={0,2}$/', $integrity ) ) {
			$attributes['integrity'] = $integrity;
		}
		return wp_get_script_tag( $attributes );
	},
	10,
	3
);

// ── The shortcode ───────────────────────────────────────────────────────────────────────────────

/**
 * [dichtbij bel-me topic="paspoort-id"]fallback[/dichtbij], also [dichtbij element="bel-me" …].
 * Unknown elements and attributes are dropped; values are escaped; the fallback may hold what
 * a post may hold (wp_kses_post).
 */
function dichtbij_shortcode( $atts, $content = '' ) {
	$atts     = is_array( $atts ) ? $atts : array();
	$name     = isset( $atts['element'] ) ? $atts['element'] : ( isset( $atts[0] ) ? $atts[0] : '' );
	$tag      = 'dichtbij-' . preg_replace( '/^dichtbij-/', '', strtolower( (string) $name ) );
	$elements = dichtbij_elements();
	if ( ! isset( $elements[ $tag ] ) ) {
		return '';
	}
	$html = '<' . $tag . dichtbij_site_attributes( $atts );
	foreach ( $elements[ $tag ] as $attribute ) {
		if ( array_key_exists( $attribute, $atts ) ) {
			$html .= ' ' . $attribute . '="' . esc_attr( $atts[ $attribute ] ) . '"';
		}
	}
	// Boolean attributes written bare: [dichtbij bel-me inline]
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) && $key > 0 && in_array( $value, $elements[ $tag ], true ) ) {
			$html .= ' ' . $value;
		}
	}
	dichtbij_enqueue();
	return $html . '>' . wp_kses_post( do_shortcode( (string) $content ) ) . '</' . $tag . '>';
}
add_shortcode( 'dichtbij', 'dichtbij_shortcode' );

/**
 * The site's api (always: a shortcode cannot choose it), and its theme and locale where the
 * shortcode sets none.
 */
function dichtbij_site_attributes( $set ) {
	$out = '';
	foreach ( array( 'api', 'theme', 'locale' ) as $key ) {
		$value = dichtbij_setting( $key );
		if ( '' !== $value && ( 'api' === $key || ! isset( $set[ $key ] ) ) ) {
			$out .= ' ' . $key . '="' . esc_attr( 'api' === $key ? esc_url_raw( $value ) : $value ) . '"';
		}
	}
	return $out;
}

// ── Tags written in a Custom HTML block ─────────────────────────────────────────────────────────

/**
 * On a page whose content holds <dichtbij-…> tags: enqueue the script and give each tag the
 * site's api, theme and locale where it has none of its own. WP_HTML_Tag_Processor (WordPress 6.2+)
 * edits the attributes without regular expressions over HTML.
 */
add_filter(
	'the_content',
	function ( $content ) {
		if ( false === stripos( $content, '<dichtbij-' ) ) {
			return $content;
		}
		dichtbij_enqueue();
		$processor = new WP_HTML_Tag_Processor( $content );
		while ( $processor->next_tag() ) {
			$tag = strtolower( $processor->get_tag() );
			if ( 0 !== strpos( $tag, 'dichtbij-' ) ) {
				continue;
			}
			foreach ( array( 'api', 'theme', 'locale' ) as $key ) {
				$value = dichtbij_setting( $key );
				// Only where the tag has none: an Author's api never survives saving (kses drops
				// it), an administrator's own api on a tag is kept.
				if ( '' !== $value && null === $processor->get_attribute( $key ) ) {
					$processor->set_attribute( $key, 'api' === $key ? esc_url_raw( $value ) : $value );
				}
			}
		}
		return $processor->get_updated_html();
	},
	20
);

// ── Settings → Dichtbij ─────────────────────────────────────────────────────────────────────────

add_action(
	'admin_init',
	function () {
		register_setting(
			'dichtbij',
			DICHTBIJ_OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => 'dichtbij_sanitize_settings',
				'default'           => array(),
			)
		);
		add_settings_section( 'dichtbij_main', __( 'Dichtbij', 'dichtbij' ), '__return_false', 'dichtbij' );
		$fields = array(
			'script_url' => __( 'URL of dichtbij.js', 'dichtbij' ),
			'integrity'  => __( 'Integrity (sha384-…)', 'dichtbij' ),
			'api'        => __( 'Gateway URL', 'dichtbij' ),
			'theme'      => __( 'Theme (e.g. west-betuwe)', 'dichtbij' ),
			'locale'     => __( 'Locale (nl or en; empty: the page language)', 'dichtbij' ),
		);
		foreach ( $fields as $key => $label ) {
			add_settings_field(
				'dichtbij_' . $key,
				$label,
				function () use ( $key ) {
					printf(
						'<input type="text" class="regular-text" id="dichtbij_%1$s" name="%2$s[%1$s]" value="%3$s">',
						esc_attr( $key ),
						esc_attr( DICHTBIJ_OPTION ),
						esc_attr( dichtbij_setting( $key ) )
					);
				},
				'dichtbij',
				'dichtbij_main',
				array( 'label_for' => 'dichtbij_' . $key )
			);
		}
	}
);

/** Keeps only well-formed values: https URLs (http for localhost), an SRI hash, a theme name, nl/en. */
function dichtbij_sanitize_settings( $input ) {
	$input = is_array( $input ) ? $input : array();
	$out   = array();
	foreach ( array( 'script_url', 'api' ) as $key ) {
		$url = isset( $input[ $key ] ) ? esc_url_raw( trim( (string) $input[ $key ] ), array( 'https', 'http' ) ) : '';
		if ( '' !== $url && ( 0 === strpos( $url, 'https://' ) || preg_match( '#^http://(localhost|127\.0\.0\.1)(:\d+)?/#', $url . '/' ) ) ) {
			$out[ $key ] = $url;
		}
	}
	$checks = array(
		'integrity' => '/^sha(256|384|512)-[A-Za-z0-9+\/]+={0,2}$/',
		'theme'     => '/^[a-z0-9-]{1,64}$/',
		'locale'    => '/^(nl|en)$/',
	);
	foreach ( $checks as $key => $pattern ) {
		$value = isset( $input[ $key ] ) ? trim( (string) $input[ $key ] ) : '';
		if ( preg_match( $pattern, $value ) ) {
			$out[ $key ] = $value;
		}
	}
	return $out;
}

add_action(
	'admin_menu',
	function () {
		add_options_page(
			__( 'Dichtbij', 'dichtbij' ),
			__( 'Dichtbij', 'dichtbij' ),
			'manage_options',
			'dichtbij',
			function () {
				echo '<div class="wrap"><h1>' . esc_html__( 'Dichtbij', 'dichtbij' ) . '</h1><form method="post" action="options.php">';
				settings_fields( 'dichtbij' );
				do_settings_sections( 'dichtbij' );
				submit_button();
				echo '</form></div>';
			}
		);
	}
);
