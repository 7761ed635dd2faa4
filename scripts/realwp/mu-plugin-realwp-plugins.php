<?php
/**
 * Plugin Name: mwmigrate realwp: common plugins' markup
 * Description: Prints, in the real markup of common plugins, what they add around every post:
 *   GDPR Cookie Consent (CookieYes, cookie-law-info) bar, Jetpack sharing (sharedaddy), AddToAny,
 *   Jetpack related posts, an author box (Simple Author Box), a Contact Form 7 form on pages and a
 *   header call bar. Only on rendered theme pages: never in REST/feeds/admin, so
 *   content.rendered stays WordPress's own. Installed by scripts/realwp/up.sh --plugins; inert
 *   unless the instance's config defines REALWP_PLUGINS true.
 */
if (!defined('ABSPATH') || !defined('REALWP_PLUGINS') || !REALWP_PLUGINS) {
    return;
}

function realwp_front(): bool {
    return !is_admin() && !wp_is_json_request() && !(defined('REST_REQUEST') && REST_REQUEST)
        && !is_feed() && !wp_doing_ajax() && !(function_exists('wp_is_xml_request') && wp_is_xml_request());
}

/* ---- a page template printing Advanced Custom Fields (the page's post_content is empty) ------- */
add_filter('the_content', function ($content) {
    if (!realwp_front() || !in_the_loop() || !is_main_query() || !is_page() || trim($content) !== '') {
        return $content;
    }
    $id = get_the_ID();
    if (strpos((string) get_post_meta($id, '_hero_title', true), 'field_') !== 0) {
        return $content;
    }
    return '<section class="acf-hero"><h2>' . esc_html(get_post_meta($id, 'hero_title', true)) . '</h2></section>'
        . '<section class="acf-text">' . wp_kses_post(get_post_meta($id, 'sections_0_text', true)) . '</section>';
}, 5);

/* ---- the_content: share buttons, related posts, author box, contact form -------------------- */
add_filter('the_content', function ($content) {
    if (!realwp_front() || !in_the_loop() || !is_main_query() || !is_singular()) {
        return $content;
    }
    $post = get_post();
    if (!$post) {
        return $content;
    }
    $id = $post->ID;
    $link = get_permalink($post);
    $title = get_the_title($post);
    $u = rawurlencode($link);
    $t = rawurlencode(wp_strip_all_tags($title));
    $out = $content;

    if ($post->post_type === 'page' && in_array($post->post_name, ['about', 'page-a'], true)) {
        // Contact Form 7 5.7, [contact-form-7 id="42" title="Contact form 1"]
        $unit = "wpcf7-f42-p{$id}-o1";
        $action = esc_url(wp_make_link_relative($link) . '#' . $unit);
        $out .= <<<HTML
<div class="wpcf7 no-js" id="{$unit}" lang="en-GB" dir="ltr">
<div class="screen-reader-response"><p role="status" aria-live="polite" aria-atomic="true"></p> <ul></ul></div>
<form action="{$action}" method="post" class="wpcf7-form init" aria-label="Contact form" novalidate="novalidate" data-status="init">
<div style="display: none;">
<input type="hidden" name="_wpcf7" value="42" />
<input type="hidden" name="_wpcf7_version" value="5.7.7" />
<input type="hidden" name="_wpcf7_locale" value="en_GB" />
<input type="hidden" name="_wpcf7_unit_tag" value="{$unit}" />
<input type="hidden" name="_wpcf7_container_post" value="{$id}" />
<input type="hidden" name="_wpcf7_posted_data_hash" value="" />
</div>
<p><label> Your name<br />
<span class="wpcf7-form-control-wrap" data-name="your-name"><input size="40" class="wpcf7-form-control wpcf7-text wpcf7-validates-as-required" autocomplete="name" aria-required="true" aria-invalid="false" value="" type="text" name="your-name" /></span> </label>
</p>
<p><label> Your email<br />
<span class="wpcf7-form-control-wrap" data-name="your-email"><input size="40" class="wpcf7-form-control wpcf7-email wpcf7-validates-as-required wpcf7-text wpcf7-validates-as-email" autocomplete="email" aria-required="true" aria-invalid="false" value="" type="email" name="your-email" /></span> </label>
</p>
<p><label> Subject<br />
<span class="wpcf7-form-control-wrap" data-name="your-subject"><input size="40" class="wpcf7-form-control wpcf7-text wpcf7-validates-as-required" aria-required="true" aria-invalid="false" value="" type="text" name="your-subject" /></span> </label>
</p>
<p><label> Your message (optional)<br />
<span class="wpcf7-form-control-wrap" data-name="your-message"><textarea cols="40" rows="10" class="wpcf7-form-control wpcf7-textarea" aria-invalid="false" name="your-message"></textarea></span> </label>
</p>
<p><input class="wpcf7-form-control has-spinner wpcf7-submit" type="submit" value="Submit" />
</p><div class="wpcf7-response-output" aria-hidden="true"></div>
</form>
</div>
HTML;
    }

    // AddToAny Share Buttons 1.8 (bottom of content)
    $a2a_title = esc_attr(wp_strip_all_tags($title));
    $out .= '<div class="addtoany_share_save_container addtoany_content addtoany_content_bottom">'
        . '<div class="a2a_kit a2a_kit_size_32 addtoany_list" data-a2a-url="' . esc_url($link) . '" data-a2a-title="' . $a2a_title . '">'
        . '<a class="a2a_button_facebook" href="https://www.addtoany.com/add_to/facebook?linkurl=' . $u . '&amp;linkname=' . $t . '" title="Facebook" rel="nofollow noopener" target="_blank"></a>'
        . '<a class="a2a_button_twitter" href="https://www.addtoany.com/add_to/twitter?linkurl=' . $u . '&amp;linkname=' . $t . '" title="Twitter" rel="nofollow noopener" target="_blank"></a>'
        . '<a class="a2a_button_email" href="https://www.addtoany.com/add_to/email?linkurl=' . $u . '&amp;linkname=' . $t . '" title="Email" rel="nofollow noopener" target="_blank"></a>'
        . '<a class="a2a_dd addtoany_share_save addtoany_share" href="https://www.addtoany.com/share"></a>'
        . "</div></div>\n";

    // Jetpack sharing (sharedaddy), icon + text style
    $svc = ['twitter' => 'Twitter', 'facebook' => 'Facebook', 'linkedin' => 'LinkedIn', 'email' => 'Email', 'print' => 'Print'];
    $lis = '';
    foreach ($svc as $k => $label) {
        $lis .= '<li class="share-' . $k . '"><a rel="nofollow noopener noreferrer" data-shared="sharing-' . $k . '-' . $id
            . '" class="share-' . $k . ' sd-button share-icon" href="' . esc_url(add_query_arg(['share' => $k, 'nb' => 1], $link))
            . '" target="_blank" title="Click to share on ' . $label . '" ><span>' . $label . '</span></a></li>';
    }
    $out .= '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">'
        . '<h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>' . $lis . '<li class="share-end"></li></ul></div></div></div>' . "\n";

    // Jetpack related posts, as its script fills the placeholder
    if ($post->post_type === 'post') {
        $related = get_posts(['numberposts' => 3, 'post__not_in' => [$id], 'category__in' => wp_get_post_categories($id), 'orderby' => 'date']);
        $items = '';
        foreach ($related as $i => $r) {
            $cats = get_the_category($r->ID);
            $ctx = $cats ? 'In &quot;' . esc_html($cats[0]->name) . '&quot;' : '';
            $items .= '<p class="jp-relatedposts-post jp-relatedposts-post' . $i . '" data-post-id="' . $r->ID . '" data-post-format="false">'
                . '<span class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="' . esc_url(get_permalink($r)) . '" title="'
                . esc_attr(wp_strip_all_tags(get_the_title($r))) . '" rel="nofollow" data-origin="' . $id . '" data-position="' . $i . '">'
                . esc_html(wp_strip_all_tags(get_the_title($r))) . '</a></span>'
                . '<span class="jp-relatedposts-post-date">' . esc_html(get_the_date('', $r)) . '</span>'
                . '<span class="jp-relatedposts-post-context">' . $ctx . '</span></p>';
        }
        $out .= "<div id='jp-relatedposts' class='jp-relatedposts' >\n\t<h3 class=\"jp-relatedposts-headline\"><em>Related</em></h3>\n"
            . '<div class="jp-relatedposts-items jp-relatedposts-items-minimal jp-relatedposts-grid ">' . $items . "</div>\n</div>\n";

        // Simple Author Box 2.5
        $author = get_userdata($post->post_author);
        if ($author) {
            $name = esc_html($author->display_name);
            $url = esc_url(get_author_posts_url($author->ID));
            $out .= '<div class="saboxplugin-wrap" itemtype="http://schema.org/Person" itemscope itemprop="author"><div class="saboxplugin-tab">'
                . '<div class="saboxplugin-gravatar"><img alt="' . $name . '" src="' . esc_url(includes_url('images/blank.gif'))
                . '" class="avatar avatar-100 photo" height="100" width="100" itemprop="image"></div>'
                . '<div class="saboxplugin-authorname"><a href="' . $url . '" class="vcard author" rel="author"><span class="fn">' . $name . '</span></a></div>'
                . '<div class="saboxplugin-desc"><div itemprop="description"><p>' . $name
                . ' writes about themes and tests for Harrowgate &amp; Finch. Follow along for more posts like this one.</p></div></div>'
                . '<div class="clearfix"></div></div></div>' . "\n";
        }
    }
    return $out;
}, 40);

/* ---- wp_body_open: header call bar ---------------------------------------------------------- */
add_action('wp_body_open', function () {
    if (!realwp_front()) { return; }
    echo '<div id="top-call-bar" class="header-call-bar" role="complementary"><div class="call-bar-inner">'
        . '<span class="call-bar-text">Speak to an adviser today:</span> '
        . '<a class="call-bar-phone" href="tel:+441174960123">0117 496 0123</a> '
        . '<span class="call-bar-hours">Mon&ndash;Fri 9am&ndash;5:30pm</span> '
        . '<a class="call-bar-email" href="mailto:hello@harrowgate-finch.example">hello@harrowgate-finch.example</a>'
        . "</div></div>\n";
});

/* ---- wp_footer: GDPR Cookie Consent (CookieYes) bar + Call Now Button -------------------------- */
add_action('wp_footer', function () {
    if (!realwp_front()) { return; }
    $privacy = esc_url(home_url('/about/'));
    echo <<<HTML
<!--googleoff: all--><div id="cookie-law-info-bar" data-nosnippet="true"><span>This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. <a role='button' class="cli_settings_button" style="margin:5px 20px 5px 20px">Cookie settings</a><a role='button' data-cli_action="accept" id="cookie_action_close_header" class="medium cli-plugin-button cli-plugin-main-button cookie_action_close_header cli_action_button wt-cli-accept-btn" style="display:inline-block;margin:5px">ACCEPT</a> <a href="{$privacy}" id="CONSTANT_OPEN_URL" target="_blank" class="cli-plugin-main-link">Read More</a></span></div><div id="cookie-law-info-again" style="display:none" data-nosnippet="true"><span id="cookie_hdr_showagain">Manage consent</span></div><div class="cli-modal" data-nosnippet="true" id="cliSettingsPopup" tabindex="-1" role="dialog" aria-labelledby="cliSettingsPopup" aria-hidden="true">
  <div class="cli-modal-dialog" role="document">
	<div class="cli-modal-content cli-bar-popup">
		  <button type="button" class="cli-modal-close" id="cliModalClose">
			<svg class="" viewBox="0 0 24 24"><path d="M19 6.41l-1.41-1.41-5.59 5.59-5.59-5.59-1.41 1.41 5.59 5.59-5.59 5.59 1.41 1.41 5.59-5.59 5.59 5.59 1.41-1.41-5.59-5.59z"></path><path d="M0 0h24v24h-24z" fill="none"></path></svg>
			<span class="wt-cli-sr-only">Close</span>
		  </button>
		  <div class="cli-modal-body">
			<div class="cli-container-fluid cli-tab-container">
	<div class="cli-row">
		<div class="cli-col-12 cli-align-items-stretch cli-px-0">
			<div class="cli-privacy-overview">
				<h4>Privacy Overview</h4>
				<div class="cli-privacy-content">
					<div class="cli-privacy-content-text">This website uses cookies to improve your experience while you navigate through the website.</div>
				</div>
				<a class="cli-privacy-readmore" aria-label="Show more" role="button" data-readmore-text="Show more" data-readless-text="Show less"></a>
			</div>
		</div>
	</div>
</div>
		  </div>
		  <div class="cli-modal-footer">
			<div class="wt-cli-element cli-container-fluid cli-tab-container">
				<div class="cli-row">
					<div class="cli-col-12 cli-align-items-stretch cli-px-0">
						<div class="cli-tab-footer wt-cli-privacy-overview-actions">
							<a id="wt-cli-privacy-save-btn" role="button" tabindex="0" data-cli-action="accept" class="wt-cli-privacy-btn cli_setting_save_button wt-cli-privacy-accept-btn cli-btn">SAVE &amp; ACCEPT</a>
						</div>
					</div>
				</div>
			</div>
		</div>
	</div>
  </div>
</div>
<div class="cli-modal-backdrop cli-fade cli-settings-overlay"></div>
<div class="cli-modal-backdrop cli-fade cli-popupbar-overlay"></div>
<!--googleon: all-->
<a href="tel:+441174960123" id="callnowbutton" class="call-now-button cnb-zoom-100 cnb-zindex-10 cnb-single cnb-right cnb-displaymode cnb-displaymode-mobile-only" style="background-image:none;background-color:#00bb00;"><span>Call Now Button</span></a>

HTML;
}, 20);
